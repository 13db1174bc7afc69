import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icoCheckDigit } from '../lib/ico.ts';
import { createProvider } from '../test/fixtures.ts';
import { createTestApp, type TestContext } from '../test/test-app.ts';
import { auth } from '../modules/territory/territory.test-support.ts';

let ctx: TestContext;
let staff: Record<string, string>;
beforeAll(async () => {
  ctx = await createTestApp({ QUERY_COUNT_HEADER: '1' });
  staff = auth(ctx, 'region_staff');
});
afterAll(() => ctx.close());

async function listQueries(): Promise<{ queries: number; total: number }> {
  const res = await ctx.app.inject({ url: '/api/providers?limit=100', headers: staff });
  expect(res.statusCode, res.body).toBe(200);
  return { queries: Number(res.headers['x-query-count']), total: res.json().total };
}

describe('X-Query-Count', () => {
  it('counts the statements of a list, the same for 1 row and for 40', async () => {
    await createProvider(ctx.app.db);
    const one = await listQueries();
    expect(one.total).toBe(1);
    expect(one.queries).toBeGreaterThan(0);
    for (let i = 0; i < 39; i++) await createProvider(ctx.app.db);
    const forty = await listQueries();
    expect(forty.total).toBe(40);
    expect(forty.queries).toBe(one.queries);
  });

  it('counts the statements of a write made after its body is read', async () => {
    const seven = '4711001';
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/providers',
      headers: staff,
      payload: { ico: seven + icoCheckDigit(seven), name: 'Spolek Počítadlo' },
    });
    expect(res.statusCode, res.body).toBe(201);
    // the insert and its audit row at least
    expect(Number(res.headers['x-query-count'])).toBeGreaterThanOrEqual(2);
  });

  it('answers requests that run no statement with 0', async () => {
    const res = await ctx.app.inject({ url: '/api/health' });
    expect(res.headers['x-query-count']).toBeDefined();
    expect(Number(res.headers['x-query-count'])).toBeLessThanOrEqual(1);
  });
});
