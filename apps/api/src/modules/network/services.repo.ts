import {
  aliasedTable,
  and,
  count,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNull,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  facilities,
  providers,
  serviceStates,
  services,
  territorialUnits,
} from '../../db/schema/index.ts';
import { validOnSql } from '../../lib/validity.ts';

const s = services;
const st = serviceStates;
const p = providers;
const f = facilities;

export type ServiceRow = typeof services.$inferSelect;
export type NewServiceRow = typeof services.$inferInsert;
export type StateRow = typeof serviceStates.$inferSelect;
export type NewStateRow = typeof serviceStates.$inferInsert;
export type FacilityRow = typeof facilities.$inferSelect;
export type NewFacilityRow = typeof facilities.$inferInsert;

/**
 * Which state of each service a read shows. With a day: the state valid then (services that
 * did not exist then have none). Without: the state valid today or, for a service that only
 * begins later, its first state.
 */
export function stateShownCondition(day: string | undefined, today: string): SQL {
  if (day) return validOnSql(st.validFrom, st.validTo, day);
  return sql`(${validOnSql(st.validFrom, st.validTo, today)} or (${st.validFrom} > ${today}::date and not exists (
    select 1 from service_states earlier where earlier.service_id = ${st.serviceId} and earlier.valid_from < ${st.validFrom}
  )))`;
}

const listColumns = {
  id: s.id,
  identifier: s.registryIdentifier,
  registryPortalId: s.registryPortalId,
  updatedAt: s.updatedAt,
  version: s.version,
  provider: { id: p.id, ico: p.ico, name: p.name },
  state: getTableColumns(st),
};
export interface ServiceListRow {
  id: string;
  identifier: string | null;
  registryPortalId: number | null;
  updatedAt: Date;
  version: number;
  provider: { id: string; ico: string; name: string };
  state: StateRow;
}

export interface ListParams {
  /** The state shown (stateShownCondition) and every filter, in one condition. */
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
  offset: number;
}

/** A page of services with their provider and shown state, and the total in the same statement. */
export async function listServiceRows(
  db: Db,
  params: ListParams,
): Promise<{ rows: ServiceListRow[]; total: number }> {
  const page = await db
    .select({ ...listColumns, total: sql<number>`cast(count(*) over () as integer)` })
    .from(s)
    .innerJoin(p, eq(p.id, s.providerId))
    .innerJoin(st, eq(st.serviceId, s.id))
    .where(params.where)
    .orderBy(...params.orderBy)
    .limit(params.limit)
    .offset(params.offset);
  // Past the last page no row carries the total: count separately (rare).
  const total =
    page[0]?.total ?? (params.offset > 0 ? await countServiceRows(db, params.where) : 0);
  return { rows: page.map(({ total: _total, ...row }) => row), total };
}

async function countServiceRows(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(s)
    .innerJoin(p, eq(p.id, s.providerId))
    .innerJoin(st, eq(st.serviceId, s.id))
    .where(where);
  return row?.n ?? 0;
}

/** One service with its provider and the state `where` picks (plus any scope condition). */
export async function findServiceRow(db: Db, id: string, where: SQL | undefined) {
  const [row] = await db
    .select(listColumns)
    .from(s)
    .innerJoin(p, eq(p.id, s.providerId))
    .innerJoin(st, eq(st.serviceId, s.id))
    .where(and(eq(s.id, id), where))
    .limit(1);
  return row as ServiceListRow | undefined;
}

/** Every state of a service, newest first. */
export async function statesOf(db: Db, serviceId: string): Promise<StateRow[]> {
  return db.select().from(st).where(eq(st.serviceId, serviceId)).orderBy(desc(st.validFrom));
}

const municipality = aliasedTable(territorialUnits, 'facility_municipality');
const orp = aliasedTable(territorialUnits, 'facility_orp');

export type FacilityViewRow = FacilityRow & {
  municipalityId: string | null;
  municipalityName: string | null;
  orpId: string | null;
  orpName: string | null;
};

/**
 * Facilities of the given services (with their municipality and ORP when known), in one query
 * for a whole page; with `day`, only those operating that day.
 */
export async function facilitiesOf(
  db: Db,
  serviceIds: string[],
  day?: string,
  facilityId?: string,
): Promise<FacilityViewRow[]> {
  if (serviceIds.length === 0) return [];
  return db
    .select({
      ...getTableColumns(f),
      municipalityId: municipality.id,
      municipalityName: municipality.name,
      orpId: orp.id,
      orpName: orp.name,
    })
    .from(f)
    .leftJoin(
      municipality,
      and(eq(municipality.kind, 'municipality'), eq(municipality.code, f.municipalityCode)),
    )
    .leftJoin(orp, eq(orp.id, municipality.parentId))
    .where(
      and(
        inArray(f.serviceId, serviceIds),
        day ? validOnSql(f.validFrom, f.validTo, day) : undefined,
        facilityId ? eq(f.id, facilityId) : undefined,
      ),
    )
    .orderBy(sql`${f.validTo} is not null`, f.name, f.id);
}

