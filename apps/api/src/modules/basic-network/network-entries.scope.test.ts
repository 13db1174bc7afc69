import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  NetworkComment,
  NetworkEntry,
  NetworkEntryDetail,
  NetworkStatement,
  Problem,
} from '@socplan/contracts';
import { auditLog } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import { seedNetworkWorld, type NetworkWorld } from './basic-network.test-support.ts';

/**
 * Who sees which entries and may comment or state need. The world: provider P runs homeP
 * (ORP A: facility in a1, serving a1 and a2) and fieldP (serving ORP B as a whole); provider Q
 * runs counselQ (no territory named, a facility in b1).
 */
let ctx: TestContext;
let world: NetworkWorld;
let staff: Headers;
let periodId: string;
const entries: Record<'homeP' | 'fieldP' | 'counselQ', NetworkEntry> = {} as never;

type Headers = Record<string, string>;
const URL = '/api/network-entries';

beforeAll(async () => {
  ctx = await createTestApp();
  world = await seedNetworkWorld(ctx.app.db);
  staff = auth(ctx, 'region_staff');
  const period = await ctx.app.inject({
    method: 'POST',
    url: '/api/network-periods',
    headers: staff,
    payload: { name: 'SPRSS 2024–2026', yearFrom: 2024, yearTo: 2026 },
  });
  periodId = (period.json() as { id: string }).id;
  for (const [key, serviceId, capacities] of [
    ['homeP', world.homeP, [{ form: 'pob', unit: 'luzka', count: 40 }]],
    ['fieldP', world.fieldP, [{ form: 'ter', unit: 'klient', count: 60 }]],
    ['counselQ', world.counselQ, [{ form: 'amb', unit: 'kontakt', count: 500 }]],
  ] as const) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: URL,
      headers: staff,
      payload: { periodId, serviceId, capacities, fte: 2 },
    });
    expect(res.statusCode, res.body).toBe(201);
    entries[key] = res.json() as NetworkEntry;
  }
  // homeP gets approved, so the status filter has something to tell apart.
  for (const [to, version] of [
    ['assessed', 1],
    ['approved', 2],
  ] as const)
    await ctx.app.inject({
      method: 'POST',
      url: `${URL}/${entries.homeP.id}/transitions`,
      headers: { ...staff, 'if-match': `"${version}"` },
      payload: { to },
    });
});
afterAll(() => ctx.close());

