import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlansOverview } from '@socplan/contracts';
import { planNodes, plans } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';
import { createPlan } from './plans.test-support.ts';

let ctx: TestContext;
let territory: DemoTerritory;
const orp = (code: string) => territory.orpIdsByCode.get(code)!;
const ids = {} as { liberec: string; jablonec: string; semily: string };

/**
 * A hand-made history, counted by hand below:
 * - KP Liberec 2010–2012, approved and expired, coordinator named; 3 live activities (cost and
 *   funding / cost only / neither) and a deleted one;
 * - KP Jablonec 2012–2014 in force, no coordinator; one activity funded but costed at 0;
 * - KP Semily 2011–2013 a draft (never approved), no coordinator; an archived KP Semily
 *   2011–2012 with a coordinator (approved once: in force in its years as history, but no
 *   longer anyone's current plan);
 * - KP of the planning area Tanvaldsko 2011, approved; KP of the town Liberec 2012, in force;
 * - the regional plan 2011–2013 (not a community plan).
 */
beforeAll(async () => {
  ctx = await createTestApp();
  territory = await seedTerritory(ctx);
  const db = ctx.app.db;
  const approved = { status: 'approved' as const, approvedVersion: 1 };
  ids.liberec = await createPlan(db, {
    territoryUnitId: orp('5105'),
    yearFrom: 2010,
    yearTo: 2012,
    status: 'expired',
    approvedVersion: 1,
  });
  await db.update(plans).set({ coordinatorName: 'Jana Nováková' }).where(eq(plans.id, ids.liberec));
  ids.jablonec = await createPlan(db, {
    territoryUnitId: orp('5103'),
    yearFrom: 2012,
    yearTo: 2014,
    status: 'in_force',
    approvedVersion: 1,
  });
  ids.semily = await createPlan(db, { territoryUnitId: orp('5107'), yearFrom: 2011, yearTo: 2013 });
  const archived = await createPlan(db, {
    territoryUnitId: orp('5107'),
    yearFrom: 2011,
    yearTo: 2012,
    status: 'archived',
    approvedVersion: 1,
  });
  await db.update(plans).set({ coordinatorName: 'Petr Starý' }).where(eq(plans.id, archived));
  await createPlan(db, {
    territoryUnitId: territory.planningAreaIdsByCode.get('DEMO-TANVALDSKO')!,
    yearFrom: 2011,
    yearTo: 2011,
    ...approved,
  });
  await createPlan(db, {
    territoryUnitId: territory.municipalityIdsByCode.get('563889')!,
    yearFrom: 2012,
    yearTo: 2012,
    status: 'in_force',
    approvedVersion: 1,
  });
  await createPlan(db, {
    territoryUnitId: territory.regionId,
    kind: 'regional',
    yearFrom: 2011,
    yearTo: 2013,
    ...approved,
  });

  const activity = (
    planId: string,
    code: string,
    costs: number[],
    funding: number[],
    deleted = false,
  ) => ({
    planId,
    level: 'activity',
    code,
    position: Number(code.split('.').at(-1)),
    title: `Aktivita ${code}`,
    costs: costs.map((amount) => ({ year: 2012, amount })),
    funding: funding.map((amount) => ({ source: 'mpsv', year: 2012, amount })),
    deletedAt: deleted ? new Date() : null,
  });
  await db
    .insert(planNodes)
    .values([
      activity(ids.liberec, '1.1.1', [100_000_00], [50_000_00]),
      activity(ids.liberec, '1.1.2', [20_000_00], []),
      activity(ids.liberec, '1.1.3', [], []),
      activity(ids.liberec, '1.1.4', [5_00], [5_00], true),
      activity(ids.jablonec, '1.1.1', [0], [10_000_00]),
      { ...activity(ids.semily, '1', [7_00], [7_00]), level: 'measure' },
    ]);
});
afterAll(() => ctx.close());

const overview = async (headers: Record<string, string>, query = 'yearFrom=2010&yearTo=2012') => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/plans/overview?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PlansOverview;
};

