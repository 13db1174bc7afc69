/**
 * The review screen's comparison: each value of a submission beside the respondent's approved
 * value of the previous period and the median of its peers, with outliers flagged. Three
 * queries whatever the form's size: the previous submission, the values of both, and the
 * peers' medians and spreads aggregated in SQL.
 */
import { sql } from 'drizzle-orm';
import type { FormDefinition, OutlierReason, SubmissionComparison } from '@socplan/contracts';
import type { Scalar } from '@socplan/form-rules';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { arrayParam, loadFlatValues } from './submission-values.ts';
import { findVisibleSubmission } from './submissions.service.ts';

const NUMERIC = new Set(['integer', 'decimal', 'money', 'percent']);

/** 'history': the value moved by more than this share of the previous one… */
export const HISTORY_CHANGE = 0.5;
/** …and by at least this much (3 → 5 people is not news). */
export const HISTORY_FLOOR = 5;
/** 'peers': robust z-score (median and MAD) beyond this, with at least PEER_MIN peers. */
export const PEER_Z = 3.5;
export const PEER_MIN = 5;

/** The value keys of a definition in form order, and which are numeric. */
function layout(definition: FormDefinition) {
  const order: { field: string; table: boolean; numeric: boolean }[] = [];
  for (const f of definition.sections.flatMap((s) => s.fields)) {
    if (f.type !== 'table')
      order.push({ field: f.code, table: false, numeric: NUMERIC.has(f.type) });
    else
      for (const c of f.columns ?? [])
        order.push({ field: `${f.code}.${c.code}`, table: true, numeric: NUMERIC.has(c.type) });
  }
  return order;
}

/** Robust z-score (Iglewicz–Hoaglin); a zero MAD falls back to the mean absolute deviation. */
export function robustZ(x: number, median: number, mad: number, meanAd: number): number | null {
  if (mad > 0) return (0.6745 * (x - median)) / mad;
  if (meanAd > 0) return (x - median) / (1.253314 * meanAd);
  return null;
}

export function historyOutlier(value: number, previous: number): boolean {
  const change = Math.abs(value - previous);
  return change >= HISTORY_FLOOR && change > HISTORY_CHANGE * Math.abs(previous);
}

export async function compareSubmission(
  db: Db,
  principal: AuthPrincipal,
  id: string,
): Promise<SubmissionComparison> {
  const found = await findVisibleSubmission(db, principal, id);
  const s = found.submission;
  const c = found.campaign;
  const [previous] = await queryRows<{
    submission_id: string;
    campaign_id: string;
    period: string;
  }>(
    db,
    sql`select s.id as submission_id, c.id as campaign_id, c.period
        from submissions s join campaigns c on c.id = s.campaign_id
        where c.form_id = ${c.formId} and c.period_kind = ${c.periodKind} and c.period < ${c.period}
          and s.respondent_code = ${s.respondentCode} and s.status = 'approved'
        order by c.period desc limit 1`,
  );
  const values = await loadFlatValues(db, previous ? [s.id, previous.submission_id] : [s.id]);
  const current = values.get(s.id) ?? [];
  const before = previous ? (values.get(previous.submission_id) ?? []) : [];
  const keyOf = (v: { field: string; row: string }) => `${v.field}\u0000${v.row}`;
  const now = new Map(current.map((v) => [keyOf(v), v.value]));
  const then = new Map(before.map((v) => [keyOf(v), v.value]));

  const fields = layout(found.definition);
  const numericFields = fields.filter((f) => f.numeric).map((f) => f.field);
  // Peers: the campaign's other respondents that have submitted (drafts are half-filled), of the
  // same service type for services.
  const peerWhere = sql`p.campaign_id = ${s.campaignId} and p.id <> ${s.id}
    and p.first_submitted_at is not null
    ${s.respondentKind === 'service' ? sql`and p.service_type is not distinct from ${s.serviceType}` : sql``}`;
  const [counted] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from submissions p where ${peerWhere}`,
  );
  const stats = numericFields.length
    ? await queryRows<{
        field: string;
        row: string;
        n: number;
        median: number;
        mad: number;
        mean_ad: number;
      }>(
        db,
        sql`with x as (
              select v.field, v.row, (v.value #>> '{}')::float8 as x
              from submission_values v join submissions p on p.id = v.submission_id
              where ${peerWhere} and jsonb_typeof(v.value) = 'number'
                and v.field = any(${arrayParam(numericFields, 'text')})
            ), m as (
              select field, row, count(*)::int as n,
                     percentile_cont(0.5) within group (order by x) as median
              from x group by field, row
            )
            select m.field, m.row, m.n, m.median,
                   percentile_cont(0.5) within group (order by abs(x.x - m.median)) as mad,
                   avg(abs(x.x - m.median))::float8 as mean_ad
            from m join x on x.field = m.field and x.row = m.row
            group by m.field, m.row, m.n, m.median`,
      )
    : [];
  const peer = new Map(stats.map((r) => [keyOf(r), r]));

  const rowsOf = (field: string) =>
    [...new Set([...current, ...before].filter((v) => v.field === field).map((v) => v.row))].sort(
      (a, b) => a.localeCompare(b, 'cs', { numeric: true }),
    );
  const result: SubmissionComparison['fields'] = [];
  for (const f of fields) {
    for (const row of f.table ? rowsOf(f.field) : ['']) {
      const key = keyOf({ field: f.field, row });
      const value = now.get(key) ?? null;
      const prev = then.get(key) ?? null;
      if (value === null && prev === null) continue;
      const stat = f.numeric ? peer.get(key) : undefined;
      const outlier: OutlierReason[] = [];
      if (f.numeric && typeof value === 'number') {
        if (typeof prev === 'number' && historyOutlier(value, prev)) outlier.push('history');
        if (stat && stat.n >= PEER_MIN) {
          const z = robustZ(value, Number(stat.median), Number(stat.mad), Number(stat.mean_ad));
          if (z !== null && Math.abs(z) > PEER_Z) outlier.push('peers');
        }
      }
      result.push({
        field: f.field,
        row: f.table ? row : null,
        value: value as Scalar | null,
        previous: prev as Scalar | null,
        peerMedian: stat ? Number(stat.median) : null,
        outlier,
      });
    }
  }
  return {
    previous: previous
      ? {
          submissionId: previous.submission_id,
          campaignId: previous.campaign_id,
          period: previous.period,
        }
      : null,
    peerCount: counted?.n ?? 0,
    fields: result,
  };
}
