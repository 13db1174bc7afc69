import { aliasedTable, and, asc, eq, inArray, not, sql, type SQL } from 'drizzle-orm';
import type { Address, ServiceForm } from '../../db/schema/index.ts';
import type { Db } from '../../db/client.ts';
import {
  codelistItems,
  facilities,
  providers,
  serviceStates,
  services,
  territorialUnits,
} from '../../db/schema/index.ts';
import { czechSortKey, foldSql, fold, likeEscape } from '../../lib/czech-text.ts';
import { validOnSql } from '../../lib/validity.ts';

/**
 * Queries of the public catalogue. What is public is decided here, once: services whose state
 * valid on `day` is active, and their facilities operating that day that are NOT secret. Every
 * query that touches facilities goes through `publishedFacility`, so a secret address cannot
 * leak through a search condition (a shelter is not found "in Liberec" by its secret facility),
 * a distance, the map or HSDS.
 */

const s = services;
const st = serviceStates;
const p = providers;
const f = facilities;
const municipality = aliasedTable(territorialUnits, 'public_facility_municipality');

export interface Point {
  lat: number;
  lon: number;
}

/** Active services: their state valid on `day` is active. */
export const activeOn = (day: string): SQL =>
  and(validOnSql(st.validFrom, st.validTo, day), eq(st.status, 'active'))!;

/** A facility that may be published: operating on `day` and not at a secret address. */
const publishedFacility = (day: string): SQL =>
  and(validOnSql(f.validFrom, f.validTo, day), not(f.secretAddress))!;

/** Great-circle distance in km between a facility and a point (haversine; no PostGIS needed). */
function distanceKmSql(point: Point): SQL<number | null> {
  return sql<number | null>`(2 * 6371 * asin(sqrt(
    power(sin(radians(${f.lat} - ${point.lat}::float8) / 2), 2) +
    cos(radians(${point.lat}::float8)) * cos(radians(${f.lat})) *
    power(sin(radians(${f.lon} - ${point.lon}::float8) / 2), 2))))`;
}

/** Filters on the service's state shared by every public list (codes of the codelists). */
export interface StateFilter {
  q?: string;
  type?: string;
  form?: string;
  targetGroup?: string;
  providerId?: string;
}

/** `q` matches the service or provider name, ignoring case and diacritics. */
export function stateFilterSql(filter: StateFilter): SQL | undefined {
  const q = filter.q?.trim();
  const needle = q ? `%${likeEscape(fold(q))}%` : undefined;
  return and(
    filter.type ? eq(st.typeCode, filter.type) : undefined,
    filter.form ? sql`${st.forms} @> ${JSON.stringify([{ form: filter.form }])}::jsonb` : undefined,
    filter.targetGroup ? sql`${filter.targetGroup} = any(${st.targetGroups})` : undefined,
    filter.providerId ? eq(s.providerId, filter.providerId) : undefined,
    needle
      ? sql`(${foldSql(st.name)} like ${needle} or ${foldSql(p.name)} like ${needle})`
      : undefined,
  );
}

const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** The place a search names, resolved (service.ts `placeOf`). */
export interface PlaceFilter {
  /** Units whose mention in a territory served reaches the place (the place, inside, above). */
  reachingUnitIds?: string[];
  /** ČSÚ codes of the municipalities of the place (a published facility there counts). */
  municipalityCodes?: string[];
  point?: Point;
  radiusKm?: number;
}

export interface SearchParams extends StateFilter, PlaceFilter {
  day: string;
  limit: number;
  offset: number;
}

/**
 * Services at the place: their territory served reaches it or they have a published facility
 * in it (undefined without a place; false for a place nothing can reach).
 */
function placeSql(day: string, place: PlaceFilter): SQL | undefined {
  if (!place.reachingUnitIds && !place.municipalityCodes) return undefined;
  const any: SQL[] = [];
  if (place.reachingUnitIds?.length)
    any.push(sql`${st.territoryUnitIds} && ${textArray(place.reachingUnitIds)}::uuid[]`);
  if (place.municipalityCodes?.length)
    any.push(
      sql`${s.id} in (select ${f.serviceId} from ${f} where ${and(
        sql`${f.municipalityCode} = any(${textArray(place.municipalityCodes)})`,
        publishedFacility(day),
      )})`,
    );
  return any.length ? sql`(${sql.join(any, sql` or `)})` : sql`false`;
}

