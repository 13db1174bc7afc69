import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

const dialect = new PgDialect({ casing: 'snake_case' });

/** A bind parameter as the literal the server would have read it as. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) throw new Error(`cannot inline ${text}`);
    // Quoted like a parameter's text: its type comes from the context, not from the literal.
    return `'${text}'`;
  }
  if (typeof value === 'boolean') return `'${value}'`;
  throw new Error(`cannot inline a parameter of type ${typeof value} into COPY`);
}

/**
 * The statement's text with its parameters written in: COPY takes no bind parameters. Each is an
 * untyped quoted literal, which the server types from its context exactly as it types a
 * parameter that node-postgres sends as text; strings are escaped by the driver's own
 * `escapeLiteral`. The statements come from our query builders, whose raw text holds no `$n`.
 */
export function inlineParameters(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return text.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
}

/**
 * Streams `COPY (query) TO STDOUT` (text format: tab-separated, `\N` for null, backslash escapes,
 * one line per row) on a connection of its own, with `settings` set for the transaction. The
 * server sends as fast as the consumer reads (the socket is paused in between), so memory stays
 * a few chunks whatever the size. A consumer that stops early has the connection discarded,
 * never returned to the pool mid-COPY.
 */
export async function* copyOut(
  pool: pg.Pool,
  query: SQL,
  settings: Record<string, string> = {},
): AsyncGenerator<Buffer> {
  const client = await pool.connect();
  let finished = false;
  try {
    await client.query('begin read only');
    for (const [name, value] of Object.entries(settings))
      await client.query('select set_config($1, $2, true)', [name, value]);
    yield* client.query(copyTo(`copy (${inlineParameters(query)}) to stdout`));
    await client.query('commit');
    finished = true;
  } finally {
    client.release(finished ? undefined : true);
  }
}
