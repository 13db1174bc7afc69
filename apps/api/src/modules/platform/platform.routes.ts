import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { sql } from 'drizzle-orm';
import { HealthSchema, ProblemSchema } from '@socplan/contracts';
import { DomainError } from '../../lib/errors.ts';
import { ProblemTypes } from '@socplan/contracts';

const PublicConfigSchema = Type.Object(
  { tileUrl: Type.String(), tileAttribution: Type.String() },
  { $id: 'PublicConfig' },
);

/** Health and the public settings the SPA needs before login. */
const platformRoutes: FastifyPluginAsyncTypebox<{
  tileUrl: string;
  tileAttribution: string;
}> = async (app, { tileUrl, tileAttribution }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database reachability',
        security: [],
        response: { 200: HealthSchema, 503: ProblemSchema },
      },
    },
    async () => {
      try {
        await app.db.execute(sql`select 1`);
      } catch {
        // Each call tries again: once the database answers, health recovers without a restart.
        throw new DomainError(
          503,
          ProblemTypes.unavailable,
          'Service Unavailable',
          'The database does not answer.',
        );
      }
      return { status: 'ok' as const, database: app.database.kind };
    },
  );

  app.get(
    '/api/config',
    {
      schema: {
        tags: ['platform'],
        summary: 'Public settings for the web app (map tiles)',
        security: [],
        response: { 200: PublicConfigSchema },
      },
    },
    async () => ({ tileUrl, tileAttribution }),
  );
};
export default platformRoutes;
