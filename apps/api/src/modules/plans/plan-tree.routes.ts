import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  CreateActionPlanBodySchema,
  CreatePlanNodeBodySchema,
  DeletePlanNodeQuerySchema,
  IdParamsSchema,
  MovePlanNodeBodySchema,
  PLAN_NODE_DECIMAL_FIELDS,
  PlanNodeDeletionListSchema,
  PlanNodeParamsSchema,
  PlanNodeSchema,
  PlanSchema,
  PlanTreeSchema,
  ProblemSchema,
  UpdatePlanNodeBodySchema,
} from '@socplan/contracts';
import { InvalidError } from '../../lib/errors.ts';
import { CachedBody, sendCachedBody } from '../../lib/cached-body.ts';
import { created, expectedVersion, withEtag } from '../../lib/http.ts';
import { assertMay, requirePrincipal, scopeKey } from '../auth/authorization.ts';
import { numbersIn } from '../financing/money.ts';
import {
  createNode,
  deleteNode,
  readTree,
  listDeletions,
  moveNode,
  restoreNode,
  treeAccess,
  updateNode,
} from './plan-tree.service.ts';
import { createActionPlan } from './plan-tree.template.ts';

const tags = ['plans'];
const problems = { '4xx': ProblemSchema };
const MONEY_NOTE =
  'Money is CZK as a decimal string ("125000.50"), indicator values likewise; costs and funding only on activities, within the plan\'s years.';
const DECIMAL_FIELDS = new Set<string>(PLAN_NODE_DECIMAL_FIELDS);

/** The plan's tree: read with roll-ups, node writes (insert, edit, move, delete, restore), action plans. */
const planTreeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Money and indicator values travel as text; a JSON number would otherwise be coerced silently.
  app.addHook('preValidation', async (request) => {
    const pointers = numbersIn(request.body, DECIMAL_FIELDS);
    if (pointers.length)
      throw new InvalidError(
        'Amounts and indicator values are decimal strings such as "125000.50", not JSON numbers.',
        pointers.map((pointer) => ({
          in: 'body',
          pointer,
          detail: 'must be a decimal string, e.g. "125000.50"',
        })),
      );
  });
  const principalOf = (request: FastifyRequest) => requirePrincipal(request.principal);
  // Few entries: a large tree is megabytes.
  const cache = app.readCache('plan-tree', {
    topics: ['plans', 'network', 'territory'],
    maxEntries: 16,
  });

  app.get(
    '/api/plans/:id/tree',
    {
      schema: {
        tags,
        summary:
          'The whole tree with codes, costing, funding, indicators and roll-ups (gap per year)',
        description:
          "One request, a fixed number of queries whatever the size. The gap is the cost of each activity and year no source covers; funding beyond an activity's cost is `overfunded` and never fills another's gap.",
        params: IdParamsSchema,
        response: {
          200: PlanTreeSchema,
          304: Type.Null({ description: 'If-None-Match named the current ETag' }),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      assertMay(principal, 'plans.read');
      // Kept per plan and per scope (what the caller reads, may write, and which linked services
      // it sees) until a plan, node, service or territory change commits (decision 0008): a hit
      // costs no query. A miss checks access and builds the tree; its ETag hashes the content.
      const key = JSON.stringify([
        request.params.id,
        scopeKey(principal, 'plans.read'),
        scopeKey(principal, 'plans.write'),
        scopeKey(principal, 'network.read'),
      ]);
      const body = await cache.get(key, async () => {
        const access = await treeAccess(app.db, principal, request.params.id);
        // JSON.stringify: the tree holds exactly the schema's fields (buildPlanTree), and the
        // schema's serialiser is several times slower on it (every nullable field is an anyOf).
        return new CachedBody(JSON.stringify(await readTree(app.db, principal, access)));
      });
      return sendCachedBody(request, reply, body);
    },
  );

  app.post(
    '/api/plans/:id/nodes',
    {
      schema: {
        tags,
        summary:
          'Add a priority (parentId null), a measure (under a priority) or an activity (under a measure)',
        description: `Codes of the later siblings shift (1.2 → 1.3). ${MONEY_NOTE}`,
        params: IdParamsSchema,
        body: CreatePlanNodeBodySchema,
        response: { 201: PlanNodeSchema, ...problems },
      },
    },
    async (request, reply) => {
      const node = await createNode(app.db, principalOf(request), request.params.id, request.body);
      return created(reply, `/api/plans/${node.planId}/tree`, withEtag(reply, node));
    },
  );

  app.patch(
    '/api/plans/:id/nodes/:nodeId',
    {
      schema: {
        tags,
        summary: 'Change a node (If-Match: its version)',
        description: MONEY_NOTE,
        params: PlanNodeParamsSchema,
        body: UpdatePlanNodeBodySchema,
        response: { 200: PlanNodeSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateNode(
          app.db,
          principalOf(request),
          request.params.id,
          request.params.nodeId,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.post(
    '/api/plans/:id/nodes/:nodeId/move',
    {
      schema: {
        tags,
        summary:
          'Move a node among its siblings or under another parent of the same level (If-Match)',
        description:
          'A measure moves under a priority, an activity under a measure; codes of both sibling lists and of everything below renumber.',
        params: PlanNodeParamsSchema,
        body: MovePlanNodeBodySchema,
        response: { 200: PlanNodeSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await moveNode(
          app.db,
          principalOf(request),
          request.params.id,
          request.params.nodeId,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.delete(
    '/api/plans/:id/nodes/:nodeId',
    {
      schema: {
        tags,
        summary: 'Delete a node with its subtree (soft, restorable; If-Match)',
        description:
          'When the subtree has monitoring reports the answer is 409 `confirmation-required` unless `?confirm=true`; the reports stay and come back with a restore.',
        params: PlanNodeParamsSchema,
        querystring: DeletePlanNodeQuerySchema,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteNode(
        app.db,
        principalOf(request),
        request.params.id,
        request.params.nodeId,
        () => expectedVersion(request),
        request.query.confirm === true,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/plans/:id/deleted-nodes',
    {
      schema: {
        tags,
        summary: 'Deleted subtrees of the plan, newest first',
        params: IdParamsSchema,
        response: { 200: PlanNodeDeletionListSchema, ...problems },
      },
    },
    (request) => listDeletions(app.db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/plans/:id/nodes/:nodeId/restore',
    {
      schema: {
        tags,
        summary: 'Bring a deleted subtree back at its former position (its parent must be live)',
        params: PlanNodeParamsSchema,
        response: { 200: PlanNodeSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await restoreNode(app.db, principalOf(request), request.params.id, request.params.nodeId),
      ),
  );

  app.post(
    '/api/plans/:id/action-plans',
    {
      schema: {
        tags,
        summary: 'Make an action plan from this community or regional plan',
        description:
          "Copies the chosen measures and activities (default all) whose timeframe overlaps the action plan's years, with their priorities; costs, funding and indicator targets of those years only.",
        params: IdParamsSchema,
        body: CreateActionPlanBodySchema,
        response: { 201: PlanSchema, ...problems },
      },
    },
    async (request, reply) => {
      const plan = await createActionPlan(
        app.db,
        principalOf(request),
        await app.territoryTree(),
        request.params.id,
        request.body,
      );
      return created(reply, `/api/plans/${plan.id}`, withEtag(reply, plan));
    },
  );
};
export default planTreeRoutes;
