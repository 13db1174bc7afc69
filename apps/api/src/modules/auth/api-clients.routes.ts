import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiClientListQuerySchema,
  ApiClientListSchema,
  ApiClientSchema,
  ApiClientWithSecretSchema,
  CreateApiClientBodySchema,
  IdParamsSchema,
  ProblemSchema,
  UpdateApiClientBodySchema,
} from '@socplan/contracts';
import { created, expectedVersion, withEtag } from '../../lib/http.ts';
import { IfMatchHeadersSchema, NoContentSchema } from './http-schemas.ts';
import {
  createApiClient,
  deactivateApiClient,
  getApiClient,
  listApiClients,
  rotateApiClientSecret,
  updateApiClient,
} from './api-clients.service.ts';
import { requirePrincipal } from './authorization.ts';

/** /api/api-clients — registered by admin.routes.ts, which restricts it to region administrators. */
const apiClientsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['api-clients'];

  app.get(
    '/api/api-clients',
    {
      schema: {
        tags,
        summary: 'List API clients (information systems)',
        querystring: ApiClientListQuerySchema,
        response: { 200: ApiClientListSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => listApiClients(app.db, request.query),
  );

  app.post(
    '/api/api-clients',
    {
      schema: {
        tags,
        summary: 'Register an API client',
        description:
          'Generates the clientId and a secret; the secret is in this answer only. ' +
          'An API client cannot be a region_admin.',
        body: CreateApiClientBodySchema,
        response: { 201: ApiClientWithSecretSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const result = await createApiClient(
        app.db,
        requirePrincipal(request.principal),
        request.body,
      );
      withEtag(reply, result.client);
      return created(reply, `/api/api-clients/${result.client.id}`, result);
    },
  );

  app.get(
    '/api/api-clients/:id',
    {
      schema: {
        tags,
        summary: 'An API client (with its ETag)',
        params: IdParamsSchema,
        response: { 200: ApiClientSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => withEtag(reply, await getApiClient(app.db, request.params.id)),
  );

  app.patch(
    '/api/api-clients/:id',
    {
      schema: {
        tags,
        summary: 'Change an API client',
        params: IdParamsSchema,
        headers: IfMatchHeadersSchema,
        body: UpdateApiClientBodySchema,
        response: { 200: ApiClientSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const client = await updateApiClient(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      return withEtag(reply, client);
    },
  );

  app.delete(
    '/api/api-clients/:id',
    {
      schema: {
        tags,
        summary: 'Deactivate an API client',
        description: 'It gets no new tokens; PATCH `active: true` restores it.',
        params: IdParamsSchema,
        headers: IfMatchHeadersSchema,
        response: { 204: NoContentSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      await deactivateApiClient(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/api-clients/:id/secret',
    {
      schema: {
        tags,
        summary: 'Issue a new secret (the old one stops working)',
        description: 'The new secret is in this answer only. If-Match is optional here.',
        params: IdParamsSchema,
        headers: IfMatchHeadersSchema,
        response: { 200: ApiClientWithSecretSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const result = await rotateApiClientSecret(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.headers['if-match'] ? expectedVersion(request) : null,
      );
      withEtag(reply, result.client);
      return result;
    },
  );
};
export default apiClientsRoutes;
