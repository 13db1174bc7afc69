import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// Filled by the plans work (issue 3/5).
const routes: FastifyPluginAsyncTypebox = async () => {};
export default routes;
