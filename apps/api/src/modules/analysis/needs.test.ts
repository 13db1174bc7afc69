import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeedsAnalysis } from '@socplan/contracts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import {
  createAnalysisWorld,
  createNeedsData,
  type AnalysisWorld,
} from './analysis.test-support.ts';

let ctx: TestContext;
let world: AnalysisWorld;
let data: Awaited<ReturnType<typeof createNeedsData>>;

beforeAll(async () => {
  ctx = await createTestApp();
  world = await createAnalysisWorld(ctx.app.db);
  data = await createNeedsData(ctx.app.db, world);
});
afterAll(() => ctx.close());

const needs = async (query: string, headers = auth(ctx, 'analyst')) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/analysis/needs?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NeedsAnalysis>();
};

describe('needs against supply', () => {
  it('sums what municipalities said they need by ORP and type (submitted and approved only) against the network', async () => {
    const doc = await needs('year=2025');
    expect(doc.capacityAsOf).toBe('2025-12-31');
    expect(doc.statuses).toEqual(['submitted', 'resubmitted', 'approved']);
    expect(doc.campaigns.map((c) => c.id).sort()).toEqual(
      [data.statements.campaignId, data.reports.campaignId].sort(),
    );
    const row = (orpId: string, typeCode: string) =>
      doc.byOrp.find((r) => r.orpId === orpId && r.typeCode === typeCode);
    // A: 12 (A1) + 8 (A2) of type 49, against 55 beds (40 in A1, half of the split home)
    expect(row(world.orpA, '49')).toMatchObject({
      needed: 20,
      respondents: 2,
      capacity: [{ unit: 'luzka', count: 55 }],
    });
    expect(row(world.orpA, '48')).toMatchObject({ needed: 3, respondents: 1, capacity: [] });
    // B's statement was returned for correction: it does not count. On 31 Dec the home that
    // opened in July is there: 15 + 50 beds, and the field service's 10 clients.
    expect(row(world.orpB, '49')).toMatchObject({
      needed: 0,
      respondents: 0,
      capacity: [
        { unit: 'klient', count: 10 },
        { unit: 'luzka', count: 65 },
      ],
    });
  });

  it('sums waiting lists, refused applicants and costs by service type from the services reports', async () => {
    const doc = await needs('year=2025');
    expect(doc.byType).toEqual([
      {
        typeCode: '49',
        services: 2,
        waitingList: 10,
        refusedApplicants: 3,
        clientsServed: 0,
        capacity: 0,
        costs: '3000.75',
      },
    ]);
  });

  it('narrows to an ORP, and a coordinator to its own territory', async () => {
    const onlyB = await needs(`year=2025&orpId=${world.orpB}`);
    expect(new Set(onlyB.byOrp.map((r) => r.orpId))).toEqual(new Set([world.orpB]));
    expect(onlyB.byType).toEqual([]);
    const coordinator = await needs('year=2025', auth(ctx, 'coordinator', world.orpA));
    expect(new Set(coordinator.byOrp.map((r) => r.orpId))).toEqual(new Set([world.orpA]));
    expect(coordinator.byType[0]?.waitingList).toBe(10);
    const other = await needs('year=2025', auth(ctx, 'coordinator', world.orpB));
    expect(other.byType).toEqual([]);
    expect(other.byOrp.find((r) => r.typeCode === '49')?.needed).toBe(0);
  });

  it('has nothing for a year without campaigns, and refuses a bad year naming it', async () => {
    const empty = await needs('year=2024');
    expect(empty.campaigns).toEqual([]);
    expect(empty.byOrp.every((r) => r.needed === 0)).toBe(true);
    const bad = await ctx.app.inject({
      method: 'GET',
      url: '/api/analysis/needs?year=20x5',
      headers: auth(ctx, 'analyst'),
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('/year');
  });
});
