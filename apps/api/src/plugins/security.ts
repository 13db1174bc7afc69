import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../config.ts';

/** Headers, CORS allow-list and (opt-in per route) rate limits. */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    const headers = securityHeaders({
      contentSecurityPolicy: {
        directives: {
          // Map tiles come from a configurable server; data: for Leaflet's inline icons.
          'img-src': ["'self'", 'data:', 'blob:', ...tileOrigin(config.TILE_URL)],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
    });
    app.addHook('onRequest', async (_request, reply) => {
      reply.headers(headers);
    });
    const origins = config.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    // Without an allow-list the API is same-origin only: no CORS headers, no per-request hook.
    if (origins.length) await app.register(cors, { origin: origins, credentials: false });
    // global: false → only routes that set config.rateLimit are limited (login, token, refresh).
    await app.register(rateLimit, { global: false });
  },
  { name: 'security' },
);

/**
 * Helmet's headers, computed once. Its middleware recomputes the same constant headers on every
 * request, which cost two thirds of a bare route's throughput (bench/); the values and the policy
 * stay helmet's. Routes with their own policy (the API docs) override them.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => {});
  return headers;
}

function tileOrigin(tileUrl: string): string[] {
  if (!tileUrl) return [];
  try {
    const { protocol, host } = new URL(tileUrl.replace(/\{[a-z]\}/g, 'a'));
    return [`${protocol}//${host.replace(/^a\./, '*.')}`];
  } catch {
    return [];
  }
}
