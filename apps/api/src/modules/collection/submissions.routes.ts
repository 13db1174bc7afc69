import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  IdParamsSchema,
  PageQuery,
  PatchSubmissionBodySchema,
  ProblemSchema,
  ReopenSubmissionBodySchema,
  ReturnSubmissionBodySchema,
  SubmissionComparisonSchema,
  SubmissionListQuerySchema,
  SubmissionListSchema,
  SubmissionSchema,
  ValueChangeListSchema,
  type SubmissionAction,
} from '@socplan/contracts';
import { expectedVersion, withEtag } from '../../lib/http.ts';
import { requirePrincipal } from '../auth/authorization.ts';
import { compareSubmission } from './submission-comparison.ts';
import {
  actOnSubmission,
  getSubmission,
  listSubmissions,
  listValueChanges,
  patchSubmission,
} from './submissions.service.ts';

const tags = ['collection'];
const problems = { '4xx': ProblemSchema };

const STEPS: { action: SubmissionAction; summary: string; description: string; body?: object }[] = [
  {
    action: 'submit',
    summary: 'Submit the submission for review (If-Match required)',
    description:
      'A draft becomes submitted, a returned one resubmitted. The values must pass every check: a 400 with code invalid-submission lists each failed field and rule. Needs collection.respond; the campaign must be open.',
  },
  {
    action: 'return',
    summary: 'Return a submission for correction, with comments (If-Match required)',
    description:
      'A comment on the whole submission and/or comments on fields (a table cell by field `table.column` and row). Needs collection.review.',
    body: ReturnSubmissionBodySchema,
  },
  {
    action: 'approve',
    summary: 'Approve a submitted submission; it is then locked (If-Match required)',
    description: 'Needs collection.review. Allowed after the campaign closed too.',
  },
  {
    action: 'reopen',
    summary: 'Reopen an approved submission with a reason; it becomes returned (If-Match required)',
    description: 'Needs collection.review; the campaign must be open.',
    body: ReopenSubmissionBodySchema,
  },
];

/** Submissions from the web: list, detail, autosave, workflow, history and comparison. */
const submissionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/submissions',
    {
      schema: {
        tags,
        summary: 'Submissions within your scope (a respondent’s own, a reviewer’s all)',
        querystring: SubmissionListQuerySchema,
        response: { 200: SubmissionListSchema, ...problems },
      },
    },
    (request) => listSubmissions(app.db, requirePrincipal(request.principal), request.query),
  );

  app.get(
    '/api/submissions/:id',
    {
      schema: {
        tags,
        summary:
          'A submission: form definition, choices, values, prefilled, issues, comments, steps',
        params: IdParamsSchema,
        response: { 200: SubmissionSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getSubmission(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.patch(
    '/api/submissions/:id',
    {
      schema: {
        tags,
        summary: 'Save values of a draft or returned submission (autosave; If-Match required)',
        description:
          'The given fields replace the stored ones; null clears. Values of the wrong type are refused (400 naming each); a draft may break required fields, ranges and rules. Unchanged values make no history.',
        params: IdParamsSchema,
        body: PatchSubmissionBodySchema,
        response: { 200: SubmissionSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await patchSubmission(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  for (const step of STEPS)
    app.post(
      `/api/submissions/:id/${step.action}`,
      {
        schema: {
          tags,
          summary: step.summary,
          description: step.description,
          params: IdParamsSchema,
          ...(step.body ? { body: step.body } : {}),
          response: { 200: SubmissionSchema, ...problems },
        },
      },
      async (request, reply) =>
        withEtag(
          reply,
          await actOnSubmission(
            app.db,
            requirePrincipal(request.principal),
            (request.params as { id: string }).id,
            step.action,
            () => expectedVersion(request),
            (request.body ?? {}) as Parameters<typeof actOnSubmission>[5],
          ),
        ),
    );

  app.get(
    '/api/submissions/:id/history',
    {
      schema: {
        tags,
        summary: 'Every change of the submission’s values, newest first',
        params: IdParamsSchema,
        querystring: Type.Object({ limit: PageQuery.limit, offset: PageQuery.offset }),
        response: { 200: ValueChangeListSchema, ...problems },
      },
    },
    (request) =>
      listValueChanges(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        request.query,
      ),
  );

  app.get(
    '/api/submissions/:id/comparison',
    {
      schema: {
        tags,
        summary: 'Each value beside the previous period’s and the peers’ median, outliers flagged',
        params: IdParamsSchema,
        response: { 200: SubmissionComparisonSchema, ...problems },
      },
    },
    (request) => compareSubmission(app.db, requirePrincipal(request.principal), request.params.id),
  );
};
export default submissionsRoutes;
