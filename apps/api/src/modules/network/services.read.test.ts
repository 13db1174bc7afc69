import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacilityFeatureCollection } from '@socplan/contracts';
import { createFacility, createProvider, createService } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { today } from '../../lib/validity.ts';
import {
  LIBEREC,
  networkPrincipals,
  seedNetwork,
  serviceDetail,
  serviceList,
  type TestNetwork,
} from './network.test-support.ts';

let ctx: TestContext;
let net: TestNetwork;
let staff: { authorization: string };
/** A service with three states: 20 beds (2022), 30 beds (mid-2023), suspended (mid-2024). */
let history: string;
/** A service that only begins in 2025. */
let newcomer: string;
/** A service that begins after today. */
let future: string;
let historyProvider: string;

beforeAll(async () => {
  ctx = await createTestApp();
  net = await seedNetwork(ctx);
  staff = networkPrincipals(ctx, net).staff;
  historyProvider = await createProvider(ctx.app.db, { name: 'Historie, o.p.s.' });
  const beds = (count: number) => [{ form: 'pob', capacities: [{ unit: 'luzka', count }] }];
  history = await createService(ctx.app.db, {
    providerId: historyProvider,
    name: 'Domov se zvláštním režimem Pohoda',
    typeCode: '50',
    states: [
      { validFrom: '2022-01-01', forms: beds(20) },
      { validFrom: '2023-07-01', forms: beds(30) },
      { validFrom: '2024-06-01', forms: beds(30), status: 'suspended' },
    ],
  });
  newcomer = await createService(ctx.app.db, {
    providerId: historyProvider,
    name: 'Nováček',
    typeCode: '51',
    validFrom: '2025-01-01',
  });
  future = await createService(ctx.app.db, {
    providerId: historyProvider,
    name: 'Budoucí služba',
    typeCode: '46',
    forms: [{ form: 'amb', capacities: [{ unit: 'klient', count: 8 }] }],
    validFrom: '2099-01-01',
  });
});
afterAll(() => ctx.close());

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe('filters', () => {
  it('by type (one or several), form, target group, status, provider', async () => {
    expect(ids((await serviceList(ctx, staff, '?type=40')).items)).toEqual([net.services.lipaCare]);
    expect(ids((await serviceList(ctx, staff, '?type=40&type=57')).items)).toEqual(
      [net.services.lipaCare, net.services.shelter].sort(),
    );
    expect(ids((await serviceList(ctx, staff, '?form=ter')).items)).toEqual(
      [net.services.lipaCare, net.services.helpline, net.services.jablonecField].sort(),
    );
    expect(ids((await serviceList(ctx, staff, '?targetGroup=4&targetGroup=10')).items)).toEqual(
      [net.services.shelter, net.services.jablonecField].sort(),
    );
    expect(ids((await serviceList(ctx, staff, '?status=suspended')).items)).toEqual([history]);
    expect(ids((await serviceList(ctx, staff, `?providerId=${net.providers.p2}`)).items)).toEqual(
      [net.services.lipaCare, net.services.helpline].sort(),
    );
  });

  it('by territory: everything inside an ORP, a municipality, and what serves it from above', async () => {
    const orpLiberec = net.territory.orpIdsByCode.get('5105')!;
    expect(ids((await serviceList(ctx, staff, `?territoryId=${orpLiberec}`)).items)).toEqual(
      [net.services.liberecHome, net.services.shelter, net.services.helpline].sort(),
    );
    const town = net.territory.municipalityIdsByCode.get(LIBEREC)!;
    expect(ids((await serviceList(ctx, staff, `?territoryId=${town}`)).items)).toEqual(
      [net.services.liberecHome, net.services.shelter, net.services.helpline].sort(),
    );
    const orpLipa = net.territory.orpIdsByCode.get('5101')!;
    expect(
      ids((await serviceList(ctx, staff, `?territoryId=${orpLipa}&type=40&type=49`)).items),
    ).toEqual([net.services.lipaCare]);
    // The region: everything placed or serving anywhere in it.
    const all = await serviceList(ctx, staff, `?territoryId=${net.territory.regionId}`);
    expect(all.items.map((s) => s.id)).toEqual(expect.arrayContaining(Object.values(net.services)));
  });

  it('by text: service name, provider name (no case or diacritics), identifier or IČO start', async () => {
    expect(ids((await serviceList(ctx, staff, '?q=PECOVATELSKA')).items)).toEqual([
      net.services.lipaCare,
    ]);
    expect(
      ids((await serviceList(ctx, staff, `?q=${encodeURIComponent('charita')}`)).items),
    ).toEqual([net.services.lipaCare, net.services.helpline].sort());
    const { body } = await serviceDetail(ctx, staff, net.services.shelter);
    expect(ids((await serviceList(ctx, staff, `?q=${body.identifier}`)).items)).toEqual([
      net.services.shelter,
    ]);
    expect(ids((await serviceList(ctx, staff, `?q=${body.provider.ico}`)).items)).toEqual([
      net.services.shelter,
    ]);
  });

  it('combines filters and pages with a stable total', async () => {
    const first = await serviceList(ctx, staff, '?form=ter&limit=2&sort=name');
    const second = await serviceList(ctx, staff, '?form=ter&limit=2&offset=2&sort=name');
    expect(first.total).toBe(3);
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect(new Set([...ids(first.items), ...ids(second.items)]).size).toBe(3);
  });

  it('refuses unknown filters and sorts, naming them', async () => {
    for (const [query, pointer] of [
      ['?colour=red', '/colour'],
      ['?sort=colour', '/sort'],
      ['?asOf=1.1.2024', '/asOf'],
      ['?territoryId=x', '/territoryId'],
      ['?status=dormant', '/status/0'],
      ['?asOf=0000-01-01', '/asOf'],
      ['?asOf=2023-02-29', '/asOf'],
    ]) {
      const res = await ctx.app.inject({ url: `/api/services${query}`, headers: staff });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
  });
});

describe('sorting', () => {
  let sorter: string;
  beforeAll(async () => {
    sorter = await createProvider(ctx.app.db, { name: 'Řazení' });
    for (const [name, typeCode] of [
      ['Chráněné bydlení Zahrada', '51'],
      ['Hospic sv. Zdislavy', '52'],
      ['Čtyřlístek', '60a'],
      ['Cesta domů', '61'],
      ['Domov Harmonie', '37'],
      ['Azyl', '60'],
      ['Nový druh podle budoucího §101', '101'],
    ] as const)
      await createService(ctx.app.db, { providerId: sorter, name, typeCode });
  });

  const order = async (sort: string) =>
    (await serviceList(ctx, staff, `?providerId=${sorter}&sort=${sort}`)).items;

  it('names in Czech order (C < Č < D, H < CH), both ways', async () => {
    const names = (await order('name')).map((s) => s.state.name);
    expect(names).toEqual([
      'Azyl',
      'Cesta domů',
      'Čtyřlístek',
      'Domov Harmonie',
      'Hospic sv. Zdislavy',
      'Chráněné bydlení Zahrada',
      'Nový druh podle budoucího §101',
    ]);
    expect((await order('-name')).map((s) => s.state.name)).toEqual([...names].reverse());
  });

  it('types by § as numbers (60 < 60a < 61 < 101)', async () => {
    expect((await order('type')).map((s) => s.state.typeCode)).toEqual([
      '37',
      '51',
      '52',
      '60',
      '60a',
      '61',
      '101',
    ]);
  });

  it('by provider and by identifier', async () => {
    const byProvider = (await serviceList(ctx, staff, '?sort=provider&limit=500')).items.map(
      (s) => s.provider.name,
    );
    const bilyKruh = byProvider.indexOf('Bílý kruh bezpečí, z.s.');
    const charita = byProvider.indexOf('Charita Česká Lípa');
    const domov = byProvider.indexOf('Domov Harmonie, p.o.');
    expect(bilyKruh).toBeLessThan(domov);
    expect(domov).toBeLessThan(charita); // CH after D and H
    const identifiers = (await order('identifier')).map((s) => s.identifier!);
    expect(identifiers).toEqual([...identifiers].sort());
  });
});

describe('the network as of a day (asOf)', () => {
  it('shows each service in the state valid that day, and only services that existed', async () => {
    const on = async (day: string) =>
      (await serviceList(ctx, staff, `?asOf=${day}&providerId=${historyProvider}`)).items;
    expect(await on('2021-12-31')).toEqual([]);

    const jan2023 = await on('2023-01-01');
    expect(jan2023.map((s) => s.id)).toEqual([history]);
    expect(jan2023[0]!.state).toMatchObject({
      validFrom: '2022-01-01',
      validTo: '2023-07-01',
      status: 'active',
      forms: [{ form: 'pob', capacities: [{ unit: 'luzka', count: 20 }] }],
    });

    const jan2024 = await on('2024-01-01');
    expect(jan2024.map((s) => s.id)).toEqual([history]);
    expect(jan2024[0]!.state).toMatchObject({
      validFrom: '2023-07-01',
      validTo: '2024-06-01',
      status: 'active',
      forms: [{ form: 'pob', capacities: [{ unit: 'luzka', count: 30 }] }],
    });

    // The day a state begins belongs to it (validity is half-open).
    expect((await on('2024-06-01'))[0]!.state.status).toBe('suspended');
    expect(ids(await on('2025-01-01'))).toEqual([history, newcomer].sort());
    // Status filters apply to the state of that day.
    const active = await serviceList(
      ctx,
      staff,
      `?asOf=2024-01-01&status=active&providerId=${historyProvider}`,
    );
    expect(active.total).toBe(1);
  });

  it('without asOf shows today’s state, and a service that begins later with its first state', async () => {
    const items = (await serviceList(ctx, staff, `?providerId=${historyProvider}`)).items;
    expect(ids(items)).toEqual([history, newcomer, future].sort());
    expect(items.find((s) => s.id === history)!.state.status).toBe('suspended');
    expect(items.find((s) => s.id === future)!.state.validFrom).toBe('2099-01-01');
    expect(
      (await serviceList(ctx, staff, `?asOf=${today()}&providerId=${historyProvider}`)).total,
    ).toBe(2);
  });

  it('the detail has the history newest first with what changed, and asOf picks a state', async () => {
    const { status, body, etag } = await serviceDetail(ctx, staff, history);
    expect(status).toBe(200);
    expect(etag).toBe('"1"');
    expect(body.state.status).toBe('suspended');
    expect(body.history.map((h) => [h.validFrom, h.validTo])).toEqual([
      ['2024-06-01', null],
      ['2023-07-01', '2024-06-01'],
      ['2022-01-01', '2023-07-01'],
    ]);
    expect(body.history[0]!.changes).toEqual([
      { field: 'status', before: 'active', after: 'suspended' },
    ]);
    expect(body.history[1]!.changes).toEqual([
      {
        field: 'forms',
        before: [{ form: 'pob', capacities: [{ unit: 'luzka', count: 20 }] }],
        after: [{ form: 'pob', capacities: [{ unit: 'luzka', count: 30 }] }],
      },
    ]);
    expect(body.history[2]!.changes).toEqual([]);

    const then = await serviceDetail(ctx, staff, history, '?asOf=2023-03-15');
    expect(then.body.state.forms[0]!.capacities[0]!.count).toBe(20);
    expect(then.body.history).toHaveLength(3);
    expect((await serviceDetail(ctx, staff, history, '?asOf=2021-06-01')).status).toBe(404);
  });
});

describe('facilities in reads', () => {
  let branchy: string;
  beforeAll(async () => {
    branchy = await createService(ctx.app.db, {
      name: 'Pobočková služba',
      typeCode: '45',
      forms: [{ form: 'amb', capacities: [] }],
    });
    await createFacility(ctx.app.db, branchy, { name: 'Otevřená', validFrom: '2020-01-01' });
    await createFacility(ctx.app.db, branchy, {
      name: 'Zavřená',
      validFrom: '2020-01-01',
      validTo: '2023-01-01',
    });
    await createFacility(ctx.app.db, branchy, { name: 'Bez souřadnic', point: null });
  });

  it('lists show the facilities operating on the day; the detail shows all, with dates', async () => {
    const listed = (await serviceList(ctx, staff, '?type=45')).items[0]!;
    expect(listed.facilities.map((f) => f.name).sort()).toEqual(['Bez souřadnic', 'Otevřená']);
    const past = (await serviceList(ctx, staff, '?type=45&asOf=2022-06-01')).items[0]!;
    expect(past.facilities.map((f) => f.name).sort()).toEqual([
      'Bez souřadnic',
      'Otevřená',
      'Zavřená',
    ]);
    const { body } = await serviceDetail(ctx, staff, branchy);
    expect(body.facilities.map((f) => f.name)).toHaveLength(3);
    expect(body.facilities.at(-1)).toMatchObject({ name: 'Zavřená', validTo: '2023-01-01' });
    // The municipality and its ORP are resolved from the code.
    expect(body.facilities[0]).toMatchObject({
      municipalityCode: LIBEREC,
      municipalityName: 'Liberec',
      orpId: net.territory.orpIdsByCode.get('5105'),
    });
  });

  it('the map has a point per operating facility with coordinates, filterable like the list', async () => {
    const res = await ctx.app.inject({
      url: '/api/services/facilities.geojson?type=45&type=40',
      headers: staff,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const map = res.json() as FacilityFeatureCollection;
    expect(map.features.map((f) => f.properties.facilityName).sort()).toEqual(
      expect.arrayContaining(['Otevřená']),
    );
    expect(map.features).toHaveLength(2);
    const lipa = map.features.find((f) => f.properties.serviceId === net.services.lipaCare)!;
    expect(lipa).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [14.538, 50.686] },
      properties: {
        typeCode: '40',
        providerName: 'Charita Česká Lípa',
        serviceName: 'Pečovatelská služba Česká Lípa',
      },
    });
    const orpLipa = net.territory.orpIdsByCode.get('5101')!;
    const inLipa = (
      await ctx.app.inject({
        url: `/api/services/facilities.geojson?territoryId=${orpLipa}`,
        headers: staff,
      })
    ).json() as FacilityFeatureCollection;
    expect(inLipa.features.map((f) => f.properties.serviceId)).toEqual([net.services.lipaCare]);
  });
});