/** The published facility of each service nearest the point (or the first by name without one). */
function nearestFacility(db: Db, day: string, point: Point | undefined) {
  const distance = point ? distanceKmSql(point) : sql<number | null>`null::float8`;
  return db
    .select({
      id: f.id,
      name: f.name,
      address: f.address,
      municipalityCode: f.municipalityCode,
      municipalityName: sql<string | null>`${municipality.name}`.as('municipality_name'),
      lat: f.lat,
      lon: f.lon,
      distanceKm: distance.as('distance_km'),
    })
    .from(f)
    .leftJoin(
      municipality,
      and(eq(municipality.kind, 'municipality'), eq(municipality.code, f.municipalityCode)),
    )
    .where(and(eq(f.serviceId, s.id), publishedFacility(day)))
    .orderBy(sql`distance_km nulls last`, asc(f.name), asc(f.id))
    .limit(1)
    .as('nearest');
}

export interface SearchRow {
  id: string;
  name: string;
  typeCode: string;
  forms: ServiceForm[];
  targetGroups: string[];
  ageGroups: string[];
  email: string | null;
  phone: string | null;
  web: string | null;
  providerId: string;
  providerName: string;
  addressWithheld: boolean;
  /** The nearest published facility; null (Drizzle's nested left-join result) when none. */
  facility: {
    id: string;
    name: string;
    address: Address | null;
    municipalityCode: string | null;
    municipalityName: string | null;
    lat: number | null;
    lon: number | null;
    distanceKm: number | null;
  } | null;
}

/** Whether a service has a secret facility operating on `day` (its address is withheld). */
const withheldSql = (day: string) =>
  sql<boolean>`exists (select 1 from facilities wf where wf.service_id = ${s.id}
    and wf.secret_address and ${validOnSql(sql`wf.valid_from`, sql`wf.valid_to`, day)})`;

/** A page of active services matching the search, nearest first when a point is given. */
export async function searchServices(
  db: Db,
  params: SearchParams,
): Promise<{ rows: SearchRow[]; total: number }> {
  const { day, point } = params;
  const nearest = nearestFacility(db, day, point);
  const where = and(
    activeOn(day),
    stateFilterSql(params),
    placeSql(day, params),
    params.radiusKm !== undefined ? sql`${nearest.distanceKm} <= ${params.radiusKm}` : undefined,
  );
  const rows = await db
    .select({
      id: s.id,
      name: st.name,
      typeCode: st.typeCode,
      forms: st.forms,
      targetGroups: st.targetGroups,
      ageGroups: st.ageGroups,
      email: st.email,
      phone: st.phone,
      web: st.web,
      providerId: p.id,
      providerName: p.name,
      addressWithheld: withheldSql(day),
      facility: {
        id: nearest.id,
        name: nearest.name,
        address: nearest.address,
        municipalityCode: nearest.municipalityCode,
        municipalityName: nearest.municipalityName,
        lat: nearest.lat,
        lon: nearest.lon,
        distanceKm: nearest.distanceKm,
      },
      total: sql<number>`cast(count(*) over () as integer)`,
    })
    .from(s)
    .innerJoin(p, eq(p.id, s.providerId))
    .innerJoin(st, eq(st.serviceId, s.id))
    .leftJoinLateral(nearest, sql`true`)
    .where(where)
    .orderBy(
      ...(point ? [sql`${nearest.distanceKm} asc nulls last`] : []),
      czechSortKey(st.name),
      asc(s.id),
    )
    .limit(params.limit)
    .offset(params.offset);
  // Past the last page no row carries the total: count again without paging (rare).
  const total =
    rows[0]?.total ??
    (params.offset > 0 ? (await searchServices(db, { ...params, offset: 0, limit: 1 })).total : 0);
  return { rows: rows.map(({ total: _total, ...row }) => row as SearchRow), total };
}

export type ServiceRow = Omit<SearchRow, 'facility'> & {
  identifier: string | null;
  providerIco: string;
  providerWeb: string | null;
  territoryUnitIds: string[];
  updatedAt: Date;
};

/** Active services by id (all of them when `ids` is undefined), by name. */
export async function activeServices(
  db: Db,
  day: string,
  options: StateFilter & {
    ids?: string[];
    /** Extra condition (HSDS: taxonomy, modified_after). */
    where?: SQL;
    limit?: number;
    offset?: number;
  } = {},
): Promise<{ rows: ServiceRow[]; total: number }> {
  if (options.ids?.length === 0) return { rows: [], total: 0 };
  const query = db
    .select({
      id: s.id,
      identifier: s.registryIdentifier,
      updatedAt: s.updatedAt,
      name: st.name,
      typeCode: st.typeCode,
      forms: st.forms,
      targetGroups: st.targetGroups,
      ageGroups: st.ageGroups,
      territoryUnitIds: st.territoryUnitIds,
      email: st.email,
      phone: st.phone,
      web: st.web,
      providerId: p.id,
      providerName: p.name,
      providerIco: p.ico,
      providerWeb: p.web,
      addressWithheld: withheldSql(day),
      total: sql<number>`cast(count(*) over () as integer)`,
    })
    .from(s)
    .innerJoin(p, eq(p.id, s.providerId))
    .innerJoin(st, eq(st.serviceId, s.id))
    .where(
      and(
        activeOn(day),
        options.ids ? inArray(s.id, options.ids) : undefined,
        stateFilterSql(options),
        options.where,
      ),
    )
    .orderBy(czechSortKey(st.name), asc(s.id))
    .$dynamic();
  if (options.limit !== undefined) query.limit(options.limit).offset(options.offset ?? 0);
  const rows = await query;
  // Past the last page no row carries the total: count again on the first page (rare).
  const total =
    rows[0]?.total ??
    (options.offset
      ? (await activeServices(db, day, { ...options, offset: 0, limit: 1 })).total
      : 0);
  return { rows: rows.map(({ total: _total, ...row }) => row), total };
}

