import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  BoundaryImportQuerySchema,
  JobSchema,
  MunicipalityImportQuerySchema,
  PopulationByAgeImportQuerySchema,
  PopulationByAgeImportReportSchema,
  ProblemSchema,
} from '@socplan/contracts';
import { UnsupportedMediaTypeError } from '../../lib/errors.ts';
import { mediaTypeOf } from '../../lib/http.ts';
import { enqueueJob, toJobDto, type NewJob } from '../jobs/jobs.service.ts';
import { assertMay, requirePrincipal } from '../auth/authorization.ts';
import { parseFeatureCollection } from './import-boundaries.ts';
import { parseMunicipalityCsv } from './import-municipalities.ts';
import { importPopulationByAge } from './population-by-age.ts';
import {
  actorOf,
  BOUNDARY_IMPORT_JOB,
  MUNICIPALITY_IMPORT_JOB,
  type BoundaryImportPayload,
  type MunicipalityImportPayload,
} from './territory.jobs.ts';

const GEOJSON_TYPES = ['application/geo+json', 'application/json'];
const CSV_TYPES = ['text/csv'];

/** The body as uploaded, when its content type is one of `types`. */
function uploaded(request: FastifyRequest, types: string[]): Buffer {
  if (!types.includes(mediaTypeOf(request)) || !Buffer.isBuffer(request.body))
    throw new UnsupportedMediaTypeError(types);
  return request.body;
}

/**
 * Imports run as jobs: the upload is checked, stored with the job and answered with 202 and
 * the job (poll `Location`). Encapsulated so that its raw-body parsers and body limit apply
 * to these routes only.
 */
const importRoutes: FastifyPluginAsyncTypebox<{ importBodyLimit: number }> = async (
  app,
  { importBodyLimit },
) => {
  // Keep uploads as bytes: they are stored as the job's input exactly as sent.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    [...GEOJSON_TYPES, ...CSV_TYPES],
    { parseAs: 'buffer', bodyLimit: importBodyLimit },
    (_request, body, done) => done(null, body),
  );

  async function accept(request: FastifyRequest, reply: FastifyReply, job: NewJob) {
    const row = await enqueueJob(app.db, job);
    app.jobs.kick();
    void reply.code(202).header('location', `/api/jobs/${row.id}`);
    return toJobDto(row);
  }

  app.post(
    '/api/territorial-units/imports/boundaries',
    {
      bodyLimit: importBodyLimit,
      schema: {
        tags: ['territory'],
        summary: 'Import boundaries from a GeoJSON FeatureCollection (region administrators)',
        description:
          'Body: application/geo+json. Features match units by properties.csu_code/code (ČSÚ) ' +
          'or properties.KOD (RÚIAN). Answers 202 with a job; its result is an ImportReport.',
        consumes: GEOJSON_TYPES,
        // Documentation only: the bytes are kept as uploaded and checked by the handler.
        body: Type.Unknown({ description: 'A GeoJSON FeatureCollection' }),
        querystring: BoundaryImportQuerySchema,
        response: { 202: JobSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      assertMay(principal, 'territory.write');
      const content = uploaded(request, GEOJSON_TYPES);
      parseFeatureCollection(content); // 400 now rather than a failed job later
      const payload: BoundaryImportPayload = {
        by: actorOf(principal),
        ...(request.query.kind ? { kind: request.query.kind } : {}),
      };
      return accept(request, reply, {
        kind: BOUNDARY_IMPORT_JOB,
        payload: { ...payload },
        input: { contentType: 'application/geo+json', content },
        createdBy: principal.id,
      });
    },
  );

  app.post(
    '/api/territorial-units/imports/municipalities',
    {
      bodyLimit: importBodyLimit,
      schema: {
        tags: ['territory'],
        summary: 'Import municipalities from a CSV code,name,orp_csu_code,population',
        description:
          'Body: text/csv (UTF-8, header line). Creates or updates municipalities under the ORP ' +
          'with that ČSÚ code. Answers 202 with a job; its result is an ImportReport whose ' +
          'rejected rows name their line.',
        consumes: CSV_TYPES,
        body: Type.Unknown({
          description: 'CSV with the header code,name,orp_csu_code,population',
          examples: ['code,name,orp_csu_code,population\n563889,Liberec,5105,108090\n'],
        }),
        querystring: MunicipalityImportQuerySchema,
        response: { 202: JobSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      assertMay(principal, 'territory.write');
      const content = uploaded(request, CSV_TYPES);
      parseMunicipalityCsv(content.toString('utf8')); // unreadable file or header: 400 now
      const payload: MunicipalityImportPayload = {
        by: actorOf(principal),
        ...(request.query.populationDate ? { populationDate: request.query.populationDate } : {}),
      };
      return accept(request, reply, {
        kind: MUNICIPALITY_IMPORT_JOB,
        payload: { ...payload },
        input: { contentType: 'text/csv', content },
        createdBy: principal.id,
      });
    },
  );

  app.post(
    '/api/territorial-units/population-by-age',
    {
      bodyLimit: importBodyLimit,
      schema: {
        tags: ['territory'],
        summary: 'Load municipalities’ population by age group from a CSV (region administrators)',
        description:
          'Body: text/csv with a header line code;ageGroup;population (or comma-separated; ' +
          'UTF-8 or Windows-1250 as Czech Excel writes it). Sets each municipality × age group ' +
          '(codelist age_group) of the file to its population on populationDate; figures the ' +
          'file does not mention stay. All or nothing: a bad value, an unknown municipality ' +
          'code or age group answers 400 naming each line and field (/lines/<line>/<column>). ' +
          'Answers 200 with the report of every row.',
        consumes: CSV_TYPES,
        body: Type.Unknown({
          description: 'CSV with the header code;ageGroup;population',
          examples: ['code;ageGroup;population\n563889;8;15320\n563889;9;5120\n'],
        }),
        querystring: PopulationByAgeImportQuerySchema,
        response: { 200: PopulationByAgeImportReportSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      assertMay(principal, 'territory.write');
      const content = uploaded(request, CSV_TYPES);
      return importPopulationByAge(app.db, principal, content, request.query.populationDate);
    },
  );
};
export default importRoutes;
