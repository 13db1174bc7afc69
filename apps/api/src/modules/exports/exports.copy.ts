import { sql, type SQL } from 'drizzle-orm';
import type { TSchema } from 'typebox';
import type { Database } from '../../db/client.ts';
import { allOf } from './exports.dataset.ts';
import type { ExportRequest } from './exports.engine.ts';

/**
 * A whole export on PostgreSQL as ONE streamed `COPY (…) TO STDOUT` of the rows' plain columns
 * (decision 0600, "Streaming on PostgreSQL"): the server writes text as fast as it writes for
 * psql, and the API turns each line into the same JSON that `json_build_object` gives the JSON
 * pages. PostgreSQL 15's JSON functions look up every value's type on every call, which made
 * building the JSON there cost three times the query itself; here it costs string joins.
 */

/** How a column's COPY text becomes JSON, read off the row schema's type. */
type Kind = 'string' | 'timestamp' | 'number' | 'boolean' | 'json';

function kindOf(schema: TSchema): Kind {
  const s = schema as { anyOf?: TSchema[]; type?: string; format?: string };
  if (s.anyOf) {
    const members = s.anyOf.filter((m) => (m as { type?: string }).type !== 'null');
    return members.length === 1 ? kindOf(members[0]!) : 'json';
  }
  if (s.type === 'string') return s.format === 'date-time' ? 'timestamp' : 'string';
  if (s.type === 'integer' || s.type === 'number') return 'number';
  if (s.type === 'boolean') return 'boolean';
  return 'json'; // arrays, objects, anything: PostgreSQL writes their JSON (to_json)
}

const COPY_ESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
/** COPY's text format escapes backslash and control characters with a backslash. */
const unescapeCopy = (text: string): string =>
  text.includes('\\') ? text.replace(/\\(.)/g, (_, c: string) => COPY_ESCAPES[c] ?? c) : text;

/** Text JSON can hold between quotes as it is (no quote, backslash or control character). */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON must escape
const PLAIN = /^[^"\\\u0000-\u001f]*$/;
const jsonString = (text: string): string =>
  PLAIN.test(text) ? `"${text}"` : JSON.stringify(unescapeCopy(text));
/** A JSON number as PostgreSQL writes numbers; NaN and infinities become strings, as in to_json. */
const JSON_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * `2026-01-02 03:04:05.123456+01` (ISO DateStyle) → `"2026-01-02T03:04:05.123456+01:00"`, the
 * form to_json gives a timestamptz (an hours-only offset gets its minutes).
 */
const jsonTimestamp = (text: string): string =>
  `"${text.replace(' ', 'T')}${/[+-]\d\d$/.test(text) ? ':00' : ''}"`;

const TO_JSON: Record<Kind, (text: string) => string> = {
  string: jsonString,
  timestamp: jsonTimestamp,
  number: (text) => (JSON_NUMBER.test(text) ? text : jsonString(text)),
  boolean: (text) => (text === 't' ? 'true' : 'false'),
  json: unescapeCopy,
};

/**
 * The statement: the columns in the row's order. A full export walks the key's order and
 * leaves softly deleted rows out. With `updatedSince`, each line starts with what the keyset
 * reader orders and marks by (deleted record, softly deleted, updatedAt, id), over the changed
 * rows and the deletion records together, in the order they happened.
 */
function copyQuery(request: ExportRequest, kinds: Kind[]): SQL {
  const { version: v, ctx, dataset } = request;
  const columns = sql.join(
    // Named apart from the marks before them (a column is often called `id` too).
    Object.values(v.columns(ctx)).map(
      (expr, i) =>
        sql`${kinds[i] === 'json' ? sql`to_json(${expr})` : expr} as ${sql.raw(`c${i}`)}`,
    ),
    sql`, `,
  );
  if (!request.updatedSince) {
    const groupBy = v.groupBy?.length ? sql` group by ${sql.join(v.groupBy, sql`, `)}` : sql``;
    const live = v.softDeleted ? sql`not (${v.softDeleted})` : undefined;
    return sql`select ${columns} from ${v.from(ctx)} where ${allOf([...v.where(ctx), live])}${groupBy}
      order by ${sql.join(
        v.key.map((k) => k.expr),
        sql`, `,
      )}`;
  }
  const since = sql`${request.updatedSince}::timestamptz`;
  const nulls = sql.join(
    kinds.map(() => sql`null`),
    sql`, `,
  );
  return sql`select * from (
      select false as del, ${v.softDeleted ?? sql`false`} as soft, ${v.updatedAt!} as ts,
          ${v.id} as id, ${columns}
        from ${v.from(ctx)} where ${allOf([...v.where(ctx), sql`${v.updatedAt!} >= ${since}`])}
      union all
      select true, false, r.deleted_at, r.entity_id, ${nulls}
        from deleted_records r where r.entity = ${dataset.name} and r.deleted_at >= ${since}
    ) d order by d.ts, d.id, d.del`;
}

const NEWLINE = 0x0a;
/**
 * Bytes of COPY text converted at a time. Small enough that neither the text nor its JSON
 * (about 2.5 times longer, two bytes a character once a Czech letter is in it) reaches V8's
 * large-object size (128 kB): a large string alive at a young collection moves straight to
 * the old generation and stays until a full one, which grew the server by ~20 MB per export.
 */
const PIECE_BYTES = 16 * 1024;

/**
 * Every row's JSON text, a piece of rows at a time joined by `\n` (as the keyset reader
 * yields them). Reads only as fast as the consumer takes them.
 */
export async function* copyRows(
  copyOut: NonNullable<Database['copyOut']>,
  request: ExportRequest,
): AsyncGenerator<string> {
  const schemas = request.version.schema.properties as Record<string, TSchema>;
  const names = Object.keys(request.version.columns(request.ctx));
  const kinds = names.map((name) => kindOf(schemas[name]!));
  const convert = kinds.map((kind) => TO_JSON[kind]);
  const prefixes = names.map((name, i) => `${i ? ',' : '{'}${JSON.stringify(name)}:`);
  /** Where the row's columns start in a line: after del, soft, ts and id with updatedSince. */
  const first = request.updatedSince ? 4 : 0;
  const rowJson = (line: string): string => {
    const cells = line.split('\t');
    if (first && (cells[0] === 't' || cells[1] === 't'))
      return `{"deleted":true,"id":${jsonString(cells[3]!)},"deletedAt":${jsonTimestamp(cells[2]!)}}`;
    let json = '';
    for (let i = first; i < cells.length; i++) {
      const cell = cells[i]!;
      json += prefixes[i - first] + (cell === '\\N' ? 'null' : convert[i - first]!(cell));
    }
    return `${json}}`;
  };

  const settings: Record<string, string> = { DateStyle: 'ISO, YMD' };
  if (request.version.jitOff) settings.jit = 'off';
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of copyOut(copyQuery(request, kinds), settings)) {
    const bytes = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    for (;;) {
      // Whole lines of at most PIECE_BYTES (a longer row alone); a line break never falls
      // inside a UTF-8 character, so each piece decodes on its own.
      let end = bytes.lastIndexOf(NEWLINE, Math.min(bytes.length, start + PIECE_BYTES) - 1);
      if (end < start) end = bytes.indexOf(NEWLINE, start + PIECE_BYTES);
      if (end === -1) break;
      yield bytes.toString('utf8', start, end).split('\n').map(rowJson).join('\n');
      start = end + 1;
    }
    pending = bytes.subarray(start);
  }
}