// --- writes ---

/** The service row if it exists and satisfies `where` (the caller's scope); locked for writes. */
export async function lockService(
  tx: Db,
  id: string,
  where?: SQL,
  lock = true,
): Promise<ServiceRow | undefined> {
  const query = tx
    .select()
    .from(s)
    .where(and(eq(s.id, id), where));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The open-ended (latest) state; every service has exactly one. */
export async function openState(tx: Db, serviceId: string): Promise<StateRow | undefined> {
  const [row] = await tx
    .select()
    .from(st)
    .where(and(eq(st.serviceId, serviceId), isNull(st.validTo)))
    .for('update');
  return row;
}

export async function insertService(tx: Db, values: NewServiceRow): Promise<ServiceRow> {
  const [row] = await tx.insert(s).values(values).returning();
  if (!row) throw new Error('service insert returned nothing');
  return row;
}

/** Bumps the version (and applies `values`): any change to a service or its state does. */
export async function touchService(
  tx: Db,
  id: string,
  values: Partial<NewServiceRow> = {},
): Promise<void> {
  await tx
    .update(s)
    .set({ ...values, version: sql`${s.version} + 1`, updatedAt: sql`now()` })
    .where(eq(s.id, id));
}

export async function insertState(tx: Db, values: NewStateRow): Promise<StateRow> {
  const [row] = await tx.insert(st).values(values).returning();
  if (!row) throw new Error('service state insert returned nothing');
  return row;
}

export async function updateState(
  tx: Db,
  id: string,
  values: Partial<NewStateRow>,
): Promise<StateRow> {
  const [row] = await tx.update(st).set(values).where(eq(st.id, id)).returning();
  if (!row) throw new Error('service state update returned nothing');
  return row;
}

export async function deleteService(tx: Db, id: string): Promise<void> {
  await tx.delete(s).where(eq(s.id, id));
}

/** Services other than `exceptId` with this registry identifier. */
export async function identifierTaken(
  db: Db,
  identifier: string,
  exceptId?: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: s.id })
    .from(s)
    .where(
      and(eq(s.registryIdentifier, identifier), exceptId ? sql`${s.id} <> ${exceptId}` : undefined),
    )
    .limit(1);
  return Boolean(row);
}

/** Which of these unit ids exist. */
export async function existingUnits(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: territorialUnits.id })
    .from(territorialUnits)
    .where(inArray(territorialUnits.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function lockFacility(
  tx: Db,
  serviceId: string,
  id: string,
): Promise<FacilityRow | undefined> {
  const [row] = await tx
    .select()
    .from(f)
    .where(and(eq(f.id, id), eq(f.serviceId, serviceId)))
    .for('update');
  return row;
}

export async function insertFacility(tx: Db, values: NewFacilityRow): Promise<FacilityRow> {
  const [row] = await tx.insert(f).values(values).returning();
  if (!row) throw new Error('facility insert returned nothing');
  return row;
}

export async function updateFacility(
  tx: Db,
  id: string,
  values: Partial<NewFacilityRow>,
): Promise<FacilityRow> {
  const [row] = await tx
    .update(f)
    .set({ ...values, version: sql`${f.version} + 1`, updatedAt: sql`now()` })
    .where(eq(f.id, id))
    .returning();
  if (!row) throw new Error('facility update returned nothing');
  return row;
}

export async function deleteFacility(tx: Db, id: string): Promise<void> {
  await tx.delete(f).where(eq(f.id, id));
}

// --- the map ---

export interface FeatureRow {
  facilityId: string;
  facilityName: string;
  lat: number;
  lon: number;
  secretAddress: boolean;
  serviceId: string;
  serviceName: string;
  typeCode: string;
  status: string;
  providerId: string;
  providerName: string;
}

/** Facilities with coordinates, operating on `day`, of the services `where` selects. */
export async function featureRows(
  db: Db,
  where: SQL | undefined,
  day: string,
): Promise<FeatureRow[]> {
  const rows = await db
    .select({
      facilityId: f.id,
      facilityName: f.name,
      lat: f.lat,
      lon: f.lon,
      secretAddress: f.secretAddress,
      serviceId: s.id,
      serviceName: st.name,
      typeCode: st.typeCode,
      status: st.status,
      providerId: p.id,
      providerName: p.name,
    })
    .from(f)
    .innerJoin(s, eq(s.id, f.serviceId))
    .innerJoin(p, eq(p.id, s.providerId))
    .innerJoin(st, eq(st.serviceId, s.id))
    .where(
      and(
        where,
        validOnSql(f.validFrom, f.validTo, day),
        sql`${f.lat} is not null and ${f.lon} is not null`,
      ),
    )
    .orderBy(f.id);
  return rows as FeatureRow[];
}
