import { and, asc, eq, ne, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PlanKind, PlanStatus, PlansOverview, PlansOverviewQuery } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { planNodes, plans, territorialUnits } from '../../db/schema/index.ts';
import { czechSortKey } from '../../lib/czech-text.ts';
import { InvalidError } from '../../lib/errors.ts';
import { today } from '../../lib/validity.ts';
import { assertMay, unitScopeCondition } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { adoptedPlan } from './plans.access.ts';

/**
 * The region overview (docs/decisions/0402): territories with a community plan in force per
 * year, ORPs whose current community plan names no coordinator (or that have none), and how many
 * live activities carry a cost estimate and funding sources. Region-wide roles see the region;
 * a coordinator or municipality its own territory.
 */

const MAX_YEARS = 50;

const p = plans;
const u = territorialUnits;
const n = planNodes;

function yearsOf(query: PlansOverviewQuery): { yearFrom: number; yearTo: number } {
  const thisYear = Number(today().slice(0, 4));
  const yearTo = query.yearTo ?? Math.max(thisYear, query.yearFrom ?? thisYear);
  const yearFrom = query.yearFrom ?? yearTo - 9;
  if (yearTo < yearFrom)
    throw new InvalidError('The years run backwards.', [
      { in: 'query', pointer: '/yearTo', detail: `must be ${yearFrom} or later` },
    ]);
  if (yearTo - yearFrom >= MAX_YEARS)
    throw new InvalidError(`The overview spans at most ${MAX_YEARS} years.`, [
      { in: 'query', pointer: '/yearFrom', detail: `must be after ${yearTo - MAX_YEARS}` },
    ]);
  return { yearFrom, yearTo };
}

const overlaps = (yearFrom: number, yearTo: number) =>
  sql`${p.yearFrom} <= ${yearTo} and ${p.yearTo} >= ${yearFrom}`;

/** A community plan in force in its years: an approved version, a status after approval. */
const inForce = and(eq(p.kind, 'community'), adoptedPlan);

const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

export async function plansOverview(
  db: Db,
  principal: AuthPrincipal,
  query: PlansOverviewQuery,
): Promise<PlansOverview> {
  assertMay(principal, 'plans.read');
  const { yearFrom, yearTo } = yearsOf(query);
  const planScope = unitScopeCondition(principal, 'plans.read', p.territoryUnitId);
  const [inForcePlans, orps, currentPlans, costing] = await Promise.all([
    db
      .select({ id: p.id, unitId: p.territoryUnitId, kind: u.kind, from: p.yearFrom, to: p.yearTo })
      .from(p)
      .innerJoin(u, eq(u.id, p.territoryUnitId))
      .where(and(inForce, overlaps(yearFrom, yearTo), planScope)),
    db
      .select({ id: u.id, code: u.code, name: u.name })
      .from(u)
      .where(and(eq(u.kind, 'orp'), unitScopeCondition(principal, 'plans.read', u.id)))
      .orderBy(asc(u.code)),
    currentCommunityPlans(db, yearTo, planScope),
    costingByPlan(db, yearFrom, yearTo, planScope),
  ]);

  const years = Array.from({ length: yearTo - yearFrom + 1 }, (_, i) => {
    const year = yearFrom + i;
    const units = new Map<string, string>();
    let communityPlans = 0;
    for (const plan of inForcePlans)
      if (plan.from <= year && plan.to >= year) {
        units.set(plan.unitId, plan.kind);
        communityPlans++;
      }
    const ofKind = (kind: string) => [...units.values()].filter((k) => k === kind).length;
    return {
      year,
      territories: ofKind('orp') + ofKind('planning_area'),
      orps: ofKind('orp'),
      planningAreas: ofKind('planning_area'),
      municipalities: ofKind('municipality'),
      communityPlans,
    };
  });

  const currentOf = new Map<string, (typeof currentPlans)[number]>();
  for (const plan of currentPlans)
    if (!currentOf.has(plan.unitId)) currentOf.set(plan.unitId, plan);
  const coordinatorGaps = orps.flatMap((orp): PlansOverview['coordinatorGaps'] => {
    const plan = currentOf.get(orp.id);
    const territory = { id: orp.id, code: orp.code, name: orp.name };
    if (!plan) return [{ territory, gap: 'no_plan', plan: null }];
    if (plan.coordinatorUserId || plan.coordinatorName?.trim()) return [];
    return [
      {
        territory,
        gap: 'no_coordinator',
        plan: { id: plan.id, title: plan.title, status: plan.status as PlanStatus },
      },
    ];
  });

  const total = (key: 'activities' | 'withCost' | 'withFunding') =>
    costing.reduce((sum, row) => sum + row[key], 0);
  const [activities, withCost, withFunding] = [
    total('activities'),
    total('withCost'),
    total('withFunding'),
  ];
  return {
    yearFrom,
    yearTo,
    years,
    coordinatorGaps,
    costing: {
      activities,
      withCost,
      withFunding,
      costShare: share(withCost, activities),
      fundingShare: share(withFunding, activities),
      plans: costing.map((row) => ({
        plan: {
          id: row.id,
          title: row.title,
          kind: row.kind as PlanKind,
          yearFrom: row.yearFrom,
          yearTo: row.yearTo,
          territoryName: row.territoryName,
        },
        activities: row.activities,
        withCost: row.withCost,
        withFunding: row.withFunding,
        costShare: share(row.withCost, row.activities),
        fundingShare: share(row.withFunding, row.activities),
      })),
    },
  };
}

