import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  BulkPushBodySchema,
  BulkPushQuerySchema,
  BulkPushReportSchema,
  IdParamsSchema,
  ProblemSchema,
  PushParamsSchema,
  PushResultSchema,
  PushSubmissionBodySchema,
  type BulkPushBody,
} from '@socplan/contracts';
import { UnsupportedMediaTypeError } from '../../lib/errors.ts';
import { mediaTypeOf } from '../../lib/http.ts';
import { requirePrincipal } from '../auth/authorization.ts';
import {
  IDEMPOTENCY_HEADER,
  REPLAYED_HEADER,
  idempotencyKeyOf,
  replayedError,
  requestHash,
  type Outcome,
} from './idempotency.ts';
import { PUSH_CSV, csvSubmissions } from './push-csv.ts';
import { pushBulk, pushOne, type PushItem } from './push.service.ts';

const tags = ['push'];
const IdempotencyHeaders = Type.Object({
  [IDEMPOTENCY_HEADER]: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Retry safely: the same key with the same request answers the first answer',
    }),
  ),
});
const JSON_TYPE = 'application/json';

const IDEMPOTENCY_DESCRIPTION =
  `Send an \`${IDEMPOTENCY_HEADER}\` (1–200 printable characters, e.g. a UUID) to retry safely: ` +
  'for 24 hours the same key with the same request answers the first answer again (with ' +
  '`Idempotent-Replayed: true`) and writes nothing; with a different request it answers 422 ' +
  '`idempotency-key-reused`. 2xx answers and 4xx answers of the push itself are kept; a 5xx ' +
  'is not (the retry runs again).';

/**
 * The push API for municipal and provider information systems (docs/integrators-data-collection.md):
 * one submission by respondent code, or many in one request (JSON or CSV), each written
 * all-or-nothing, retried safely with Idempotency-Key. Encapsulated so that its body parsers,
 * which keep a hash of the bytes for the key, apply to these routes only.
 */
const pushRoutes: FastifyPluginAsyncTypebox<{ importBodyLimit: number }> = async (
  app,
  { importBodyLimit },
) => {
  const hashes = new WeakMap<FastifyRequest, string>();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(JSON_TYPE);
  app.addContentTypeParser(JSON_TYPE, { parseAs: 'buffer' }, (request, body, done) => {
    hashes.set(request, requestHash(request, body as Buffer));
    parseJson(request, body as unknown as string, done);
  });
  app.addContentTypeParser(PUSH_CSV, { parseAs: 'buffer' }, (request, body, done) => {
    hashes.set(request, requestHash(request, body as Buffer));
    done(null, body);
  });

  /** The key's claim (when the request has one) for this principal and these bytes. */
  const claimOf = (request: FastifyRequest, principalId: string) => {
    const key = idempotencyKeyOf(request);
    return key === undefined
      ? undefined
      : { principalId, key, requestHash: hashes.get(request) ?? '' };
  };
  /** Answers an outcome: a replay with its header, an error of the first attempt re-thrown. */
  const answer = <T>(reply: FastifyReply, outcome: Outcome<T>): T => {
    if (outcome.replayed) {
      void reply.header(REPLAYED_HEADER, 'true');
      if (outcome.statusCode >= 400) throw replayedError(outcome.statusCode, outcome.body);
      void reply.code(outcome.statusCode);
      return outcome.body as T;
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.body;
  };

  app.put(
    '/api/campaigns/:id/submissions/:respondentCode',
    {
      schema: {
        tags,
        summary: "Push one respondent's values (and submit them)",
        description:
          'For information systems. The respondent is named by its code (ČSÚ municipality ' +
          'code, IČO or service identifier). The values are merged into the stored ones: a ' +
          'given field replaces its value, `null` clears it, fields not given stay as they ' +
          'are; a table row replaces only the cells it names. Values of the wrong type → 400 ' +
          'listing every bad value. `submit: true` writes and submits in one step or does ' +
          'nothing (400 `invalid-submission` listing every failed field and rule). A ' +
          'submitted or approved submission → 409, unless the push changes nothing (200 ' +
          '`unchanged`). Unchanged values are not rewritten and make no history. Outside your ' +
          `scope or unknown → 404; campaign not open → 409. ${IDEMPOTENCY_DESCRIPTION}`,
        params: PushParamsSchema,
        body: PushSubmissionBodySchema,
        headers: IdempotencyHeaders,
        response: { 200: PushResultSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const outcome = await pushOne(
        app.db,
        principal,
        request.params.id,
        {
          respondent: request.params.respondentCode,
          values: request.body.values,
          submit: request.body.submit ?? false,
        },
        claimOf(request, principal.id),
      );
      return answer(reply, outcome);
    },
  );

  app.post(
    '/api/campaigns/:id/submissions/bulk',
    {
      bodyLimit: importBodyLimit,
      schema: {
        tags,
        summary: 'Push many submissions in one request (JSON or CSV), with a report per submission',
        description:
          'JSON (`BulkPushBody`) or `text/csv` in long format: header `respondent,field,row,value`, ' +
          'one value per line; a table cell has field `table.column` and the row code in `row` ' +
          '(empty for a scalar); an empty value clears; UTF-8, `,` or `;`; decimal comma allowed. ' +
          '`?submit=true` submits every submission of a CSV. Each submission is written ' +
          'all-or-nothing with the same rules as the PUT; the report says per submission ' +
          '`imported`, `updated`, `unchanged` or `rejected` with the reasons. `?dryRun=true` ' +
          `answers the same report and writes nothing. ${IDEMPOTENCY_DESCRIPTION}`,
        consumes: [JSON_TYPE, PUSH_CSV],
        params: IdParamsSchema,
        querystring: BulkPushQuerySchema,
        headers: IdempotencyHeaders,
        body: {
          content: {
            [JSON_TYPE]: { schema: BulkPushBodySchema },
            [PUSH_CSV]: {
              schema: Type.Unknown({ description: 'Long-format CSV: respondent,field,row,value' }),
            },
          },
        },
        response: { 200: BulkPushReportSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const mediaType = mediaTypeOf(request);
      const { dryRun = false, submit = false } = request.query;
      let items: PushItem[];
      if (mediaType === PUSH_CSV && Buffer.isBuffer(request.body)) {
        items = csvSubmissions(request.body, submit);
      } else if (mediaType === JSON_TYPE) {
        items = (request.body as BulkPushBody).submissions.map((s) => ({
          respondent: s.respondent,
          values: s.values,
          submit: s.submit ?? false,
        }));
      } else {
        throw new UnsupportedMediaTypeError([JSON_TYPE, PUSH_CSV]);
      }
      const outcome = await pushBulk(
        app.db,
        principal,
        request.params.id,
        items,
        { source: mediaType === PUSH_CSV ? 'csv' : 'json', dryRun },
        dryRun ? undefined : claimOf(request, principal.id),
      );
      return answer(reply, outcome);
    },
  );
};
export default pushRoutes;
