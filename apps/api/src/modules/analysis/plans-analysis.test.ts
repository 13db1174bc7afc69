import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlansAnalysis } from '@socplan/contracts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import {
  createAnalysisWorld,
  createPlansData,
  type AnalysisWorld,
} from './analysis.test-support.ts';

let ctx: TestContext;
let world: AnalysisWorld;
let plans: Awaited<ReturnType<typeof createPlansData>>;

beforeAll(async () => {
  ctx = await createTestApp();
  world = await createAnalysisWorld(ctx.app.db);
  plans = await createPlansData(ctx.app.db, world);
});
afterAll(() => ctx.close());

const analysis = async (query: string, headers = auth(ctx, 'region_staff')) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/analysis/plans?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PlansAnalysis>();
};
const counts = (list: { status: string; count: number }[]) =>
  Object.fromEntries(list.filter((s) => s.count > 0).map((s) => [s.status, s.count]));

describe('plans in force, activities by status, planned vs actual spend', () => {
  it('counts the plans in force in the year with their activities, statuses and spend', async () => {
    const doc = await analysis('year=2025');
    expect(doc.plans.map((p) => p.id)).toEqual([plans.community, plans.regional]);
    const [community, regional] = doc.plans;
    expect(community).toMatchObject({
      measures: 2,
      activities: 3,
      planned: '1200.00',
      actual: '600.00',
    });
    expect(counts(community!.byStatus)).toEqual({ done: 1, in_progress: 1, not_reported: 1 });
    expect(regional).toMatchObject({
      measures: 1,
      activities: 1,
      planned: '300.00',
      actual: '0.00',
    });
    expect(counts(doc.activitiesByStatus)).toEqual({
      done: 1,
      in_progress: 1,
      not_reported: 1,
      not_started: 1,
    });
    expect(doc.funding).toEqual([
      { source: 'municipalities', planned: '200.00', actual: '0.00' },
      { source: 'region', planned: '900.00', actual: '500.00' },
      { source: 'state', planned: '400.00', actual: '100.00' },
    ]);
    // cost estimate for 2025: activities 1 and 5 of 4; funding for 2025: 1, 3 and 5
    expect(doc.totals).toEqual({
      plans: 2,
      measures: 3,
      activities: 4,
      withCost: 2,
      withFunding: 3,
      costShare: 0.5,
      fundingShare: 0.75,
      planned: '1500.00',
      actual: '600.00',
    });
  });

  it('narrows to an ORP, and shows a coordinator the plans of its own territory', async () => {
    expect((await analysis(`year=2025&orpId=${world.orpA}`)).plans.map((p) => p.id)).toEqual([
      plans.community,
    ]);
    const coordinator = await analysis('year=2025', auth(ctx, 'coordinator', world.orpA));
    expect(coordinator.plans.map((p) => p.id)).toEqual([plans.community]);
    expect(coordinator.totals.planned).toBe('1200.00');
    const other = await analysis('year=2025', auth(ctx, 'coordinator', world.orpB));
    expect(other.plans).toEqual([]);
    expect(other.totals).toMatchObject({ activities: 0, costShare: null, planned: '0.00' });
  });

  it('has no plan in force in a year outside every period; refuses a bad year', async () => {
    expect((await analysis('year=2030')).plans).toEqual([]);
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/analysis/plans?year=1999',
      headers: auth(ctx, 'analyst'),
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain('/year');
  });
});
