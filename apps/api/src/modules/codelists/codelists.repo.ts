import { and, asc, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Codelist } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { codelistItems } from '../../db/schema/index.ts';
import { validOnSql } from '../../lib/validity.ts';

const c = codelistItems;

export type ItemRow = typeof codelistItems.$inferSelect;
export type NewItemRow = typeof codelistItems.$inferInsert;

export const validOn = (day: string): SQL => validOnSql(c.validFrom, c.validTo, day);

/** Items of one codelist (optionally only those valid on a day), in display order. */
export async function listItemRows(db: Db, codelist: Codelist, day?: string): Promise<ItemRow[]> {
  return db
    .select()
    .from(c)
    .where(and(eq(c.codelist, codelist), day ? validOn(day) : undefined))
    .orderBy(asc(c.sortOrder), asc(c.code), asc(c.validFrom));
}

/** Items of several codelists valid on a day: what validation of a service needs, one query. */
export async function validItemRows(
  db: Db,
  codelists: readonly Codelist[],
  day: string,
): Promise<ItemRow[]> {
  if (codelists.length === 0) return [];
  return db
    .select()
    .from(c)
    .where(and(inArray(c.codelist, [...codelists]), validOn(day)));
}

/** Every version of every item (the importer's lookup). */
export async function allItemRows(db: Db): Promise<ItemRow[]> {
  return db.select().from(c).orderBy(asc(c.codelist), asc(c.code), asc(c.validFrom));
}

export async function countValid(db: Db, day: string) {
  return db
    .select({ codelist: c.codelist, n: count() })
    .from(c)
    .where(validOn(day))
    .groupBy(c.codelist);
}

export async function findItemRow(
  db: Db,
  codelist: Codelist,
  id: string,
  lock = false,
): Promise<ItemRow | undefined> {
  const query = db
    .select()
    .from(c)
    .where(and(eq(c.codelist, codelist), eq(c.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** All versions of one code, oldest first, locked for the rest of the transaction. */
export async function lockVersions(db: Db, codelist: Codelist, code: string): Promise<ItemRow[]> {
  return db
    .select()
    .from(c)
    .where(and(eq(c.codelist, codelist), eq(c.code, code)))
    .orderBy(asc(c.validFrom))
    .for('update');
}

/** Whether another code of the codelist carries this registry id. */
export async function registryIdTaken(
  db: Db,
  codelist: Codelist,
  registryId: string,
  exceptCode: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.codelist, codelist), eq(c.registryId, registryId), ne(c.code, exceptCode)))
    .limit(1);
  return Boolean(row);
}

export async function insertItem(tx: Db, values: NewItemRow): Promise<ItemRow> {
  const [row] = await tx.insert(c).values(values).returning();
  if (!row) throw new Error('codelist item insert returned nothing');
  return row;
}

export async function updateItem(
  tx: Db,
  id: string,
  values: Partial<NewItemRow>,
): Promise<ItemRow> {
  const [row] = await tx
    .update(c)
    .set({ ...values, version: sql`${c.version} + 1`, updatedAt: sql`now()` })
    .where(eq(c.id, id))
    .returning();
  if (!row) throw new Error('codelist item update returned nothing');
  return row;
}
