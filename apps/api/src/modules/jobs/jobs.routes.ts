import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { IdParamsSchema, JobSchema, ProblemSchema } from '@socplan/contracts';
import { jobs } from '../../db/schema/index.ts';
import { notFoundUnless, requirePrincipal } from '../auth/authorization.ts';
import { toJobDto } from './jobs.service.ts';

const jobsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Status and progress of a long-running job',
        params: IdParamsSchema,
        response: { 200: JobSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const row = notFoundUnless(
        await app.db.query.jobs.findFirst({ where: eq(jobs.id, request.params.id) }),
      );
      // A job is seen by whoever started it and by the region's staff.
      const staff = principal.roles.some(
        (r) => r.role === 'region_admin' || r.role === 'region_staff',
      );
      if (row.createdBy !== principal.id && !staff) notFoundUnless(null);
      return toJobDto(row);
    },
  );
};
export default jobsRoutes;
