import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { List, TerritorialUnit } from '@socplan/contracts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import type { DemoTerritory } from './territory.demo.ts';
import { queryRows } from '../../db/query-rows.ts';
import { auth, seedTerritory } from './territory.test-support.ts';
import { fold, foldSql } from '../../lib/czech-text.ts';

let ctx: TestContext;
let demo: DemoTerritory;
let admin: { authorization: string };

beforeAll(async () => {
  ctx = await createTestApp();
  demo = await seedTerritory(ctx);
  admin = auth(ctx, 'region_admin');
});
afterAll(() => ctx.close());

const list = async (query: string, headers = admin) => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/territorial-units${query}`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as List<TerritorialUnit>;
};
const names = (l: List<TerritorialUnit>) => l.items.map((u) => u.name);

const LIBEREC = '5105';
const CESKA_LIPA = '5101';

describe('GET /api/territorial-units', () => {
  it('lists the demo region: 1 region, 10 ORPs, 10 towns, 2 planning areas', async () => {
    const all = await list('?limit=500');
    expect(all.total).toBe(23);
    expect(all.items).toHaveLength(23);
    const kinds = all.items.reduce<Record<string, number>>(
      (acc, u) => ({ ...acc, [u.kind]: (acc[u.kind] ?? 0) + 1 }),
      {},
    );
    expect(kinds).toEqual({ region: 1, orp: 10, municipality: 10, planning_area: 2 });
  });

  it('filters by kind and parent', async () => {
    const orps = await list('?kind=orp');
    expect(orps.total).toBe(10);
    expect(orps.items.every((u) => u.kind === 'orp' && u.parentId === demo.regionId)).toBe(true);
    const underLiberec = await list(`?parentId=${demo.orpIdsByCode.get(LIBEREC)}`);
    expect(names(underLiberec)).toEqual(['Liberec']);
    expect(underLiberec.items[0]).toMatchObject({ kind: 'municipality', code: '563889' });
  });

  it('returns the unit fields, with members for planning areas', async () => {
    const [orp] = (await list(`?kind=orp&q=${LIBEREC}`)).items;
    expect(orp).toMatchObject({
      code: LIBEREC,
      ruianCode: '817',
      name: 'Liberec',
      population: 144062,
      populationDate: '2021-12-31',
      point: { lat: 50.767, lon: 15.056 },
      hasGeometry: false,
      version: 1,
    });
    expect(orp).not.toHaveProperty('memberIds');
    const areas = await list('?kind=planning_area&sort=code');
    expect(areas.items.map((a) => [a.name, a.memberIds])).toEqual([
      ['Svazek obcí Novoborska', [demo.municipalityIdsByCode.get('561860')]],
      ['Mikroregion Tanvaldsko', [demo.municipalityIdsByCode.get('563820')]],
    ]);
  });

  it('searches names ignoring case and diacritics, and codes by prefix', async () => {
    expect(names(await list('?kind=orp&q=zelezny'))).toEqual(['Železný Brod']);
    expect(names(await list('?kind=orp&q=ŽELEZNÝ'))).toEqual(['Železný Brod']);
    expect(names(await list('?kind=orp&q=ceska%20lipa'))).toEqual(['Česká Lípa']);
    expect(names(await list('?kind=orp&q=lípa'))).toEqual(['Česká Lípa']);
    expect(names(await list('?kind=orp&q=510&sort=code&limit=2'))).toEqual([
      'Česká Lípa',
      'Frýdlant',
    ]);
    expect(names(await list('?q=1139'))).toEqual(['Jilemnice']); // RÚIAN code
    expect(names(await list('?q=demo-tan'))).toEqual(['Mikroregion Tanvaldsko']); // code, any case
    expect((await list('?q=%25')).total).toBe(0); // wildcards match literally
    expect((await list('?q=nowhere')).total).toBe(0);
  });

  it('folds text the same way in SQL as in JS (search needle vs column)', async () => {
    const letters = [...'aAzZ -ÁÄČĆĎÉĚËÍĹĽŇŃÓÔÖŐŔŘŠŚŤÚŮÜŰÝŸŽŹŻáäčćďéěëíĺľňńóôöőŕřšśťúůüűýÿžźż'];
    const samples = fc.sample(
      fc.array(fc.constantFrom(...letters), { maxLength: 20 }).map((a) => a.join('')),
      40,
    );
    const values = sql.join(
      samples.map((s) => sql`(${s}::text)`),
      sql`, `,
    );
    const rows = await queryRows<{ folded: string }>(
      ctx.app.db,
      sql`select ${foldSql(sql`v.s`)} as folded from (values ${values}) as v(s)`,
    );
    expect(rows.map((r) => r.folded)).toEqual(samples.map(fold));
  });

  it('sorts by name, code, population and kind, both ways, and paginates', async () => {
    const byPop = await list('?kind=orp&sort=-population&limit=3');
    expect(names(byPop)).toEqual(['Liberec', 'Česká Lípa', 'Jablonec nad Nisou']);
    expect(byPop.total).toBe(10);
    const byCode = await list('?kind=orp&sort=code');
    expect(byCode.items.map((u) => u.code)).toEqual([...byCode.items.map((u) => u.code)].sort());
    const desc = await list('?kind=orp&sort=-code&limit=1');
    expect(desc.items[0]!.code).toBe('5110');
    // Units without a population come last, both ways.
    const desc23 = await list('?sort=-population&limit=500');
    expect(desc23.items[0]!.name).toBe('Liberecký kraj');
    expect(desc23.items.at(-1)!.population).toBeNull();
    const asc23 = await list('?sort=population&limit=500');
    expect(asc23.items[0]!.name).toBe('Jilemnice'); // the seat town, 5,400 inhabitants
    expect(asc23.items.at(-1)!.population).toBeNull();
    const byKind = await list('?sort=kind&limit=1');
    expect(byKind.items[0]!.kind).toBe('municipality');

    const pages = [];
    for (let offset = 0; offset < 10; offset += 4)
      pages.push(...(await list(`?kind=orp&sort=name&limit=4&offset=${offset}`)).items);
    expect(pages.map((u) => u.id)).toEqual(
      (await list('?kind=orp&sort=name')).items.map((u) => u.id),
    );
    expect(new Set(pages.map((u) => u.id)).size).toBe(10);
    for (const offset of [0, 8, 10, 50]) {
      const page = await list(`?kind=orp&limit=4&offset=${offset}`);
      expect(page.total).toBe(10);
      expect(page.items).toHaveLength(Math.max(0, Math.min(4, 10 - offset)));
    }
  });

  it('rejects unknown sorts and filters with a problem document', async () => {
    for (const query of [
      '?sort=version',
      '?kind=county',
      '?limit=0',
      '?colour=red',
      '?parentId=x',
    ]) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/territorial-units${query}`,
        headers: admin,
      });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors[0].in).toBe('query');
    }
  });
});

