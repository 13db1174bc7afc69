import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastifyStatic from '@fastify/static';
import { trustProxyOf, type Config } from './config.ts';
import type { Database } from './db/client.ts';
import authPlugin from './plugins/auth.ts';
import dbPlugin from './plugins/db.ts';
import errorsPlugin from './plugins/errors.ts';
import jobsPlugin from './plugins/jobs.ts';
import queryCountPlugin, { serializeReply } from './plugins/query-count.ts';
import readCachePlugin from './plugins/read-cache.ts';
import territoryTreePlugin from './plugins/territory-tree.ts';
import openapiPlugin from './plugins/openapi.ts';
import securityPlugin from './plugins/security.ts';
import auditRoutes from './modules/audit/audit.routes.ts';
import adminRoutes from './modules/auth/admin.routes.ts';
import authRoutes from './modules/auth/auth.routes.ts';
import jobsRoutes from './modules/jobs/jobs.routes.ts';
import platformRoutes from './modules/platform/platform.routes.ts';
import territoryRoutes from './modules/territory/territory.routes.ts';
import codelistsRoutes from './modules/codelists/codelists.routes.ts';
import networkRoutes from './modules/network/network.routes.ts';
import registryRoutes from './modules/registry/registry.routes.ts';
import basicNetworkRoutes from './modules/basic-network/basic-network.routes.ts';
import financingRoutes from './modules/financing/financing.routes.ts';
import plansRoutes from './modules/plans/plans.routes.ts';
import collectionRoutes from './modules/collection/collection.routes.ts';
import analysisRoutes from './modules/analysis/analysis.routes.ts';
import exportsRoutes from './modules/exports/exports.routes.ts';
import publicCatalogueRoutes from './modules/public-catalogue/public-catalogue.routes.ts';
import hsdsRoutes from './modules/hsds/hsds.routes.ts';

export interface AppOptions {
  config: Config;
  database: Database;
  jwtSecret: string;
  /** Close the database with the app (server: yes; tests that share one: no). */
  closeDatabase?: boolean;
  /** Poll for jobs in the background (server: yes; tests drain explicitly or poll fast). */
  runJobs?: boolean;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole API (and the SPA when built) without listening; used by server, CLI and tests. */
export async function buildApp(options: AppOptions) {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.LOG_LEVEL, serializers: { res: serializeReply } },
    bodyLimit: config.BODY_LIMIT,
    // Client addresses (rate limits, logs) come from X-Forwarded-For only from a trusted proxy.
    trustProxy: trustProxyOf(config.TRUST_PROXY),
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: true,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorsPlugin, { spa: Boolean(webDist(config)) });
  await app.register(dbPlugin, {
    database: options.database,
    closeOnShutdown: options.closeDatabase ?? true,
  });
  await app.register(queryCountPlugin, { header: config.QUERY_COUNT_HEADER === '1' });
  await app.register(securityPlugin, { config });
  await app.register(openapiPlugin);
  await app.register(authPlugin, {
    secret: options.jwtSecret,
    accessTokenTtl: config.ACCESS_TOKEN_TTL,
  });
  await app.register(readCachePlugin, { maxEntries: config.READ_CACHE_ENTRIES });
  await app.register(territoryTreePlugin);
  await app.register(jobsPlugin, {
    pollMs: config.JOB_POLL_MS,
    autoStart: options.runJobs ?? true,
  });

  await app.register(platformRoutes, {
    tileUrl: config.TILE_URL,
    tileAttribution: config.TILE_ATTRIBUTION,
  });
  await app.register(authRoutes, { config });
  await app.register(adminRoutes);
  await app.register(territoryRoutes, { importBodyLimit: config.IMPORT_BODY_LIMIT });
  await app.register(codelistsRoutes);
  await app.register(networkRoutes);
  await app.register(registryRoutes, { bodyLimit: config.REGISTRY_BODY_LIMIT });
  await app.register(basicNetworkRoutes);
  await app.register(financingRoutes);
  await app.register(plansRoutes, {
    importBodyLimit: config.IMPORT_BODY_LIMIT,
    attachmentLimit: config.ATTACHMENT_BODY_LIMIT,
  });
  await app.register(collectionRoutes, {
    importBodyLimit: config.IMPORT_BODY_LIMIT,
    reminderSender: config.REMINDER_SENDER,
  });
  await app.register(analysisRoutes);
  await app.register(exportsRoutes);
  await app.register(publicCatalogueRoutes);
  await app.register(hsdsRoutes);
  await app.register(auditRoutes);
  await app.register(jobsRoutes);

  const dist = webDist(config);
  if (dist)
    // The build writes .br/.gz copies (apps/web/precompress.ts): served to browsers that take them.
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
    });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

/** The built SPA: WEB_DIST, or apps/web/dist beside this package when it exists. */
function webDist(config: Config): string | undefined {
  if (config.WEB_DIST) return config.WEB_DIST;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidate = path.resolve(here, '../../web/dist');
  return existsSync(path.join(candidate, 'index.html')) ? candidate : undefined;
}
