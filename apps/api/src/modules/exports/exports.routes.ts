import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  EXPORT_FORMATS,
  ExportCatalogueSchema,
  ExportDatasetParamsSchema,
  ExportPageSchema,
  ExportQuerySchema,
  type ExportPage,
  ExportSchemaQuerySchema,
  ProblemSchema,
  type ExportCatalogue,
} from '@socplan/contracts';
import { CachedBody, sendCachedBody } from '../../lib/cached-body.ts';
import { invalidField } from '../../lib/errors.ts';
import { today } from '../../lib/validity.ts';
import { assertMay, requirePrincipal } from '../auth/authorization.ts';
import { readAll, readPage, type ExportRequest } from './exports.engine.ts';
import { MEDIA_TYPES, csvStream, ndjsonStream, negotiateFormat } from './exports.formats.ts';
import { DATASETS, currentVersion, findDataset, findVersion } from './exports.registry.ts';

const tags = ['exports'];
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const schemaLink = (name: string, version: string) =>
  `/api/exports/${name}/schema?version=${version}`;

/** Datasets for analysts: JSON (cursor), NDJSON and CSV, streamed; updatedSince with tombstones. */
const exportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  const catalogue: ExportCatalogue = {
    items: DATASETS.map((d) => {
      const current = currentVersion(d);
      return {
        name: d.name,
        title: d.title,
        version: current.version,
        versions: d.versions.map((v) => v.version),
        schema: schemaLink(d.name, current.version),
        formats: [...EXPORT_FORMATS],
        updatedSince: current.updatedAt !== null,
        asOf: d.asOf,
        permission: d.permission,
      };
    }),
  };

  app.get(
    '/api/exports',
    {
      schema: {
        tags,
        summary: 'The exported datasets with their versions, schema links and formats',
        response: { 200: ExportCatalogueSchema, 401: ProblemSchema },
      },
    },
    async () => catalogue,
  );

  app.get(
    '/api/exports/:dataset/schema',
    {
      schema: {
        tags,
        summary: 'The JSON Schema of a row of a dataset (current version unless ?version=)',
        params: ExportDatasetParamsSchema,
        querystring: ExportSchemaQuerySchema,
        response: problems,
      },
    },
    async (request, reply) => {
      const version = findVersion(findDataset(request.params.dataset), request.query.version);
      void reply.header('x-schema-version', version.version);
      return sendCachedBody(
        request,
        reply,
        new CachedBody(JSON.stringify(version.schema)),
        'application/schema+json',
      );
    },
  );

  app.get(
    '/api/exports/:dataset',
    {
      schema: {
        tags,
        summary: 'A dataset as JSON pages (cursor), or streamed whole as NDJSON or CSV',
        description:
          'Format by `?format=` or Accept (application/json, application/x-ndjson, text/csv). ' +
          'With `updatedSince`, rows changed after it and tombstones of rows deleted after it, ' +
          'in the order they happened. See docs/exports.md.',
        params: ExportDatasetParamsSchema,
        querystring: ExportQuerySchema,
        // The body is written by the export itself (JSON text from the database, or a stream).
        response: { 200: ExportPageSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const dataset = findDataset(request.params.dataset);
      const version = findVersion(dataset, request.query.version);
      assertMay(principal, dataset.permission);
      const { updatedSince, asOf, cursor, limit } = request.query;
      if (updatedSince !== undefined && version.updatedAt === null)
        throw invalidField(
          '/updatedSince',
          `is not supported by ${dataset.name} (an aggregate)`,
          'query',
        );
      if (asOf !== undefined && !dataset.asOf)
        throw invalidField('/asOf', `is not supported by ${dataset.name}`, 'query');
      const exportRequest: ExportRequest = {
        dataset,
        version,
        ctx: { principal, asOf: asOf ?? today() },
        updatedSince,
      };
      const format = negotiateFormat(request, request.query.format);
      void reply.header('x-schema-version', version.version).header('vary', 'accept');

      if (format === 'json') {
        const body = await readPage(app.db, exportRequest, cursor, limit ?? 1000);
        return sendCachedBody(request, reply, new CachedBody(body));
      }
      if (cursor !== undefined)
        throw invalidField(
          '/cursor',
          'pages JSON only: NDJSON and CSV stream the whole dataset',
          'query',
        );
      const rows = readAll(app.database, exportRequest);
      const stream =
        format === 'ndjson'
          ? ndjsonStream(rows)
          : csvStream(Object.keys(version.schema.properties), rows, updatedSince !== undefined);
      // A stream is sent as it is (no serialiser); the 200 schema documents the JSON page.
      return reply
        .type(`${MEDIA_TYPES[format]}; charset=utf-8`)
        .send(stream as unknown as ExportPage);
    },
  );
};
export default exportsRoutes;
