import { sql, type SQL } from 'drizzle-orm';
import type { CollectionAnalysis, CollectionAnalysisQuery } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { assertMay } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { submissionScopeCondition } from '../collection/collection.access.ts';
import { onTimeSql } from '../collection/completeness.service.ts';
import { thisYear } from './needs.service.ts';

/**
 * Completeness and timeliness of the year's campaigns by ORP (decision 0602): the counts of a
 * campaign's completeness (decision 0502: received = submitted at least once, on time = first
 * submitted before the end of the deadline day in Prague) for every campaign of the year at
 * once, in one GROUPING SETS aggregate. Scoped like the campaign's own completeness; a
 * coordinator sees only campaigns with respondents in its territory.
 */

type Counts = {
  expected: number;
  received: number;
  onTime: number;
  approved: number;
};

const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** The derived figures of the contract from the counted ones. */
const withShares = <T extends Counts>(k: T) => ({
  ...k,
  late: k.received - k.onTime,
  missing: k.expected - k.received,
  completeness: share(k.received, k.expected),
  timeliness: share(k.onTime, k.expected),
});

const countsPairs = sql`'expected', k.expected, 'received', k.received, 'onTime', k.on_time,
  'approved', k.approved`;

export async function collectionAnalysis(
  db: Db,
  principal: AuthPrincipal,
  query: CollectionAnalysisQuery,
): Promise<CollectionAnalysis> {
  assertMay(principal, 'analysis.read');
  const year = query.year ?? thisYear();
  const scope = submissionScopeCondition(principal, 'analysis.read');
  const where: SQL = scope ? sql`and ${scope}` : sql``;
  const [row] = await queryRows<{ doc: unknown }>(
    db,
    sql`with c as (
      select campaigns.id, campaigns.name, campaigns.period, campaigns.period_kind,
        campaigns.status, campaigns.deadline, f.respondent_kind
      from campaigns join forms f on f.id = campaigns.form_id
      where campaigns.year = ${year} and campaigns.status <> 'draft'
    ),
    s as (
      select submissions.campaign_id, submissions.orp_id, submissions.status,
        submissions.first_submitted_at is not null as received,
        ${onTimeSql} as on_time
      from submissions join c on c.id = submissions.campaign_id
      where true ${where}
    ),
    k as (
      select s.campaign_id, s.orp_id, grouping(s.orp_id) = 1 as is_total,
        count(*)::int as expected,
        count(*) filter (where s.received)::int as received,
        count(*) filter (where s.on_time)::int as on_time,
        count(*) filter (where s.status = 'approved')::int as approved
      from s group by grouping sets ((s.campaign_id, s.orp_id), (s.campaign_id))
    )
    select coalesce(json_agg(json_build_object(
        'id', c.id, 'name', c.name, 'period', c.period, 'periodKind', c.period_kind,
        'status', c.status, 'respondentKind', c.respondent_kind,
        'deadline', to_char(c.deadline, 'YYYY-MM-DD'),
        'totals', coalesce((select json_build_object(${countsPairs}) from k
          where k.campaign_id = c.id and k.is_total),
          json_build_object('expected', 0, 'received', 0, 'onTime', 0, 'approved', 0)),
        'byOrp', coalesce((select json_agg(json_build_object('orpId', k.orp_id, 'orpCode', o.code,
            'orpName', o.name, ${countsPairs}) order by o.code nulls last)
          from k left join territorial_units o on o.id = k.orp_id
          where k.campaign_id = c.id and not k.is_total), '[]'::json))
      order by c.deadline, c.name), '[]'::json) as doc
    from c
    ${scope ? sql`where exists (select 1 from k where k.campaign_id = c.id)` : sql``}`,
  );
  type Doc = (Omit<CollectionAnalysis['campaigns'][number], 'totals' | 'byOrp'> & {
    totals: Counts;
    byOrp: (Counts & { orpId: string | null; orpCode: string | null; orpName: string | null })[];
  })[];
  const doc = (typeof row!.doc === 'string' ? JSON.parse(row!.doc) : row!.doc) as Doc;
  return {
    year,
    campaigns: doc.map((c) => ({
      ...c,
      totals: withShares(c.totals),
      byOrp: c.byOrp.map(withShares),
    })),
  };
}
