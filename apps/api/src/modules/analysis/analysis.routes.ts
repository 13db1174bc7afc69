import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CapacityAnalysisSchema,
  CapacityQuerySchema,
  CapacityServiceListSchema,
  CapacityServicesQuerySchema,
  CapacityTargetListQuerySchema,
  CapacityTargetListSchema,
  CapacityTargetSchema,
  CollectionAnalysisQuerySchema,
  CollectionAnalysisSchema,
  CreateCapacityTargetBodySchema,
  DashboardQuerySchema,
  DashboardSchema,
  IdParamsSchema,
  NeedsAnalysisSchema,
  NeedsQuerySchema,
  PlansAnalysisQuerySchema,
  PlansAnalysisSchema,
  ProblemSchema,
  UpdateCapacityTargetBodySchema,
} from '@socplan/contracts';
import { created, expectedVersion, sendSerialized, withEtag } from '../../lib/http.ts';
import { today } from '../../lib/validity.ts';
import { requirePrincipal, scopeKey } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import type { CapacityQuery } from '@socplan/contracts';
import {
  createCapacityTarget,
  deleteCapacityTarget,
  getCapacityTarget,
  listCapacityTargets,
  updateCapacityTarget,
} from './capacity-targets.service.ts';
import { capacityAnalysis, capacityNetwork, capacityServices } from './capacity.service.ts';
import { collectionAnalysis } from './collection-analysis.service.ts';
import { dashboardOf } from './dashboard.service.ts';
import { needsAnalysis } from './needs.service.ts';
import { plansAnalysis } from './plans-analysis.service.ts';

const tags = ['analysis'];
const problems = { '4xx': ProblemSchema };

