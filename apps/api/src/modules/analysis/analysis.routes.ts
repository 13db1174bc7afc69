import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** Analyses and dashboards of the network, needs, plans and data collection. */
const analysisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
};
export default analysisRoutes;
