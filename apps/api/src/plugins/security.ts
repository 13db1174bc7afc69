import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../config.ts';

/** Headers, CORS allow-list and (opt-in per route) rate limits. */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          // Map tiles come from a configurable server; data: for Leaflet's inline icons.
          'img-src': ["'self'", 'data:', 'blob:', ...tileOrigin(config.TILE_URL)],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
    });
    const origins = config.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    await app.register(cors, { origin: origins.length ? origins : false, credentials: false });
    // global: false → only routes that set config.rateLimit are limited (login, token, refresh).
    await app.register(rateLimit, { global: false });
  },
  { name: 'security' },
);

function tileOrigin(tileUrl: string): string[] {
  if (!tileUrl) return [];
  try {
    const { protocol, host } = new URL(tileUrl.replace(/\{[a-z]\}/g, 'a'));
    return [`${protocol}//${host.replace(/^a\./, '*.')}`];
  } catch {
    return [];
  }
}
