import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateMonitoringRoundBodySchema,
  IdParamsSchema,
  MonitoringReportParamsSchema,
  MonitoringReportSchema,
  MonitoringRoundDetailSchema,
  MonitoringRoundListSchema,
  MonitoringRoundSchema,
  NodeTimelineSchema,
  PlanNodeTimelineParamsSchema,
  ProblemSchema,
  PutMonitoringReportBodySchema,
  ReviewMonitoringReportBodySchema,
  UpdateMonitoringRoundBodySchema,
} from '@socplan/contracts';
import { InvalidError } from '../../lib/errors.ts';
import { created, expectedVersion, withEtag } from '../../lib/http.ts';
import { requirePrincipal } from '../auth/authorization.ts';
import { numbersIn } from '../financing/money.ts';
import {
  createRound,
  getReport,
  getRoundDetail,
  listRounds,
  nodeTimeline,
  putReport,
  reviewReport,
  submitReport,
  updateRound,
} from './monitoring.service.ts';

const tags = ['monitoring'];
const problems = { '4xx': ProblemSchema };
const DECIMAL_FIELDS = new Set(['amount', 'value']);

/** Monitoring rounds of a plan, activity reports with their review, and a node's timeline. */
const monitoringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Amounts and indicator values travel as text; Ajv would otherwise coerce a JSON number.
  app.addHook('preValidation', async (request) => {
    const pointers = numbersIn(request.body, DECIMAL_FIELDS);
    if (pointers.length)
      throw new InvalidError(
        'Amounts and indicator values are decimal strings such as "1250.50", not JSON numbers.',
        pointers.map((pointer) => ({
          in: 'body',
          pointer,
          detail: 'must be a decimal string, e.g. "1250.50"',
        })),
      );
  });

  const reportLocation = (roundId: string, nodeId: string) =>
    `/api/monitoring-rounds/${roundId}/reports/${nodeId}`;

  app.get(
    '/api/plans/:id/monitoring-rounds',
    {
      schema: {
        tags,
        summary: 'Monitoring rounds of a plan, oldest first, with report counts by review status',
        params: IdParamsSchema,
        response: { 200: MonitoringRoundListSchema, ...problems },
      },
    },
    (request) => listRounds(app.db, requirePrincipal(request.principal), request.params.id),
  );

  app.post(
    '/api/plans/:id/monitoring-rounds',
    {
      schema: {
        tags,
        summary: 'Open a monitoring round (a year, or a half-year with `half`) of a plan',
        description:
          'The year lies within the plan’s period; one round per period (409). Needs monitoring.review on a plan you may write.',
        params: IdParamsSchema,
        body: CreateMonitoringRoundBodySchema,
        response: { 201: MonitoringRoundSchema, ...problems },
      },
    },
    async (request, reply) => {
      const round = await createRound(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.body,
      );
      return created(reply, `/api/monitoring-rounds/${round.id}`, withEtag(reply, round));
    },
  );

  app.get(
    '/api/monitoring-rounds/:id',
    {
      schema: {
        tags,
        summary: 'A round with every live activity, its report and progress rolled up by cost',
        params: IdParamsSchema,
        response: { 200: MonitoringRoundDetailSchema, ...problems },
      },
    },
    async (request, reply) => {
      const detail = await getRoundDetail(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
      );
      withEtag(reply, detail.round);
      return detail;
    },
  );

  app.patch(
    '/api/monitoring-rounds/:id',
    {
      schema: {
        tags,
        summary: 'Close or reopen a round, or change its due date (If-Match required)',
        params: IdParamsSchema,
        body: UpdateMonitoringRoundBodySchema,
        response: { 200: MonitoringRoundSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateRound(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.get(
    '/api/monitoring-rounds/:id/reports/:nodeId',
    {
      schema: {
        tags,
        summary: 'An activity’s report in a round (with its ETag)',
        params: MonitoringReportParamsSchema,
        response: { 200: MonitoringReportSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getReport(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          request.params.nodeId,
        ),
      ),
  );

  app.put(
    '/api/monitoring-rounds/:id/reports/:nodeId',
    {
      schema: {
        tags,
        summary: 'Enter or replace an activity’s report (If-Match once it exists)',
        description:
          'Only activities; indicator ids of the activity, sources of the funding_source codelist. A submitted or accepted report is locked (409) until returned; a closed round is read-only (409).',
        params: MonitoringReportParamsSchema,
        body: PutMonitoringReportBodySchema,
        response: { 200: MonitoringReportSchema, 201: MonitoringReportSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { id, nodeId } = request.params;
      const { report, created: isNew } = await putReport(
        app.db,
        requirePrincipal(request.principal),
        id,
        nodeId,
        () => (request.headers['if-match'] === undefined ? undefined : expectedVersion(request)),
        request.body,
      );
      withEtag(reply, report);
      return isNew ? created(reply, reportLocation(id, nodeId), report) : report;
    },
  );

  app.post(
    '/api/monitoring-rounds/:id/reports/:nodeId/submit',
    {
      schema: {
        tags,
        summary: 'Submit a draft or returned report for review (If-Match required)',
        params: MonitoringReportParamsSchema,
        response: { 200: MonitoringReportSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await submitReport(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          request.params.nodeId,
          () => expectedVersion(request),
        ),
      ),
  );

  app.post(
    '/api/monitoring-rounds/:id/reports/:nodeId/review',
    {
      schema: {
        tags,
        summary: 'Accept or return (with a comment) a submitted report (If-Match required)',
        description: 'Needs monitoring.review; nobody accepts a report they submitted themselves.',
        params: MonitoringReportParamsSchema,
        body: ReviewMonitoringReportBodySchema,
        response: { 200: MonitoringReportSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await reviewReport(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          request.params.nodeId,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.get(
    '/api/plans/:id/nodes/:nodeId/timeline',
    {
      schema: {
        tags,
        summary: 'A node’s timeline: planned, reported and spent, round by round',
        params: PlanNodeTimelineParamsSchema,
        response: { 200: NodeTimelineSchema, ...problems },
      },
    },
    (request) =>
      nodeTimeline(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.params.nodeId,
      ),
  );
};
export default monitoringRoutes;