const list = async (headers: Headers, query = '') => {
  const res = await ctx.app.inject({ method: 'GET', url: `${URL}${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: NetworkEntry[]; total: number };
};
const names = (l: { items: NetworkEntry[] }) => l.items.map((e) => e.service.name);
const get = (id: string, headers: Headers) =>
  ctx.app.inject({ method: 'GET', url: `${URL}/${id}`, headers });
const statement = (entryId: string, payload: object, headers: Headers) =>
  ctx.app.inject({ method: 'POST', url: `${URL}/${entryId}/statements`, headers, payload });
const comment = (entryId: string, text: string, headers: Headers) =>
  ctx.app.inject({ method: 'POST', url: `${URL}/${entryId}/comments`, headers, payload: { text } });

describe('who sees which entries', () => {
  it('region staff and analysts see all, sorted by service name', async () => {
    for (const headers of [staff, auth(ctx, 'analyst')])
      expect(names(await list(headers))).toEqual(['Domov P', 'Pečovatelská služba P', 'Poradna Q']);
  });

  it('a provider sees only its own services’ entries; others’ are 404', async () => {
    const p = auth(ctx, 'provider', null, world.providerP);
    expect(names(await list(p))).toEqual(['Domov P', 'Pečovatelská služba P']);
    const q = auth(ctx, 'provider', null, world.providerQ);
    expect(names(await list(q))).toEqual(['Poradna Q']);
    expect((await get(entries.homeP.id, q)).statusCode).toBe(404);
    expect((await get(entries.counselQ.id, q)).statusCode).toBe(200);
  });

  it('a coordinator sees entries of services in its territory; others are 404', async () => {
    const a = auth(ctx, 'coordinator', world.orpA.id);
    expect(names(await list(a))).toEqual(['Domov P']);
    expect((await get(entries.fieldP.id, a)).statusCode).toBe(404);
    const b = auth(ctx, 'coordinator', world.orpB.id);
    expect(names(await list(b))).toEqual(['Pečovatelská služba P', 'Poradna Q']);
  });

  it('a municipality sees services with a facility in it or serving it (or its ORP)', async () => {
    expect(names(await list(auth(ctx, 'municipality', world.a2.id)))).toEqual(['Domov P']);
    expect(names(await list(auth(ctx, 'municipality', world.b1.id)))).toEqual([
      'Pečovatelská služba P',
      'Poradna Q',
    ]);
    expect(names(await list(auth(ctx, 'municipality', world.b2.id)))).toEqual([
      'Pečovatelská služba P',
    ]);
  });

  it('anonymous callers get 401', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
    expect((await get(entries.homeP.id, {})).statusCode).toBe(401);
  });

  it('filters by period, status, level, type, provider, service and territory; pages', async () => {
    expect(names(await list(staff, `?periodId=${periodId}&status=approved`))).toEqual(['Domov P']);
    expect(names(await list(staff, '?status=approved&status=requested'))).toHaveLength(3);
    expect(names(await list(staff, '?typeCode=37'))).toEqual(['Poradna Q']);
    expect(names(await list(staff, `?providerId=${world.providerQ}`))).toEqual(['Poradna Q']);
    expect(names(await list(staff, `?serviceId=${world.fieldP}`))).toEqual([
      'Pečovatelská služba P',
    ]);
    expect(names(await list(staff, `?territoryId=${world.orpB.id}`))).toEqual([
      'Pečovatelská služba P',
      'Poradna Q',
    ]);
    expect(names(await list(staff, `?territoryId=${world.regionId}`))).toHaveLength(3);
    expect((await list(staff, '?level=development')).total).toBe(0);
    const page = await list(staff, '?limit=1&offset=1&sort=-serviceName');
    expect(page).toMatchObject({ total: 3 });
    expect(names(page)).toEqual(['Pečovatelská služba P']);
    const bad = await ctx.app.inject({ method: 'GET', url: `${URL}?status=lost`, headers: staff });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as Problem).errors?.[0]).toMatchObject({ in: 'query' });
  });
});

describe('requests by providers', () => {
  it('a provider requests an entry for its own service and not for another’s', async () => {
    const p = auth(ctx, 'provider', null, world.providerP);
    const period = await ctx.app.inject({
      method: 'POST',
      url: '/api/network-periods',
      headers: staff,
      payload: { name: 'SPRSS 2027–2029', yearFrom: 2027, yearTo: 2029 },
    });
    const nextPeriod = (period.json() as { id: string }).id;
    const capacities = [{ form: 'ter', unit: 'klient', count: 70 }];
    const own = await ctx.app.inject({
      method: 'POST',
      url: URL,
      headers: p,
      payload: { periodId: nextPeriod, serviceId: world.fieldP, capacities },
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ status: 'requested' });
    const foreign = await ctx.app.inject({
      method: 'POST',
      url: URL,
      headers: p,
      payload: { periodId: nextPeriod, serviceId: world.counselQ, capacities },
    });
    expect(foreign.statusCode).toBe(400);
    expect((foreign.json() as Problem).errors?.[0]?.pointer).toBe('/serviceId');
    // A coordinator sees fieldP's territory but may not request: 403. So may not an analyst.
    for (const headers of [auth(ctx, 'coordinator', world.orpB.id), auth(ctx, 'analyst')]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: URL,
        headers,
        payload: { periodId: nextPeriod, serviceId: world.counselQ, capacities },
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('statements of need', () => {
  const body = (municipalityId: string, needed = true) => ({
    municipalityId,
    needed,
    capacities: [{ form: 'pob', unit: 'luzka', count: 10 }],
    text: 'Potřebujeme 10 lůžek.',
  });

  it('a municipality states need for itself on an entry it sees', async () => {
    const a2 = auth(ctx, 'municipality', world.a2.id);
    const res = await statement(entries.homeP.id, body(world.a2.id), a2);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as NetworkStatement;
    expect(created).toMatchObject({
      municipalityId: world.a2.id,
      municipalityName: 'Obec A2',
      needed: true,
      authorName: expect.stringMatching(/^municipality/),
    });
    expect(res.headers.location).toBe(`${URL}/${entries.homeP.id}/statements/${created.id}`);
    const read = await ctx.app.inject({
      method: 'GET',
      url: res.headers.location as string,
      headers: a2,
    });
    expect(read.json()).toEqual(created);
    const [audit] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'network_statement'), eq(auditLog.entityId, created.id)));
    expect(audit).toMatchObject({ action: 'create' });
  });

  it('a municipality may not speak for another one (403), nor on entries it cannot see (404)', async () => {
    const a2 = auth(ctx, 'municipality', world.a2.id);
    expect((await statement(entries.homeP.id, body(world.a1.id), a2)).statusCode).toBe(403);
    expect((await statement(entries.fieldP.id, body(world.a2.id), a2)).statusCode).toBe(404);
  });

  it('a coordinator states need for municipalities of its territory only', async () => {
    const a = auth(ctx, 'coordinator', world.orpA.id);
    expect((await statement(entries.homeP.id, body(world.a1.id, false), a)).statusCode).toBe(201);
    expect((await statement(entries.homeP.id, body(world.b1.id), a)).statusCode).toBe(403);
  });

  it('the municipality must lie in an ORP the service reaches, and be a municipality', async () => {
    // homeP reaches ORP A only: b1 (ORP B) is refused, whoever asks.
    const outside = await statement(entries.homeP.id, body(world.b1.id), staff);
    expect(outside.statusCode).toBe(400);
    expect((outside.json() as Problem).errors?.[0]?.pointer).toBe('/municipalityId');
    // fieldP serves ORP B as a whole: every municipality of ORP B may speak, even without a facility.
    expect((await statement(entries.fieldP.id, body(world.b2.id), staff)).statusCode).toBe(201);
    // counselQ names no territory; its facility in b1 puts ORP B in reach.
    expect((await statement(entries.counselQ.id, body(world.b2.id), staff)).statusCode).toBe(201);
    const orp = await statement(entries.homeP.id, body(world.orpA.id), staff);
    expect(orp.statusCode).toBe(400);
    expect((orp.json() as Problem).detail).toMatch(/municipality/);
  });

  it('providers and analysts make no statements (403)', async () => {
    const p = auth(ctx, 'provider', null, world.providerP);
    expect((await statement(entries.homeP.id, body(world.a1.id), p)).statusCode).toBe(403);
    expect(
      (await statement(entries.homeP.id, body(world.a1.id), auth(ctx, 'analyst'))).statusCode,
    ).toBe(403);
  });
});

describe('comments', () => {
  it('coordinators, municipalities and providers comment on entries they see', async () => {
    const cases: [Headers, string][] = [
      [auth(ctx, 'coordinator', world.orpA.id), 'Koordinátor: kapacita odpovídá.'],
      [auth(ctx, 'municipality', world.a2.id), 'Obec: souhlasíme.'],
      [auth(ctx, 'provider', null, world.providerP), 'Poskytovatel: děkujeme.'],
      [staff, 'Kraj: posouzeno.'],
    ];
    for (const [headers, text] of cases) {
      const res = await comment(entries.homeP.id, text, headers);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ text, entryId: entries.homeP.id });
    }
    const detail = (
      await get(entries.homeP.id, auth(ctx, 'municipality', world.a2.id))
    ).json() as NetworkEntryDetail;
    expect(detail.comments.map((c: NetworkComment) => c.text)).toEqual(cases.map(([, t]) => t));
    expect(detail.statements.length).toBeGreaterThanOrEqual(2);
    expect(detail.events.map((e) => e.to)).toEqual(['requested', 'assessed', 'approved']);
  });

  it('refuses comments on entries out of scope (404), from analysts (403) and blank ones (400)', async () => {
    expect(
      (await comment(entries.fieldP.id, 'x', auth(ctx, 'coordinator', world.orpA.id))).statusCode,
    ).toBe(404);
    expect(
      (await comment(entries.homeP.id, 'x', auth(ctx, 'provider', null, world.providerQ)))
        .statusCode,
    ).toBe(404);
    expect((await comment(entries.homeP.id, 'x', auth(ctx, 'analyst'))).statusCode).toBe(403);
    const blank = await comment(entries.homeP.id, '   ', staff);
    expect(blank.statusCode).toBe(400);
    expect((blank.json() as Problem).errors?.[0]?.pointer).toBe('/text');
    expect((await comment(entries.homeP.id, 'x', {})).statusCode).toBe(401);
  });
});