describe('GET /api/territorial-units/:id', () => {
  it('answers with the unit and its ETag', async () => {
    const id = demo.orpIdsByCode.get(LIBEREC)!;
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/territorial-units/${id}`,
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({ id, name: 'Liberec', kind: 'orp' });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await ctx.app.inject({
      method: 'GET',
      url: '/api/territorial-units/00000000-0000-4000-8000-000000000000',
      headers: admin,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('not-found');
    const bad = await ctx.app.inject({
      method: 'GET',
      url: '/api/territorial-units/42',
      headers: admin,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('read scope by role', () => {
  const get = (id: string, headers: { authorization: string }) =>
    ctx.app.inject({ method: 'GET', url: `/api/territorial-units/${id}`, headers });

  it('anonymous callers get 401 everywhere', async () => {
    for (const url of [
      '/api/territorial-units',
      `/api/territorial-units/${demo.regionId}`,
      '/api/territorial-units/geojson?kind=orp',
    ]) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().code).toBe('unauthorized');
    }
  });

  it.each(['region_admin', 'region_staff', 'analyst'] as const)(
    '%s sees the whole region',
    async (role) => {
      expect((await list('', auth(ctx, role))).total).toBe(23);
    },
  );

  it('a provider reads the territory region-wide (reference data)', async () => {
    const provider = auth(ctx, 'provider', null, '00000000-0000-4000-9000-000000000001');
    expect((await list('', provider)).total).toBe(23);
    expect((await get(demo.orpIdsByCode.get(CESKA_LIPA)!, provider)).statusCode).toBe(200);
  });

  it('a coordinator of ORP Liberec sees Liberec, its municipalities and the region only', async () => {
    const liberec = demo.orpIdsByCode.get(LIBEREC)!;
    const coordinator = auth(ctx, 'coordinator', liberec);
    const seen = await list('?sort=kind', coordinator);
    expect(seen.items.map((u) => [u.kind, u.name])).toEqual([
      ['municipality', 'Liberec'],
      ['orp', 'Liberec'],
      ['region', 'Liberecký kraj'],
    ]);
    expect(seen.total).toBe(3);
    expect((await get(liberec, coordinator)).statusCode).toBe(200);
    expect((await get(demo.regionId, coordinator)).statusCode).toBe(200);
    const other = await get(demo.orpIdsByCode.get(CESKA_LIPA)!, coordinator);
    expect(other.statusCode).toBe(404);
    expect((await get(demo.municipalityIdsByCode.get('561380')!, coordinator)).statusCode).toBe(
      404,
    );
    expect((await list('?kind=orp&q=lipa', coordinator)).total).toBe(0);
  });

  it('a coordinator of a planning area sees the area and its members', async () => {
    const area = demo.planningAreaIdsByCode.get('DEMO-TANVALDSKO')!;
    const seen = await list('?sort=kind', auth(ctx, 'coordinator', area));
    expect(seen.items.map((u) => [u.kind, u.name])).toEqual([
      ['municipality', 'Tanvald'],
      ['orp', 'Tanvald'],
      ['planning_area', 'Mikroregion Tanvaldsko'],
      ['region', 'Liberecký kraj'],
    ]);
  });

  it('a municipality user sees its municipality (and the units above it)', async () => {
    const town = demo.municipalityIdsByCode.get('563889')!;
    const user = auth(ctx, 'municipality', town);
    expect((await list('?kind=municipality', user)).items.map((u) => u.id)).toEqual([town]);
    expect((await list('?kind=orp', user)).items.map((u) => u.code)).toEqual([LIBEREC]);
    expect((await get(demo.municipalityIdsByCode.get('563510')!, user)).statusCode).toBe(404);
  });

  it('a user without a reading role sees nothing', async () => {
    const token = ctx.app.signAccessToken({
      id: '00000000-0000-4000-8000-0000000000ff',
      kind: 'user',
      name: 'nobody',
      email: null,
      roles: [],
    });
    expect((await list('', { authorization: `Bearer ${token}` })).total).toBe(0);
  });
});

describe('GET /api/territorial-units/geojson', () => {
  it('gives Points at the representative points before boundaries are imported', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/territorial-units/geojson?kind=orp',
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(10);
    const liberec = fc.features.find(
      (f: { properties: { code: string } }) => f.properties.code === LIBEREC,
    );
    expect(liberec).toEqual({
      type: 'Feature',
      id: demo.orpIdsByCode.get(LIBEREC),
      properties: {
        id: demo.orpIdsByCode.get(LIBEREC),
        kind: 'orp',
        code: LIBEREC,
        name: 'Liberec',
        population: 144062,
      },
      geometry: { type: 'Point', coordinates: [15.056, 50.767] },
    });
  });

  it('leaves out units with neither boundary nor point, and filters by scope', async () => {
    const areas = await ctx.app.inject({
      method: 'GET',
      url: '/api/territorial-units/geojson?kind=planning_area',
      headers: admin,
    });
    expect(areas.json().features).toEqual([]);
    const coordinator = auth(ctx, 'coordinator', demo.orpIdsByCode.get(LIBEREC)!);
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/territorial-units/geojson?kind=orp',
      headers: coordinator,
    });
    expect(
      res.json().features.map((f: { properties: { name: string } }) => f.properties.name),
    ).toEqual(['Liberec']);
  });

  it('needs a valid kind', async () => {
    for (const url of ['/api/territorial-units/geojson', '/api/territorial-units/geojson?kind=x']) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: admin });
      expect(res.statusCode, url).toBe(400);
    }
  });
});
