import type {
  PublicCodeName,
  PublicFacets,
  PublicFacility,
  PublicMap,
  PublicMapQuery,
  PublicPlaceList,
  PublicPlaceQuery,
  PublicServiceDetail,
  PublicServiceList,
  PublicServiceQuery,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { invalidField, NotFoundError } from '../../lib/errors.ts';
import { today } from '../../lib/validity.ts';
import type { TerritoryTree } from '../territory/territory-tree.ts';
import * as repo from './public-catalogue.repo.ts';

type CodelistName = 'service_type' | 'form' | 'target_group' | 'age_group' | 'capacity_unit';

/** Codelist names by codelist and code; an unknown code shows as itself rather than vanishing. */
export interface CodeNames {
  of(codelist: CodelistName, code: string): PublicCodeName;
  list(codelist: CodelistName): PublicCodeName[];
}

export async function loadCodeNames(db: Db, day: string): Promise<CodeNames> {
  const byList = new Map<string, Map<string, PublicCodeName>>();
  for (const row of await repo.codeNames(db, day)) {
    let list = byList.get(row.codelist);
    if (!list) byList.set(row.codelist, (list = new Map()));
    list.set(row.code, { code: row.code, name: row.name, nameEn: row.nameEn });
  }
  return {
    of: (codelist, code) => byList.get(codelist)?.get(code) ?? { code, name: code, nameEn: null },
    list: (codelist) => [...(byList.get(codelist)?.values() ?? [])],
  };
}

const round = (km: number | null) => (km === null ? null : Math.round(km * 100) / 100);

/** The place a search names, resolved to what the SQL needs; 400 naming the field otherwise. */
async function placeOf(db: Db, tree: TerritoryTree, query: PublicMapQuery) {
  if ((query.lat === undefined) !== (query.lon === undefined)) {
    const missing = query.lat === undefined ? '/lat' : '/lon';
    throw invalidField(
      missing,
      'must be given together with ' + (missing === '/lat' ? 'lon' : 'lat'),
      'query',
    );
  }
  let point: repo.Point | undefined =
    query.lat !== undefined && query.lon !== undefined
      ? { lat: query.lat, lon: query.lon }
      : undefined;
  if (query.radiusKm !== undefined && !point && !query.municipality)
    throw invalidField('/radiusKm', 'needs a place: municipality or lat and lon', 'query');
  if (!query.municipality) return { point };
  const unit = await repo.findPlace(db, query.municipality);
  if (!unit) throw invalidField('/municipality', 'is not a known municipality or unit', 'query');
  if (!point && unit.lat !== null && unit.lon !== null) point = { lat: unit.lat, lon: unit.lon };
  return {
    point,
    reachingUnitIds: tree.reaching([unit.id]),
    municipalityCodes: tree.municipalityCodes([unit.id]),
  };
}

/** A search's filters as the repository takes them: the list and the map find the same. */
const filtersOf = async (db: Db, tree: TerritoryTree, query: PublicMapQuery) => ({
  q: query.q,
  type: query.type,
  form: query.form,
  targetGroup: query.targetGroup,
  ...(await placeOf(db, tree, query)),
  radiusKm: query.radiusKm,
});

const facilityDto = (
  row: Pick<
    repo.PublishedFacilityRow,
    'id' | 'name' | 'address' | 'municipalityCode' | 'municipalityName' | 'lat' | 'lon'
  >,
  distanceKm: number | null = null,
): PublicFacility => ({
  id: row.id,
  name: row.name,
  address: row.address,
  municipalityCode: row.municipalityCode,
  municipalityName: row.municipalityName,
  lat: row.lat,
  lon: row.lon,
  distanceKm: round(distanceKm),
});

/** Active services matching the search; nearest first when a place is given, else by name. */
export async function searchServices(
  db: Db,
  tree: TerritoryTree,
  query: PublicServiceQuery,
): Promise<PublicServiceList> {
  const day = today();
  const [{ rows, total }, names] = await Promise.all([
    repo.searchServices(db, {
      day,
      ...(await filtersOf(db, tree, query)),
      limit: query.limit ?? 20,
      offset: query.offset ?? 0,
    }),
    loadCodeNames(db, day),
  ]);
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: names.of('service_type', row.typeCode),
      forms: row.forms.map((form) => names.of('form', form.form)),
      targetGroups: row.targetGroups.map((code) => names.of('target_group', code)),
      provider: { id: row.providerId, name: row.providerName },
      nearestFacility: row.facility && facilityDto(row.facility, row.facility.distanceKm),
      addressWithheld: row.addressWithheld,
      contacts: { email: row.email, phone: row.phone, web: row.web },
    })),
  };
}

