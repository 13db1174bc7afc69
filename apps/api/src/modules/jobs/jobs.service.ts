import { and, eq, lt, sql } from 'drizzle-orm';
import type { Job } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { jobInputs, jobs } from '../../db/schema/index.ts';

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  input?: { contentType: string; content: Buffer };
  createdBy?: string | null;
  maxAttempts?: number;
}

/** Queues a job (inside the caller's transaction when given one). */
export async function enqueueJob(db: Db, job: NewJob): Promise<JobRow> {
  const [row] = await db
    .insert(jobs)
    .values({
      kind: job.kind,
      payload: job.payload ?? {},
      createdBy: job.createdBy ?? null,
      maxAttempts: job.maxAttempts ?? 3,
    })
    .returning();
  if (!row) throw new Error('job insert returned nothing');
  if (job.input) await db.insert(jobInputs).values({ jobId: row.id, ...job.input });
  return row;
}

/**
 * Claims the oldest runnable job. SKIP LOCKED lets several API processes poll one table:
 * each job is taken by exactly one of them.
 */
export async function claimNextJob(
  db: Db,
  workerId: string,
  kinds: string[],
): Promise<JobRow | null> {
  if (kinds.length === 0) return null;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    update jobs set status = 'running', attempts = attempts + 1, locked_by = ${workerId},
      started_at = coalesce(started_at, now()), heartbeat_at = now()
    where id = (
      select id from jobs
      where status = 'queued' and run_after <= now()
        and kind in (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})
      order by created_at
      for update skip locked
      limit 1
    )
    returning id`,
  );
  const id = rows[0]?.id;
  if (!id) return null;
  return (await db.query.jobs.findFirst({ where: eq(jobs.id, id) })) ?? null;
}

export async function readJobInput(db: Db, jobId: string): Promise<Buffer | null> {
  const row = await db.query.jobInputs.findFirst({ where: eq(jobInputs.jobId, jobId) });
  return row?.content ?? null;
}

export async function reportProgress(db: Db, jobId: string, progress: number, message?: string) {
  await db
    .update(jobs)
    .set({
      progress: Math.max(0, Math.min(1, progress)),
      message: message ?? null,
      heartbeatAt: new Date(),
    })
    .where(eq(jobs.id, jobId));
}

export async function completeJob(db: Db, jobId: string, result: unknown) {
  const stored = (result ?? null) as object | null;
  await db
    .update(jobs)
    .set({
      status: 'succeeded',
      progress: 1,
      result: stored,
      finishedAt: new Date(),
      lockedBy: null,
    })
    .where(eq(jobs.id, jobId));
}

/** A failed attempt: retried later with backoff until maxAttempts, then failed for good. */
export async function failJob(db: Db, job: JobRow, error: string) {
  const final = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set(
      final
        ? { status: 'failed', error, finishedAt: new Date(), lockedBy: null }
        : {
            status: 'queued',
            error,
            lockedBy: null,
            runAfter: sql`now() + make_interval(secs => ${2 ** job.attempts})`,
          },
    )
    .where(eq(jobs.id, job.id));
}

/** Jobs whose process died mid-run (no heartbeat for `staleSeconds`) go back to the queue. */
export async function requeueStaleJobs(db: Db, staleSeconds: number) {
  await db
    .update(jobs)
    .set({ status: 'queued', lockedBy: null })
    .where(
      and(
        eq(jobs.status, 'running'),
        lt(jobs.heartbeatAt, sql`now() - make_interval(secs => ${staleSeconds})`),
      ),
    );
}

export const toJobDto = (row: JobRow): Job => ({
  id: row.id,
  kind: row.kind,
  status: row.status as Job['status'],
  progress: row.progress,
  message: row.message,
  result: row.result ?? null,
  error: row.error,
  attempts: row.attempts,
  createdAt: row.createdAt.toISOString(),
  startedAt: row.startedAt?.toISOString() ?? null,
  finishedAt: row.finishedAt?.toISOString() ?? null,
});
