import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import { enqueueJob } from '../modules/jobs/jobs.service.ts';
import { createTestApp, TEST_JWT_SECRET, type TestContext } from '../test/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const waitFor = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('job runner', () => {
  it('runs a queued job, reports progress and keeps the result', async () => {
    const seen: number[] = [];
    ctx.app.jobs.register('test.echo', async ({ job, input, progress }) => {
      await progress(0.5, 'half way');
      seen.push((await input())!.length);
      return { echoed: job.payload };
    });
    const job = await enqueueJob(ctx.app.db, {
      kind: 'test.echo',
      payload: { n: 1 },
      input: { contentType: 'text/plain', content: Buffer.from('hello') },
    });
    ctx.app.jobs.kick();
    await waitFor(
      async () =>
        (await ctx.app.db.query.jobs.findFirst({ where: eq(jobs.id, job.id) }))?.status ===
        'succeeded',
    );
    const done = await ctx.app.db.query.jobs.findFirst({ where: eq(jobs.id, job.id) });
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: 1,
      attempts: 1,
      result: { echoed: { n: 1 } },
    });
    expect(seen).toEqual([5]);
  });

  it('retries a failing job with backoff, then marks it failed with the error', async () => {
    let calls = 0;
    ctx.app.jobs.register('test.fail', async () => {
      calls++;
      throw new Error('the file is broken');
    });
    const job = await enqueueJob(ctx.app.db, { kind: 'test.fail', maxAttempts: 1 });
    await ctx.app.jobs.drain();
    const done = await ctx.app.db.query.jobs.findFirst({ where: eq(jobs.id, job.id) });
    expect(done).toMatchObject({ status: 'failed', error: 'the file is broken', attempts: 1 });
    expect(calls).toBe(1);

    const retried = await enqueueJob(ctx.app.db, { kind: 'test.fail', maxAttempts: 3 });
    await ctx.app.jobs.drain();
    const again = await ctx.app.db.query.jobs.findFirst({ where: eq(jobs.id, retried.id) });
    expect(again).toMatchObject({ status: 'queued', attempts: 1, error: 'the file is broken' });
    expect(again!.runAfter.getTime()).toBeGreaterThan(Date.now());
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'runs each job exactly once when two API instances poll one PostgreSQL database',
    async () => {
      // A second app with its own connection pool: to the database, another API process.
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOB_POLL_MS: '10' });
      const second = await openDatabase({ url: ctx.testDb.url, poolSize: 5 });
      const other: App = await buildApp({
        config,
        database: second,
        jwtSecret: TEST_JWT_SECRET,
        runJobs: false,
      });
      const runsById = new Map<string, string[]>();
      const handler =
        (worker: string) =>
        async ({ job }: { job: { id: string } }) => {
          runsById.set(job.id, [...(runsById.get(job.id) ?? []), worker]);
          await new Promise((r) => setTimeout(r, 2));
          return null;
        };
      ctx.app.jobs.register('test.once', handler('a'));
      other.jobs.register('test.once', handler('b'));
      await other.ready();
      const ids = [];
      for (let i = 0; i < 40; i++)
        ids.push((await enqueueJob(ctx.app.db, { kind: 'test.once' })).id);
      await Promise.all([
        ctx.app.jobs.drain(),
        other.jobs.drain(),
        ctx.app.jobs.drain(),
        other.jobs.drain(),
      ]);
      await other.close();

      expect([...runsById.keys()].sort()).toEqual([...ids].sort());
      expect([...runsById.values()].every((workers) => workers.length === 1)).toBe(true);
      const workers = new Set([...runsById.values()].flat());
      expect(workers).toEqual(new Set(['a', 'b']));
    },
  );
});
