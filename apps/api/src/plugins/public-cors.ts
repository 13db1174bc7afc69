import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { QUERY_COUNT_HEADER } from './query-count.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** @fastify/cors reads a route's own options here (merged over the plugin's; false: none). */
    cors?: FastifyCorsOptions | false;
  }
}

/**
 * CORS for the anonymous read-only APIs (`/api/public/…`, `/api/hsds/…`): any origin may read
 * them from a browser (a municipality's web, a citizen app). No credentials are involved: the
 * answers are the same for everyone, so `*` and no cookies or Authorization.
 */
export const PUBLIC_CORS = {
  origin: '*',
  credentials: false,
  methods: ['GET', 'HEAD', 'OPTIONS'],
  exposedHeaders: ['ETag', QUERY_COUNT_HEADER],
  maxAge: 86400,
} satisfies FastifyCorsOptions;

/**
 * Opens the calling context's routes to every origin. Register it in a context of its own with a
 * prefix (the preflight route is `OPTIONS <prefix>/*`); the rest of the API, in other contexts,
 * gets no CORS headers from it. The options go into each route's `config.cors`, which
 * @fastify/cors merges over its plugin options: when the whole API already has CORS for an
 * allow-list (`CORS_ORIGINS`, plugins/security.ts; @fastify/cors cannot be registered twice
 * along one path), that registration answers these routes and their preflights the same way.
 */
export async function publicCors(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, cors: PUBLIC_CORS };
  });
  if (!app.hasRequestDecorator('corsPreflightEnabled')) {
    await app.register(cors, PUBLIC_CORS);
    return;
  }
  // The API-wide hook answers the preflight from this route's options; the handler is reached
  // only by an OPTIONS request that is no preflight.
  app.options('/*', { schema: { hide: true } }, (_request, reply) => reply.callNotFound());
}
