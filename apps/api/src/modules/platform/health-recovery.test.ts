import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.ts';
import { TEST_JWT_SECRET } from '../../test/test-app.ts';

/** A TCP relay to PostgreSQL that the test can cut and restore, as a network outage would. */
function outageProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const port = { value: 0 };
  const start = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port.value, '127.0.0.1', () => {
        port.value = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  return { start, stop, port };
}

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('health when PostgreSQL goes away and comes back', () => {
  let testDb: TestDatabase;
  let database: Database;
  let app: App;
  const proxy = outageProxy(new URL(url || 'postgres://127.0.0.1:5432'));

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await proxy.start();
    const viaProxy = new URL(testDb.url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port.value);
    database = await openDatabase({ url: viaProxy.toString(), poolSize: 2 });
    app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      database,
      jwtSecret: TEST_JWT_SECRET,
      runJobs: false,
    });
  });
  afterAll(async () => {
    await app.close();
    await proxy.stop();
    await testDb.drop();
  });

  it('answers 503 problem+json while the database is unreachable, then recovers without a restart', async () => {
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);

    await proxy.stop();
    const down = await app.inject({ url: '/api/health' });
    expect(down.statusCode).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
    expect(down.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace

    await proxy.start();
    const up = await app.inject({ url: '/api/health' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ status: 'ok', database: 'postgres' });
  });
});
