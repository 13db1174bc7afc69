import { sql, type SQL } from 'drizzle-orm';
import type { TSchema } from 'typebox';
import type { Database } from '../../db/client.ts';
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

/** The full export's statement: the columns in the row's order, in the key's order. */
function copyQuery(request: ExportRequest, kinds: Kind[]): SQL {
  const { version: v, ctx } = request;
  const columns = Object.values(v.columns(ctx)).map((expr, i) =>
    kinds[i] === 'json' ? sql`to_json(${expr})` : expr,
  );
  const conditions = [...v.where(ctx), v.softDeleted ? sql`not (${v.softDeleted})` : undefined]
    .filter((c): c is SQL => c !== undefined)
    .map((c) => sql`(${c})`);
  const where = conditions.length ? sql` where ${sql.join(conditions, sql` and `)}` : sql``;
  const groupBy = v.groupBy?.length ? sql` group by ${sql.join(v.groupBy, sql`, `)}` : sql``;
  return sql`select ${sql.join(columns, sql`, `)} from ${v.from(ctx)}${where}${groupBy}
    order by ${sql.join(
      v.key.map((k) => k.expr),
      sql`, `,
    )}`;
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
  const rowJson = (line: string): string => {
    const cells = line.split('\t');
    let json = '';
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      json += prefixes[i] + (cell === '\\N' ? 'null' : convert[i]!(cell));
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
