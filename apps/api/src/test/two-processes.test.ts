import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/**
 * Two real API processes (separate Node processes, as behind a load balancer) on one
 * PostgreSQL database: a token issued by one is accepted by the other, and a job queued
 * through one is run exactly once by the pair.
 */
const url = process.env.TEST_DATABASE_URL;
const serverEntry = fileURLToPath(new URL('../server.ts', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(databaseUrl: string, demo: boolean) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: 'two-processes-share-this-secret-0123456789abcdef',
      SOCPLAN_DEMO: demo ? '1' : '0',
      LOG_LEVEL: 'warn',
      JOB_POLL_MS: '50',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error('server did not become healthy');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!url)('two API processes on one PostgreSQL database', () => {
  let testDb: TestDatabase;
  let a: { child: ChildProcess; base: string };
  let b: { child: ChildProcess; base: string };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    a = await startServer(testDb.url!, true); // seeds the demo region and users
    b = await startServer(testDb.url!, false);
  }, 90_000);
  afterAll(async () => {
    for (const s of [a, b]) s?.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await testDb.drop();
  });

  it('accepts on one process the token issued by the other', async () => {
    const login = await fetch(`${a.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kraj@example.org', password: 'socplan-demo' }),
    });
    expect(login.status).toBe(200);
    const { accessToken, refreshToken } = (await login.json()) as {
      accessToken: string;
      refreshToken: string;
    };

    const me = await fetch(`${b.base}/api/auth/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe('kraj@example.org');

    // The refresh token lives in the database: the other process can rotate it too.
    const refreshed = await fetch(`${b.base}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refreshed.status).toBe(200);
  });

  it('runs a job queued through one process exactly once', async () => {
    const login = await fetch(`${b.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kraj@example.org', password: 'socplan-demo' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };

    const jobIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${a.base}/api/territorial-units/imports/municipalities`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/csv' },
        body: `code,name,orp_csu_code,population\n99990${i},Testovací obec ${i},5105,${100 + i}\n`,
      });
      expect(res.status).toBe(202);
      jobIds.push(((await res.json()) as { id: string }).id);
    }
    for (const id of jobIds) {
      let job: { status: string; attempts: number } = { status: 'queued', attempts: 0 };
      for (let tries = 0; tries < 600 && !['succeeded', 'failed'].includes(job.status); tries++) {
        await new Promise((r) => setTimeout(r, 50));
        job = (await (
          await fetch(`${b.base}/api/jobs/${id}`, { headers: auth })
        ).json()) as typeof job;
      }
      expect(job).toMatchObject({ status: 'succeeded', attempts: 1 });
    }
    const audit = await fetch(`${a.base}/api/audit?entityType=territorial_unit&limit=500`, {
      headers: auth,
    });
    const created = (
      (await audit.json()) as { items: { action: string; after: { code?: string } | null }[] }
    ).items.filter((e) => e.action === 'create' && e.after?.code?.startsWith('99990'));
    expect(created).toHaveLength(6);
  });
});
