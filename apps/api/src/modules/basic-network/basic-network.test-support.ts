/**
 * A small network for the basic-network and financing tests, inserted directly: a region with
 * two ORPs and four municipalities (with populations), two providers and their services with
 * current states (territory served, forms) and facilities.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { territorialUnits, type ServiceForm } from '../../db/schema/index.ts';
import { createFacility, createProvider, createService, createUnit } from '../../test/fixtures.ts';

const code = () => String(100000 + (randomBytes(3).readUIntBE(0, 3) % 800000));

/** A territorial unit with a population (the fixture's createUnit sets none). */
export async function insertUnit(
  db: Db,
  values: {
    kind: 'region' | 'orp' | 'municipality' | 'planning_area';
    name: string;
    parentId?: string | null;
    population?: number | null;
  },
): Promise<{ id: string; code: string }> {
  const unitCode = code();
  const id = await createUnit(db, { ...values, code: unitCode });
  if (values.population != null)
    await db
      .update(territorialUnits)
      .set({ population: values.population })
      .where(eq(territorialUnits.id, id));
  return { id, code: unitCode };
}

export interface ServiceSpec {
  providerId: string;
  typeCode: string;
  name: string;
  forms?: ServiceForm[];
  territoryUnitIds?: string[];
  facilityMunicipalityCodes?: string[];
}

/** A service with one current state (since 2020) and its facilities. */
export async function insertService(db: Db, spec: ServiceSpec): Promise<string> {
  const { facilityMunicipalityCodes = [], ...state } = spec;
  const serviceId = await createService(db, {
    ...state,
    territoryUnitIds: state.territoryUnitIds ?? [],
  });
  for (const municipalityCode of facilityMunicipalityCodes)
    await createFacility(db, serviceId, { municipalityCode });
  return serviceId;
}

export interface NetworkWorld {
  regionId: string;
  orpA: { id: string; code: string };
  orpB: { id: string; code: string };
  /** ORP A: a1 (1 000 inhabitants), a2 (3 000); ORP B: b1 (2 000), b2 (no population known). */
  a1: { id: string; code: string };
  a2: { id: string; code: string };
  b1: { id: string; code: string };
  b2: { id: string; code: string };
  providerP: string;
  providerQ: string;
  /** P's home for the elderly: facility in a1, serving a1 and a2. */
  homeP: string;
  /** P's field care serving the whole ORP B. */
  fieldP: string;
  /** Q's counselling: no territory named, a facility in b1. */
  counselQ: string;
}

export async function seedNetworkWorld(db: Db): Promise<NetworkWorld> {
  const region = await insertUnit(db, { kind: 'region', name: 'Kraj', population: 6000 });
  const orpA = await insertUnit(db, { kind: 'orp', name: 'ORP A', parentId: region.id });
  const orpB = await insertUnit(db, { kind: 'orp', name: 'ORP B', parentId: region.id });
  const a1 = await insertUnit(db, {
    kind: 'municipality',
    name: 'Obec A1',
    parentId: orpA.id,
    population: 1000,
  });
  const a2 = await insertUnit(db, {
    kind: 'municipality',
    name: 'Obec A2',
    parentId: orpA.id,
    population: 3000,
  });
  const b1 = await insertUnit(db, {
    kind: 'municipality',
    name: 'Obec B1',
    parentId: orpB.id,
    population: 2000,
  });
  const b2 = await insertUnit(db, { kind: 'municipality', name: 'Obec B2', parentId: orpB.id });
  const providerP = await createProvider(db, { name: 'Poskytovatel P' });
  const providerQ = await createProvider(db, { name: 'Poskytovatel Q' });
  const homeP = await insertService(db, {
    providerId: providerP,
    typeCode: '49',
    name: 'Domov P',
    forms: [{ form: 'pob', capacities: [{ unit: 'luzka', count: 40 }] }],
    territoryUnitIds: [a1.id, a2.id],
    facilityMunicipalityCodes: [a1.code],
  });
  const fieldP = await insertService(db, {
    providerId: providerP,
    typeCode: '40',
    name: 'Pečovatelská služba P',
    forms: [{ form: 'ter', capacities: [{ unit: 'klient', count: 60 }] }],
    territoryUnitIds: [orpB.id],
  });
  const counselQ = await insertService(db, {
    providerId: providerQ,
    typeCode: '37',
    name: 'Poradna Q',
    forms: [{ form: 'amb', capacities: [{ unit: 'kontakt', count: 500 }] }],
    facilityMunicipalityCodes: [b1.code],
  });
  return {
    regionId: region.id,
    orpA,
    orpB,
    a1,
    a2,
    b1,
    b2,
    providerP,
    providerQ,
    homeP,
    fieldP,
    counselQ,
  };
}
