// The baseline of the throughput benchmark: a bare Fastify 5 route returning a small JSON, with
// the same framework version as the API and no plugins, logging or database.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/bare', async () => ({ status: 'ok', items: [{ id: 1, name: 'bare' }], total: 1 }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
