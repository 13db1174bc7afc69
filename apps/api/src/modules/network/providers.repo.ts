import { and, count, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { providers, roleAssignments, services } from '../../db/schema/index.ts';

const p = providers;

export type ProviderRow = typeof providers.$inferSelect;
export type NewProviderRow = typeof providers.$inferInsert;

export interface ListParams {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
  offset: number;
}

export async function listProviderRows(
  db: Db,
  params: ListParams,
): Promise<{ rows: ProviderRow[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(p)
      .where(params.where)
      .orderBy(...params.orderBy)
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(p).where(params.where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findProviderRow(
  db: Db,
  id: string,
  where?: SQL,
  lock = false,
): Promise<ProviderRow | undefined> {
  const query = db
    .select()
    .from(p)
    .where(and(eq(p.id, id), where));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function findByIco(
  tx: Db,
  ico: string,
  lock = false,
): Promise<ProviderRow | undefined> {
  const query = tx.select().from(p).where(eq(p.ico, ico));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function icoTaken(db: Db, ico: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: p.id })
    .from(p)
    .where(and(eq(p.ico, ico), exceptId ? ne(p.id, exceptId) : undefined))
    .limit(1);
  return Boolean(row);
}

export async function insertProvider(tx: Db, values: NewProviderRow): Promise<ProviderRow> {
  const [row] = await tx.insert(p).values(values).returning();
  if (!row) throw new Error('provider insert returned nothing');
  return row;
}

export async function updateProvider(
  tx: Db,
  id: string,
  values: Partial<NewProviderRow>,
): Promise<ProviderRow> {
  const [row] = await tx
    .update(p)
    .set({ ...values, version: sql`${p.version} + 1`, updatedAt: sql`now()` })
    .where(eq(p.id, id))
    .returning();
  if (!row) throw new Error('provider update returned nothing');
  return row;
}

export async function deleteProvider(tx: Db, id: string): Promise<void> {
  await tx.delete(p).where(eq(p.id, id));
}

/** What keeps a provider from being deleted: its services and the accounts bound to it. */
export async function referencesTo(db: Db, id: string) {
  const [row] = await queryRows<{ services: number; roles: number }>(
    db,
    sql`select
      (select count(*)::int from ${services} where ${services.providerId} = ${id}) as services,
      (select count(*)::int from ${roleAssignments} where ${roleAssignments.providerId} = ${id}) as roles`,
  );
  return row ?? { services: 0, roles: 0 };
}
