import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PublicFacets,
  PublicMap,
  PublicPlaceList,
  PublicServiceDetail,
  PublicServiceList,
} from '@socplan/contracts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { CESKA_LIPA, JABLONEC, LIBEREC } from '../network/network.test-support.ts';
import { seedCatalogue, SHELTER_SECRETS } from './public-catalogue.test-support.ts';

let ctx: TestContext;
let net: Awaited<ReturnType<typeof seedCatalogue>>;

beforeAll(async () => {
  ctx = await createTestApp();
  net = await seedCatalogue(ctx);
});
afterAll(() => ctx.close());

/** Anonymous GET: no Authorization header anywhere in this file. */
const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ url, headers });

async function search(query: string): Promise<PublicServiceList> {
  const res = await get(`/api/public/services?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const names = (list: PublicServiceList) => list.items.map((s) => s.name);

describe('search by place', () => {
  it('a municipality finds services with a published facility there or serving it', async () => {
    const list = await search(`municipality=${LIBEREC}`);
    // The home has a facility in Liberec (nearest: 0 km), the helpline serves the whole region.
    // The shelter's only facility is secret: it is not found "in Liberec" through it.
    expect(names(list)).toEqual(['Domov pro seniory Harmonie', 'Linka důvěry Liberec']);
    expect(list.total).toBe(2);
    expect(list.items[0]!.nearestFacility).toMatchObject({
      municipalityName: 'Liberec',
      distanceKm: 0,
    });
    expect(list.items[1]!.nearestFacility).toBeNull();
  });

  it('a municipality by unit id finds services serving its ORP', async () => {
    const id = net.territory.municipalityIdsByCode.get(JABLONEC)!;
    expect(names(await search(`municipality=${id}`))).toEqual([
      'Linka důvěry Liberec',
      'Sociální rehabilitace Jablonecko',
    ]);
  });

  it('a point orders services by the distance to their nearest published facility', async () => {
    const list = await search('lat=50.69&lon=14.54');
    expect(names(list)).toEqual([
      'Pečovatelská služba Česká Lípa', // facility at Česká Lípa
      'Domov pro seniory Harmonie', // Liberec, ~38 km
      // no published facility: by name, after those with one
      'Azylový dům pro matky s dětmi',
      'Linka důvěry Liberec',
      'Sociální rehabilitace Jablonecko',
    ]);
    const [lipa, liberec] = list.items;
    expect(lipa!.nearestFacility!.distanceKm).toBeLessThan(1);
    expect(liberec!.nearestFacility!.distanceKm).toBeGreaterThan(35);
    expect(liberec!.nearestFacility!.distanceKm).toBeLessThan(42);
  });

  it('radiusKm keeps only services with a published facility that close', async () => {
    expect(names(await search('lat=50.69&lon=14.54&radiusKm=10'))).toEqual([
      'Pečovatelská služba Česká Lípa',
    ]);
    // Around Liberec's centre: the home, not the shelter a few hundred metres away.
    expect(names(await search(`municipality=${LIBEREC}&radiusKm=5`))).toEqual([
      'Domov pro seniory Harmonie',
    ]);
  });
});

describe('filters and paging', () => {
  it('filters by target group, type, form and text', async () => {
    expect(names(await search('targetGroup=17'))).toEqual(['Pečovatelská služba Česká Lípa']);
    expect(names(await search('type=49'))).toEqual(['Domov pro seniory Harmonie']);
    expect(names(await search('form=ter'))).toEqual([
      'Linka důvěry Liberec',
      'Pečovatelská služba Česká Lípa',
      'Sociální rehabilitace Jablonecko',
    ]);
    // Provider name, ignoring case and diacritics.
    expect(names(await search('q=charita%20ceska'))).toEqual([
      'Linka důvěry Liberec',
      'Pečovatelská služba Česká Lípa',
    ]);
    expect(names(await search(`municipality=${CESKA_LIPA}&form=pob`))).toEqual([]);
  });

  it('shows codelist names in Czech and English, contacts and the provider', async () => {
    const [home] = (await search('type=49')).items;
    expect(home).toMatchObject({
      type: { code: '49', name: 'domovy pro seniory', nameEn: 'homes for the elderly' },
      forms: [{ code: 'pob', name: 'pobytová', nameEn: 'residential' }],
      targetGroups: [{ code: '24' }],
      provider: { id: net.providers.p1, name: 'Domov Harmonie, p.o.' },
      contacts: { email: null, phone: null, web: null },
      addressWithheld: false,
    });
  });

  it('pages by name with a stable total, inactive services never counted', async () => {
    const all = await search('limit=100');
    expect(all.total).toBe(5);
    expect(names(all)).not.toContain('Noclehárna Liberec (ukončená)');
    const second = await search('limit=2&offset=2');
    expect(second.total).toBe(5);
    expect(names(second)).toEqual(names(all).slice(2, 4));
    const past = await search('limit=2&offset=10');
    expect(past).toEqual({ items: [], total: 5 });
  });

  it.each([
    ['lat=50.7', '/lon'],
    ['lon=15', '/lat'],
    ['radiusKm=5', '/radiusKm'],
    ['municipality=999999', '/municipality'],
    ['municipality=Liberec', '/municipality'],
    ['limit=0', '/limit'],
    ['lat=91&lon=15', '/lat'],
    ['targetGroup=%27%3B', '/targetGroup'],
    ['colour=red', ''],
  ])('%s → 400 naming %s', async (query, pointer) => {
    const res = await get(`/api/public/services?${query}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (pointer)
      expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });
});

