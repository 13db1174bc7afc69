import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  HsdsApiInfoSchema,
  HsdsLocationDetailSchema,
  HsdsLocationPageSchema,
  HsdsOrganizationDetailSchema,
  HsdsOrganizationPageSchema,
  HsdsOrganizationQuerySchema,
  HsdsPageQuerySchema,
  HsdsServiceAtLocationDetailSchema,
  HsdsServiceAtLocationPageSchema,
  HsdsServiceAtLocationQuerySchema,
  HsdsServiceDetailSchema,
  HsdsServicePageSchema,
  HsdsServiceQuerySchema,
  HsdsTaxonomyDetailSchema,
  HsdsTaxonomyPageSchema,
  HsdsTaxonomyTermDetailSchema,
  HsdsTaxonomyTermPageSchema,
  HsdsTaxonomyTermQuerySchema,
  ProblemSchema,
} from '@socplan/contracts';
import { publicCors } from '../../plugins/public-cors.ts';
import * as hsds from './hsds.service.ts';

const tags = ['hsds'];
/** HSDS ids are UUIDs; a malformed one is a 400 naming /id, like everywhere else. */
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const problems = { '4xx': ProblemSchema };

/**
 * The public catalogue as Open Referral HSDS 3 (`/api/hsds/…`, no login), on the paths of the
 * HSDS API reference (plus `/locations`, which the reference leaves out but the model has).
 * Its own context under `/api/hsds` so that other sites may read it from browsers (CORS,
 * plugins/public-cors.ts) while the rest of the API stays same-origin.
 */
const hsdsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(routes, { prefix: '/api/hsds' });
};

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await publicCors(app);
  // The root with and without its slash: HSDS clients are given the base URL either way.
  for (const url of ['/', ''])
    app.get(
      url,
      {
        prefixTrailingSlash: 'slash',
        schema: {
          tags,
          hide: url === '',
          summary: 'HSDS: this API, its HSDS version and publisher',
          response: { 200: HsdsApiInfoSchema, ...problems },
        },
      },
      async (request) => hsds.apiInfo(app.db, `${request.protocol}://${request.host}`),
    );

  app.get(
    '/services',
    {
      schema: {
        tags,
        summary: 'HSDS: active services, paged (full=true nests everything)',
        querystring: HsdsServiceQuerySchema,
        response: { 200: HsdsServicePageSchema, ...problems },
      },
    },
    async (request) => hsds.listServices(app.db, request.query),
  );

  app.get(
    '/services/:id',
    {
      schema: {
        tags,
        summary: 'HSDS: one fully nested active service',
        params: Params,
        response: { 200: HsdsServiceDetailSchema, ...problems },
      },
    },
    async (request) => hsds.getService(app.db, request.params.id),
  );

  app.get(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'HSDS: providers of active services, paged',
        querystring: HsdsOrganizationQuerySchema,
        response: { 200: HsdsOrganizationPageSchema, ...problems },
      },
    },
    async (request) => hsds.listOrganizations(app.db, request.query),
  );

  app.get(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: 'HSDS: one organization with its active services',
        params: Params,
        response: { 200: HsdsOrganizationDetailSchema, ...problems },
      },
    },
    async (request) => hsds.getOrganization(app.db, request.params.id),
  );

  app.get(
    '/locations',
    {
      schema: {
        tags,
        summary: 'HSDS: published places of provision (never secret addresses), paged',
        querystring: HsdsPageQuerySchema,
        response: { 200: HsdsLocationPageSchema, ...problems },
      },
    },
    async (request) => hsds.listLocations(app.db, request.query),
  );

  app.get(
    '/locations/:id',
    {
      schema: {
        tags,
        summary: 'HSDS: one published location',
        params: Params,
        response: { 200: HsdsLocationDetailSchema, ...problems },
      },
    },
    async (request) => hsds.getLocation(app.db, request.params.id),
  );

  app.get(
    '/service_at_locations',
    {
      schema: {
        tags,
        summary: 'HSDS: services at their published locations, paged',
        querystring: HsdsServiceAtLocationQuerySchema,
        response: { 200: HsdsServiceAtLocationPageSchema, ...problems },
      },
    },
    async (request) => hsds.listServiceAtLocations(app.db, request.query),
  );

  app.get(
    '/service_at_locations/:id',
    {
      schema: {
        tags,
        summary: 'HSDS: one service at location with its location',
        params: Params,
        response: { 200: HsdsServiceAtLocationDetailSchema, ...problems },
      },
    },
    async (request) => hsds.getServiceAtLocation(app.db, request.params.id),
  );

  app.get(
    '/taxonomies',
    {
      schema: {
        tags,
        summary: 'HSDS: the taxonomies (service types, forms, target groups)',
        querystring: HsdsPageQuerySchema,
        response: { 200: HsdsTaxonomyPageSchema, ...problems },
      },
    },
    async (request) => hsds.listTaxonomies(request.query),
  );

  app.get(
    '/taxonomies/:id',
    {
      schema: {
        tags,
        summary: 'HSDS: one taxonomy',
        params: Params,
        response: { 200: HsdsTaxonomyDetailSchema, ...problems },
      },
    },
    async (request) => hsds.getTaxonomy(request.params.id),
  );

  app.get(
    '/taxonomy_terms',
    {
      schema: {
        tags,
        summary: 'HSDS: taxonomy terms (codelist items), paged; taxonomy_id narrows',
        querystring: HsdsTaxonomyTermQuerySchema,
        response: { 200: HsdsTaxonomyTermPageSchema, ...problems },
      },
    },
    async (request) => hsds.listTaxonomyTerms(app.db, request.query),
  );

  app.get(
    '/taxonomy_terms/:id',
    {
      schema: {
        tags,
        summary: 'HSDS: one taxonomy term with its taxonomy',
        params: Params,
        response: { 200: HsdsTaxonomyTermDetailSchema, ...problems },
      },
    },
    async (request) => hsds.getTaxonomyTerm(app.db, request.params.id),
  );
};
export default hsdsRoutes;
