/**
 * Reads and deletes shared by the two parameter tables (reference values, financing keys):
 * pages with totals, one row (locked for writes), delete with If-Match and an audit row.
 */
import { count, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { List } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import type { financingKeys, referenceValues } from '../../db/schema/index.ts';
import { assertVersion } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

type ParameterTable = typeof referenceValues | typeof financingKeys;
type RowOf<T extends ParameterTable> = T['$inferSelect'];

export async function findParameterRow<T extends ParameterTable>(
  db: Db,
  table: T,
  id: string,
  lock = false,
): Promise<RowOf<T> | undefined> {
  const t = table as ParameterTable;
  const query = db.select().from(t).where(eq(t.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row as RowOf<T> | undefined;
}

export async function listParameters<T extends ParameterTable, D>(
  db: Db,
  principal: AuthPrincipal,
  table: T,
  toDto: (row: RowOf<T>) => D,
  query: { where: SQL | undefined; order: (SQL | PgColumn)[]; limit: number; offset: number },
): Promise<List<D>> {
  assertMay(principal, 'financing.read');
  const t = table as ParameterTable;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(t)
      .where(query.where)
      .orderBy(...query.order)
      .limit(query.limit)
      .offset(query.offset),
    db.select({ n: count() }).from(t).where(query.where),
  ]);
  return { items: (rows as RowOf<T>[]).map(toDto), total: total?.n ?? 0 };
}

export async function getParameter<T extends ParameterTable, D>(
  db: Db,
  principal: AuthPrincipal,
  table: T,
  toDto: (row: RowOf<T>) => D,
  id: string,
): Promise<D> {
  assertMay(principal, 'financing.read');
  return toDto(notFoundUnless(await findParameterRow(db, table, id)));
}

export async function deleteParameter<T extends ParameterTable, D>(
  db: Db,
  principal: AuthPrincipal,
  table: T,
  toDto: (row: RowOf<T>) => D,
  entityType: string,
  id: string,
  expected: ExpectedVersion,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = notFoundUnless(await findParameterRow(tx, table, id, true));
    assertMay(principal, 'financing.write');
    assertVersion(before.version, expected());
    const t = table as ParameterTable;
    await tx.delete(t).where(eq(t.id, id));
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType,
      entityId: id,
      before: toDto(before),
    });
  });
}
