import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.ts';
import {
  claimNextJob,
  completeJob,
  failJob,
  readJobInput,
  readJobInputStream,
  reportProgress,
  requeueStaleJobs,
  type JobRow,
} from '../modules/jobs/jobs.service.ts';

export interface JobContext {
  job: JobRow;
  db: Db;
  /** The uploaded body the job was created with, if any. */
  input(): Promise<Buffer | null>;
  /** The same input as a stream of buffers (bounded memory for large, chunked uploads). */
  inputStream(): AsyncIterable<Buffer>;
  progress(fraction: number, message?: string): Promise<void>;
}
export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export interface JobRunner {
  register(kind: string, handler: JobHandler): void;
  /** Wakes the poller now (after an enqueue) instead of waiting for the next tick. */
  kick(): void;
  /** Runs queued jobs until none is left (CLI and tests). */
  drain(): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRunner;
  }
}

const STALE_SECONDS = 300;

/** A small PostgreSQL-backed job runner; every API process runs one, SKIP LOCKED splits the work. */
export default fp<{ pollMs: number; autoStart: boolean }>(
  async (app, { pollMs, autoStart }) => {
    const handlers = new Map<string, JobHandler>();
    const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<unknown> = Promise.resolve();
    let stopped = false;

    async function runOne(): Promise<boolean> {
      const job = await claimNextJob(app.db, workerId, [...handlers.keys()]);
      if (!job) return false;
      const handler = handlers.get(job.kind)!;
      const log = app.log.child({ jobId: job.id, kind: job.kind });
      try {
        const result = await handler({
          job,
          db: app.db,
          input: () => readJobInput(app.db, job.id),
          inputStream: () => readJobInputStream(app.db, job.id),
          progress: (fraction, message) => reportProgress(app.db, job.id, fraction, message),
        });
        await completeJob(app.db, job.id, result);
        log.info('job succeeded');
      } catch (error) {
        log.error({ err: error }, 'job failed');
        await failJob(app.db, job, error instanceof Error ? error.message : String(error));
      }
      return true;
    }

    async function drain(): Promise<number> {
      let n = 0;
      while (!stopped && (await runOne())) n++;
      return n;
    }

    function schedule(delay: number) {
      if (stopped || !autoStart) return;
      clearTimeout(timer);
      timer = setTimeout(tick, delay);
      timer.unref();
    }

    function tick() {
      running = running
        .then(() => requeueStaleJobs(app.db, STALE_SECONDS))
        .then(drain)
        .catch((error) => app.log.warn({ err: error }, 'job poll failed'))
        .finally(() => schedule(pollMs));
    }

    app.decorate('jobs', {
      register(kind, handler) {
        handlers.set(kind, handler);
      },
      kick: () => schedule(0),
      drain: () => (running = running.then(drain)) as Promise<number>,
    } satisfies JobRunner);

    app.addHook('onReady', async () => schedule(0));
    app.addHook('preClose', async () => {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => {});
    });
  },
  { name: 'jobs', dependencies: ['db'] },
);
