import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  IdParamsSchema,
  ProblemSchema,
  RegistryChangeListQuerySchema,
  RegistryChangeListSchema,
  RegistryImportListQuerySchema,
  RegistryImportListSchema,
  RegistryImportSchema,
  RegistryIssueListQuerySchema,
  RegistryIssueListSchema,
} from '@socplan/contracts';
import { expectedVersion, withEtag } from '../../lib/http.ts';
import { assertMay, requirePrincipal } from '../auth/authorization.ts';
import { registerRegistryJobs } from './registry.jobs.ts';
import {
  applyRegistryImport,
  getImport,
  listChanges,
  listImports,
  listIssues,
} from './registry.service.ts';
import uploadRoutes from './registry.upload.routes.ts';

const tags = ['registry'];

/**
 * Imports of the ministry's registry (RPSS): upload → analysis job → review of the diff and
 * the report → apply. Region staff only (`registry.import`).
 */
const registryRoutes: FastifyPluginAsyncTypebox<{ bodyLimit: number }> = async (
  app,
  { bodyLimit },
) => {
  app.addHook('onRequest', app.authenticate);
  registerRegistryJobs(app.jobs);
  await app.register(uploadRoutes, { bodyLimit });

  app.get(
    '/api/registry/imports',
    {
      schema: {
        tags,
        summary: 'Registry imports, newest first',
        querystring: RegistryImportListQuerySchema,
        response: { 200: RegistryImportListSchema, '4xx': ProblemSchema },
      },
    },
    (request) => listImports(app.db, requirePrincipal(request.principal), request.query),
  );

  app.get(
    '/api/registry/imports/:id',
    {
      schema: {
        tags,
        summary: 'One import: status and summary (changes per entity and kind, issues, counts)',
        params: IdParamsSchema,
        response: { 200: RegistryImportSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getImport(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.get(
    '/api/registry/imports/:id/changes',
    {
      schema: {
        tags,
        summary:
          'The diff: new, changed (field by field) and ended providers, services, facilities',
        params: IdParamsSchema,
        querystring: RegistryChangeListQuerySchema,
        response: { 200: RegistryChangeListSchema, '4xx': ProblemSchema },
      },
    },
    (request) =>
      listChanges(app.db, requirePrincipal(request.principal), request.params.id, request.query),
  );

  app.get(
    '/api/registry/imports/:id/issues',
    {
      schema: {
        tags,
        summary: 'The report: items skipped (error) or imported with a note (warning)',
        params: IdParamsSchema,
        querystring: RegistryIssueListQuerySchema,
        response: { 200: RegistryIssueListSchema, '4xx': ProblemSchema },
      },
    },
    (request) =>
      listIssues(app.db, requirePrincipal(request.principal), request.params.id, request.query),
  );

  app.post(
    '/api/registry/imports/:id/apply',
    {
      schema: {
        tags,
        summary: 'Apply a ready import to the network in one transaction (If-Match: its ETag)',
        description:
          '409 when the import is not ready, a newer import exists, or the network changed ' +
          'since the diff was computed (analyse the file again).',
        params: IdParamsSchema,
        response: { 200: RegistryImportSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      assertMay(principal, 'registry.import');
      const version = expectedVersion(request);
      return withEtag(
        reply,
        await applyRegistryImport(app.db, principal, request.params.id, version),
      );
    },
  );
};
export default registryRoutes;