describe('region overview', () => {
  it('counts territories with a community plan in force per year, municipalities apart', async () => {
    const result = await overview(auth(ctx, 'region_staff'));
    expect(result.years).toEqual([
      {
        year: 2010,
        territories: 1,
        orps: 1,
        planningAreas: 0,
        municipalities: 0,
        communityPlans: 1,
      },
      {
        year: 2011,
        territories: 3,
        orps: 2,
        planningAreas: 1,
        municipalities: 0,
        communityPlans: 3,
      },
      {
        year: 2012,
        territories: 3,
        orps: 3,
        planningAreas: 0,
        municipalities: 1,
        communityPlans: 4,
      },
    ]);
  });

  it('lists ORPs whose current community plan names no coordinator, or that have none', async () => {
    const result = await overview(auth(ctx, 'analyst'));
    const gaps = new Map(result.coordinatorGaps.map((g) => [g.territory.code, g]));
    expect(result.coordinatorGaps).toHaveLength(9); // every ORP but Liberec
    expect(gaps.has('5105')).toBe(false);
    expect(gaps.get('5103')).toMatchObject({ gap: 'no_coordinator', plan: { id: ids.jablonec } });
    // The draft is Semily's current plan: the archived one, coordinator and all, is not.
    expect(gaps.get('5107')).toMatchObject({ gap: 'no_coordinator', plan: { id: ids.semily } });
    expect(gaps.get('5101')).toMatchObject({ gap: 'no_plan', plan: null });
    // In 2015 Liberec has no plan any more.
    const later = await overview(auth(ctx, 'analyst'), 'yearFrom=2015&yearTo=2015');
    expect(later.coordinatorGaps.find((g) => g.territory.code === '5105')?.gap).toBe('no_plan');
    expect(later.years).toEqual([
      {
        year: 2015,
        territories: 0,
        orps: 0,
        planningAreas: 0,
        municipalities: 0,
        communityPlans: 0,
      },
    ]);
  });

  it('gives the share of live activities with a cost estimate and with funding', async () => {
    const { costing } = await overview(auth(ctx, 'region_admin'));
    expect(costing).toMatchObject({
      activities: 4,
      withCost: 2,
      withFunding: 2,
      costShare: 0.5,
      fundingShare: 0.5,
    });
    // Archived plans are left out; plans without activities have no share.
    expect(costing.plans).toHaveLength(6);
    const of = (id: string) => costing.plans.find((p) => p.plan.id === id);
    expect(of(ids.liberec)).toMatchObject({
      activities: 3,
      withCost: 2,
      withFunding: 1,
      costShare: 0.6667,
      fundingShare: 0.3333,
    });
    expect(of(ids.jablonec)).toMatchObject({ activities: 1, withCost: 0, withFunding: 1 });
    expect(of(ids.semily)).toMatchObject({ activities: 0, costShare: null, fundingShare: null });
  });

  it('shows a coordinator its own territory only, and refuses backward years', async () => {
    const result = await overview(auth(ctx, 'coordinator', orp('5105')));
    expect(result.years.map((y) => [y.orps, y.planningAreas, y.municipalities])).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [1, 0, 1],
    ]);
    expect(result.coordinatorGaps).toEqual([]);
    expect(result.costing.activities).toBe(3);
    expect(result.costing.plans.map((p) => p.plan.id)).toContain(ids.liberec);
    expect(result.costing.plans.map((p) => p.plan.id)).not.toContain(ids.jablonec);

    const backwards = await ctx.app.inject({
      method: 'GET',
      url: '/api/plans/overview?yearFrom=2012&yearTo=2010',
      headers: auth(ctx, 'region_staff'),
    });
    expect(backwards.statusCode).toBe(400);
    const provider = await ctx.app.inject({
      method: 'GET',
      url: '/api/plans/overview',
      headers: auth(ctx, 'provider'),
    });
    expect(provider.statusCode).toBe(403);
  });
});
