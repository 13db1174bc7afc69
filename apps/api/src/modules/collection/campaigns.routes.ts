import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CampaignListQuerySchema,
  CampaignListSchema,
  CampaignRespondentListSchema,
  CampaignSchema,
  CompletenessQuerySchema,
  CompletenessSchema,
  CreateCampaignBodySchema,
  IdParamsSchema,
  JobSchema,
  MissingRespondentListSchema,
  MissingRespondentsQuerySchema,
  PageQuery,
  ProblemSchema,
  UpdateCampaignBodySchema,
} from '@socplan/contracts';
import { created, expectedVersion, sendSerialized, withEtag } from '../../lib/http.ts';
import { CachedBody, sendCachedBody } from '../../lib/cached-body.ts';
import { assertMay, requirePrincipal } from '../auth/authorization.ts';
import { submissionScopeKey } from './collection.access.ts';
import { toJobDto } from '../jobs/jobs.service.ts';
import {
  campaignRespondents,
  createCampaign,
  deleteCampaign,
  getCampaign,
  listCampaigns,
  remindNow,
  updateCampaign,
} from './campaigns.service.ts';
import { completenessJson, missingCsv, missingRespondents } from './completeness.service.ts';
import type { ReminderSenderKind } from './reminder-sender.ts';
import { registerReminderJobs } from './reminders.ts';

const tags = ['collection'];
const problems = { '4xx': ProblemSchema };

/**
 * Campaigns (collection.manage writes; collection.read reads, scoped readers the opened
 * campaigns reaching them), their respondents, completeness and reminders.
 */
const campaignsRoutes: FastifyPluginAsyncTypebox<{ reminderSender: ReminderSenderKind }> = async (
  app,
  options,
) => {
  registerReminderJobs(app.jobs, app.log, options.reminderSender);
  // Emptied when a count or a respondent's line changes (migration 0008) or the territory does.
  const completenessCache = app.readCache('collection', { topics: ['collection', 'territory'] });

  app.get(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: 'Campaigns you see, newest deadline first, with respondent counts in your scope',
        querystring: CampaignListQuerySchema,
        response: { 200: CampaignListSchema, ...problems },
      },
    },
    (request) => listCampaigns(app.db, requirePrincipal(request.principal), request.query),
  );

  app.post(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a draft campaign of a published form version for a period',
        description:
          'year: no periodNumber; half: 1–2; quarter: 1–4. orpIds must be ORPs; serviceTypes (codes of service_type) only for provider and service forms. One campaign per form and period (409).',
        body: CreateCampaignBodySchema,
        response: { 201: CampaignSchema, ...problems },
      },
    },
    async (request, reply) => {
      const campaign = await createCampaign(
        app.db,
        requirePrincipal(request.principal),
        request.body,
      );
      return created(reply, `/api/campaigns/${campaign.id}`, withEtag(reply, campaign));
    },
  );

  app.get(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'A campaign with its counts (expected, received, approved)',
        params: IdParamsSchema,
        response: { 200: CampaignSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getCampaign(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.patch(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Change a campaign, open or close it (If-Match required)',
        description:
          'A draft changes freely; an opened campaign only its name, deadline and reminders (409 otherwise). status: draft → open fixes and prefills the submissions and schedules the reminders; open → closed; closed → open.',
        params: IdParamsSchema,
        body: UpdateCampaignBodySchema,
        response: { 200: CampaignSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateCampaign(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.delete(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Delete a draft campaign (If-Match required)',
        params: IdParamsSchema,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problems },
      },
    },
    async (request, reply) => {
      await deleteCampaign(app.db, requirePrincipal(request.principal), request.params.id, () =>
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/campaigns/:id/respondents',
    {
      schema: {
        tags,
        summary: 'Who the campaign asks: a draft’s would-be respondents, an opened one’s list',
        params: IdParamsSchema,
        querystring: Type.Object({ limit: PageQuery.limit, offset: PageQuery.offset }),
        response: { 200: CampaignRespondentListSchema, ...problems },
      },
    },
    (request) =>
      campaignRespondents(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.query,
      ),
  );

  app.get(
    '/api/campaigns/:id/completeness',
    {
      schema: {
        tags,
        summary: 'Expected, received (on time, late), approved and missing, by ORP and respondent',
        description:
          'Within your scope. orpId narrows everything; status and missing only the respondents.',
        params: IdParamsSchema,
        querystring: CompletenessQuerySchema,
        response: { 200: CompletenessSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      assertMay(principal, 'collection.read');
      const { id } = request.params;
      const { orpId, status, missing } = request.query;
      const key = [id, submissionScopeKey(principal, 'collection.read'), orpId, status, missing];
      // PostgreSQL writes the document (decision 0502); it has the shape of CompletenessSchema.
      const body = await completenessCache.get(
        key.join('|'),
        async () => new CachedBody(await completenessJson(app.db, principal, id, request.query)),
      );
      return sendCachedBody(request, reply, body);
    },
  );

  app.get(
    '/api/campaigns/:id/missing',
    {
      schema: {
        tags,
        summary:
          'Who has not submitted yet: JSON, or CSV for Excel (?format=csv or Accept: text/csv)',
        params: IdParamsSchema,
        querystring: MissingRespondentsQuerySchema,
        produces: ['application/json', 'text/csv'],
        response: { 200: MissingRespondentListSchema, ...problems },
      },
    },
    async (request, reply) => {
      const rows = await missingRespondents(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.query.orpId,
      );
      const csv =
        request.query.format === 'csv' ||
        (request.query.format === undefined && /\btext\/csv\b/.test(request.headers.accept ?? ''));
      if (!csv) return { items: rows, total: rows.length };
      void reply.header(
        'content-disposition',
        `attachment; filename="nepodali-${request.params.id}.csv"`,
      );
      return sendSerialized(reply, missingCsv(rows), 'text/csv');
    },
  );

  app.post(
    '/api/campaigns/:id/reminders',
    {
      schema: {
        tags,
        summary: 'Send a reminder now to everyone who has not submitted (202 with the job)',
        params: IdParamsSchema,
        response: { 202: JobSchema, ...problems },
      },
    },
    async (request, reply) => {
      const job = await remindNow(app.db, requirePrincipal(request.principal), request.params.id);
      app.jobs.kick();
      void reply.code(202).header('location', `/api/jobs/${job.id}`);
      return toJobDto(job);
    },
  );
};
export default campaignsRoutes;
