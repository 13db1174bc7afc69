import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { serviceStates, territorialUnits } from '../db/schema/index.ts';
import {
  authHeader,
  createFacility,
  createService,
  createUnit,
  tokenForRole,
} from '../test/fixtures.ts';
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
    expect(await names(ctx.app)).toEqual(['Liberec-město']); // this process: no waiting
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

describe('cached service lists', () => {
  const servicesIn = async (unitId: string) =>
    (
      await ctx.app.inject({
        url: `/api/services?territoryId=${unitId}&sort=name`,
        headers: authHeader(token),
      })
    )
      .json()
      .items.map((item: { state: { name: string } }) => item.state.name);

  it('follow edits of a service through the API at once and straight in the database soon', async () => {
    const orp = await createUnit(ctx.app.db, { kind: 'orp', code: '5106', name: 'Nový Bor' });
    const town = await createUnit(ctx.app.db, {
      kind: 'municipality',
      code: '561860',
      name: 'Nový Bor',
      parentId: orp,
    });
    const id = await createService(ctx.app.db, { name: 'Azylový dům', territoryUnitIds: [town] });
    expect(await eventually(async () => (await servicesIn(orp)).includes('Azylový dům'))).toBe(
      true,
    );

    const service = await ctx.app.inject({
      url: `/api/services/${id}`,
      headers: authHeader(token),
    });
    const renamed = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/services/${id}`,
      headers: { ...authHeader(token), 'if-match': service.headers.etag as string },
      payload: { name: 'Azylový dům Bor' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await servicesIn(orp)).toEqual(['Azylový dům Bor']);

    await ctx.app.db
      .update(serviceStates)
      .set({ name: 'Azylový dům Nový Bor' })
      .where(eq(serviceStates.serviceId, id));
    expect(
      await eventually(async () => (await servicesIn(orp))[0] === 'Azylový dům Nový Bor'),
    ).toBe(true);
  });

  it('follow a territory change: a municipality joining the ORP brings its facilities along', async () => {
    const orp = await createUnit(ctx.app.db, { kind: 'orp', code: '5107', name: 'Semily' });
    const id = await createService(ctx.app.db, { name: 'Denní stacionář Jilemnice' });
    await createFacility(ctx.app.db, id, { municipalityCode: '577081' });
    expect(await servicesIn(orp)).toEqual([]); // cached: the municipality is unknown yet

    await createUnit(ctx.app.db, {
      kind: 'municipality',
      code: '577081',
      name: 'Jilemnice',
      parentId: orp,
    });
    expect(
      await eventually(async () => (await servicesIn(orp)).includes('Denní stacionář Jilemnice')),
    ).toBe(true);
  });
});
