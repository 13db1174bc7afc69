import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CreateEvaluationBodySchema,
  EvaluationListQuerySchema,
  EvaluationListSchema,
  EvaluationSchema,
  EvaluationSeriesQuerySchema,
  EvaluationSeriesSchema,
  IdParamsSchema,
  PlansOverviewQuerySchema,
  PlansOverviewSchema,
  ProblemSchema,
  UpdateEvaluationBodySchema,
} from '@socplan/contracts';
import { created, expectedVersion, withEtag } from '../../lib/http.ts';
import { requirePrincipal } from '../auth/authorization.ts';
import {
  createEvaluation,
  deleteEvaluation,
  evaluationSeries,
  getEvaluation,
  listEvaluations,
  updateEvaluation,
} from './evaluations.service.ts';
import { plansOverview } from './plans-overview.ts';

const tags = ['evaluations'];
const problems = { '4xx': ProblemSchema };

/** Planning-process evaluations with their time series, and the region overview of plans. */
const evaluationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/evaluations',
    {
      schema: {
        tags,
        summary: 'Planning-process evaluations in your scope, newest first, filtered and paged',
        querystring: EvaluationListQuerySchema,
        response: { 200: EvaluationListSchema, ...problems },
      },
    },
    (request) => listEvaluations(app.db, requirePrincipal(request.principal), request.query),
  );

  app.get(
    '/api/evaluations/series',
    {
      schema: {
        tags,
        summary: 'A territory’s evaluations as a time series: area scores, total, share of yes',
        querystring: EvaluationSeriesQuerySchema,
        response: { 200: EvaluationSeriesSchema, ...problems },
      },
    },
    (request) =>
      evaluationSeries(app.db, requirePrincipal(request.principal), request.query.territoryId),
  );

  app.get(
    '/api/evaluations/:id',
    {
      schema: {
        tags,
        summary: 'One evaluation (with its ETag)',
        params: IdParamsSchema,
        response: { 200: EvaluationSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getEvaluation(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.post(
    '/api/evaluations',
    {
      schema: {
        tags,
        summary: 'Record an evaluation of a territory’s planning process (region staff)',
        description: 'Scores 0–3 per MPSV area and yes/no checks, each at most once.',
        body: CreateEvaluationBodySchema,
        response: { 201: EvaluationSchema, ...problems },
      },
    },
    async (request, reply) => {
      const evaluation = await createEvaluation(
        app.db,
        requirePrincipal(request.principal),
        request.body,
      );
      return created(reply, `/api/evaluations/${evaluation.id}`, withEtag(reply, evaluation));
    },
  );

  app.patch(
    '/api/evaluations/:id',
    {
      schema: {
        tags,
        summary: 'Change an evaluation (If-Match required); areas and checks are replaced whole',
        params: IdParamsSchema,
        body: UpdateEvaluationBodySchema,
        response: { 200: EvaluationSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateEvaluation(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.delete(
    '/api/evaluations/:id',
    {
      schema: {
        tags,
        summary: 'Delete an evaluation (If-Match required)',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteEvaluation(app.db, requirePrincipal(request.principal), request.params.id, () =>
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/plans/overview',
    {
      schema: {
        tags: ['plans'],
        summary: 'Region overview: community plans in force per year, coordinator gaps, costing',
        description:
          'Region-wide roles see the region, a coordinator or municipality its territory. A community plan is in force in the years of its period once a version is approved and its status is past consultation (archived plans count as history; docs/decisions/0400, 0402).',
        querystring: PlansOverviewQuerySchema,
        response: { 200: PlansOverviewSchema, ...problems },
      },
    },
    (request) => plansOverview(app.db, requirePrincipal(request.principal), request.query),
  );
};
export default evaluationsRoutes;
