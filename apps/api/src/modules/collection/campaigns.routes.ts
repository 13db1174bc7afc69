import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const campaignsRoutes: FastifyPluginAsyncTypebox = async () => {};
export default campaignsRoutes;
