import { sql, type SQL } from 'drizzle-orm';
import type {
  Completeness,
  CompletenessQuery,
  CompletenessRespondent,
  SubmissionStatus,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { excelCsv } from '../../lib/excel-csv.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { submissionScopeCondition } from './collection.access.ts';
import { campaignVisibility } from './campaigns.service.ts';

/**
 * Completeness of a campaign as ONE statement that answers the finished JSON document: the
 * campaign (visible to the caller, else no row → 404), its submissions in the caller's scope,
 * the counts (totals and per ORP in one GROUPING SETS aggregate) and the respondents with
 * their reminder counts. PostgreSQL builds the JSON, so a campaign of 1,000 respondents costs
 * the API one text value to pass on (no row parsing, no serialising): see decision 0502.
 *
 * received = submitted at least once; on time = first submitted before the end of the
 * deadline day in Prague; started = some values stored. `orpId` narrows everything, `status`
 * and `missing` only the respondents (the counts stay the picture the progress bars need).
 */

/**
 * Whether a submission (`submissions`) first came in before the end of its campaign's (`c`)
 * deadline day in Prague: the one rule of "on time", also used by the analysis.
 */
export const onTimeSql = sql`coalesce(submissions.first_submitted_at
  < ((c.deadline + 1)::timestamp at time zone 'Europe/Prague'), false)`;

/** A timestamptz as the API writes timestamps (`toISOString()`). */
const isoSql = (column: SQL) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The count properties of CompletenessSchema from a row of `counts`. */
const countsPairs = sql`'expected', k.expected, 'received', k.received, 'onTime', k.on_time,
  'late', k.received - k.on_time, 'approved', k.approved, 'returned', k.returned,
  'missing', k.missing, 'started', k.started`;

function completenessSql(
  principal: AuthPrincipal,
  campaignId: string,
  query: CompletenessQuery,
): SQL {
  const visible = campaignVisibility(principal);
  const scope = submissionScopeCondition(principal, 'collection.read');
  const narrow: SQL[] = [];
  if (scope) narrow.push(scope);
  if (query.orpId) narrow.push(sql`submissions.orp_id = ${query.orpId}`);
  const only: SQL[] = [];
  if (query.status) only.push(sql`s.status = ${query.status}`);
  if (query.missing) only.push(sql`not s.received`);
  const where = (conditions: SQL[]) =>
    conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  return sql`with c as (
      select campaigns.id, campaigns.deadline from campaigns
      where campaigns.id = ${campaignId}${visible ? sql` and ${visible}` : sql``}
    ),
    s as (
      select submissions.id, submissions.respondent_code, submissions.respondent_name,
        submissions.orp_id, submissions.status, submissions.value_count,
        submissions.first_submitted_at, submissions.approved_at,
        submissions.first_submitted_at is not null as received,
        ${onTimeSql} as on_time
      from submissions join c on c.id = submissions.campaign_id
      ${where(narrow)}
    ),
    counts as (
      select s.orp_id, grouping(s.orp_id) = 1 as is_total,
        count(*)::int as expected,
        count(*) filter (where s.received)::int as received,
        count(*) filter (where s.on_time)::int as on_time,
        count(*) filter (where s.status = 'approved')::int as approved,
        count(*) filter (where s.status = 'returned')::int as returned,
        count(*) filter (where not s.received)::int as missing,
        count(*) filter (where not s.received and s.value_count > 0)::int as started
      from s group by grouping sets ((s.orp_id), ())
    ),
    reminders as (
      select submission_id, count(*)::int as n from campaign_reminders
      where campaign_id = ${campaignId} group by submission_id
    )
    select json_build_object(
      'campaignId', c.id,
      'deadline', to_char(c.deadline, 'YYYY-MM-DD'),
      'totals', (select json_build_object(${countsPairs}) from counts k where k.is_total),
      'byOrp', coalesce((
        select json_agg(json_build_object('orpId', k.orp_id, 'orpCode', o.code,
            'orpName', o.name, ${countsPairs}) order by o.name nulls last, k.orp_id)
        from counts k left join territorial_units o on o.id = k.orp_id
        where not k.is_total), '[]'::json),
      'respondents', coalesce((
        select json_agg(json_build_object(
            'submissionId', s.id, 'code', s.respondent_code, 'name', s.respondent_name,
            'orpId', s.orp_id, 'orpName', o.name, 'status', s.status,
            'started', s.value_count > 0,
            'firstSubmittedAt', ${isoSql(sql`s.first_submitted_at`)},
            'onTime', case when s.received then s.on_time end,
            'approvedAt', ${isoSql(sql`s.approved_at`)},
            'remindersSent', coalesce(r.n, 0))
          order by o.name nulls last, s.respondent_name, s.respondent_code)
        from s left join territorial_units o on o.id = s.orp_id
        left join reminders r on r.submission_id = s.id
        ${where(only)}), '[]'::json)
    )::text as doc
    from c`;
}

/** The Completeness document as JSON text (404 when the campaign is not visible). */
export async function completenessJson(
  db: Db,
  principal: AuthPrincipal,
  campaignId: string,
  query: CompletenessQuery,
): Promise<string> {
  const [row] = await queryRows<{ doc: string }>(db, completenessSql(principal, campaignId, query));
  if (!row) throw new NotFoundError();
  return row.doc;
}

export async function campaignCompleteness(
  db: Db,
  principal: AuthPrincipal,
  campaignId: string,
  query: CompletenessQuery,
): Promise<Completeness> {
  return JSON.parse(await completenessJson(db, principal, campaignId, query)) as Completeness;
}

/** Who has not submitted yet (within the caller's scope), for the list and its CSV. */
export async function missingRespondents(
  db: Db,
  principal: AuthPrincipal,
  campaignId: string,
  orpId?: string,
): Promise<CompletenessRespondent[]> {
  const completeness = await campaignCompleteness(db, principal, campaignId, {
    missing: true,
    ...(orpId ? { orpId } : {}),
  });
  return completeness.respondents;
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
