import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CreateProviderBodySchema,
  IdParamsSchema,
  ProblemSchema,
  ProviderListQuerySchema,
  ProviderListSchema,
  ProviderSchema,
  UpdateProviderBodySchema,
} from '@socplan/contracts';
import { created, expectedVersion, withEtag } from '../../lib/http.ts';
import { requirePrincipal } from '../auth/authorization.ts';
import {
  createProvider,
  deleteProvider,
  getProvider,
  listProviders,
  updateProvider,
} from './providers.service.ts';

const tags = ['network'];

/** Providers (poskytovatelé): a provider user sees its own, a coordinator those in its territory. */
const providersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/providers',
    {
      schema: {
        tags,
        summary: 'Providers in your scope, searched by name or IČO, sorted and paged',
        querystring: ProviderListQuerySchema,
        response: { 200: ProviderListSchema, '4xx': ProblemSchema },
      },
    },
    (request) => listProviders(app.db, requirePrincipal(request.principal), request.query),
  );

  app.get(
    '/api/providers/:id',
    {
      schema: {
        tags,
        summary: 'One provider (with its ETag)',
        params: IdParamsSchema,
        response: { 200: ProviderSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getProvider(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.post(
    '/api/providers',
    {
      schema: {
        tags,
        summary: 'Create a provider (region staff); the IČO check digit is verified',
        body: CreateProviderBodySchema,
        response: { 201: ProviderSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const provider = await createProvider(
        app.db,
        requirePrincipal(request.principal),
        request.body,
      );
      return created(reply, `/api/providers/${provider.id}`, withEtag(reply, provider));
    },
  );

  app.patch(
    '/api/providers/:id',
    {
      schema: {
        tags,
        summary: 'Change a provider (region staff, or the provider itself; If-Match required)',
        params: IdParamsSchema,
        body: UpdateProviderBodySchema,
        response: { 200: ProviderSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateProvider(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.delete(
    '/api/providers/:id',
    {
      schema: {
        tags,
        summary: 'Delete a provider without services or accounts (region staff; If-Match required)',
        params: IdParamsSchema,
        response: { 204: Type.Null(), '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      await deleteProvider(app.db, requirePrincipal(request.principal), request.params.id, () =>
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );
};
export default providersRoutes;
