import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** The public service catalogue: no login; secret addresses are never published. */
const publicCatalogueRoutes: FastifyPluginAsyncTypebox = async () => {};
export default publicCatalogueRoutes;
