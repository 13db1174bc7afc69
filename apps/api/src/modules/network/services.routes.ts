import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CreateFacilityBodySchema,
  CreateServiceBodySchema,
  FacilityFeatureCollectionSchema,
  FacilityParamsSchema,
  FacilitySchema,
  IdParamsSchema,
  ProblemSchema,
  ServiceDetailQuerySchema,
  ServiceDetailSchema,
  ServiceGeoJsonQuerySchema,
  ServiceListQuerySchema,
  ServiceListSchema,
  UpdateFacilityBodySchema,
  UpdateServiceBodySchema,
} from '@socplan/contracts';
import { created, expectedVersion, sendSerialized, withEtag } from '../../lib/http.ts';
import { today } from '../../lib/validity.ts';
import { requirePrincipal, scopeKey } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import {
  createFacility,
  deleteFacility,
  getFacility,
  updateFacility,
} from './facilities.service.ts';
import {
  getService,
  listServices,
  seesSecretAddresses,
  serviceFeatures,
} from './services.service.ts';
import { createService, deleteService, updateService } from './services.write.ts';

const tags = ['network'];

/** Services with their effective-dated states and facilities; the facilities map layer. */
const servicesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The list and the map are read far more often than the network changes: cached per scope,
  // secret-address visibility, day and query, already serialised, until a network or territory
  // change commits (decision 0008). `today` is in the key: validity dates flip at midnight.
  const cache = app.readCache('network', { topics: ['network', 'territory'] });
  const cacheKey = (principal: AuthPrincipal, what: string, query: object) =>
    JSON.stringify([
      what,
      scopeKey(principal, 'network.read'),
      seesSecretAddresses(principal),
      today(),
      query,
    ]);

  app.get(
    '/api/services',
    {
      schema: {
        tags,
        summary: 'Services in your scope, filtered, sorted and paged; asOf shows a past day',
        querystring: ServiceListQuerySchema,
        response: { 200: ServiceListSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const json = await cache.get(cacheKey(principal, 'list', request.query), async () =>
        String(
          reply.serialize(
            await listServices(app.db, principal, request.query, await app.territoryTree()),
          ),
        ),
      );
      return sendSerialized(reply, json);
    },
  );

  app.get(
    '/api/services/facilities.geojson',
    {
      schema: {
        tags,
        summary: 'Facilities of the services (same filters) as GeoJSON points for the map',
        description:
          'Facilities without coordinates are left out; so are secret addresses (shelters) for ' +
          'anyone but region staff.',
        querystring: ServiceGeoJsonQuerySchema,
        response: { 200: FacilityFeatureCollectionSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const json = await cache.get(cacheKey(principal, 'geojson', request.query), async () =>
        String(
          reply.serialize(
            await serviceFeatures(app.db, principal, request.query, await app.territoryTree()),
          ),
        ),
      );
      return sendSerialized(reply, json, 'application/geo+json');
    },
  );

  app.get(
    '/api/services/:id',
    {
      schema: {
        tags,
        summary: 'One service: its state (current or asOf), facilities and history (with ETag)',
        params: IdParamsSchema,
        querystring: ServiceDetailQuerySchema,
        response: { 200: ServiceDetailSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getService(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          request.query,
        ),
      ),
  );

  app.post(
    '/api/services',
    {
      schema: {
        tags,
        summary: 'Create a service (region staff; a provider for itself)',
        body: CreateServiceBodySchema,
        response: { 201: ServiceDetailSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const service = await createService(
        app.db,
        requirePrincipal(request.principal),
        request.body,
      );
      return created(reply, `/api/services/${service.id}`, withEtag(reply, service));
    },
  );

  app.patch(
    '/api/services/:id',
    {
      schema: {
        tags,
        summary: 'Change a service; dated changes open a new state from effectiveFrom (If-Match)',
        params: IdParamsSchema,
        body: UpdateServiceBodySchema,
        response: { 200: ServiceDetailSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateService(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.delete(
    '/api/services/:id',
    {
      schema: {
        tags,
        summary: 'Delete a service entered by mistake (region staff; If-Match required)',
        params: IdParamsSchema,
        response: { 204: Type.Null(), '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      await deleteService(app.db, requirePrincipal(request.principal), request.params.id, () =>
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );

  // --- facilities ---

  app.get(
    '/api/services/:id/facilities/:facilityId',
    {
      schema: {
        tags,
        summary: 'One facility of a service (with its ETag)',
        params: FacilityParamsSchema,
        response: { 200: FacilitySchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id, facilityId } = request.params;
      return withEtag(
        reply,
        await getFacility(app.db, requirePrincipal(request.principal), id, facilityId),
      );
    },
  );

  app.post(
    '/api/services/:id/facilities',
    {
      schema: {
        tags,
        summary: 'Add a facility (place of provision) to a service',
        params: IdParamsSchema,
        body: CreateFacilityBodySchema,
        response: { 201: FacilitySchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const facility = await createFacility(
        app.db,
        requirePrincipal(request.principal),
        id,
        request.body,
      );
      return created(
        reply,
        `/api/services/${id}/facilities/${facility.id}`,
        withEtag(reply, facility),
      );
    },
  );

  app.patch(
    '/api/services/:id/facilities/:facilityId',
    {
      schema: {
        tags,
        summary: 'Change a facility; validTo ends it (If-Match required)',
        params: FacilityParamsSchema,
        body: UpdateFacilityBodySchema,
        response: { 200: FacilitySchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id, facilityId } = request.params;
      const facility = await updateFacility(
        app.db,
        requirePrincipal(request.principal),
        id,
        facilityId,
        () => expectedVersion(request),
        request.body,
      );
      return withEtag(reply, facility);
    },
  );

  app.delete(
    '/api/services/:id/facilities/:facilityId',
    {
      schema: {
        tags,
        summary: 'Delete a facility entered by mistake (If-Match required)',
        params: FacilityParamsSchema,
        response: { 204: Type.Null(), '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id, facilityId } = request.params;
      await deleteFacility(app.db, requirePrincipal(request.principal), id, facilityId, () =>
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );
};
export default servicesRoutes;
