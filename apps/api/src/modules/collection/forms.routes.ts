import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const formsRoutes: FastifyPluginAsyncTypebox = async () => {};
export default formsRoutes;
