import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import apiClientsRoutes from './api-clients.routes.ts';
import { currentPrincipal } from './auth.service.ts';
import { assertMay, requirePrincipal } from './authorization.ts';
import usersRoutes from './users.routes.ts';

/**
 * Administration of accounts: users and API clients, for region administrators only. Checked
 * on request, before the body is validated: anonymous → 401, others → 403.
 *
 * Unlike other modules, the roles are taken from the database, not from the token: these
 * endpoints are rare and powerful, so a demoted or deactivated administrator loses them at
 * once instead of when their access token expires.
 */
const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', async (request) => {
    const current = await currentPrincipal(app.db, requirePrincipal(request.principal));
    assertMay(current, 'admin.users');
    request.principal = current;
  });
  await app.register(usersRoutes);
  await app.register(apiClientsRoutes);
};
export default adminRoutes;
