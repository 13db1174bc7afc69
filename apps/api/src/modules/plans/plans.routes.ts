import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import evaluationsRoutes from './evaluations.routes.ts';
import monitoringRoutes from './monitoring.routes.ts';
import planImportRoutes from './plan-import.routes.ts';
import planRecordsRoutes from './plan-records.routes.ts';
import planTreeRoutes from './plan-tree.routes.ts';

/**
 * Plans and measures: regional, community and action plans with their trees, costing and
 * funding, versions, monitoring rounds and reports, and planning-process evaluations.
 */
const plansRoutes: FastifyPluginAsyncTypebox<{
  importBodyLimit: number;
  attachmentLimit: number;
}> = async (app, { importBodyLimit, attachmentLimit }) => {
  app.addHook('onRequest', app.authenticate);
  await app.register(planRecordsRoutes, { attachmentLimit });
  await app.register(planTreeRoutes);
  await app.register(planImportRoutes, { importBodyLimit });
  await app.register(monitoringRoutes);
  await app.register(evaluationsRoutes);
};
export default plansRoutes;
