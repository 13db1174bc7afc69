import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import { invalidField } from '../../lib/errors.ts';
import { withoutJit } from '../analysis/capacity.attribution.ts';
import { copyRows } from './exports.copy.ts';
import {
  allOf,
  jsonRow,
  type Dataset,
  type DatasetVersion,
  type ExportContext,
} from './exports.dataset.ts';

/**
 * Keyset paging over a dataset (decision 0600). Without `updatedSince` the walk follows the
 * dataset's unique key (its primary key, so an index serves every chunk); with it, the walk
 * follows (updatedAt, id, deleted) over the changed rows and the tombstones together, so a
 * mirror applies them in the order they happened. Each chunk is its own query: a cursor holds
 * only the last position, so a row is never returned twice and none that existed throughout
 * is skipped, whatever is inserted, changed or deleted between pages. `updatedSince` is
 * inclusive: a clock may give two writes the same instant, and a mirror that syncs from the
 * newest time it saw must not miss the second (it gets the first again: an idempotent upsert).
 */

export interface ExportRequest {
  dataset: Dataset;
  version: DatasetVersion;
  ctx: ExportContext;
  updatedSince?: string | undefined;
}

/** The position after the last row read: key values, or [updatedAt, id, deleted]. */
interface Cursor {
  m: 'key' | 'since';
  k: string[];
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify(cursor)).toString('base64url');

const badCursor = () =>
  invalidField('/cursor', 'is not a cursor of this export (use nextCursor as given)', 'query');

export function decodeCursor(text: string, request: ExportRequest): Cursor {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const c = cursor as Cursor;
  const mode = request.updatedSince ? 'since' : 'key';
  const width = mode === 'since' ? 3 : request.version.key.length;
  if (
    typeof c !== 'object' ||
    c === null ||
    c.m !== mode ||
    !Array.isArray(c.k) ||
    c.k.length !== width ||
    !c.k.every((v) => typeof v === 'string')
  )
    throw badCursor();
  return c;
}

/** A timestamptz as PostgreSQL writes it as text (`2026-01-02 03:04:05.123456+00`). */
const TIMESTAMP_TEXT = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:?\d\d)?|Z)?$/;

const cast = (value: string, type: 'uuid' | 'text' | 'int' | 'timestamptz' | 'boolean') => {
  if (type === 'uuid' && !/^[0-9a-f-]{36}$/i.test(value)) throw badCursor();
  if (type === 'int' && !/^-?\d{1,18}$/.test(value)) throw badCursor();
  if (type === 'timestamptz' && !TIMESTAMP_TEXT.test(value)) throw badCursor();
  return sql`${value}::${sql.raw(type)}`;
};

/** The SQL of the chunk after `after`, at most `limit` rows. */
function chunkQuery(request: ExportRequest, after: Cursor | undefined, limit: number): SQL {
  const { version: v, ctx, dataset } = request;
  const conditions = v.where(ctx);
  const from = v.from(ctx);
  const groupBy = v.groupBy?.length ? sql` group by ${sql.join(v.groupBy, sql`, `)}` : sql``;
  const row = jsonRow(v.columns(ctx));

  if (!request.updatedSince) {
    // In their own types: the chunk's reader casts only the last row's to text.
    const keys = v.key.map((k, i) => sql`${k.expr} as ${sql.raw(`k${i}`)}`);
    const outer = v.key.map((_, i) => sql.raw(`d.k${i}`));
    // Compared in the key's own type (d.k* are text only for the reply).
    const inner = sql.join(
      v.key.map((k) => k.expr),
      sql`, `,
    );
    const seek = after
      ? sql`(${inner}) > (${sql.join(
          v.key.map((k, i) => cast(after.k[i]!, k.cast)),
          sql`, `,
        )})`
      : undefined;
    // The planner does not carry a range across a join's equality: say it for the joined column.
    const first = v.key[0]!;
    const joinedSeek =
      after && first.joined ? sql`${first.joined} >= ${cast(after.k[0]!, first.cast)}` : undefined;
    const live = v.softDeleted ? sql`not (${v.softDeleted})` : undefined;
    if (v.groupBy?.length) {
      // An aggregate's key is known after grouping: seek on the grouped rows.
      const outerSeek = after
        ? sql`where (${sql.join(outer, sql`, `)}) > (${sql.join(
            after.k.map((value) => sql`${value}`),
            sql`, `,
          )})`
        : sql``;
      return sql`select d.* from (select ${sql.join(keys, sql`, `)}, ${row} as j
        from ${from} where ${allOf([...conditions, live])}${groupBy}) d ${outerSeek}
        order by ${sql.join(outer, sql`, `)} limit ${limit}`;
    }
    return sql`select ${sql.join(keys, sql`, `)}, ${row} as j from ${from}
      where ${allOf([...conditions, live, seek, joinedSeek])}
      order by ${inner} limit ${limit}`;
  }

  const since = sql`${request.updatedSince}::timestamptz`;
  const updatedAt = v.updatedAt!;
  const json = v.softDeleted
    ? sql`case when ${v.softDeleted} then json_build_object('deleted', true, 'id', ${v.id}, 'deletedAt', ${updatedAt})::text else ${row} end`
    : row;
  const seek = after
    ? sql`where (d.ts, d.id, d.del) > (${cast(after.k[0]!, 'timestamptz')}, ${after.k[1]!}::text, ${
        after.k[2] === 'true'
      }::boolean)`
    : sql``;
  return sql`select d.ts::text as k0, d.id as k1, d.del::text as k2, d.j from (
      select ${v.id} as id, ${updatedAt} as ts, false as del, ${json} as j
        from ${from} where ${allOf([...conditions, sql`${updatedAt} >= ${since}`])}
      union all
      select r.entity_id, r.deleted_at, true,
          json_build_object('deleted', true, 'id', r.entity_id, 'deletedAt', r.deleted_at)::text
        from deleted_records r
        where r.entity = ${dataset.name} and r.deleted_at >= ${since}
    ) d ${seek} order by d.ts, d.id, d.del limit ${limit}`;
}