/** Analyses and dashboards of the network, needs, plans and data collection (decision 0602). */
const analysisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  // What depends on the network and territory only is cached per scope, day and query until a
  // change of either commits (decision 0008); `today` is in the key because defaults follow it.
  const networkCache = app.readCache('analysis-network', { topics: ['network', 'territory'] });
  // The analysis completes it with the targets and the year's reference values, whose edits
  // notify 'capacity-parameters' (migration 0012).
  const capacityCache = app.readCache('analysis-capacity', {
    topics: ['network', 'territory', 'capacity-parameters'],
  });
  // Counted submissions are locked: their values change only with their status, which
  // notifies 'collection' (migration 0008), so needs are cached on it too.
  const needsCache = app.readCache('analysis-needs', {
    topics: ['collection', 'network', 'territory'],
  });
  const collectionCache = app.readCache('analysis-collection', {
    topics: ['collection', 'territory'],
  });
  const key = (principal: AuthPrincipal, what: string, query: object) =>
    JSON.stringify([what, scopeKey(principal, 'analysis.read'), today(), query]);

  /** The capacity analysis with its network part, both cached (the dashboard needs both). */
  const capacityOf = (principal: AuthPrincipal, query: CapacityQuery) =>
    capacityCache.get(key(principal, 'capacity-analysis', query), async () => {
      const network = await networkCache.get(key(principal, 'capacity', query), () =>
        capacityNetwork(app.db, principal, query),
      );
      return { network, analysis: await capacityAnalysis(app.db, network) };
    });

  app.get(
    '/api/analysis/capacity',
    {
      schema: {
        tags,
        summary: 'Capacity per 1,000 inhabitants by ORP (or municipality) × type × form × unit',
        description:
          'Against the region average and the targets, with the gap in units and in CZK at the ' +
          "reference values of asOf's year. `orpId` drills down to the ORP's municipalities.",
        querystring: CapacityQuerySchema,
        response: { 200: CapacityAnalysisSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const json = await capacityCache.get(
        key(principal, 'capacity-json', request.query),
        async () => String(reply.serialize((await capacityOf(principal, request.query)).analysis)),
      );
      return sendSerialized(reply, json);
    },
  );

  app.get(
    '/api/analysis/capacity/services',
    {
      schema: {
        tags,
        summary: 'The services behind a capacity cell (an ORP or municipality), with their share',
        querystring: CapacityServicesQuerySchema,
        response: { 200: CapacityServiceListSchema, ...problems },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      return networkCache.get(key(principal, 'capacity-services', request.query), () =>
        capacityServices(app.db, principal, request.query),
      );
    },
  );

  app.get(
    '/api/analysis/needs',
    {
      schema: {
        tags,
        summary: 'Needs municipalities reported against capacity, by ORP and service type',
        description:
          'Sums of the values tagged with a measure (neededCapacity by ORP × type; waiting list, ' +
          'refused applicants, clients, capacity and costs by type) in the latest campaign of ' +
          'each form in the year, over submitted, resubmitted and approved submissions.',
        querystring: NeedsQuerySchema,
        response: { 200: NeedsAnalysisSchema, ...problems },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      return needsCache.get(key(principal, 'needs', request.query), () =>
        needsAnalysis(app.db, principal, request.query),
      );
    },
  );

  // Monitoring reports notify no topic, so the plans analysis is read afresh (a few plans).
  app.get(
    '/api/analysis/plans',
    {
      schema: {
        tags,
        summary:
          'Plans in force in a year: activities by status, planned vs actual spend by source',
        querystring: PlansAnalysisQuerySchema,
        response: { 200: PlansAnalysisSchema, ...problems },
      },
    },
    (request) => plansAnalysis(app.db, requirePrincipal(request.principal), request.query),
  );

  app.get(
    '/api/analysis/collection',
    {
      schema: {
        tags,
        summary: "Completeness and timeliness of the year's campaigns by ORP",
        querystring: CollectionAnalysisQuerySchema,
        response: { 200: CollectionAnalysisSchema, ...problems },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      return collectionCache.get(key(principal, 'collection', request.query), () =>
        collectionAnalysis(app.db, principal, request.query),
      );
    },
  );

  app.get(
    '/api/analysis/dashboard',
    {
      schema: {
        tags,
        summary:
          'The at-a-glance figures by ORP (services, gap in CZK, needs, plans, completeness)',
        description:
          'Put together from the capacity (asOf), needs, plans and collection analyses of the ' +
          'year (default: the year of asOf), so each figure equals the one its analysis shows.',
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema, ...problems },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const asOf = request.query.asOf ?? today();
      const year = request.query.year ?? Number(asOf.slice(0, 4));
      const [{ network, analysis: capacity }, needs, plans, collection] = await Promise.all([
        capacityOf(principal, { asOf }),
        needsCache.get(key(principal, 'needs', { year }), () =>
          needsAnalysis(app.db, principal, { year }),
        ),
        plansAnalysis(app.db, principal, { year }),
        collectionCache.get(key(principal, 'collection', { year }), () =>
          collectionAnalysis(app.db, principal, { year }),
        ),
      ]);
      return dashboardOf({ year, network, capacity, needs, plans, collection });
    },
  );

  app.get(
    '/api/capacity-targets',
    {
      schema: {
        tags,
        summary: 'Capacity targets (units per 1,000 inhabitants) by service type, form and unit',
        querystring: CapacityTargetListQuerySchema,
        response: { 200: CapacityTargetListSchema, ...problems },
      },
    },
    (request) => listCapacityTargets(app.db, requirePrincipal(request.principal), request.query),
  );

  app.get(
    '/api/capacity-targets/:id',
    {
      schema: {
        tags,
        summary: 'One capacity target (with its ETag)',
        params: IdParamsSchema,
        response: { 200: CapacityTargetSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getCapacityTarget(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.post(
    '/api/capacity-targets',
    {
      schema: {
        tags,
        summary: 'Set a capacity target (region staff)',
        body: CreateCapacityTargetBodySchema,
        response: { 201: CapacityTargetSchema, ...problems },
      },
    },
    async (request, reply) => {
      const target = await createCapacityTarget(
        app.db,
        requirePrincipal(request.principal),
        request.body,
      );
      return created(reply, `/api/capacity-targets/${target.id}`, withEtag(reply, target));
    },
  );

  app.patch(
    '/api/capacity-targets/:id',
    {
      schema: {
        tags,
        summary: 'Change a capacity target (If-Match required)',
        params: IdParamsSchema,
        body: UpdateCapacityTargetBodySchema,
        response: { 200: CapacityTargetSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateCapacityTarget(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.delete(
    '/api/capacity-targets/:id',
    {
      schema: {
        tags,
        summary: 'Remove a capacity target (If-Match required)',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteCapacityTarget(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        () => expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );
};
export default analysisRoutes;
