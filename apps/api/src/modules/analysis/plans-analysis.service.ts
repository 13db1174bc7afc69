import { sql, type SQL } from 'drizzle-orm';
import type { PlansAnalysis, PlansAnalysisQuery } from '@socplan/contracts';
import { ANALYSIS_ACTIVITY_STATUSES } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { assertMay, coveredUnitsSql, unitScopeCondition } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { formatMoney } from '../financing/money.ts';
import { adoptedPlan } from '../plans/plans.access.ts';
import { withoutJit } from './capacity.attribution.ts';
import { thisYear } from './needs.service.ts';

/**
 * Plans in force in a year (decision 0602): adopted plans (the same test as the plan list and
 * the region overview) whose period covers the year, in the caller's territory. Per plan and in
 * total: live measures and activities, activities by the status their report of the year gives
 * (the whole-year round, else the later half; only submitted or accepted reports count, a draft
 * is unfinished), planned spend (the activities' funding in the year) against actual spend (the
 * reports' spend) by funding source, and how many activities carry a cost estimate and funding
 * for the year. One statement; PostgreSQL builds the JSON.
 */

const REPORTED = sql`('submitted', 'accepted')`;

type Counts = { status: string; count: number }[];

/** Every status, zeros included, in the contract's order. */
const allStatuses = (counts: Counts | null): PlansAnalysis['activitiesByStatus'] => {
  const of = new Map((counts ?? []).map((c) => [c.status, c.count]));
  return ANALYSIS_ACTIVITY_STATUSES.map((status) => ({ status, count: of.get(status) ?? 0 }));
};

const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

export async function plansAnalysis(
  db: Db,
  principal: AuthPrincipal,
  query: PlansAnalysisQuery,
): Promise<PlansAnalysis> {
  assertMay(principal, 'analysis.read');
  const year = query.year ?? thisYear();
  const conditions: SQL[] = [
    adoptedPlan,
    sql`plans.year_from <= ${year} and plans.year_to >= ${year}`,
  ];
  const scope = unitScopeCondition(principal, 'analysis.read', sql`plans.territory_unit_id`);
  if (scope) conditions.push(scope);
  if (query.orpId)
    conditions.push(sql`plans.territory_unit_id in ${coveredUnitsSql([query.orpId])}`);
  const positiveIn = (column: SQL) =>
    sql`exists (select 1 from jsonb_array_elements(${column}) x
      where (x->>'year')::int = ${year} and (x->>'amount')::bigint > 0)`;

  const [row] = await withoutJit(db, (tx) =>
    queryRows<{ doc: unknown }>(
      tx,
      sql`with p as (
      select plans.id, plans.title, plans.kind, plans.status, plans.year_from, plans.year_to,
        plans.territory_unit_id
      from plans where ${sql.join(conditions, sql` and `)}
    ),
    nodes as (
      select n.id, n.plan_id, n.level, n.costs, n.funding
      from plan_nodes n join p on p.id = n.plan_id
      where n.deleted_at is null and n.level in ('measure', 'activity')
    ),
    reports as (
      select distinct on (r.node_id) r.node_id, r.status, r.spend
      from monitoring_reports r
      join monitoring_rounds mr on mr.id = r.round_id
      join nodes on nodes.id = r.node_id
      where mr.year = ${year} and r.review_status in ${REPORTED}
      order by r.node_id, mr.half desc nulls first
    ),
    activities as (
      select n.id, n.plan_id, coalesce(rep.status, 'not_reported') as status,
        ${positiveIn(sql`n.costs`)} as with_cost, ${positiveIn(sql`n.funding`)} as with_funding,
        n.funding, rep.spend
      from nodes n left join reports rep on rep.node_id = n.id
      where n.level = 'activity'
    ),
    planned as (
      select a.plan_id, f->>'source' as source, sum((f->>'amount')::bigint) as amount
      from activities a cross join lateral jsonb_array_elements(a.funding) f
      where (f->>'year')::int = ${year}
      group by grouping sets ((a.plan_id), (f->>'source'))
    ),
    actual as (
      select a.plan_id, s->>'source' as source, sum((s->>'amount')::bigint) as amount
      from activities a cross join lateral jsonb_array_elements(coalesce(a.spend, '[]'::jsonb)) s
      group by grouping sets ((a.plan_id), (s->>'source'))
    ),
    by_status as (
      select plan_id, status, count(*)::int as n from activities
      group by grouping sets ((plan_id, status), (status))
    )
    select json_build_object(
      'plans', coalesce((select json_agg(json_build_object(
          'id', p.id, 'title', p.title, 'kind', p.kind, 'status', p.status,
          'yearFrom', p.year_from, 'yearTo', p.year_to,
          'territory', json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'kind', u.kind),
          'measures', (select count(*)::int from nodes where nodes.plan_id = p.id and nodes.level = 'measure'),
          'activities', (select count(*)::int from activities a where a.plan_id = p.id),
          'byStatus', (select json_agg(json_build_object('status', b.status, 'count', b.n))
            from by_status b where b.plan_id = p.id),
          'planned', coalesce((select amount from planned where planned.plan_id = p.id and planned.source is null), 0)::text,
          'actual', coalesce((select amount from actual where actual.plan_id = p.id and actual.source is null), 0)::text)
          order by u.code, p.year_from, p.title)
        from p join territorial_units u on u.id = p.territory_unit_id), '[]'::json),
      'byStatus', (select json_agg(json_build_object('status', b.status, 'count', b.n))
        from by_status b where b.plan_id is null),
      'funding', coalesce((select json_agg(json_build_object('source', s.source,
          'planned', coalesce(pl.amount, 0)::text, 'actual', coalesce(ac.amount, 0)::text) order by s.source)
        from (select source from planned where plan_id is null
              union select source from actual where plan_id is null) s
        left join planned pl on pl.plan_id is null and pl.source = s.source
        left join actual ac on ac.plan_id is null and ac.source = s.source), '[]'::json),
      'measures', (select count(*)::int from nodes where level = 'measure'),
      'activities', (select count(*)::int from activities),
      'withCost', (select count(*)::int from activities where with_cost),
      'withFunding', (select count(*)::int from activities where with_funding)
    ) as doc`,
    ),
  );
  type Doc = {
    plans: (Omit<PlansAnalysis['plans'][number], 'byStatus'> & { byStatus: Counts | null })[];
    byStatus: Counts | null;
    funding: PlansAnalysis['funding'];
    measures: number;
    activities: number;
    withCost: number;
    withFunding: number;
  };
  const doc = (typeof row!.doc === 'string' ? JSON.parse(row!.doc) : row!.doc) as Doc;
  const money = (haler: string) => formatMoney(BigInt(haler));
  const plans = doc.plans.map((p) => ({
    ...p,
    byStatus: allStatuses(p.byStatus),
    planned: money(p.planned),
    actual: money(p.actual),
  }));
  const sum = (key: 'planned' | 'actual') =>
    doc.plans.reduce((total, p) => total + BigInt(p[key]), 0n);
  return {
    year,
    plans,
    activitiesByStatus: allStatuses(doc.byStatus),
    funding: doc.funding.map((f) => ({
      source: f.source,
      planned: money(f.planned),
      actual: money(f.actual),
    })),
    totals: {
      plans: plans.length,
      measures: doc.measures,
      activities: doc.activities,
      withCost: doc.withCost,
      withFunding: doc.withFunding,
      costShare: share(doc.withCost, doc.activities),
      fundingShare: share(doc.withFunding, doc.activities),
      planned: formatMoney(sum('planned')),
      actual: formatMoney(sum('actual')),
    },
  };
}