/**
 * Each ORP's community plans covering `year` (archived left out), the current one first: in
 * force before not yet approved, then the latest period, then the latest change.
 */
const currentCommunityPlans = (db: Db, year: number, scope: SQL | undefined) =>
  db
    .select({
      id: p.id,
      unitId: p.territoryUnitId,
      title: p.title,
      status: p.status,
      coordinatorUserId: p.coordinatorUserId,
      coordinatorName: p.coordinatorName,
    })
    .from(p)
    .innerJoin(u, eq(u.id, p.territoryUnitId))
    .where(
      and(
        eq(p.kind, 'community'),
        eq(u.kind, 'orp'),
        ne(p.status, 'archived'),
        sql`${p.yearFrom} <= ${year} and ${p.yearTo} >= ${year}`,
        scope,
      ),
    )
    .orderBy(
      asc(p.territoryUnitId),
      sql`case when ${inForce} then 0 else 1 end`,
      sql`${p.yearFrom} desc`,
      sql`${p.updatedAt} desc`,
      asc(p.id),
    );

/** An activity has a cost estimate (funding) when some year carries a positive amount. */
const hasPositive = (column: AnyColumn) =>
  sql`exists (select 1 from jsonb_array_elements(${column}) x where (x->>'amount')::bigint > 0)`;

/** Live activities per plan overlapping the years (archived plans left out), one query. */
const costingByPlan = (db: Db, yearFrom: number, yearTo: number, scope: SQL | undefined) =>
  db
    .select({
      id: p.id,
      title: p.title,
      kind: p.kind,
      yearFrom: p.yearFrom,
      yearTo: p.yearTo,
      territoryName: u.name,
      activities: sql<number>`count(${n.id})::int`,
      withCost: sql<number>`(count(${n.id}) filter (where ${hasPositive(n.costs)}))::int`,
      withFunding: sql<number>`(count(${n.id}) filter (where ${hasPositive(n.funding)}))::int`,
    })
    .from(p)
    .innerJoin(u, eq(u.id, p.territoryUnitId))
    .leftJoin(n, and(eq(n.planId, p.id), eq(n.level, 'activity'), sql`${n.deletedAt} is null`))
    .where(and(ne(p.status, 'archived'), overlaps(yearFrom, yearTo), scope))
    .groupBy(p.id, u.name)
    .orderBy(czechSortKey(u.name), asc(p.yearFrom), asc(p.title), asc(p.id));
