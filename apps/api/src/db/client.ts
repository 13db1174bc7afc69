import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { copyOut } from './copy-out.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** One Drizzle handle type for both drivers; services take this and never care which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

/**
 * The statement counter of the work running now (a request, see plugins/query-count.ts). Every
 * statement Drizzle sends on either driver passes `logQuery`; outside a counted scope it costs
 * one lookup.
 */
export const queryCounter = new AsyncLocalStorage<{ queries: number }>();
const countQueries: Logger = {
  logQuery() {
    const counter = queryCounter.getStore();
    if (counter) counter.queries++;
  },
};
const drizzleOptions = { schema, casing: 'snake_case', logger: countQueries } as const;

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /**
   * Subscribes to NOTIFY on `channel`. `onState(false)` says notifications may be missed from now
   * on (the listening connection dropped), `onState(true)` that they flow again (reconnected).
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  /**
   * `COPY (query) TO STDOUT` in text format, streamed (PostgreSQL only: PGlite has no streaming
   * COPY to the client). `settings` apply for the statement's transaction.
   */
  copyOut?: (query: SQL, settings?: Record<string, string>) => AsyncIterable<Buffer>;
  /** Runs `fn` on one dedicated connection (needed for session-level advisory locks). */
  withConnection<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface ListenHandlers {
  onNotify(payload: string): void;
  onState(listening: boolean): void;
}

export interface DatabaseOptions {
  url?: string | undefined;
  dataDir?: string;
  /** An already created PGlite (tests load it from a migrated snapshot). */
  pglite?: PGlite;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  if (options.pglite) return wrapPglite(options.pglite, () => {});
  const dataDir = path.resolve(options.dataDir ?? '.data', 'pglite');
  mkdirSync(dataDir, { recursive: true });
  const release = acquireDataDirLock(dataDir);
  try {
    // Loaded only when embedded: a server on PostgreSQL does not carry PGlite's ~10 MB.
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create(dataDir, { relaxedDurability: false });
    return await wrapPglite(client, release);
  } catch (error) {
    release();
    throw error;
  }
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, drizzleOptions) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    copyOut: (query, settings) => copyOut(pool, query, settings),
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(drizzlePg(client, drizzleOptions) as unknown as Db);
      } finally {
        client.release();
      }
    },
    listen: (channel, handlers) => listenPostgres(url, channel, handlers),
    close: () => pool.end(),
  };
}

/** LISTEN on a dedicated connection, reconnecting with backoff until unsubscribed. */
async function listenPostgres(url: string, channel: string, handlers: ListenHandlers) {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 500;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    const lost = () => {
      if (client !== next) return;
      client = undefined;
      handlers.onState(false);
      if (!stopped)
        retry = setTimeout(() => void connect().catch(lost), (delay = Math.min(delay * 2, 30_000)));
    };
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotify(message.payload ?? '');
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      lost();
      throw error;
    }
    delay = 500;
    handlers.onState(true);
  };
  // Not listening yet is a state, not a failure: caches are bypassed until the retry succeeds.
  await connect().catch(() => {});
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const current = client;
    client = undefined;
    await current?.end().catch(() => {});
  };
}

async function wrapPglite(client: PGlite, release: () => void): Promise<Database> {
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
  const db = drizzlePglite(client, drizzleOptions) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    // PGlite is a single connection already.
    withConnection: (fn) => fn(db),
    async listen(channel, handlers) {
      const unlisten = await client.listen(channel, handlers.onNotify);
      handlers.onState(true); // in-process: nothing can be missed
      return () => unlisten();
    },
    async close() {
      if (!client.closed) await client.close();
      release();
    },
  };
}
