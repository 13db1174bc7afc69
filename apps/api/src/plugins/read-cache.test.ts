import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { territorialUnits } from '../db/schema/index.ts';
import { authHeader, createUnit, tokenForRole } from '../test/fixtures.ts';
import { createTestApp, TEST_JWT_SECRET, type TestContext } from '../test/test-app.ts';

let ctx: TestContext;
let token: string;
let orpId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  token = await tokenForRole(ctx.app, { role: 'region_admin' });
  const region = await createUnit(ctx.app.db, {
    kind: 'region',
    code: '3077',
    name: 'Liberecký kraj',
  });
  orpId = await createUnit(ctx.app.db, {
    kind: 'orp',
    code: '5105',
    name: 'Liberec',
    parentId: region,
  });
});
afterAll(() => ctx.close());

const names = async (app: App) =>
  (await app.inject({ url: '/api/territorial-units?kind=orp', headers: authHeader(token) }))
    .json()
    .items.map((u: { name: string }) => u.name);

async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
  return check();
}

describe('cached territory reads', () => {
  it('show a change made through the API at once', async () => {
    expect(await names(ctx.app)).toEqual(['Liberec']);
    const unit = await ctx.app.inject({
      url: `/api/territorial-units/${orpId}`,
      headers: authHeader(token),
    });
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/territorial-units/${orpId}`,
      headers: { ...authHeader(token), 'if-match': unit.headers.etag as string },
      payload: { name: 'Liberec-město' },
    });
    expect(await eventually(async () => (await names(ctx.app))[0] === 'Liberec-město')).toBe(true);
  });

  it('show a change written straight to the database (CLI, another process) too', async () => {
    await names(ctx.app); // fill the cache
    await ctx.app.db
      .insert(territorialUnits)
      .values({ kind: 'orp', code: '5101', name: 'Česká Lípa' });
    expect(await eventually(async () => (await names(ctx.app)).includes('Česká Lípa'))).toBe(true);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'are invalidated in every API process sharing the PostgreSQL database',
    async () => {
      const other = await buildApp({
        config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
        database: await openDatabase({ url: ctx.testDb.url, poolSize: 2 }),
        jwtSecret: TEST_JWT_SECRET,
        runJobs: false,
      });
      try {
        const before = await names(other); // cached in the other process
        await ctx.app.db
          .insert(territorialUnits)
          .values({ kind: 'orp', code: '5109', name: 'Turnov' });
        expect(before).not.toContain('Turnov');
        expect(await eventually(async () => (await names(other)).includes('Turnov'))).toBe(true);
      } finally {
        await other.close();
      }
    },
  );
});
