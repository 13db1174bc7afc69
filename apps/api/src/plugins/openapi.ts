import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** The OpenAPI 3 document is generated from the route schemas (contracts), never by hand. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'socplan API',
          version: '0.1.0',
          description:
            'Planning, networking and financing of social services. Errors are application/problem+json (RFC 9457). ' +
            'Single resources carry an ETag; PATCH/PUT/DELETE need If-Match (412 when stale, 428 when missing).',
        },
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        security: [{ bearer: [] }],
      },
      refResolver: {
        buildLocalReference: (json, _base, _frag, i) => String(json.$id ?? `def-${i}`),
      },
    });
    app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  },
  { name: 'openapi' },
);