export interface PublishedFacilityRow {
  id: string;
  serviceId: string;
  providerId: string;
  name: string;
  address: Address | null;
  addressPointCode: number | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  /** The region (kraj) the municipality lies in, through its ORP. */
  regionName: string | null;
  lat: number | null;
  lon: number | null;
  updatedAt: Date;
}

const facilityOrp = aliasedTable(territorialUnits, 'public_facility_orp');
const facilityRegion = aliasedTable(territorialUnits, 'public_facility_region');

/**
 * Published facilities of active services (of `serviceIds` when given, else all matching the
 * filter), by name; `ids` picks facilities, `postcode` those with that postcode.
 */
export async function publishedFacilities(
  db: Db,
  day: string,
  options: StateFilter & {
    serviceIds?: string[];
    ids?: string[];
    postcode?: string;
    where?: SQL;
    page?: { limit: number; offset: number };
  } = {},
): Promise<{ rows: PublishedFacilityRow[]; total: number }> {
  if (options.serviceIds?.length === 0 || options.ids?.length === 0) return { rows: [], total: 0 };
  const query = db
    .select({
      id: f.id,
      serviceId: f.serviceId,
      providerId: s.providerId,
      name: f.name,
      address: f.address,
      addressPointCode: f.addressPointCode,
      municipalityCode: f.municipalityCode,
      municipalityName: municipality.name,
      regionName: facilityRegion.name,
      lat: f.lat,
      lon: f.lon,
      updatedAt: f.updatedAt,
      total: sql<number>`cast(count(*) over () as integer)`,
    })
    .from(f)
    .innerJoin(s, eq(s.id, f.serviceId))
    .innerJoin(p, eq(p.id, s.providerId))
    .innerJoin(st, eq(st.serviceId, f.serviceId))
    .leftJoin(
      municipality,
      and(eq(municipality.kind, 'municipality'), eq(municipality.code, f.municipalityCode)),
    )
    .leftJoin(facilityOrp, eq(facilityOrp.id, municipality.parentId))
    .leftJoin(facilityRegion, eq(facilityRegion.id, facilityOrp.parentId))
    .where(
      and(
        publishedFacility(day),
        activeOn(day),
        options.serviceIds ? inArray(f.serviceId, options.serviceIds) : undefined,
        options.ids ? inArray(f.id, options.ids) : undefined,
        options.postcode
          ? sql`replace(${f.address} ->> 'postcode', ' ', '') = ${options.postcode.replace(/\s/g, '')}`
          : undefined,
        stateFilterSql(options),
        options.where,
      ),
    )
    .orderBy(czechSortKey(f.name), asc(f.id))
    .$dynamic();
  if (options.page) query.limit(options.page.limit).offset(options.page.offset);
  const rows = await query;
  const total =
    rows[0]?.total ??
    (options.page?.offset
      ? (await publishedFacilities(db, day, { ...options, page: { limit: 1, offset: 0 } })).total
      : 0);
  return { rows: rows.map(({ total: _total, ...row }) => row), total };
}

export interface MapRow {
  id: string;
  serviceId: string;
  name: string;
  serviceName: string;
  type: string;
  lat: number;
  lon: number;
}

/**
 * The public map: published facilities with coordinates of active services, of those a search
 * with `filter` finds (all without one); with a radius, only the facilities that close.
 */
