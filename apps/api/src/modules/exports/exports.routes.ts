import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** Datasets for analysts: JSON (cursor), NDJSON and CSV, streamed; updatedSince with tombstones. */
const exportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
};
export default exportsRoutes;
