import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const pushRoutes: FastifyPluginAsyncTypebox<{ importBodyLimit: number }> = async () => {};
export default pushRoutes;
