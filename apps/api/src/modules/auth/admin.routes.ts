import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { assertMay, requirePrincipal } from './authorization.ts';
import apiClientsRoutes from './api-clients.routes.ts';
import usersRoutes from './users.routes.ts';

/**
 * Administration of accounts: users and API clients, for region administrators only. Both
 * checks run on request, before the body is validated: anonymous → 401, others → 403.
 */
const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', async (request) => {
    assertMay(requirePrincipal(request.principal), 'admin.users');
  });
  await app.register(usersRoutes);
  await app.register(apiClientsRoutes);
};
export default adminRoutes;
