import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CommentParamsSchema,
  CreateNetworkCommentBodySchema,
  CreateNetworkDecisionBodySchema,
  CreateNetworkEntryBodySchema,
  CreateNetworkPeriodBodySchema,
  CreateNetworkStatementBodySchema,
  DecisionParamsSchema,
  IdParamsSchema,
  NetworkCommentSchema,
  NetworkDecisionListSchema,
  NetworkDecisionSchema,
  NetworkEntryDetailSchema,
  NetworkEntryListQuerySchema,
  NetworkEntryListSchema,
  NetworkEntrySchema,
  NetworkEntryTransitionBodySchema,
  NetworkPeriodListQuerySchema,
  NetworkPeriodListSchema,
  NetworkPeriodSchema,
  NetworkStatementSchema,
  ProblemSchema,
  StatementParamsSchema,
  UpdateNetworkEntryBodySchema,
  UpdateNetworkPeriodBodySchema,
} from '@socplan/contracts';
import { created, expectedVersion, withEtag } from '../../lib/http.ts';
import { requirePrincipal } from '../auth/authorization.ts';
import {
  createEntry,
  getEntry,
  listEntries,
  transitionEntry,
  updateEntry,
} from './network-entries.service.ts';
import {
  createComment,
  createStatement,
  getComment,
  getStatement,
} from './network-entry-notes.service.ts';
import {
  createDecision,
  createPeriod,
  deletePeriod,
  getDecision,
  getPeriod,
  listDecisions,
  listPeriods,
  updatePeriod,
} from './network-periods.service.ts';

const tags = ['basic network'];
const problems = { '4xx': ProblemSchema };

