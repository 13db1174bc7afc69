import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** The public catalogue as Open Referral HSDS 3 (`/api/hsds/…`): no login. */
const hsdsRoutes: FastifyPluginAsyncTypebox = async () => {};
export default hsdsRoutes;
