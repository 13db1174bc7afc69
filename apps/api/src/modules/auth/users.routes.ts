import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateUserBodySchema,
  IdParamsSchema,
  ProblemSchema,
  UpdateUserBodySchema,
  UserListQuerySchema,
  UserListSchema,
  UserSchema,
} from '@socplan/contracts';
import { created, expectedVersion, withEtag } from '../../lib/http.ts';
import { IfMatchHeadersSchema, NoContentSchema } from './http-schemas.ts';
import { requirePrincipal } from './authorization.ts';
import { createUser, deactivateUser, getUser, listUsers, updateUser } from './users.service.ts';

/** /api/users — registered by admin.routes.ts, which restricts it to region administrators. */
const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['users'];

  app.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'List user accounts',
        querystring: UserListQuerySchema,
        response: { 200: UserListSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => listUsers(app.db, request.query),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Create a user account',
        description:
          '409 naming /email when the address is taken; roles are checked against the scope model.',
        body: CreateUserBodySchema,
        response: { 201: UserSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const user = await createUser(app.db, requirePrincipal(request.principal), request.body);
      return created(reply, `/api/users/${user.id}`, withEtag(reply, user));
    },
  );

  app.get(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'A user account (with its ETag)',
        params: IdParamsSchema,
        response: { 200: UserSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => withEtag(reply, await getUser(app.db, request.params.id)),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user account',
        description:
          'A new password or `active: false` ends the user’s sessions. `roles` replaces all roles. ' +
          '409 when the change would leave no active region administrator.',
        params: IdParamsSchema,
        headers: IfMatchHeadersSchema,
        body: UpdateUserBodySchema,
        response: { 200: UserSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      const user = await updateUser(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      return withEtag(reply, user);
    },
  );

  app.delete(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Deactivate a user account',
        description:
          'Accounts are deactivated, not erased: they stay in the audit trail and can be ' +
          'reactivated with PATCH `active: true`. The user’s sessions end.',
        params: IdParamsSchema,
        headers: IfMatchHeadersSchema,
        response: { 204: NoContentSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      await deactivateUser(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );
};
export default usersRoutes;
