import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  AddressPointImportReportSchema,
  CreateRegistryImportQuerySchema,
  ProblemSchema,
  RegistryImportSchema,
} from '@socplan/contracts';
import { InvalidError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../../lib/errors.ts';
import { mediaTypeOf } from '../../lib/http.ts';
import { assertMay, requirePrincipal } from '../auth/authorization.ts';
import { importAddressPoints } from './address-points.ts';
import { toImportDto } from './registry.dto.ts';
import { receiveImport } from './registry.service.ts';

const JSON_TYPES = ['application/json'];
const CSV_TYPES = ['text/csv'];
const tags = ['registry'];

/**
 * A request stream read chunk by chunk. Stopping early (413, a bad first chunk) must not
 * destroy it: the client would lose its connection instead of reading the answer, and Node
 * discards the unread rest of a request once the response is sent.
 */
const chunksOf = (stream: Readable): AsyncIterable<Buffer> => ({
  [Symbol.asyncIterator]: () => stream.iterator({ destroyOnReturn: false }),
});

/** The request body as a stream when its content type is one of `types` (never buffered). */
function bodyStream(request: FastifyRequest, types: string[]): AsyncIterable<Buffer> {
  const body = request.body;
  if (!types.includes(mediaTypeOf(request)) || !(body instanceof Readable))
    throw new UnsupportedMediaTypeError(types);
  return chunksOf(body);
}

/**
 * Uploads of large files: the body is never parsed nor buffered by Fastify. Its stream goes
 * to the service, which writes it into chunked storage (the registry file) or parses it as it
 * comes (address points), counting bytes against `bodyLimit` (413 beyond it). Encapsulated so
 * that these parsers and the limit apply to these routes only.
 */
const uploadRoutes: FastifyPluginAsyncTypebox<{ bodyLimit: number }> = async (
  app,
  { bodyLimit },
) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...JSON_TYPES, ...CSV_TYPES], (_request, payload, done) =>
    done(null, payload),
  );
  // One file per request; one byte over the limit lets the service see it and answer 413.
  await app.register(multipart, { limits: { fileSize: bodyLimit + 1, files: 1, fields: 5 } });

  const assertWithinLimit = (request: FastifyRequest) => {
    if (Number(request.headers['content-length'] ?? 0) > bodyLimit)
      throw new PayloadTooLargeError(bodyLimit);
  };

  app.post(
    '/api/registry/imports',
    {
      bodyLimit,
      schema: {
        tags,
        summary: 'Upload the registry file (rpss.json) to analyse it against the network',
        description:
          'Body: the file as application/json, or multipart/form-data with one file. It is ' +
          'streamed into storage and analysed by a job (progress: GET /api/jobs/:jobId). ' +
          'Answers 202 with the import (Location: /api/registry/imports/:id); once it is ready, ' +
          'its diff and report are there, and POST …/apply applies it.',
        consumes: [...JSON_TYPES, 'multipart/form-data'],
        body: Type.Unknown({ description: 'The registry file rpss.json (root key polozky)' }),
        querystring: CreateRegistryImportQuerySchema,
        response: { 202: RegistryImportSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      assertMay(principal, 'registry.import');
      assertWithinLimit(request);
      let body: AsyncIterable<Buffer>;
      let fileName: string | null = null;
      if (request.isMultipart()) {
        const part = await request.file();
        if (!part) throw new InvalidError('The multipart body has no file.');
        body = chunksOf(part.file);
        fileName = part.filename || null;
      } else body = bodyStream(request, JSON_TYPES);
      const { row } = await receiveImport(app.db, principal, request.query, {
        body,
        fileName,
        maxBytes: bodyLimit,
      });
      app.jobs.kick();
      void reply.code(202).header('location', `/api/registry/imports/${row.id}`);
      return toImportDto(row);
    },
  );

  app.post(
    '/api/registry/address-points',
    {
      bodyLimit,
      schema: {
        tags,
        summary: 'Load coordinates of RÚIAN address points (CSV kodAdresnihoMista,obecKod,lat,lon)',
        description:
          'Body: text/csv (UTF-8, header line, WGS84). Creates or updates points; the registry ' +
          'import takes facility coordinates from them (the registry has none).',
        consumes: CSV_TYPES,
        body: Type.Unknown({
          description: 'CSV with the header kodAdresnihoMista,obecKod,lat,lon',
          examples: ['kodAdresnihoMista,obecKod,lat,lon\n64119126,563889,50.766792,15.075105\n'],
        }),
        response: { 200: AddressPointImportReportSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      assertMay(principal, 'registry.import');
      assertWithinLimit(request);
      const body = bodyStream(request, CSV_TYPES);
      let bytes = 0;
      async function* limited() {
        for await (const chunk of body) {
          bytes += chunk.length;
          if (bytes > bodyLimit) throw new PayloadTooLargeError(bodyLimit);
          yield chunk;
        }
      }
      return importAddressPoints(app.db, principal, limited());
    },
  );
};
export default uploadRoutes;
