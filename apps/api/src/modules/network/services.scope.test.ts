import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacilityFeatureCollection, Provider, Service } from '@socplan/contracts';
import { createFacility, createService } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import {
  networkPrincipals,
  seedNetwork,
  serviceDetail,
  serviceList,
  type Headers,
  type TestNetwork,
} from './network.test-support.ts';

let ctx: TestContext;
let net: TestNetwork;
let who: ReturnType<typeof networkPrincipals>;

beforeAll(async () => {
  ctx = await createTestApp();
  net = await seedNetwork(ctx);
  who = networkPrincipals(ctx, net);
});
afterAll(() => ctx.close());

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();
const names = (keys: (keyof TestNetwork['services'])[]) => keys.map((k) => net.services[k]).sort();

describe('who sees which services', () => {
  it.each([
    ['region_admin', 'admin'],
    ['region_staff', 'staff'],
    ['analyst', 'analyst'],
  ] as const)('%s sees the whole region', async (_role, key) => {
    const { items, total } = await serviceList(ctx, who[key]);
    expect(total).toBe(5);
    expect(ids(items)).toEqual(
      names(['liberecHome', 'lipaCare', 'helpline', 'shelter', 'jablonecField']),
    );
  });

  it('a coordinator of ORP Liberec sees services with a facility there or serving it (the region), not others', async () => {
    const { items } = await serviceList(ctx, who.coordinatorLiberec);
    expect(ids(items)).toEqual(names(['liberecHome', 'helpline', 'shelter']));
    for (const other of [net.services.lipaCare, net.services.jablonecField])
      expect((await serviceDetail(ctx, who.coordinatorLiberec, other)).status).toBe(404);
    expect(
      (await serviceDetail(ctx, who.coordinatorLiberec, net.services.liberecHome)).status,
    ).toBe(200);
  });

  it('a municipality sees what has a facility in it or serves it (its ORP, the region)', async () => {
    expect(ids((await serviceList(ctx, who.municipalityLiberec)).items)).toEqual(
      names(['liberecHome', 'helpline', 'shelter']),
    );
    expect(ids((await serviceList(ctx, who.municipalityJablonec)).items)).toEqual(
      names(['helpline', 'jablonecField']),
    );
    expect(
      (await serviceDetail(ctx, who.municipalityJablonec, net.services.liberecHome)).status,
    ).toBe(404);
  });

  it('a provider sees only its own services', async () => {
    expect(ids((await serviceList(ctx, who.provider1)).items)).toEqual(
      names(['liberecHome', 'jablonecField']),
    );
    expect((await serviceDetail(ctx, who.provider1, net.services.lipaCare)).status).toBe(404);
  });

  it('filters by scope before counting and paging', async () => {
    const page = await serviceList(ctx, who.coordinatorLiberec, '?limit=1&offset=2');
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
  });
});

