import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CreateTerritorialUnitBodySchema,
  IdParamsSchema,
  PopulationByAgeSchema,
  ProblemSchema,
  TerritorialUnitGeoJsonQuerySchema,
  TerritorialUnitListQuerySchema,
  TerritorialUnitListSchema,
  TerritorialUnitSchema,
  UnitFeatureCollectionSchema,
  UpdateTerritorialUnitBodySchema,
} from '@socplan/contracts';
import { created, expectedVersion, sendSerialized, withEtag } from '../../lib/http.ts';
import { requirePrincipal, scopeKey } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { populationByAgeOf } from './population-by-age.ts';
import importRoutes from './territory.import.routes.ts';
import { registerTerritoryJobs } from './territory.jobs.ts';
import {
  createUnit,
  deleteUnit,
  getUnit,
  listUnits,
  unitFeatures,
  updateUnit,
} from './territory.service.ts';

const tags = ['territory'];

/** Territorial units (region, ORPs, municipalities, planning areas): reads, admin writes, imports. */
const territoryRoutes: FastifyPluginAsyncTypebox<{ importBodyLimit: number }> = async (
  app,
  { importBodyLimit },
) => {
  app.addHook('onRequest', app.authenticate);
  registerTerritoryJobs(app.jobs);
  // Territory is read on every screen and changes rarely: lists and the map are cached per scope,
  // already serialised, until a change commits (a trigger notifies every API process). The DTOs
  // carry exactly the schema's fields, so the cached JSON equals what the serialiser would write.
  const cache = app.readCache('territory');
  const cacheKey = (principal: AuthPrincipal, what: string, query: object) =>
    JSON.stringify([what, scopeKey(principal, 'territory.read'), query]);

  app.get(
    '/api/territorial-units',
    {
      schema: {
        tags,
        summary: 'Territorial units in your scope, filtered, searched and paginated',
        querystring: TerritorialUnitListQuerySchema,
        response: { 200: TerritorialUnitListSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const json = await cache.get(cacheKey(principal, 'list', request.query), async () =>
        JSON.stringify(await listUnits(app.db, principal, request.query)),
      );
      return sendSerialized(reply, json);
    },
  );

  app.get(
    '/api/territorial-units/geojson',
    {
      schema: {
        tags,
        summary: 'Units of one kind as a GeoJSON FeatureCollection for the map',
        description:
          'Each feature has the unit’s boundary when imported, else a Point at its representative ' +
          'point; units with neither are left out. Boundaries: ČÚZK RÚIAN (CC BY 4.0).',
        querystring: TerritorialUnitGeoJsonQuerySchema,
        response: { 200: UnitFeatureCollectionSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const json = await cache.get(cacheKey(principal, 'geojson', request.query), async () =>
        JSON.stringify(await unitFeatures(app.db, principal, request.query)),
      );
      return sendSerialized(reply, json, 'application/geo+json');
    },
  );

  app.get(
    '/api/territorial-units/:id',
    {
      schema: {
        tags,
        summary: 'One territorial unit (with its ETag)',
        params: IdParamsSchema,
        response: { 200: TerritorialUnitSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getUnit(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.get(
    '/api/territorial-units/:id/population-by-age',
    {
      schema: {
        tags,
        summary: 'A unit’s population by age group (an ORP’s or region’s: its municipalities’ sum)',
        params: IdParamsSchema,
        response: { 200: PopulationByAgeSchema, '4xx': ProblemSchema },
      },
    },
    async (request) =>
      populationByAgeOf(app.db, requirePrincipal(request.principal), request.params.id),
  );

  app.post(
    '/api/territorial-units',
    {
      schema: {
        tags,
        summary: 'Create a territorial unit (region administrators)',
        body: CreateTerritorialUnitBodySchema,
        response: { 201: TerritorialUnitSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const unit = await createUnit(app.db, requirePrincipal(request.principal), request.body);
      return created(reply, `/api/territorial-units/${unit.id}`, withEtag(reply, unit));
    },
  );

  app.patch(
    '/api/territorial-units/:id',
    {
      schema: {
        tags,
        summary: 'Change a territorial unit (If-Match required)',
        params: IdParamsSchema,
        body: UpdateTerritorialUnitBodySchema,
        response: { 200: TerritorialUnitSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const unit = await updateUnit(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        () => expectedVersion(request),
        request.body,
      );
      return withEtag(reply, unit);
    },
  );

  app.delete(
    '/api/territorial-units/:id',
    {
      schema: {
        tags,
        summary: 'Delete a territorial unit without children or references (If-Match required)',
        params: IdParamsSchema,
        response: { 204: Type.Null(), '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      await deleteUnit(app.db, requirePrincipal(request.principal), request.params.id, () =>
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );

  await app.register(importRoutes, { importBodyLimit });
};
export default territoryRoutes;