/** A chunk as read: its rows' JSON texts joined by `\n`, how many, the last one's position. */
interface Chunk {
  body: string;
  count: number;
  last: string[];
  /** Whether rows follow (the query read one more than asked). */
  more: boolean;
}

/**
 * Reads the chunk after `after` as ONE row: PostgreSQL joins the rows' JSON (their text has no
 * raw line breaks) and reports the last position, so the API holds one string per chunk
 * instead of an object per row (the garbage that would grow a big export's memory).
 * `row_number() over ()` numbers the rows in the inner query's order.
 */
async function readChunk(
  db: Db,
  request: ExportRequest,
  after: Cursor | undefined,
  limit: number,
): Promise<Chunk> {
  const width = request.updatedSince ? 3 : request.version.key.length;
  // The last row's position, read only when more follow (so row `limit` exists).
  const lastKeys = Array.from({ length: width }, (_, i) => {
    const k = sql.raw(`k${i}`);
    return sql`(array_agg(c.${k}) filter (where c.ord = ${limit}))[1]::text as ${k}`;
  });
  const query = sql`select coalesce(string_agg(c.j, E'\n' order by c.ord)
        filter (where c.ord <= ${limit}), '') as body,
      count(*)::int as n, ${sql.join(lastKeys, sql`, `)}
    from (select q.*, row_number() over () as ord from (${chunkQuery(request, after, limit + 1)}) q) c`;
  // Both drivers answer `{ rows }`.
  const run = (handle: Db) => handle.execute(query);
  const result = (await (request.version.jitOff ? withoutJit(db, run) : run(db))) as unknown as {
    rows: Record<string, string | number>[];
  };
  const row = result.rows[0]!;
  const read = Number(row.n);
  return {
    body: row.body as string,
    count: Math.min(read, limit),
    last: Array.from({ length: width }, (_, i) => row[`k${i}`] as string),
    more: read > limit,
  };
}

const cursorAfter = (request: ExportRequest, chunk: Chunk): Cursor => ({
  m: request.updatedSince ? 'since' : 'key',
  k: chunk.last,
});

/** One JSON page, serialised: `{ items, nextCursor, schemaVersion }`. */
export async function readPage(
  db: Db,
  request: ExportRequest,
  cursor: string | undefined,
  limit: number,
): Promise<string> {
  const after = cursor === undefined ? undefined : decodeCursor(cursor, request);
  const chunk = await readChunk(db, request, after, limit);
  const next = chunk.more ? JSON.stringify(encodeCursor(cursorAfter(request, chunk))) : 'null';
  const items = chunk.count ? chunk.body.replaceAll('\n', ',') : '';
  return `{"items":[${items}],"nextCursor":${next},"schemaVersion":${JSON.stringify(
    request.version.version,
  )}}`;
}

/** Rows per query of a streamed export: big enough to amortise a round trip, small in memory. */
export const STREAM_CHUNK = 5000;

/**
 * Every row's JSON text, a chunk at a time (rows joined by `\n`), whatever the size of the
 * dataset: on PostgreSQL one streamed COPY (exports.copy.ts), on PGlite keyset chunks.
 */
export function readAll(database: Database, request: ExportRequest): AsyncIterable<string> {
  return database.copyOut ? copyRows(database.copyOut, request) : readChunks(database.db, request);
}

/**
 * The keyset chunks: the memory held is two chunks (the one being sent and the next, read
 * meanwhile so the database and the socket work at the same time). Stops reading when the
 * consumer stops (the reply's stream is destroyed).
 */
async function* readChunks(db: Db, request: ExportRequest): AsyncGenerator<string> {
  let next: Promise<Chunk> | undefined = readChunk(db, request, undefined, STREAM_CHUNK);
  try {
    while (next) {
      const chunk: Chunk = await next;
      next = chunk.more
        ? readChunk(db, request, cursorAfter(request, chunk), STREAM_CHUNK)
        : undefined;
      if (chunk.count) yield chunk.body;
    }
  } finally {
    // A consumer that stopped early leaves a read in flight: its outcome no longer matters.
    next?.catch(() => {});
  }
}