describe('who may change which services', () => {
  const patch = async (headers: Headers, id: string, payload: object) => {
    const read = await serviceDetail(ctx, who.admin, id);
    return ctx.app.inject({
      method: 'PATCH',
      url: `/api/services/${id}`,
      headers: { ...headers, 'if-match': read.etag },
      payload,
    });
  };

  it('a provider edits its own services; others are 404', async () => {
    const own = await patch(who.provider1, net.services.liberecHome, { phone: '+420 485 000 111' });
    expect(own.statusCode, own.body).toBe(200);
    expect((await patch(who.provider1, net.services.lipaCare, { phone: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('analysts, coordinators and municipalities may read but not write (403)', async () => {
    for (const headers of [who.analyst, who.coordinatorLiberec, who.municipalityLiberec]) {
      const res = await patch(headers, net.services.liberecHome, { phone: 'x' });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('a provider cannot move its service to another provider (403) nor create one for another (403)', async () => {
    expect(
      (await patch(who.provider1, net.services.liberecHome, { providerId: net.providers.p2 }))
        .statusCode,
    ).toBe(403);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/services',
      headers: who.provider1,
      payload: { providerId: net.providers.p2, typeCode: '49', name: 'Cizí služba' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('facilities follow the service: provider own only, others 404, readers 403', async () => {
    const payload = { name: 'Pobočka', municipalityCode: '563889' };
    const post = (headers: Headers, id: string) =>
      ctx.app.inject({ method: 'POST', url: `/api/services/${id}/facilities`, headers, payload });
    expect((await post(who.provider1, net.services.liberecHome)).statusCode).toBe(201);
    expect((await post(who.provider1, net.services.shelter)).statusCode).toBe(404);
    expect((await post(who.coordinatorLiberec, net.services.liberecHome)).statusCode).toBe(403);
  });
});

describe('providers by scope', () => {
  const providerIds = async (headers: Headers) => {
    const res = await ctx.app.inject({ url: '/api/providers', headers });
    expect(res.statusCode).toBe(200);
    return (res.json().items as Provider[]).map((p) => p.id).sort();
  };

  it('a provider sees itself; a coordinator the providers of services in its territory', async () => {
    const { p1, p2, p3 } = net.providers;
    expect(await providerIds(who.provider1)).toEqual([p1]);
    expect(await providerIds(who.coordinatorLiberec)).toEqual([p1, p2, p3].sort());
    expect(await providerIds(who.municipalityJablonec)).toEqual([p1, p2].sort());
    expect(
      (await ctx.app.inject({ url: `/api/providers/${p2}`, headers: who.provider1 })).statusCode,
    ).toBe(404);
    expect((await providerIds(who.analyst)).length).toBeGreaterThanOrEqual(3);
  });
});

describe('secret addresses', () => {
  const shelterFacility = (service: Service) =>
    service.facilities.find((f) => f.id === net.shelterFacilityId)!;

  it.each(['analyst', 'coordinatorLiberec', 'municipalityLiberec', 'provider3'] as const)(
    'are never sent to %s (detail, list, map)',
    async (key) => {
      const headers = who[key];
      const detail = await serviceDetail(ctx, headers, net.services.shelter);
      expect(detail.status).toBe(200);
      const facility = shelterFacility(detail.body);
      expect(facility).toMatchObject({
        secretAddress: true,
        address: null,
        addressPointCode: null,
        point: null,
        municipalityCode: '563889',
      });
      const list = await serviceList(ctx, headers, '?type=57');
      expect(shelterFacility(list.items[0]!)).toMatchObject({ address: null, point: null });

      const map = await ctx.app.inject({ url: '/api/services/facilities.geojson', headers });
      expect(map.statusCode).toBe(200);
      const features = (map.json() as FacilityFeatureCollection).features;
      expect(features.some((f) => f.properties.serviceId === net.services.shelter)).toBe(false);
      // Nothing of the secret place anywhere in the answers.
      for (const body of [JSON.stringify(detail.body), JSON.stringify(list), map.body]) {
        expect(body).not.toContain('41234567');
        expect(body).not.toContain('50.771');
        expect(body).not.toContain('Husova');
      }
    },
  );

  it('are shown to region staff and administrators (API and map)', async () => {
    for (const headers of [who.staff, who.admin]) {
      const facility = shelterFacility(
        (await serviceDetail(ctx, headers, net.services.shelter)).body,
      );
      expect(facility).toMatchObject({
        addressPointCode: 41_234_567,
        point: { lat: 50.771, lon: 15.061 },
        address: expect.objectContaining({ street: 'Husova' }),
      });
      const map = (
        await ctx.app.inject({ url: '/api/services/facilities.geojson?type=57', headers })
      ).json() as FacilityFeatureCollection;
      expect(map.features).toHaveLength(1);
      expect(map.features[0]).toMatchObject({
        geometry: { type: 'Point', coordinates: [15.061, 50.771] },
        properties: { secretAddress: true, serviceId: net.services.shelter },
      });
    }
  });

  it('stay hidden from a single-facility read and from the facility write answer', async () => {
    const url = `/api/services/${net.services.shelter}/facilities/${net.shelterFacilityId}`;
    const read = await ctx.app.inject({ url, headers: who.provider3 });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ address: null, point: null, addressPointCode: null });
    const res = await ctx.app.inject({
      method: 'PATCH',
      url,
      headers: { ...who.provider3, 'if-match': read.headers.etag as string },
      payload: { name: 'Azylový dům Bílý kruh' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Azylový dům Bílý kruh', address: null, point: null });
  });
});

describe('scope edge cases', () => {
  it('a coordinator of a planning area sees services in its member municipalities and what serves them', async () => {
    const area = net.territory.planningAreaIdsByCode.get('DEMO-TANVALDSKO')!;
    const tanvald = await createService(ctx.app.db, {
      name: 'Pečovatelská služba Tanvald',
      typeCode: '40',
    });
    await createFacility(ctx.app.db, tanvald, { municipalityCode: '563820' });
    // Serving the ORP the area lies in reaches the area's member municipality.
    const orpTanvald = await createService(ctx.app.db, {
      name: 'Terénní program Tanvaldsko',
      typeCode: '69',
      territoryUnitIds: [net.territory.orpIdsByCode.get('5108')!],
    });
    const { items } = await serviceList(ctx, auth(ctx, 'coordinator', area));
    expect(ids(items)).toEqual([tanvald, orpTanvald, net.services.helpline].sort());
  });

  it('a unit-bound role without a unit, or a provider role without a provider, sees nothing', async () => {
    expect((await serviceList(ctx, auth(ctx, 'coordinator', null))).total).toBe(0);
    expect((await serviceList(ctx, auth(ctx, 'provider', null, null))).total).toBe(0);
  });

  it('an ended facility still places the service in the territory (its history stays visible)', async () => {
    const moved = await createService(ctx.app.db, {
      name: 'Přestěhovaná služba',
      typeCode: '45',
      validFrom: '2015-01-01',
    });
    await createFacility(ctx.app.db, moved, {
      municipalityCode: '563889',
      validFrom: '2015-01-01',
      validTo: '2020-01-01',
    });
    expect((await serviceDetail(ctx, who.coordinatorLiberec, moved)).status).toBe(200);
    // …but the territory filter of today's list places it by facilities operating today.
    const orp = net.territory.orpIdsByCode.get('5105')!;
    const today = await serviceList(ctx, who.admin, `?territoryId=${orp}&type=45`);
    expect(ids(today.items)).not.toContain(moved);
    const then = await serviceList(ctx, who.admin, `?territoryId=${orp}&type=45&asOf=2019-06-01`);
    expect(ids(then.items)).toContain(moved);
  });
});