describe('service detail', () => {
  it('shows provider, contacts, forms with capacities, territory and facilities', async () => {
    const res = await get(`/api/public/services/${net.services.lipaCare}`);
    expect(res.statusCode).toBe(200);
    const body: PublicServiceDetail = res.json();
    expect(body).toMatchObject({
      name: 'Pečovatelská služba Česká Lípa',
      type: { code: '40', nameEn: 'home care service' },
      provider: { name: 'Charita Česká Lípa', web: null },
      forms: [
        {
          code: 'ter',
          capacities: [{ unit: { code: 'klient', name: 'počet klientů' }, count: 120 }],
        },
      ],
      addressWithheld: false,
    });
    expect(body.provider.ico).toMatch(/^[0-9]{8}$/);
    expect(body.identifier).toMatch(/^[0-9]{7}$/);
    expect(body.targetGroups.map((g) => g.code)).toEqual(['24', '17']);
    expect(body.facilities).toHaveLength(1);
    expect(body.facilities[0]).toMatchObject({
      municipalityCode: CESKA_LIPA,
      lat: 50.686,
      address: { street: 'Husova' },
    });
  });

  it('names the territory served', async () => {
    const body: PublicServiceDetail = (
      await get(`/api/public/services/${net.services.jablonecField}`)
    ).json();
    expect(body.territory).toEqual([
      expect.objectContaining({ kind: 'orp', code: '5103', name: 'Jablonec nad Nisou' }),
    ]);
    expect(body.facilities).toEqual([]);
    expect(body.addressWithheld).toBe(false);
  });

  it('a service whose facilities are all secret shows none and says so', async () => {
    const res = await get(`/api/public/services/${net.services.shelter}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ facilities: [], addressWithheld: true });
    for (const secret of SHELTER_SECRETS) expect(res.body).not.toContain(secret);
    expect(res.body).not.toContain(net.shelterFacilityId);
  });

  it('unknown and ended services are 404, a malformed id 400', async () => {
    expect((await get(`/api/public/services/${net.endedService}`)).statusCode).toBe(404);
    expect(
      (await get('/api/public/services/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    const bad = await get('/api/public/services/nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/id');
  });
});

describe('secret addresses', () => {
  it('never appear in any search answer', async () => {
    for (const query of [
      'limit=100',
      `municipality=${LIBEREC}`,
      'lat=50.771&lon=15.061',
      'type=57',
      'q=azyl',
    ]) {
      const res = await get(`/api/public/services?${query}`);
      for (const secret of SHELTER_SECRETS) expect(res.body, query).not.toContain(secret);
      expect(res.body).not.toContain(net.shelterFacilityId);
    }
    const [shelter] = (await search('type=57')).items;
    expect(shelter).toMatchObject({ nearestFacility: null, addressWithheld: true });
  });
});

describe('map, facets and places', () => {
  it('the map has published facilities of active services only, with an ETag', async () => {
    const res = await get('/api/public/map');
    expect(res.statusCode).toBe(200);
    const map: PublicMap = res.json();
    expect(map.items.map((p) => p.serviceId).sort()).toEqual(
      [net.services.liberecHome, net.services.lipaCare].sort(),
    );
    expect(map.items.find((p) => p.id === net.liberecFacilityId)).toMatchObject({
      serviceName: 'Domov pro seniory Harmonie',
      type: '49',
      lat: 50.767,
      lon: 15.056,
    });
    for (const secret of SHELTER_SECRETS) expect(res.body).not.toContain(secret);
    const again = await get('/api/public/map', { 'if-none-match': res.headers.etag as string });
    expect(again.statusCode).toBe(304);
  });

  it('the map takes the search filters and shows the facilities of the services found', async () => {
    const mapOf = async (query: string) => {
      const res = await get(`/api/public/map?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      for (const secret of SHELTER_SECRETS) expect(res.body).not.toContain(secret);
      return (res.json() as PublicMap).items.map((p) => p.serviceName).sort();
    };
    expect(await mapOf('type=49')).toEqual(['Domov pro seniory Harmonie']);
    expect(await mapOf('targetGroup=17&form=ter')).toEqual(['Pečovatelská služba Česká Lípa']);
    expect(await mapOf('q=lipa')).toEqual(['Pečovatelská služba Česká Lípa']);
    expect(await mapOf(`municipality=${LIBEREC}`)).toEqual(['Domov pro seniory Harmonie']);
    expect(await mapOf('lat=50.69&lon=14.54&radiusKm=10')).toEqual([
      'Pečovatelská služba Česká Lípa',
    ]);
    // The shelter is found by its type, but its only facility is secret: nothing to show.
    expect(await mapOf('type=57')).toEqual([]);
    expect(await mapOf(`municipality=${CESKA_LIPA}&type=49`)).toEqual([]);
  });

  it('the filtered map shows what the list finds, for every filter combination', async () => {
    const queries = [
      '',
      'type=40',
      'form=pob',
      'targetGroup=24',
      'q=domov',
      `municipality=${LIBEREC}`,
      `municipality=${JABLONEC}&form=ter`,
      `municipality=${CESKA_LIPA}&radiusKm=50`,
      'lat=50.77&lon=15.06&radiusKm=5',
    ];
    for (const query of queries) {
      const list = await search(`${query}&limit=100`);
      const map: PublicMap = (await get(`/api/public/map?${query}`)).json();
      // Services the list places on the map (a published facility with coordinates) = the map's.
      const listed = list.items
        .filter((s) => s.nearestFacility?.lat != null)
        .map((s) => s.id)
        .sort();
      expect([...new Set(map.items.map((p) => p.serviceId))].sort(), query).toEqual(listed);
    }
  });

  it('a filtered map has an ETag; bad filters are a 400 naming the field', async () => {
    const res = await get('/api/public/map?type=49');
    const again = await get('/api/public/map?type=49', {
      'if-none-match': res.headers.etag as string,
    });
    expect(again.statusCode).toBe(304);
    expect((await get('/api/public/map')).headers.etag).not.toBe(res.headers.etag);
    for (const [query, pointer] of [
      ['radiusKm=5', '/radiusKm'],
      ['lat=50.7', '/lon'],
      ['municipality=999999', '/municipality'],
      ['type=a%20b', '/type'],
      ['limit=5', '/limit'],
    ] as const) {
      const bad = await get(`/api/public/map?${query}`);
      expect(bad.statusCode, query).toBe(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      expect(bad.body, query).toContain(pointer);
    }
  });

  it('facets offer the codelist items active services use', async () => {
    const res = await get('/api/public/facets');
    expect(res.statusCode).toBe(200);
    const facets: PublicFacets = res.json();
    expect(facets.serviceTypes.map((t) => t.code).sort()).toEqual(['40', '49', '55', '57', '70']);
    expect(facets.serviceTypes.find((t) => t.code === '57')).toEqual({
      code: '57',
      name: 'azylové domy',
      nameEn: 'shelters',
    });
    expect(facets.forms.map((f) => f.code).sort()).toEqual(['pob', 'ter']);
    expect(facets.targetGroups.map((g) => g.code).sort()).toEqual(['10', '17', '19', '24', '4']);
  });

  it('facets show a codelist item renamed by another process', async () => {
    await get('/api/public/facets');
    // Straight in the database, as another API process would: only the trigger can tell.
    await ctx.app.db.execute(
      sql`update codelist_items set name = 'azylové domy pro rodiny' where codelist = 'service_type' and code = '57'`,
    );
    const renamed = async () =>
      (await get('/api/public/facets'))
        .json<PublicFacets>()
        .serviceTypes.find((t) => t.code === '57')?.name === 'azylové domy pro rodiny';
    for (let i = 0; i < 100 && !(await renamed()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await renamed()).toBe(true);
    await ctx.app.db.execute(
      sql`update codelist_items set name = 'azylové domy' where codelist = 'service_type' and code = '57'`,
    );
  });

  it('places: municipalities by the start of their name, with their ORP', async () => {
    const res = await get('/api/public/places?q=jablon');
    expect(res.statusCode).toBe(200);
    const places: PublicPlaceList = res.json();
    expect(places.items).toEqual([
      expect.objectContaining({
        code: JABLONEC,
        name: 'Jablonec nad Nisou',
        orpName: 'Jablonec nad Nisou',
      }),
    ]);
    expect((await get('/api/public/places')).statusCode).toBe(400);
  });
});
