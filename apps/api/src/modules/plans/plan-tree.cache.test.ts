import { gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planNodes } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';
import { createPlan } from './plans.test-support.ts';

/** The kept tree: gzip for clients that take it, 304 on a current ETag, a change shows up. */
let ctx: TestContext;
let staff: Record<string, string>;
let planId: string;
let firstActivity: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const territory = await seedTerritory(ctx);
  staff = auth(ctx, 'region_staff');
  planId = await createPlan(ctx.app.db, { territoryUnitId: territory.orpIdsByCode.get('5105')! });
  const [priority] = await ctx.app.db
    .insert(planNodes)
    .values({ planId, level: 'priority', position: 0, code: '1', title: 'Senioři' })
    .returning();
  const [measure] = await ctx.app.db
    .insert(planNodes)
    .values({
      planId,
      parentId: priority!.id,
      level: 'measure',
      position: 0,
      code: '1.1',
      title: 'Péče doma',
    })
    .returning();
  // Enough activities for a tree well past the size worth compressing.
  const activities = await ctx.app.db
    .insert(planNodes)
    .values(
      Array.from({ length: 150 }, (_, i) => ({
        planId,
        parentId: measure!.id,
        level: 'activity',
        position: i,
        code: `1.1.${i + 1}`,
        title: `Aktivita ${i + 1}`,
        costs: [2024, 2025, 2026].map((year) => ({ year, amount: 100_000_00 })),
        funding: [2024, 2025, 2026].map((year) => ({ source: 'mpsv', year, amount: 60_000_00 })),
      })),
    )
    .returning({ id: planNodes.id });
  firstActivity = activities[0]!.id;
});
afterAll(() => ctx.close());

const tree = (headers: Record<string, string> = {}) =>
  ctx.app.inject({ url: `/api/plans/${planId}/tree`, headers: { ...staff, ...headers } });

async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
  return check();
}

describe('a kept plan tree', () => {
  it('goes gzipped to a client that accepts gzip, and inflates to the same tree', async () => {
    const plain = await tree();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await tree({ 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('answers 304 to its current ETag', async () => {
    const first = await tree();
    const again = await tree({ 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('shows a change written straight to the database (another process, SQL console)', async () => {
    const before = await tree();
    await ctx.app.db
      .update(planNodes)
      .set({ title: 'Víkendová péče' })
      .where(eq(planNodes.id, firstActivity));
    const title = async () => {
      const nodes = (await tree()).json().nodes;
      return nodes[0].children[0].children[0].title as string;
    };
    expect(await eventually(async () => (await title()) === 'Víkendová péče')).toBe(true);
    expect((await tree()).headers.etag).not.toBe(before.headers.etag);
  });
});
