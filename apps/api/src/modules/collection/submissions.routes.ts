import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const submissionsRoutes: FastifyPluginAsyncTypebox = async () => {};
export default submissionsRoutes;
