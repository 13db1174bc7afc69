import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type {
  FacilityFeatureCollection,
  List,
  Service,
  ServiceDetail,
  ServiceDetailQuery,
  ServiceGeoJsonQuery,
  ServiceListQuery,
  ServiceStatus,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import {
  facilities as facilityTable,
  providers,
  serviceStates,
  services,
} from '../../db/schema/index.ts';
import { containsFolded, czechSortKey, startsWith } from '../../lib/czech-text.ts';
import { orderBy, page } from '../../lib/http.ts';
import { today, validOnSql } from '../../lib/validity.ts';
import { assertMay, may, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import type { TerritoryTree } from '../territory/territory-tree.ts';
import { serviceScopeCondition } from './network.scope.ts';
import { toServiceDetail, toServiceDto } from './services.dto.ts';
import * as repo from './services.repo.ts';

const s = services;
const st = serviceStates;
const p = providers;

/** Whether the principal sees secret addresses (shelters): region staff only. */
export const seesSecretAddresses = (principal: AuthPrincipal | null): boolean =>
  principal === null || may(principal, 'network.secretAddresses');

const textArray = (values: string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/**
 * Services in the territory of `unitId` (or anything inside it): with a facility there
 * operating on `day`, or whose territory served reaches it. Resolved through the in-memory tree,
 * so the database gets flat lists instead of recursive queries to plan on every request.
 */
function inTerritory(tree: TerritoryTree, unitId: string, day: string): SQL {
  const codes = tree.municipalityCodes([unitId]);
  const withFacility = codes.length
    ? sql`${s.id} in (select f.service_id from facilities f
        where f.municipality_code = any(${textArray(codes)})
          and ${validOnSql(sql`f.valid_from`, sql`f.valid_to`, day)})`
    : undefined;
  const reaching = tree.reaching([unitId]);
  const serving = reaching.length
    ? sql`${st.territoryUnitIds} && ${textArray(reaching)}::uuid[]`
    : undefined;
  return or(withFacility, serving) ?? sql`false`;
}

/**
 * The services a list or the map shows: in the principal's scope, the state shown on `asOf`
 * (or today), and every filter given. `day` is the day facilities must operate on.
 */
function serviceFilter(
  principal: AuthPrincipal,
  query: ServiceGeoJsonQuery,
  day: string,
  tree: TerritoryTree,
): SQL | undefined {
  const q = query.q?.trim();
  return and(
    repo.stateShownCondition(query.asOf, day),
    serviceScopeCondition(principal, 'network.read', s.id),
    query.type?.length ? inArray(st.typeCode, query.type) : undefined,
    query.form?.length
      ? or(...query.form.map((form) => sql`${st.forms} @> ${JSON.stringify([{ form }])}::jsonb`))
      : undefined,
    query.targetGroup?.length
      ? sql`${st.targetGroups} && ${textArray(query.targetGroup)}`
      : undefined,
    query.status?.length ? inArray(st.status, query.status as ServiceStatus[]) : undefined,
    query.providerId ? eq(s.providerId, query.providerId) : undefined,
    query.territoryId ? inTerritory(tree, query.territoryId, day) : undefined,
    q
      ? or(
          containsFolded(st.name, q),
          startsWith(s.registryIdentifier, q),
          containsFolded(p.name, q),
          startsWith(p.ico, q),
        )
      : undefined,
  );
}

/** Service types sort by § as numbers: 37 < 60 < 60a < 61 < 70. */
const typeOrder = sql`(lpad(coalesce(substring(${st.typeCode} from '^[0-9]+'), ''), 4, '0') || ${st.typeCode}) collate "C"`;

const SORTABLE = {
  name: czechSortKey(st.name),
  identifier: s.registryIdentifier,
  type: typeOrder,
  provider: czechSortKey(p.name),
};

/** Groups rows by service id (facilities of a page, loaded in one query). */
function byService<T extends { serviceId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.serviceId);
    if (list) list.push(row);
    else map.set(row.serviceId, [row]);
  }
  return map;
}

/**
 * Services in the caller's scope, filtered, sorted and paged; `asOf` shows the network as it was
 * that day (each service's state then; services that did not exist then are left out).
 * Facilities operating on that day come with each service (one query for the page).
 */
export async function listServices(
  db: Db,
  principal: AuthPrincipal,
  query: ServiceListQuery,
  tree: TerritoryTree,
): Promise<List<Service>> {
  assertMay(principal, 'network.read');
  const day = query.asOf ?? today();
  const { rows, total } = await repo.listServiceRows(db, {
    where: serviceFilter(principal, query, day, tree),
    orderBy: orderBy(query.sort, SORTABLE, 'name', s.id),
    ...page(query),
  });
  const facilities = byService(
    await repo.facilitiesOf(
      db,
      rows.map((r) => r.id),
      day,
    ),
  );
  const seeSecret = seesSecretAddresses(principal);
  return {
    items: rows.map((r) => toServiceDto(r, facilities.get(r.id) ?? [], seeSecret)),
    total,
  };
}

/**
 * One service as the caller may see it: without `asOf` its current state and all its facilities
 * (ended ones too, with their dates); with `asOf` the state and facilities of that day (404 if
 * it did not exist then). `principal` null reads as the system (everything, secrets included).
 */
export async function readService(
  db: Db,
  principal: AuthPrincipal | null,
  id: string,
  asOf?: string,
): Promise<Service> {
  const scope = principal ? serviceScopeCondition(principal, 'network.read', s.id) : undefined;
  const now = today();
  const row = notFoundUnless(
    await repo.findServiceRow(db, id, and(scope, repo.stateShownCondition(asOf, now))),
  );
  const facilities = await repo.facilitiesOf(db, [id], asOf);
  return toServiceDto(row, facilities, seesSecretAddresses(principal));
}

export async function getService(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  query: ServiceDetailQuery = {},
): Promise<ServiceDetail> {
  assertMay(principal, 'network.read');
  const service = await readService(db, principal, id, query.asOf);
  return toServiceDetail(service, await repo.statesOf(db, id));
}

/**
 * Facilities of the services a list would show, as GeoJSON points for the map. Secret facilities
 * are left out entirely for anyone but region staff (not even a municipality-level point).
 */
export async function serviceFeatures(
  db: Db,
  principal: AuthPrincipal,
  query: ServiceGeoJsonQuery,
  tree: TerritoryTree,
): Promise<FacilityFeatureCollection> {
  assertMay(principal, 'network.read');
  const day = query.asOf ?? today();
  const seeSecret = seesSecretAddresses(principal);
  const rows = await repo.featureRows(
    db,
    and(
      serviceFilter(principal, query, day, tree),
      seeSecret ? undefined : eq(facilityTable.secretAddress, false),
    ),
    day,
  );
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.facilityId,
      properties: {
        facilityId: r.facilityId,
        facilityName: r.facilityName,
        serviceId: r.serviceId,
        serviceName: r.serviceName,
        typeCode: r.typeCode,
        status: r.status as ServiceStatus,
        providerId: r.providerId,
        providerName: r.providerName,
        secretAddress: r.secretAddress,
      },
      geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] },
    })),
  };
}
