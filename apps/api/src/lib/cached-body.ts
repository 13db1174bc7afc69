import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);

/**
 * A serialised answer kept in a read cache with its ETag, a hash of the content (so it changes
 * exactly when the answer does, whoever changed the data and however). Large ones (a plan tree of thousands
 * of nodes is megabytes) are also kept gzipped, compressed once on first demand, so clients
 * that accept gzip (every browser) get a fraction of the bytes without a compression per request.
 */
export class CachedBody {
  private gzipped?: Promise<Buffer>;
  readonly etag: string;

  constructor(readonly json: string) {
    this.etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  }

  gzip(): Promise<Buffer> {
    this.gzipped ??= gzipAsync(this.json);
    return this.gzipped;
  }
}

/** Below this a gzip round costs more than the bytes it saves. */
const GZIP_FROM_BYTES = 64 * 1024;

const acceptsGzip = (request: FastifyRequest) =>
  /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');

/** Sends a cached body: 304 when If-None-Match names its ETag, gzipped when the client takes it. */
export async function sendCachedBody(
  request: FastifyRequest,
  reply: FastifyReply,
  body: CachedBody,
  contentType = 'application/json',
) {
  void reply.header('etag', body.etag).header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === body.etag) return reply.code(304).send();
  void reply.type(`${contentType}; charset=utf-8`);
  if (body.json.length >= GZIP_FROM_BYTES && acceptsGzip(request))
    return reply.header('content-encoding', 'gzip').send(await body.gzip());
  return reply.send(body.json);
}