/** The basic network: periods and their decisions, entries and their workflow, statements, comments. */
const basicNetworkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  // --- periods ---

  app.get(
    '/api/network-periods',
    {
      schema: {
        tags,
        summary: 'Network periods (e.g. 2024–2026), newest first',
        querystring: NetworkPeriodListQuerySchema,
        response: { 200: NetworkPeriodListSchema, ...problems },
      },
    },
    (request) => listPeriods(app.db, requirePrincipal(request.principal), request.query),
  );

  app.get(
    '/api/network-periods/:id',
    {
      schema: {
        tags,
        summary: 'One network period (with its ETag)',
        params: IdParamsSchema,
        response: { 200: NetworkPeriodSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getPeriod(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.post(
    '/api/network-periods',
    {
      schema: {
        tags,
        summary: 'Create a network period (region staff); periods may not overlap',
        body: CreateNetworkPeriodBodySchema,
        response: { 201: NetworkPeriodSchema, ...problems },
      },
    },
    async (request, reply) => {
      const period = await createPeriod(app.db, requirePrincipal(request.principal), request.body);
      return created(reply, `/api/network-periods/${period.id}`, withEtag(reply, period));
    },
  );

  app.patch(
    '/api/network-periods/:id',
    {
      schema: {
        tags,
        summary: 'Rename a period or change its years (If-Match required)',
        params: IdParamsSchema,
        body: UpdateNetworkPeriodBodySchema,
        response: { 200: NetworkPeriodSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updatePeriod(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.delete(
    '/api/network-periods/:id',
    {
      schema: {
        tags,
        summary: 'Delete a period without entries (If-Match required)',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await deletePeriod(app.db, requirePrincipal(request.principal), request.params.id, () =>
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/network-periods/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Resolutions that set or changed the network of a period, oldest first',
        params: IdParamsSchema,
        response: { 200: NetworkDecisionListSchema, ...problems },
      },
    },
    (request) => listDecisions(app.db, requirePrincipal(request.principal), request.params.id),
  );

  app.get(
    '/api/network-periods/:id/decisions/:decisionId',
    {
      schema: {
        tags,
        summary: 'One decision of a period',
        params: DecisionParamsSchema,
        response: { 200: NetworkDecisionSchema, ...problems },
      },
    },
    (request) =>
      getDecision(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.params.decisionId,
      ),
  );

  app.post(
    '/api/network-periods/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Record a resolution (number, date, body) for a period (region staff)',
        description: 'Decisions are records of what was resolved: they are added, not edited.',
        params: IdParamsSchema,
        body: CreateNetworkDecisionBodySchema,
        response: { 201: NetworkDecisionSchema, ...problems },
      },
    },
    async (request, reply) => {
      const decision = await createDecision(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.body,
      );
      return created(
        reply,
        `/api/network-periods/${decision.periodId}/decisions/${decision.id}`,
        decision,
      );
    },
  );

  // --- entries ---

  app.get(
    '/api/network-entries',
    {
      schema: {
        tags,
        summary: 'Network entries in your scope (through their service), filtered and paginated',
        querystring: NetworkEntryListQuerySchema,
        response: { 200: NetworkEntryListSchema, ...problems },
      },
    },
    (request) => listEntries(app.db, requirePrincipal(request.principal), request.query),
  );

  app.get(
    '/api/network-entries/:id',
    {
      schema: {
        tags,
        summary: 'One entry with its history, statements of need and comments (with its ETag)',
        params: IdParamsSchema,
        response: { 200: NetworkEntryDetailSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getEntry(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.post(
    '/api/network-entries',
    {
      schema: {
        tags,
        summary: 'Request a service’s entry into the network of a period',
        description:
          'Region staff for any service, a provider for its own. The entry starts as requested.',
        body: CreateNetworkEntryBodySchema,
        response: { 201: NetworkEntrySchema, ...problems },
      },
    },
    async (request, reply) => {
      const entry = await createEntry(app.db, requirePrincipal(request.principal), request.body);
      return created(reply, `/api/network-entries/${entry.id}`, withEtag(reply, entry));
    },
  );

  app.patch(
    '/api/network-entries/:id',
    {
      schema: {
        tags,
        summary: 'Change an undecided entry (If-Match required)',
        description:
          'Region staff while requested or assessed, the provider while requested. An approved ' +
          'entry changes through POST …/transitions with `to: "changed"`.',
        params: IdParamsSchema,
        body: UpdateNetworkEntryBodySchema,
        response: { 200: NetworkEntrySchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateEntry(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.post(
    '/api/network-entries/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move an entry along the workflow (region staff; If-Match required)',
        description:
          'requested → assessed → approved | rejected; approved → changed → … → removed. ' +
          'rejected, changed and removed need a reason; changed needs `changes`. ' +
          'A transition the workflow does not allow answers 409.',
        params: IdParamsSchema,
        body: NetworkEntryTransitionBodySchema,
        response: { 200: NetworkEntryDetailSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await transitionEntry(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.post(
    '/api/network-entries/:id/statements',
    {
      schema: {
        tags,
        summary: 'A municipality’s statement of need on an entry',
        description:
          'A municipality user for its own municipality, a coordinator for municipalities in its ' +
          'territory, region staff for any; the municipality must lie in an ORP the service ' +
          'reaches (territory served or facilities).',
        params: IdParamsSchema,
        body: CreateNetworkStatementBodySchema,
        response: { 201: NetworkStatementSchema, ...problems },
      },
    },
    async (request, reply) => {
      const statement = await createStatement(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.body,
      );
      return created(
        reply,
        `/api/network-entries/${statement.entryId}/statements/${statement.id}`,
        statement,
      );
    },
  );

  app.get(
    '/api/network-entries/:id/statements/:statementId',
    {
      schema: {
        tags,
        summary: 'One statement of need',
        params: StatementParamsSchema,
        response: { 200: NetworkStatementSchema, ...problems },
      },
    },
    (request) =>
      getStatement(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.params.statementId,
      ),
  );

  app.post(
    '/api/network-entries/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on an entry you can see',
        params: IdParamsSchema,
        body: CreateNetworkCommentBodySchema,
        response: { 201: NetworkCommentSchema, ...problems },
      },
    },
    async (request, reply) => {
      const comment = await createComment(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.body,
      );
      return created(
        reply,
        `/api/network-entries/${comment.entryId}/comments/${comment.id}`,
        comment,
      );
    },
  );

  app.get(
    '/api/network-entries/:id/comments/:commentId',
    {
      schema: {
        tags,
        summary: 'One comment',
        params: CommentParamsSchema,
        response: { 200: NetworkCommentSchema, ...problems },
      },
    },
    (request) =>
      getComment(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.params.commentId,
      ),
  );
};
export default basicNetworkRoutes;
