import { sql, type SQL } from 'drizzle-orm';
import type {
  Completeness,
  CompletenessQuery,
  CompletenessRespondent,
  SubmissionStatus,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { excelCsv } from '../../lib/excel-csv.ts';
import { notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { submissionScopeCondition } from './collection.access.ts';
import { campaignVisibility } from './campaigns.service.ts';

/**
 * Completeness of a campaign in two statements: the counts (totals and per ORP, one GROUPING
 * SETS aggregate) and the respondents. Everything is within the caller's scope; `orpId`
 * narrows both, `status` and `missing` only the respondents (the counts stay the whole
 * picture the progress bars need).
 *
 * received = submitted at least once; on time = first submitted before the end of the
 * deadline day in Prague; started = some values stored.
 */

interface CountsRow {
  orp_id: string | null;
  orp_code: string | null;
  orp_name: string | null;
  is_total: boolean;
  expected: number;
  received: number;
  on_time: number;
  approved: number;
  returned: number;
  missing: number;
  started: number;
}

interface RespondentRow {
  submission_id: string;
  code: string;
  name: string;
  orp_id: string | null;
  orp_name: string | null;
  status: SubmissionStatus;
  started: boolean;
  first_submitted_at: Date | string | null;
  on_time: boolean | null;
  approved_at: Date | string | null;
  reminders: number;
}

const iso = (value: Date | string | null) =>
  value === null ? null : new Date(value).toISOString();

/** The campaign's deadline, when the principal sees the campaign (404 otherwise). */
async function visibleDeadline(db: Db, principal: AuthPrincipal, id: string): Promise<string> {
  const visible = campaignVisibility(principal);
  const [row] = await queryRows<{ deadline: string }>(
    db,
    sql`select to_char(deadline, 'YYYY-MM-DD') as deadline from campaigns
      where campaigns.id = ${id}${visible ? sql` and ${visible}` : sql``}`,
  );
  return notFoundUnless(row).deadline;
}

/** The submissions of the campaign the principal reaches, with the computed flags. */
function scopedSubmissions(
  principal: AuthPrincipal,
  campaignId: string,
  deadline: string,
  orpId: string | undefined,
): SQL {
  const scope = submissionScopeCondition(principal, 'collection.read');
  return sql`(select submissions.*,
      submissions.first_submitted_at is not null as received,
      submissions.first_submitted_at
        < ((${deadline}::date + 1)::timestamp at time zone 'Europe/Prague') as on_time
    from submissions
    where submissions.campaign_id = ${campaignId}${scope ? sql` and ${scope}` : sql``}${
      orpId ? sql` and submissions.orp_id = ${orpId}` : sql``
    })`;
}

const toCounts = (r: CountsRow) => {
  const received = Number(r.received);
  const onTime = Number(r.on_time);
  return {
    expected: Number(r.expected),
    received,
    onTime,
    late: received - onTime,
    approved: Number(r.approved),
    returned: Number(r.returned),
    missing: Number(r.missing),
    started: Number(r.started),
  };
};

export async function campaignCompleteness(
  db: Db,
  principal: AuthPrincipal,
  campaignId: string,
  query: CompletenessQuery,
): Promise<Completeness> {
  const deadline = await visibleDeadline(db, principal, campaignId);
  const subs = scopedSubmissions(principal, campaignId, deadline, query.orpId);
  const [counts, respondents] = await Promise.all([
    queryRows<CountsRow>(
      db,
      sql`select s.orp_id, max(o.code) as orp_code, max(o.name) as orp_name,
          grouping(s.orp_id) = 1 as is_total,
          count(*)::int as expected,
          count(*) filter (where s.received)::int as received,
          count(*) filter (where s.on_time)::int as on_time,
          count(*) filter (where s.status = 'approved')::int as approved,
          count(*) filter (where s.status = 'returned')::int as returned,
          count(*) filter (where not s.received)::int as missing,
          count(*) filter (where not s.received and s.value_count > 0)::int as started
        from ${subs} s
        left join territorial_units o on o.id = s.orp_id
        group by grouping sets ((s.orp_id), ())
        order by grouping(s.orp_id), max(o.name) nulls last`,
    ),
    respondentRows(db, subs, campaignId, query),
  ]);
  const total = counts.find((r) => r.is_total);
  const empty = { expected: 0, received: 0, onTime: 0, late: 0, approved: 0, returned: 0 };
  return {
    campaignId,
    deadline,
    totals: total ? toCounts(total) : { ...empty, missing: 0, started: 0 },
    byOrp: counts
      .filter((r) => !r.is_total)
      .map((r) => ({ orpId: r.orp_id, orpCode: r.orp_code, orpName: r.orp_name, ...toCounts(r) })),
    respondents,
  };
}

async function respondentRows(
  db: Db,
  subs: SQL,
  campaignId: string,
  query: Pick<CompletenessQuery, 'status' | 'missing'>,
): Promise<CompletenessRespondent[]> {
  const filters: SQL[] = [];
  if (query.status) filters.push(sql`s.status = ${query.status}`);
  if (query.missing) filters.push(sql`not s.received`);
  const rows = await queryRows<RespondentRow>(
    db,
    sql`select s.id as submission_id, s.respondent_code as code, s.respondent_name as name,
        s.orp_id, o.name as orp_name, s.status, s.value_count > 0 as started,
        s.first_submitted_at, case when s.received then s.on_time end as on_time, s.approved_at,
        coalesce(r.n, 0)::int as reminders
      from ${subs} s
      left join territorial_units o on o.id = s.orp_id
      left join (select submission_id, count(*) as n from campaign_reminders
        where campaign_id = ${campaignId} group by submission_id) r on r.submission_id = s.id
      ${filters.length ? sql`where ${sql.join(filters, sql` and `)}` : sql``}
      order by o.name nulls last, s.respondent_name, s.respondent_code`,
  );
  return rows.map((r) => ({
    submissionId: r.submission_id,
    code: r.code,
    name: r.name,
    orpId: r.orp_id,
    orpName: r.orp_name,
    status: r.status,
    started: r.started,
    firstSubmittedAt: iso(r.first_submitted_at),
    onTime: r.on_time,
    approvedAt: iso(r.approved_at),
    remindersSent: Number(r.reminders),
  }));
}

/** Who has not submitted yet (within the caller's scope), for the list and its CSV. */
export async function missingRespondents(
  db: Db,
  principal: AuthPrincipal,
  campaignId: string,
  orpId?: string,
): Promise<CompletenessRespondent[]> {
  const deadline = await visibleDeadline(db, principal, campaignId);
  return respondentRows(db, scopedSubmissions(principal, campaignId, deadline, orpId), campaignId, {
    missing: true,
  });
}

const STATUS_CS: Record<SubmissionStatus, string> = {
  draft: 'neodesláno',
  submitted: 'odesláno',
  returned: 'vráceno k opravě',
  resubmitted: 'znovu odesláno',
  approved: 'schváleno',
};

/** The missing list as CSV for Czech Excel (see excelCsv). */
export function missingCsv(rows: readonly CompletenessRespondent[]): string {
  return excelCsv([
    ['kód', 'název', 'ORP', 'stav', 'rozpracováno', 'upomínek'],
    ...rows.map((r) => [
      r.code,
      r.name,
      r.orpName ?? '',
      STATUS_CS[r.status],
      r.started ? 'ano' : 'ne',
      r.remindersSent,
    ]),
  ]);
}
