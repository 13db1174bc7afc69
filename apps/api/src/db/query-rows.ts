import type { SQL } from 'drizzle-orm';
import type { Db } from './client.ts';

/** Raw SQL returning rows; both drivers (pg, PGlite) answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