export async function mapPoints(
  db: Db,
  day: string,
  filter: StateFilter & PlaceFilter = {},
): Promise<MapRow[]> {
  const { point, radiusKm } = filter;
  const rows = await db
    .select({
      id: f.id,
      serviceId: f.serviceId,
      name: f.name,
      serviceName: st.name,
      type: st.typeCode,
      lat: f.lat,
      lon: f.lon,
    })
    .from(f)
    .innerJoin(s, eq(s.id, f.serviceId))
    .innerJoin(p, eq(p.id, s.providerId))
    .innerJoin(st, eq(st.serviceId, f.serviceId))
    .where(
      and(
        publishedFacility(day),
        activeOn(day),
        sql`${f.lat} is not null and ${f.lon} is not null`,
        stateFilterSql(filter),
        placeSql(day, filter),
        // A radius around a place without a point finds nothing, as in the search.
        radiusKm === undefined
          ? undefined
          : point
            ? sql`${distanceKmSql(point)} <= ${radiusKm}`
            : sql`false`,
      ),
    )
    .orderBy(asc(f.id));
  return rows as MapRow[];
}

export interface CodeNameRow {
  codelist: string;
  code: string;
  name: string;
  nameEn: string | null;
}

/** Names of the codelists the catalogue shows, valid on `day`, in display order (one query). */
export async function codeNames(db: Db, day: string): Promise<CodeNameRow[]> {
  const c = codelistItems;
  return db
    .select({ codelist: c.codelist, code: c.code, name: c.name, nameEn: c.nameEn })
    .from(c)
    .where(
      and(
        inArray(c.codelist, ['service_type', 'form', 'target_group', 'age_group', 'capacity_unit']),
        validOnSql(c.validFrom, c.validTo, day),
      ),
    )
    .orderBy(asc(c.codelist), asc(c.sortOrder), asc(c.code));
}

/** Which types, forms and target groups active services use (facets offer only these). */
export async function codesInUse(
  db: Db,
  day: string,
): Promise<{ types: string[]; forms: string[]; targetGroups: string[] }> {
  const [row] = await db
    .select({
      types: sql<string[]>`coalesce(array_agg(distinct ${st.typeCode}), '{}')`,
      forms: sql<
        string[]
      >`coalesce((select array_agg(distinct x ->> 'form') from service_states ss, jsonb_array_elements(ss.forms) x where ${validOnSql(sql`ss.valid_from`, sql`ss.valid_to`, day)} and ss.status = 'active'), '{}')`,
      targetGroups: sql<
        string[]
      >`coalesce((select array_agg(distinct g) from service_states ss, unnest(ss.target_groups) g where ${validOnSql(sql`ss.valid_from`, sql`ss.valid_to`, day)} and ss.status = 'active'), '{}')`,
    })
    .from(st)
    .where(activeOn(day));
  return row ?? { types: [], forms: [], targetGroups: [] };
}

export interface UnitRow {
  id: string;
  kind: string;
  code: string;
  name: string;
  parentName: string | null;
  lat: number | null;
  lon: number | null;
}

const parent = aliasedTable(territorialUnits, 'public_parent');
const unitColumns = {
  id: territorialUnits.id,
  kind: territorialUnits.kind,
  code: territorialUnits.code,
  name: territorialUnits.name,
  parentName: parent.name,
  lat: territorialUnits.pointLat,
  lon: territorialUnits.pointLon,
};

/** A unit by id, or a municipality by its ČSÚ code. */
export async function findPlace(db: Db, idOrCode: string): Promise<UnitRow | undefined> {
  const byCode = /^[0-9]{6}$/.test(idOrCode);
  const [row] = await db
    .select(unitColumns)
    .from(territorialUnits)
    .leftJoin(parent, eq(parent.id, territorialUnits.parentId))
    .where(
      byCode
        ? and(eq(territorialUnits.kind, 'municipality'), eq(territorialUnits.code, idOrCode))
        : eq(territorialUnits.id, idOrCode),
    )
    .limit(1);
  return row;
}

/** Municipalities whose name starts with `q` (folded) or whose code does, by name. */
export async function searchPlaces(db: Db, q: string, limit: number): Promise<UnitRow[]> {
  const needle = likeEscape(fold(q.trim()));
  return db
    .select(unitColumns)
    .from(territorialUnits)
    .leftJoin(parent, eq(parent.id, territorialUnits.parentId))
    .where(
      and(
        eq(territorialUnits.kind, 'municipality'),
        sql`(${foldSql(territorialUnits.name)} like ${`${needle}%`} or ${territorialUnits.code} like ${`${needle}%`})`,
      ),
    )
    .orderBy(czechSortKey(territorialUnits.name), asc(territorialUnits.code))
    .limit(limit);
}

/** Units by id (the territory served), broadest first. */
export async function unitsByIds(db: Db, ids: string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(unitColumns)
    .from(territorialUnits)
    .leftJoin(parent, eq(parent.id, territorialUnits.parentId))
    .where(inArray(territorialUnits.id, ids))
    .orderBy(
      sql`array_position(array['region','orp','planning_area','municipality'], ${territorialUnits.kind})`,
      czechSortKey(territorialUnits.name),
    );
}
