import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  IdParamsSchema,
  ProblemSchema,
  PublicFacetsSchema,
  PublicMapQuerySchema,
  PublicMapSchema,
  PublicPlaceListSchema,
  PublicPlaceQuerySchema,
  PublicServiceDetailSchema,
  PublicServiceListSchema,
  PublicServiceQuerySchema,
} from '@socplan/contracts';
import { CachedBody, sendCachedBody } from '../../lib/cached-body.ts';
import { today } from '../../lib/validity.ts';
import { publicCors } from '../../plugins/public-cors.ts';
import * as catalogue from './public-catalogue.service.ts';

const tags = ['public catalogue'];
const notModified = Type.Null({ description: 'If-None-Match named the current ETag' });

/**
 * The public service catalogue: no login; secret addresses are never published. Its own context
 * under `/api/public` so that other sites may read it from browsers (CORS, plugins/public-cors.ts)
 * while the rest of the API stays same-origin.
 */
const publicCatalogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(routes, { prefix: '/api/public' });
};

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await publicCors(app);
  // The map and the facets are the same for every visitor and change only with the network:
  // kept serialised (with an ETag, gzipped when large) until a network, territory or codelist
  // change commits (the facets carry codelist names), per day (validity dates flip at midnight).
  const cache = app.readCache('public-catalogue', {
    topics: ['network', 'territory', 'codelists'],
  });
  const cached = (what: string, load: () => Promise<unknown>) =>
    cache.get(
      JSON.stringify([what, today()]),
      async () => new CachedBody(JSON.stringify(await load())),
    );

  app.get(
    '/services',
    {
      schema: {
        tags,
        summary: 'Search active services by place, target group, type and form (no login)',
        description:
          'A municipality (ČSÚ code or unit id) finds services whose territory served covers it ' +
          'or with a place of provision in it; a point (lat, lon) or a municipality orders them ' +
          'by distance to their nearest published facility. Secret addresses are never shown.',
        querystring: PublicServiceQuerySchema,
        response: { 200: PublicServiceListSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => catalogue.searchServices(app.db, await app.territoryTree(), request.query),
  );

  app.get(
    '/services/:id',
    {
      schema: {
        tags,
        summary: 'One active service: provider, contacts, forms and capacity, territory, places',
        params: IdParamsSchema,
        response: { 200: PublicServiceDetailSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => catalogue.getService(app.db, request.params.id),
  );

  app.get(
    '/map',
    {
      schema: {
        tags,
        summary: 'Published facilities of active services as points for the map (with ETag)',
        description:
          'Takes the filters of the search (`/api/public/services`): the facilities of the ' +
          'services it finds (with radiusKm, those that close). Secret addresses are never shown.',
        querystring: PublicMapQuerySchema,
        response: { 200: PublicMapSchema, 304: notModified, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const tree = await app.territoryTree();
      // The whole map is kept; a filtered one (any of countless combinations) is computed.
      const body = catalogue.isFiltered(request.query)
        ? new CachedBody(JSON.stringify(await catalogue.mapPoints(app.db, tree, request.query)))
        : await cached('map', () => catalogue.mapPoints(app.db, tree));
      return sendCachedBody(request, reply, body);
    },
  );

  app.get(
    '/facets',
    {
      schema: {
        tags,
        summary: 'Service types, forms and target groups in use, for the search form (with ETag)',
        response: { 200: PublicFacetsSchema, 304: notModified, '4xx': ProblemSchema },
      },
    },
    async (request, reply) =>
      sendCachedBody(request, reply, await cached('facets', () => catalogue.facets(app.db))),
  );

  app.get(
    '/places',
    {
      schema: {
        tags,
        summary: 'Municipalities by the start of their name or code, for the place picker',
        querystring: PublicPlaceQuerySchema,
        response: { 200: PublicPlaceListSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => catalogue.searchPlaces(app.db, request.query),
  );
};
export default publicCatalogueRoutes;
