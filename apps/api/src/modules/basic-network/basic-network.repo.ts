import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import {
  networkComments,
  networkDecisions,
  networkEntries,
  networkEntryEvents,
  networkPeriods,
  networkStatements,
  providers,
  services,
  territorialUnits,
} from '../../db/schema/index.ts';
import { coveredUnitsSql } from '../auth/authorization.ts';

const e = networkEntries;
const p = networkPeriods;

// --- periods ---

export const periodColumns = {
  id: p.id,
  name: p.name,
  yearFrom: p.yearFrom,
  yearTo: p.yearTo,
  // Qualified by hand: inside the subquery Drizzle's bare column names would bind to network_entries.
  entryCount: sql<number>`(select count(*)::int from network_entries ne where ne.period_id = ${p}.id)`,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  version: p.version,
};
export type PeriodRow = {
  id: string;
  name: string;
  yearFrom: number;
  yearTo: number;
  entryCount: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

export async function listPeriodRows(
  db: Db,
  where: SQL | undefined,
  order: SQL[],
  limit: number,
  offset: number,
): Promise<{ rows: PeriodRow[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    db
      .select(periodColumns)
      .from(p)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(p).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findPeriodRow(db: Db, id: string, lock = false) {
  const query = db.select(periodColumns).from(p).where(eq(p.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

/** Periods other than `exceptId` whose years overlap [from, to]. */
export async function overlappingPeriods(db: Db, from: number, to: number, exceptId?: string) {
  return db
    .select({ id: p.id, name: p.name, yearFrom: p.yearFrom, yearTo: p.yearTo })
    .from(p)
    .where(
      and(
        sql`${p.yearFrom} <= ${to} and ${p.yearTo} >= ${from}`,
        exceptId ? sql`${p.id} <> ${exceptId}` : undefined,
      ),
    );
}

/** Serialises period writes, so two overlapping periods cannot be created at the same moment. */
export async function lockPeriods(tx: Db): Promise<void> {
  await tx.execute(sql`lock table ${p} in share row exclusive mode`);
}

// --- decisions ---

export const decisionColumns = {
  id: networkDecisions.id,
  periodId: networkDecisions.periodId,
  resolutionNumber: networkDecisions.resolutionNumber,
  decidedOn: networkDecisions.decidedOn,
  body: networkDecisions.body,
  note: networkDecisions.note,
  createdAt: networkDecisions.createdAt,
};

export function listDecisionRows(db: Db, periodId: string) {
  return db
    .select(decisionColumns)
    .from(networkDecisions)
    .where(eq(networkDecisions.periodId, periodId))
    .orderBy(
      asc(networkDecisions.decidedOn),
      asc(networkDecisions.createdAt),
      asc(networkDecisions.id),
    );
}

export type DecisionRow = Awaited<ReturnType<typeof listDecisionRows>>[number];

export async function findDecisionRow(db: Db, id: string) {
  const [row] = await db
    .select(decisionColumns)
    .from(networkDecisions)
    .where(eq(networkDecisions.id, id));
  return row;
}

// --- entries ---

/** A column of the service's latest state (the current one, else the last that ended). */
export const latestState = (column: 'name' | 'type_code') =>
  sql<string | null>`(select ss.${sql.raw(column)} from service_states ss
    where ss.service_id = ${e.serviceId}
    order by ss.valid_to is null desc, ss.valid_from desc limit 1)`;

export const entryColumns = {
  id: e.id,
  periodId: e.periodId,
  serviceId: e.serviceId,
  level: e.level,
  status: e.status,
  capacities: e.capacities,
  fte: e.fte,
  entrustment: e.entrustment,
  decisionId: e.decisionId,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  version: e.version,
  providerId: services.providerId,
  providerName: providers.name,
  serviceName: latestState('name'),
  typeCode: latestState('type_code'),
};

const entryQuery = (db: Db) =>
  db
    .select(entryColumns)
    .from(e)
    .innerJoin(services, eq(services.id, e.serviceId))
    .innerJoin(providers, eq(providers.id, services.providerId));

export type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['execute']>>[number];

export async function listEntryRows(
  db: Db,
  where: SQL | undefined,
  order: SQL[],
  limit: number,
  offset: number,
): Promise<{ rows: EntryRow[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    entryQuery(db)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(e).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findEntryRow(db: Db, id: string, where?: SQL, lock = false) {
  const query = entryQuery(db).where(and(eq(e.id, id), where));
  const [row] = await (lock ? query.for('update', { of: e }) : query);
  return row;
}

export async function insertEntry(tx: Db, values: typeof e.$inferInsert): Promise<string> {
  const [row] = await tx.insert(e).values(values).returning({ id: e.id });
  if (!row) throw new Error('network entry insert returned nothing');
  return row.id;
}

export async function updateEntry(
  tx: Db,
  id: string,
  values: Partial<typeof e.$inferInsert>,
): Promise<void> {
  await tx
    .update(e)
    .set({ ...values, version: sql`${e.version} + 1`, updatedAt: sql`now()` })
    .where(eq(e.id, id));
}

export async function insertEvent(tx: Db, values: typeof networkEntryEvents.$inferInsert) {
  await tx.insert(networkEntryEvents).values(values);
}

export function eventRows(db: Db, entryId: string) {
  return db
    .select()
    .from(networkEntryEvents)
    .where(eq(networkEntryEvents.entryId, entryId))
    .orderBy(asc(networkEntryEvents.at), asc(networkEntryEvents.id));
}

const statementColumns = {
  id: networkStatements.id,
  entryId: networkStatements.entryId,
  municipalityId: networkStatements.municipalityId,
  municipalityName: territorialUnits.name,
  needed: networkStatements.needed,
  capacities: networkStatements.capacities,
  text: networkStatements.text,
  authorId: networkStatements.authorId,
  authorName: networkStatements.authorName,
  createdAt: networkStatements.createdAt,
  version: networkStatements.version,
};

export function statementRows(db: Db, entryId: string, statementId?: string) {
  return db
    .select(statementColumns)
    .from(networkStatements)
    .innerJoin(territorialUnits, eq(territorialUnits.id, networkStatements.municipalityId))
    .where(
      and(
        eq(networkStatements.entryId, entryId),
        statementId ? eq(networkStatements.id, statementId) : undefined,
      ),
    )
    .orderBy(desc(networkStatements.createdAt), asc(networkStatements.id));
}
export type StatementRow = Awaited<ReturnType<typeof statementRows>>[number];

export async function insertStatement(tx: Db, values: typeof networkStatements.$inferInsert) {
  const [row] = await tx
    .insert(networkStatements)
    .values(values)
    .returning({ id: networkStatements.id });
  if (!row) throw new Error('statement insert returned nothing');
  return row.id;
}

export function commentRows(db: Db, entryId: string, commentId?: string) {
  return db
    .select()
    .from(networkComments)
    .where(
      and(
        eq(networkComments.entryId, entryId),
        commentId ? eq(networkComments.id, commentId) : undefined,
      ),
    )
    .orderBy(asc(networkComments.createdAt), asc(networkComments.id));
}
export type CommentRow = Awaited<ReturnType<typeof commentRows>>[number];

export async function insertComment(tx: Db, values: typeof networkComments.$inferInsert) {
  const [row] = await tx.insert(networkComments).values(values).returning();
  if (!row) throw new Error('comment insert returned nothing');
  return row;
}

// --- the territory a service reaches ---

/** The service's current territory served (unit ids), or [] when it names none. */
export async function currentTerritory(db: Db, serviceId: string): Promise<string[]> {
  const rows = await queryRows<{ ids: string[] }>(
    db,
    sql`select territory_unit_ids as ids from service_states
      where service_id = ${serviceId} and valid_to is null limit 1`,
  );
  return rows[0]?.ids ?? [];
}

/**
 * Whether `municipalityId` lies in an ORP the service reaches: the ORPs of its territory
 * served (an ORP itself, the ORP of a municipality, every ORP of a region or planning area)
 * and of the municipalities of its facilities.
 */
export async function municipalityInServiceOrps(
  db: Db,
  serviceId: string,
  territory: string[],
  municipalityId: string,
): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(
    db,
    sql`select 1 as ok from territorial_units mu
      where mu.id = ${municipalityId} and mu.parent_id in (
        select case when tu.kind = 'orp' then tu.id else tu.parent_id end
          from territorial_units tu
          where tu.kind in ('orp', 'municipality') and tu.id in ${coveredUnitsSql(territory)}
        union
        select tu.parent_id from facilities f
          join territorial_units tu on tu.kind = 'municipality' and tu.code = f.municipality_code
          where f.service_id = ${serviceId}
      )`,
  );
  return rows.length > 0;
}

export async function unitKind(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ kind: territorialUnits.kind })
    .from(territorialUnits)
    .where(eq(territorialUnits.id, id));
  return row?.kind;
}
