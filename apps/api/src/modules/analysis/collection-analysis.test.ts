import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { CollectionAnalysis } from '@socplan/contracts';
import { submissions } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { createCampaign } from '../collection/collection.test-support.ts';
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
  // First submissions around the deadlines (statements 31 Mar, reports 30 Apr; Prague is UTC+2).
  const firstSubmitted = async (id: string, at: string) =>
    ctx.app.db
      .update(submissions)
      .set({ firstSubmittedAt: new Date(at) })
      .where(eq(submissions.id, id));
  const [a1, a2, b1] = data.statements.submissionIds;
  await firstSubmitted(a1!, '2025-03-31T22:30:00Z'); // 00:30 on 1 April in Prague: late
  await firstSubmitted(a2!, '2025-03-31T21:30:00Z'); // 23:30 on the deadline day: on time
  await firstSubmitted(b1!, '2025-03-01T09:00:00Z'); // on time, since returned
  const [home, split] = data.reports.submissionIds;
  await firstSubmitted(home!, '2025-04-01T08:00:00Z'); // on time
  await firstSubmitted(split!, '2025-05-15T08:00:00Z'); // late; the field service never submitted
  await createCampaign(ctx.app.db, { status: 'draft', respondents: [{ orpId: world.orpA }] });
});
afterAll(() => ctx.close());

const analysis = async (query: string, headers = auth(ctx, 'region_staff')) => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/analysis/collection?${query}`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CollectionAnalysis>();
};

describe('completeness and timeliness by campaign and ORP', () => {
  it('counts received, on-time and late submissions per campaign and ORP (drafts left out)', async () => {
    const doc = await analysis('year=2025');
    expect(doc.campaigns.map((c) => c.id)).toEqual([
      data.statements.campaignId,
      data.reports.campaignId,
    ]);
    const [statements, reports] = doc.campaigns;
    expect(statements!.totals).toEqual({
      expected: 3,
      received: 3,
      onTime: 2,
      late: 1,
      approved: 1,
      missing: 0,
      completeness: 1,
      timeliness: 0.6667,
    });
    expect(statements!.byOrp.map((o) => [o.orpId, o.expected, o.received, o.onTime])).toEqual([
      [world.orpA, 2, 2, 1],
      [world.orpB, 1, 1, 1],
    ]);
    expect(reports!.totals).toMatchObject({
      expected: 3,
      received: 2,
      onTime: 1,
      late: 1,
      missing: 1,
      completeness: 0.6667,
      timeliness: 0.3333,
    });
    expect(reports!.byOrp.find((o) => o.orpId === world.orpB)).toMatchObject({
      expected: 1,
      received: 0,
      completeness: 0,
    });
  });

  it('shows a coordinator its own territory only', async () => {
    const doc = await analysis('year=2025', auth(ctx, 'coordinator', world.orpB));
    expect(doc.campaigns).toHaveLength(2);
    for (const campaign of doc.campaigns) {
      expect(campaign.byOrp.map((o) => o.orpId)).toEqual([world.orpB]);
      expect(campaign.totals.expected).toBe(1);
    }
  });

  it('is empty for a year without campaigns and refuses a bad year', async () => {
    expect((await analysis('year=2024')).campaigns).toEqual([]);
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/analysis/collection?year=abc',
      headers: auth(ctx, 'analyst'),
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain('/year');
  });
});
