import type { FastifyReply, FastifyRequest } from 'fastify';
import { asc, desc, type AnyColumn, type SQL } from 'drizzle-orm';
import { InvalidError, PreconditionFailedError, PreconditionRequiredError } from './errors.ts';

/** The media type of the request body, without parameters, in lower case (`text/csv`). */
export const mediaTypeOf = (request: FastifyRequest): string =>
  (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** The ETag of a versioned resource. */
export const etagOf = (version: number): string => `"${version}"`;

/** Sets the ETag of a single resource on the reply and returns the body unchanged. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, resource: T): T {
  void reply.header('etag', etagOf(resource.version));
  return resource;
}

/**
 * The version the client read, from If-Match. Missing → 428; unparsable → 412 (it cannot match).
 * Services compare it with the stored version inside their transaction (stale → 412).
 */
export function expectedVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') throw new PreconditionRequiredError();
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  if (!match) throw new PreconditionFailedError();
  return Number(match[1]);
}

export function assertVersion(stored: number, expected: number): void {
  if (stored !== expected) throw new PreconditionFailedError();
}

/** Sends JSON that is already serialised (a cached answer), bypassing the route's serialiser. */
export function sendSerialized(
  reply: FastifyReply,
  json: string,
  contentType = 'application/json',
) {
  return reply.type(`${contentType}; charset=utf-8`).send(json);
}

/** 201 Created with a Location header. */
export function created<T>(reply: FastifyReply, location: string, body: T): T {
  void reply.code(201).header('location', location);
  return body;
}

/**
 * Turns `?sort=name` / `?sort=-population` into ORDER BY terms over an allow-list of columns,
 * always ending with a unique tiebreaker so pages are stable.
 */
export function orderBy(
  sort: string | undefined,
  columns: Record<string, AnyColumn | SQL>,
  fallback: string,
  tiebreaker: AnyColumn,
): SQL[] {
  const key = sort ?? fallback;
  const descending = key.startsWith('-');
  const name = descending ? key.slice(1) : key;
  const column = columns[name];
  if (!column) {
    throw new InvalidError(`Cannot sort by "${name}".`, [
      {
        in: 'query',
        pointer: '/sort',
        detail: `must be one of ${Object.keys(columns).join(', ')} (prefix - for descending)`,
      },
    ]);
  }
  return [descending ? desc(column) : asc(column), asc(tiebreaker)];
}

export const page = (query: { limit?: number; offset?: number }) => ({
  limit: query.limit ?? 50,
  offset: query.offset ?? 0,
});