/** One active service as the public sees it; 404 for unknown, inactive or ended services. */
export async function getService(db: Db, id: string): Promise<PublicServiceDetail> {
  const day = today();
  const { rows } = await repo.activeServices(db, day, { ids: [id] });
  const row = rows[0];
  if (!row) throw new NotFoundError('No active service with this id.');
  const [facilities, territory, names] = await Promise.all([
    repo.publishedFacilities(db, day, { serviceIds: [id] }),
    repo.unitsByIds(db, row.territoryUnitIds),
    loadCodeNames(db, day),
  ]);
  return {
    id: row.id,
    name: row.name,
    identifier: row.identifier,
    type: names.of('service_type', row.typeCode),
    provider: {
      id: row.providerId,
      name: row.providerName,
      ico: row.providerIco,
      web: row.providerWeb,
    },
    contacts: { email: row.email, phone: row.phone, web: row.web },
    forms: row.forms.map((form) => ({
      ...names.of('form', form.form),
      capacities: form.capacities.map((c) => ({
        unit: names.of('capacity_unit', c.unit),
        count: c.count,
      })),
    })),
    targetGroups: row.targetGroups.map((code) => names.of('target_group', code)),
    ageGroups: row.ageGroups.map((code) => names.of('age_group', code)),
    territory: territory.map((u) => ({ id: u.id, kind: u.kind, code: u.code, name: u.name })),
    facilities: facilities.rows.map((f) => facilityDto(f)),
    addressWithheld: row.addressWithheld,
  };
}

/** The map: every published facility, or those of the services a search finds (see repo). */
export async function mapPoints(
  db: Db,
  tree: TerritoryTree,
  query: PublicMapQuery = {},
): Promise<PublicMap> {
  return { items: await repo.mapPoints(db, today(), await filtersOf(db, tree, query)) };
}

/** Whether a map query filters anything (the whole map is kept in the read cache). */
export const isFiltered = (query: PublicMapQuery): boolean =>
  Object.values(query).some((value) => value !== undefined && value !== '');

/** The codelist items active services use, so the form never offers a search that finds nothing. */
export async function facets(db: Db): Promise<PublicFacets> {
  const day = today();
  const [inUse, names] = await Promise.all([repo.codesInUse(db, day), loadCodeNames(db, day)]);
  const offered = (codelist: CodelistName, codes: string[]) => {
    const used = new Set(codes);
    const known = names.list(codelist).filter((item) => used.has(item.code));
    const knownCodes = new Set(known.map((item) => item.code));
    return [
      ...known,
      ...codes
        .filter((c) => !knownCodes.has(c))
        .sort()
        .map((c) => names.of(codelist, c)),
    ];
  };
  return {
    serviceTypes: offered('service_type', inUse.types),
    forms: offered('form', inUse.forms),
    targetGroups: offered('target_group', inUse.targetGroups),
  };
}

export async function searchPlaces(db: Db, query: PublicPlaceQuery): Promise<PublicPlaceList> {
  const rows = await repo.searchPlaces(db, query.q, query.limit ?? 10);
  return {
    items: rows.map((u) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      orpName: u.parentName,
      lat: u.lat,
      lon: u.lon,
    })),
  };
}
