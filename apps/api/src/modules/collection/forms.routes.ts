import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CreateFormBodySchema,
  FormListQuerySchema,
  FormListSchema,
  FormSchema,
  FormVersionListSchema,
  FormVersionSchema,
  IdParamsSchema,
  ProblemSchema,
  PutFormVersionBodySchema,
  UpdateFormBodySchema,
} from '@socplan/contracts';
import { created, expectedVersion, withEtag } from '../../lib/http.ts';
import { requirePrincipal } from '../auth/authorization.ts';
import {
  createVersion,
  deleteVersion,
  getVersion,
  listVersions,
  publishVersion,
  putVersion,
} from './form-versions.service.ts';
import { createForm, deleteForm, getForm, listForms, updateForm } from './forms.service.ts';

const tags = ['collection'];
const problems = { '4xx': ProblemSchema };
const noContent = { 204: Type.Null({ description: 'Deleted' }) };

/** Form templates and their versions (collection.manage; published versions also collection.read). */
const formsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forms',
    {
      schema: {
        tags,
        summary: 'Form templates, filtered by respondent kind or text (collection.manage)',
        querystring: FormListQuerySchema,
        response: { 200: FormListSchema, ...problems },
      },
    },
    (request) => listForms(app.db, requirePrincipal(request.principal), request.query),
  );

  app.post(
    '/api/forms',
    {
      schema: {
        tags,
        summary: 'Create a form template with its first draft version',
        body: CreateFormBodySchema,
        response: { 201: FormSchema, ...problems },
      },
    },
    async (request, reply) => {
      const form = await createForm(app.db, requirePrincipal(request.principal), request.body);
      return created(reply, `/api/forms/${form.id}`, withEtag(reply, form));
    },
  );

  app.get(
    '/api/forms/:id',
    {
      schema: {
        tags,
        summary: 'A form template with its newest and newest published version',
        params: IdParamsSchema,
        response: { 200: FormSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getForm(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.patch(
    '/api/forms/:id',
    {
      schema: {
        tags,
        summary: 'Rename or describe a form template (If-Match required)',
        params: IdParamsSchema,
        body: UpdateFormBodySchema,
        response: { 200: FormSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateForm(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.delete(
    '/api/forms/:id',
    {
      schema: {
        tags,
        summary: 'Delete a form template and its versions (If-Match; 409 while a campaign uses it)',
        params: IdParamsSchema,
        response: { ...noContent, ...problems },
      },
    },
    async (request, reply) => {
      await deleteForm(app.db, requirePrincipal(request.principal), request.params.id, () =>
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/forms/:id/versions',
    {
      schema: {
        tags,
        summary: 'The versions of a form, oldest first',
        params: IdParamsSchema,
        response: { 200: FormVersionListSchema, ...problems },
      },
    },
    (request) => listVersions(app.db, requirePrincipal(request.principal), request.params.id),
  );

  app.post(
    '/api/forms/:id/versions',
    {
      schema: {
        tags,
        summary: 'Start a new draft version copying the newest version (409 while a draft exists)',
        params: IdParamsSchema,
        response: { 201: FormVersionSchema, ...problems },
      },
    },
    async (request, reply) => {
      const version = await createVersion(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
      );
      return created(reply, `/api/form-versions/${version.id}`, withEtag(reply, version));
    },
  );

  app.get(
    '/api/form-versions/:id',
    {
      schema: {
        tags,
        summary: 'A form version with its definition (drafts: collection.manage only)',
        params: IdParamsSchema,
        response: { 200: FormVersionSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getVersion(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.put(
    '/api/form-versions/:id',
    {
      schema: {
        tags,
        summary: 'Replace a draft version’s definition (If-Match; 409 once published)',
        description: 'Published versions never change; create a new version instead.',
        params: IdParamsSchema,
        body: PutFormVersionBodySchema,
        response: { 200: FormVersionSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await putVersion(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body.definition,
        ),
      ),
  );

  app.post(
    '/api/form-versions/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish a draft version (If-Match); it never changes afterwards',
        description:
          'The definition is checked by the rule engine first: every problem is listed in `errors` with a pointer into `/definition`.',
        params: IdParamsSchema,
        response: { 200: FormVersionSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await publishVersion(app.db, requirePrincipal(request.principal), request.params.id, () =>
          expectedVersion(request),
        ),
      ),
  );

  app.delete(
    '/api/form-versions/:id',
    {
      schema: {
        tags,
        summary: 'Delete a draft version (If-Match; published versions are kept)',
        params: IdParamsSchema,
        response: { ...noContent, ...problems },
      },
    },
    async (request, reply) => {
      await deleteVersion(app.db, requirePrincipal(request.principal), request.params.id, () =>
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );
};
export default formsRoutes;
