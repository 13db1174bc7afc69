import { and, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { planningAreaMembers, roleAssignments, territorialUnits } from '../../db/schema/index.ts';

const t = territorialUnits;

/** A unit as lists and reads need it: everything but the (large) geometry. */
export const unitColumns = {
  id: t.id,
  kind: t.kind,
  code: t.code,
  ruianCode: t.ruianCode,
  name: t.name,
  parentId: t.parentId,
  population: t.population,
  populationDate: t.populationDate,
  pointLat: t.pointLat,
  pointLon: t.pointLon,
  hasGeometry: sql<boolean>`(${t.geometry} is not null)`,
  updatedAt: t.updatedAt,
  version: t.version,
};
export type UnitRow = {
  id: string;
  kind: string;
  code: string;
  ruianCode: string | null;
  name: string;
  parentId: string | null;
  population: number | null;
  populationDate: string | null;
  pointLat: number | null;
  pointLon: number | null;
  hasGeometry: boolean;
  updatedAt: Date;
  version: number;
};
export type FullUnitRow = typeof territorialUnits.$inferSelect;
export type NewUnitRow = typeof territorialUnits.$inferInsert;

export interface ListParams {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
  offset: number;
}

/** One page and the total in one statement (a window count), so a list costs one round trip. */
export async function listUnitRows(
  db: Db,
  p: ListParams,
): Promise<{ rows: UnitRow[]; total: number }> {
  const page = await db
    .select({ ...unitColumns, total: sql<number>`cast(count(*) over () as integer)` })
    .from(t)
    .where(p.where)
    .orderBy(...p.orderBy)
    .limit(p.limit)
    .offset(p.offset);
  // Past the last page no row carries the total: count separately (rare).
  const total =
    page[0]?.total ??
    (p.offset > 0 ? ((await db.select({ n: count() }).from(t).where(p.where))[0]?.n ?? 0) : 0);
  return { rows: page.map(({ total: _total, ...row }) => row), total };
}

export async function findUnitRow(db: Db, id: string, where?: SQL): Promise<UnitRow | undefined> {
  const [row] = await db
    .select(unitColumns)
    .from(t)
    .where(and(eq(t.id, id), where));
  return row;
}

/** The whole row, locked for the rest of the transaction (writes read it this way). */
export async function lockUnitRow(
  tx: Db,
  id: string,
  where?: SQL,
): Promise<FullUnitRow | undefined> {
  const [row] = await tx
    .select()
    .from(t)
    .where(and(eq(t.id, id), where))
    .for('update');
  return row;
}

/** Member municipality ids of the given planning areas, one query for a whole page. */
export async function membersOf(
  db: Db,
  areaIds: string[],
  memberWhere?: SQL,
): Promise<Map<string, string[]>> {
  const byArea = new Map<string, string[]>(areaIds.map((id) => [id, []]));
  if (areaIds.length === 0) return byArea;
  const rows = await db
    .select({ areaId: planningAreaMembers.planningAreaId, id: planningAreaMembers.municipalityId })
    .from(planningAreaMembers)
    .innerJoin(t, eq(t.id, planningAreaMembers.municipalityId))
    .where(and(inArray(planningAreaMembers.planningAreaId, areaIds), memberWhere))
    .orderBy(t.name, t.id);
  for (const row of rows) byArea.get(row.areaId)?.push(row.id);
  return byArea;
}

export async function replaceMembers(tx: Db, areaId: string, memberIds: string[]): Promise<void> {
  await tx.delete(planningAreaMembers).where(eq(planningAreaMembers.planningAreaId, areaId));
  if (memberIds.length)
    await tx
      .insert(planningAreaMembers)
      .values(memberIds.map((municipalityId) => ({ planningAreaId: areaId, municipalityId })));
}

/** id → kind of the given units that exist (and satisfy `where`). */
export async function kindsOf(db: Db, ids: string[], where?: SQL): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: t.id, kind: t.kind })
    .from(t)
    .where(and(inArray(t.id, ids), where));
  return new Map(rows.map((r) => [r.id, r.kind]));
}

export async function codeTaken(db: Db, kind: string, code: string, exceptId?: string) {
  const [row] = await db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.kind, kind), eq(t.code, code), exceptId ? ne(t.id, exceptId) : undefined))
    .limit(1);
  return Boolean(row);
}

export async function insertUnit(tx: Db, values: NewUnitRow): Promise<string> {
  const [row] = await tx.insert(t).values(values).returning({ id: t.id });
  if (!row) throw new Error('territorial unit insert returned nothing');
  return row.id;
}

export async function updateUnit(tx: Db, id: string, values: Partial<NewUnitRow>): Promise<void> {
  await tx
    .update(t)
    .set({ ...values, version: sql`${t.version} + 1`, updatedAt: sql`now()` })
    .where(eq(t.id, id));
}

export async function deleteUnit(tx: Db, id: string): Promise<void> {
  await tx.delete(t).where(eq(t.id, id));
}

/** What keeps a unit from being deleted: child units, planning areas it belongs to, role grants. */
export async function referencesTo(db: Db, id: string) {
  const [row] = await queryRows<{ children: number; areas: number; roles: number }>(
    db,
    sql`select
      (select count(*)::int from ${t} where ${t.parentId} = ${id}) as children,
      (select count(*)::int from ${planningAreaMembers} where ${planningAreaMembers.municipalityId} = ${id}) as areas,
      (select count(*)::int from ${roleAssignments} where ${roleAssignments.territorialUnitId} = ${id}) as roles`,
  );
  return row ?? { children: 0, areas: 0, roles: 0 };
}

export interface FeatureRow {
  id: string;
  kind: string;
  code: string;
  name: string;
  population: number | null;
  geometry: unknown;
  pointLat: number | null;
  pointLon: number | null;
}

/** Units for the map: those with a boundary or a representative point. */
export async function featureRows(db: Db, where: SQL | undefined): Promise<FeatureRow[]> {
  return db
    .select({
      id: t.id,
      kind: t.kind,
      code: t.code,
      name: t.name,
      population: t.population,
      geometry: t.geometry,
      pointLat: t.pointLat,
      pointLon: t.pointLon,
    })
    .from(t)
    .where(
      and(
        where,
        sql`(${t.geometry} is not null or (${t.pointLat} is not null and ${t.pointLon} is not null))`,
      ),
    )
    .orderBy(t.code, t.id);
}
