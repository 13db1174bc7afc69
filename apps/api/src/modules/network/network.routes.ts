import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import providersRoutes from './providers.routes.ts';
import servicesRoutes from './services.routes.ts';

/** The service network: providers, services (with history) and facilities. */
const networkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  await app.register(providersRoutes);
  await app.register(servicesRoutes);
};
export default networkRoutes;
