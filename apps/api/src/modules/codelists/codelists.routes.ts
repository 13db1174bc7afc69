import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CodelistItemListSchema,
  CodelistItemParamsSchema,
  CodelistItemSchema,
  CodelistParamsSchema,
  CodelistQuerySchema,
  CodelistSummaryListSchema,
  CreateCodelistItemBodySchema,
  ProblemSchema,
  UpdateCodelistItemBodySchema,
} from '@socplan/contracts';
import { created, expectedVersion, withEtag } from '../../lib/http.ts';
import { requirePrincipal } from '../auth/authorization.ts';
import { createItem, getItem, listCodelists, listItems, updateItem } from './codelists.service.ts';

const tags = ['codelists'];

/** Codelists (service types, forms, target groups, …): reads for everyone, versions by region admins. */
const codelistsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/api/codelists',
    {
      schema: {
        tags,
        summary: 'The codelists and how many items each has today',
        response: { 200: CodelistSummaryListSchema, '4xx': ProblemSchema },
      },
    },
    (request) => listCodelists(app.db, requirePrincipal(request.principal)),
  );

  app.get(
    '/api/codelists/:codelist',
    {
      schema: {
        tags,
        summary: 'Items of a codelist valid on a day (default today), or every version',
        description: 'Codelists are short: the whole list comes in one page.',
        params: CodelistParamsSchema,
        querystring: CodelistQuerySchema,
        response: { 200: CodelistItemListSchema, '4xx': ProblemSchema },
      },
    },
    (request) =>
      listItems(
        app.db,
        requirePrincipal(request.principal),
        request.params.codelist,
        request.query,
      ),
  );

  app.get(
    '/api/codelists/:codelist/items/:id',
    {
      schema: {
        tags,
        summary: 'One item version (with its ETag)',
        params: CodelistItemParamsSchema,
        response: { 200: CodelistItemSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const { codelist, id } = request.params;
      return withEtag(
        reply,
        await getItem(app.db, requirePrincipal(request.principal), codelist, id),
      );
    },
  );

  app.post(
    '/api/codelists/:codelist/items',
    {
      schema: {
        tags,
        summary: 'Add an item, or a new version of one (region administrators)',
        description:
          'A code that exists gets a new version from `validFrom` (default today); the version ' +
          'valid until then is ended that day. Omitted fields are taken from the previous version.',
        params: CodelistParamsSchema,
        body: CreateCodelistItemBodySchema,
        response: { 201: CodelistItemSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const { codelist } = request.params;
      const item = await createItem(
        app.db,
        requirePrincipal(request.principal),
        codelist,
        request.body,
      );
      return created(reply, `/api/codelists/${codelist}/items/${item.id}`, withEtag(reply, item));
    },
  );

  app.patch(
    '/api/codelists/:codelist/items/:id',
    {
      schema: {
        tags,
        summary: 'Correct an item version or end it with validTo (If-Match required)',
        params: CodelistItemParamsSchema,
        body: UpdateCodelistItemBodySchema,
        response: { 200: CodelistItemSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const { codelist, id } = request.params;
      const item = await updateItem(
        app.db,
        requirePrincipal(request.principal),
        codelist,
        id,
        () => expectedVersion(request),
        request.body,
      );
      return withEtag(reply, item);
    },
  );
};
export default codelistsRoutes;
