import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '@socplan/contracts';
import { capacityTargets } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import {
  createAnalysisWorld,
  createNeedsData,
  createPlansData,
  type AnalysisWorld,
} from './analysis.test-support.ts';

let ctx: TestContext;
let world: AnalysisWorld;

beforeAll(async () => {
  ctx = await createTestApp();
  world = await createAnalysisWorld(ctx.app.db);
  await createNeedsData(ctx.app.db, world);
  await createPlansData(ctx.app.db, world);
  await ctx.app.db
    .insert(capacityTargets)
    .values({ typeCode: '49', formCode: 'pob', unit: 'luzka', perThousand: '4' });
});
afterAll(() => ctx.close());

const dashboard = async (query: string, headers = auth(ctx, 'region_staff')) => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/analysis/dashboard?${query}`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Dashboard>();
};

describe('the dashboard at a glance', () => {
  it('puts the figures of every analysis side by side per ORP', async () => {
    const doc = await dashboard('asOf=2025-06-01');
    expect(doc.year).toBe(2025);
    expect(doc.orps).toEqual([
      {
        orpId: world.orpA,
        orpCode: expect.any(String),
        orpName: expect.any(String),
        population: 10_000,
        services: 2, // the home and the split home
        gapMoney: '0.00', // 55 beds for 40 wanted
        needed: 23, // 12 + 8 of type 49, 3 of type 48
        plansInForce: 1,
        completeness: 1, // both statements and both reports received
      },
      {
        orpId: world.orpB,
        orpCode: expect.any(String),
        orpName: expect.any(String),
        population: 20_000,
        services: 2, // the split home and the field service
        gapMoney: '39802468.55', // 65 beds × 612,345.67 CZK
        needed: 0, // its statement was returned
        plansInForce: 0,
        completeness: 0.5, // statement received, the field service's report not
      },
    ]);
    expect(doc.totals).toEqual({
      population: 30_000,
      services: 3, // the split home counts once
      gapMoney: '39802468.55',
      needed: 23,
      plansInForce: 2, // the community plan of A and the regional plan
      completeness: 0.8333, // 5 of 6
      activities: 4,
      costShare: 0.5,
      fundingShare: 0.75,
    });
  });

  it('shows a coordinator its own ORP only', async () => {
    const doc = await dashboard('asOf=2025-06-01', auth(ctx, 'coordinator', world.orpB));
    expect(doc.orps.map((o) => o.orpId)).toEqual([world.orpB]);
    expect(doc.totals).toMatchObject({ services: 2, plansInForce: 0, completeness: 0.5 });
  });

  it('refuses bad parameters naming the field', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/analysis/dashboard?asOf=yesterday',
      headers: auth(ctx, 'analyst'),
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain('/asOf');
  });
});
