import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const routes: FastifyPluginAsyncTypebox<{ importBodyLimit: number }> = async () => {};
export default routes;
