import type { Service, ServiceDetail } from '@socplan/contracts';
import { createFacility, createProvider, createService } from '../../test/fixtures.ts';
import type { TestContext } from '../../test/test-app.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';

export type Headers = Record<string, string>;

/**
 * A small network over the demo territory (Liberecký kraj, its 10 ORPs and seat towns):
 *
 * - `liberecHome` (P1): a home for the elderly with a facility in Liberec (ORP 5105);
 * - `lipaCare` (P2): home care with a facility in Česká Lípa (ORP 5101);
 * - `helpline` (P2): a crisis helpline without a facility, serving the whole region;
 * - `shelter` (P3): a shelter in Liberec with a secret address;
 * - `jablonecField` (P1): field social rehabilitation serving ORP Jablonec, no facility.
 */
export interface TestNetwork {
  territory: DemoTerritory;
  providers: { p1: string; p2: string; p3: string };
  services: {
    liberecHome: string;
    lipaCare: string;
    helpline: string;
    shelter: string;
    jablonecField: string;
  };
  shelterFacilityId: string;
  liberecFacilityId: string;
}

export const LIBEREC = '563889';
export const CESKA_LIPA = '561380';
export const JABLONEC = '563510';

export async function seedNetwork(ctx: TestContext): Promise<TestNetwork> {
  const db = ctx.app.db;
  const territory = await seedTerritory(ctx);
  const p1 = await createProvider(db, { name: 'Domov Harmonie, p.o.' });
  const p2 = await createProvider(db, { name: 'Charita Česká Lípa' });
  const p3 = await createProvider(db, { name: 'Bílý kruh bezpečí, z.s.' });

  const liberecHome = await createService(db, {
    providerId: p1,
    name: 'Domov pro seniory Harmonie',
    typeCode: '49',
  });
  const liberecFacilityId = await createFacility(db, liberecHome, { municipalityCode: LIBEREC });

  const lipaCare = await createService(db, {
    providerId: p2,
    name: 'Pečovatelská služba Česká Lípa',
    typeCode: '40',
    forms: [{ form: 'ter', capacities: [{ unit: 'klient', count: 120 }] }],
    targetGroups: ['24', '17'],
  });
  await createFacility(db, lipaCare, {
    municipalityCode: CESKA_LIPA,
    point: { lat: 50.686, lon: 14.538 },
  });

  const helpline = await createService(db, {
    providerId: p2,
    name: 'Linka důvěry Liberec',
    typeCode: '55',
    forms: [{ form: 'ter', capacities: [{ unit: 'hovor', count: 5000 }] }],
    targetGroups: ['19'],
    territoryUnitIds: [territory.regionId],
  });

  const shelter = await createService(db, {
    providerId: p3,
    name: 'Azylový dům pro matky s dětmi',
    typeCode: '57',
    forms: [{ form: 'pob', capacities: [{ unit: 'luzka', count: 12 }] }],
    targetGroups: ['4'],
  });
  const shelterFacilityId = await createFacility(db, shelter, {
    name: 'Azylový dům (utajená adresa)',
    municipalityCode: LIBEREC,
    addressPointCode: 41_234_567,
    point: { lat: 50.771, lon: 15.061 },
    secretAddress: true,
  });

  const jablonecField = await createService(db, {
    providerId: p1,
    name: 'Sociální rehabilitace Jablonecko',
    typeCode: '70',
    forms: [{ form: 'ter', capacities: [{ unit: 'klient', count: 30 }] }],
    targetGroups: ['10'],
    territoryUnitIds: [territory.orpIdsByCode.get('5103')!],
  });

  return {
    territory,
    providers: { p1, p2, p3 },
    services: { liberecHome, lipaCare, helpline, shelter, jablonecField },
    shelterFacilityId,
    liberecFacilityId,
  };
}

/** Bearer headers for the roles the network tests use. */
export function networkPrincipals(ctx: TestContext, net: TestNetwork) {
  const orp = (code: string) => net.territory.orpIdsByCode.get(code)!;
  const town = (code: string) => net.territory.municipalityIdsByCode.get(code)!;
  return {
    admin: auth(ctx, 'region_admin'),
    staff: auth(ctx, 'region_staff'),
    analyst: auth(ctx, 'analyst'),
    coordinatorLiberec: auth(ctx, 'coordinator', orp('5105')),
    municipalityLiberec: auth(ctx, 'municipality', town(LIBEREC)),
    municipalityJablonec: auth(ctx, 'municipality', town(JABLONEC)),
    provider1: auth(ctx, 'provider', null, net.providers.p1),
    provider3: auth(ctx, 'provider', null, net.providers.p3),
  } satisfies Record<string, Headers>;
}

/** GET a list of services; returns the items (asserting 200). */
export async function serviceList(
  ctx: TestContext,
  headers: Headers,
  query = '',
): Promise<{ items: Service[]; total: number }> {
  const res = await ctx.app.inject({ url: `/api/services${query}`, headers });
  if (res.statusCode !== 200)
    throw new Error(`GET /api/services${query}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function serviceDetail(
  ctx: TestContext,
  headers: Headers,
  id: string,
  query = '',
): Promise<{ status: number; body: ServiceDetail; etag: string }> {
  const res = await ctx.app.inject({ url: `/api/services/${id}${query}`, headers });
  return { status: res.statusCode, body: res.json(), etag: res.headers.etag as string };
}
