import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { ExportFormat } from '@socplan/contracts';

/** The media type of each format. */
export const MEDIA_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
};

/** `?format=` wins; else the first of the Accept header's types we serve; else JSON. */
export function negotiateFormat(request: FastifyRequest, format: ExportFormat | undefined) {
  if (format) return format;
  const accept = (request.headers.accept ?? '').toLowerCase();
  if (accept.includes(MEDIA_TYPES.ndjson)) return 'ndjson';
  if (accept.includes(MEDIA_TYPES.csv)) return 'csv';
  return 'json';
}

/**
 * One JSON text per line (a chunk is its rows' JSON joined by `\n`). Streams hand on bytes: a
 * string waiting in the socket's queue would outlive the young generation and pile up in the
 * old one until a full collection; bytes live outside the JS heap.
 */
export const ndjsonStream = (chunks: AsyncIterable<string>): Readable =>
  Readable.from(
    (async function* () {
      for await (const rows of chunks) yield Buffer.from(`${rows}\n`);
    })(),
    { objectMode: false },
  );

/** An RFC 4180 cell: quoted when it holds a comma, quote or line break. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV for analysts' tools (RFC 4180: `,`, CRLF, UTF-8 without BOM), one column per field of the
 * row schema; nested values (arrays, objects) as JSON text. With `updatedSince`, tombstones are
 * rows with `_deleted` true, their id and `_deletedAt`.
 */
export function csvStream(
  columns: string[],
  chunks: AsyncIterable<string>,
  withTombstones: boolean,
): Readable {
  const header = withTombstones ? [...columns, '_deleted', '_deletedAt'] : columns;
  const line = (json: string): string => {
    const row = JSON.parse(json) as Record<string, unknown>;
    if (row.deleted === true && withTombstones)
      return header
        .map((c) =>
          c === 'id'
            ? csvCell(row.id)
            : c === '_deleted'
              ? 'true'
              : c === '_deletedAt'
                ? csvCell(row.deletedAt)
                : '',
        )
        .join(',');
    const cells = columns.map((c) => csvCell(row[c]));
    return (withTombstones ? [...cells, 'false', ''] : cells).join(',');
  };
  return Readable.from(
    (async function* () {
      yield `${header.join(',')}\r\n`;
      for await (const rows of chunks)
        yield Buffer.from(`${rows.split('\n').map(line).join('\r\n')}\r\n`);
    })(),
    { objectMode: false },
  );
}
