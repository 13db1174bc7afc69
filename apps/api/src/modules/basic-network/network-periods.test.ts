import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkDecision, NetworkPeriod, Problem } from '@socplan/contracts';
import { auditLog } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import { seedNetworkWorld, type NetworkWorld } from './basic-network.test-support.ts';

let ctx: TestContext;
let world: NetworkWorld;
let staff: { authorization: string };

beforeAll(async () => {
  ctx = await createTestApp();
  world = await seedNetworkWorld(ctx.app.db);
  staff = auth(ctx, 'region_staff');
});
afterAll(() => ctx.close());

type Headers = Record<string, string>;
const URL = '/api/network-periods';
const post = (payload: object, headers: Headers = staff, url = URL) =>
  ctx.app.inject({ method: 'POST', url, headers, payload });
const patch = (id: string, payload: object, headers: Headers) =>
  ctx.app.inject({ method: 'PATCH', url: `${URL}/${id}`, headers, payload });
const get = (url: string, headers: Headers = staff) =>
  ctx.app.inject({ method: 'GET', url, headers });

async function period(yearFrom: number, yearTo: number, name = `SPRSS ${yearFrom}–${yearTo}`) {
  const res = await post({ name, yearFrom, yearTo });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as NetworkPeriod;
}

describe('network periods', () => {
  it('creates a period: 201, Location, ETag, audit row', async () => {
    const res = await post({ name: 'SPRSS 2024–2026', yearFrom: 2024, yearTo: 2026 });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as NetworkPeriod;
    expect(res.headers.location).toBe(`${URL}/${created.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(created).toMatchObject({
      name: 'SPRSS 2024–2026',
      yearFrom: 2024,
      yearTo: 2026,
      entryCount: 0,
    });
    const audit = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'network_period'), eq(auditLog.entityId, created.id)));
    expect(audit).toMatchObject([
      { action: 'create', after: expect.objectContaining({ yearFrom: 2024 }) },
    ]);
    // Anyone with a role reads it; a provider too.
    const read = await get(`${URL}/${created.id}`, auth(ctx, 'provider', null, world.providerP));
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
  });

  it('refuses overlapping years with 409 naming both fields', async () => {
    await period(2030, 2032);
    const res = await post({ name: 'Overlap', yearFrom: 2032, yearTo: 2034 });
    expect(res.statusCode).toBe(409);
    const problem = res.json() as Problem;
    expect(problem.detail).toMatch(/overlap/);
    expect(problem.errors?.map((e) => e.pointer)).toEqual(['/yearFrom', '/yearTo']);
  });

  it.each([
    ['years backwards', { name: 'X', yearFrom: 2041, yearTo: 2040 }, '/yearTo'],
    ['an unknown field', { name: 'X', yearFrom: 2041, yearTo: 2042, colour: 'red' }, '/colour'],
    ['a year out of range', { name: 'X', yearFrom: 1999, yearTo: 2042 }, '/yearFrom'],
    ['a missing name', { yearFrom: 2041, yearTo: 2042 }, '/name'],
  ])('refuses %s with a problem pointing at the field', async (_what, payload, pointer) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.json() as Problem).errors?.map((e) => e.pointer)).toContain(pointer);
  });

  it('lets only region staff write: 403 for a provider, analyst and coordinator; 401 anonymous', async () => {
    const body = { name: 'X', yearFrom: 2050, yearTo: 2050 };
    for (const headers of [
      auth(ctx, 'provider', null, world.providerP),
      auth(ctx, 'analyst'),
      auth(ctx, 'coordinator', world.orpA.id),
    ])
      expect((await post(body, headers)).statusCode).toBe(403);
    expect((await post(body, {})).statusCode).toBe(401);
    expect((await get(URL, {})).statusCode).toBe(401);
  });

  it('updates with If-Match: 428 without, 412 stale, 200 and a new ETag', async () => {
    const p = await period(2060, 2062);
    expect((await patch(p.id, { name: 'Renamed' }, staff)).statusCode).toBe(428);
    expect(
      (await patch(p.id, { name: 'Renamed' }, { ...staff, 'if-match': '"9"' })).statusCode,
    ).toBe(412);
    const ok = await patch(
      p.id,
      { name: 'Renamed', yearTo: 2063 },
      { ...staff, 'if-match': '"1"' },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json()).toMatchObject({ name: 'Renamed', yearFrom: 2060, yearTo: 2063, version: 2 });
    const analyst = await patch(
      p.id,
      { name: 'No' },
      { ...auth(ctx, 'analyst'), 'if-match': '"2"' },
    );
    expect(analyst.statusCode).toBe(403);
  });

  it('lists periods newest first and filters by year', async () => {
    const res = await get(`${URL}?year=2031`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as { items: NetworkPeriod[]; total: number };
    expect(list.items.map((p) => [p.yearFrom, p.yearTo])).toEqual([[2030, 2032]]);
    const all = (await get(URL)).json() as { items: NetworkPeriod[] };
    const starts = all.items.map((p) => p.yearFrom);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it('deletes an empty period with If-Match; 404 afterwards', async () => {
    const p = await period(2070, 2070);
    const del = (headers: Headers) =>
      ctx.app.inject({ method: 'DELETE', url: `${URL}/${p.id}`, headers });
    expect((await del(staff)).statusCode).toBe(428);
    expect((await del({ ...staff, 'if-match': '"1"' })).statusCode).toBe(204);
    expect((await get(`${URL}/${p.id}`)).statusCode).toBe(404);
  });
});

describe('decisions', () => {
  it('records resolutions of a period, lists them oldest first and reads one', async () => {
    const p = await period(2080, 2082);
    const url = `${URL}/${p.id}/decisions`;
    const second = await post(
      { resolutionNumber: '45/81/ZK', decidedOn: '2081-03-01', body: 'Zastupitelstvo kraje' },
      staff,
      url,
    );
    expect(second.statusCode, second.body).toBe(201);
    const first = await post({ resolutionNumber: '12/80/RK', decidedOn: '2080-01-15' }, staff, url);
    const decision = first.json() as NetworkDecision;
    expect(first.headers.location).toBe(`${url}/${decision.id}`);
    expect(decision).toMatchObject({ periodId: p.id, resolutionNumber: '12/80/RK', body: null });

    const list = (await get(url)).json() as { items: NetworkDecision[]; total: number };
    expect(list.items.map((d) => d.resolutionNumber)).toEqual(['12/80/RK', '45/81/ZK']);
    expect((await get(first.headers.location as string)).json()).toEqual(decision);
  });

  it('answers 404 for an unknown period, 403 to a provider, 400 for a bad date', async () => {
    const missing = `${URL}/00000000-0000-4000-8000-00000000dead/decisions`;
    expect(
      (await post({ resolutionNumber: '1', decidedOn: '2024-01-01' }, staff, missing)).statusCode,
    ).toBe(404);
    const p = await period(2090, 2090);
    const url = `${URL}/${p.id}/decisions`;
    const provider = auth(ctx, 'provider', null, world.providerP);
    expect(
      (await post({ resolutionNumber: '1', decidedOn: '2090-01-01' }, provider, url)).statusCode,
    ).toBe(403);
    const bad = await post({ resolutionNumber: '1', decidedOn: '1. 1. 2090' }, staff, url);
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as Problem).errors?.[0]?.pointer).toBe('/decidedOn');
  });
});
