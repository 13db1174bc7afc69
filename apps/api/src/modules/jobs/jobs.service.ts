import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Job } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { jobInputChunks, jobInputs, jobs } from '../../db/schema/index.ts';
import { PayloadTooLargeError } from '../../lib/errors.ts';

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  input?: { contentType: string; content: Buffer };
  createdBy?: string | null;
  maxAttempts?: number;
  /**
   * Not runnable until `releaseJob` (its input is still being uploaded with
   * `storeJobInputStream`). A job never released runs after an hour and should fail there.
   */
  held?: boolean;
  /** Not runnable before this time (a scheduled job, e.g. a campaign's reminders). */
  runAfter?: Date;
}

/** Queues a job (inside the caller's transaction when given one). */
export async function enqueueJob(db: Db, job: NewJob): Promise<JobRow> {
  // One transaction: another process's worker must never claim the job before its input is there.
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(jobs)
      .values({
        kind: job.kind,
        payload: job.payload ?? {},
        createdBy: job.createdBy ?? null,
        maxAttempts: job.maxAttempts ?? 3,
        ...(job.runAfter ? { runAfter: job.runAfter } : {}),
        ...(job.held ? { runAfter: sql`now() + interval '1 hour'` } : {}),
      })
      .returning();
    if (!row) throw new Error('job insert returned nothing');
    if (job.input) await tx.insert(jobInputs).values({ jobId: row.id, ...job.input });
    return row;
  });
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
  if (row) return row.content;
  const parts: Buffer[] = [];
  for await (const part of readJobInputChunks(db, jobId)) parts.push(part);
  return parts.length ? Buffer.concat(parts) : null;
}

/** A held job becomes runnable; `payload` is merged into its payload (e.g. the input's size). */
export async function releaseJob(db: Db, jobId: string, payload: Record<string, unknown> = {}) {
  await db
    .update(jobs)
    .set({
      runAfter: sql`now()`,
      payload: sql`${jobs.payload} || ${JSON.stringify(payload)}::jsonb`,
    })
    .where(eq(jobs.id, jobId));
}

/** Size of one stored chunk of a streamed input. */
export const JOB_INPUT_CHUNK_BYTES = 1024 * 1024;

/**
 * Stores a streamed upload as the job's input, ~1 MB per row, never holding more than one chunk
 * in memory. More than `maxBytes` → PayloadTooLargeError (what was stored goes with the job).
 * `inspect` sees the first chunk before anything is stored (to reject an obviously wrong file).
 */
export async function storeJobInputStream(
  db: Db,
  jobId: string,
  source: AsyncIterable<Buffer | Uint8Array | string>,
  options: { maxBytes: number; chunkBytes?: number; inspect?: (first: Buffer) => void },
): Promise<{ bytes: number; chunks: number }> {
  const chunkBytes = options.chunkBytes ?? JOB_INPUT_CHUNK_BYTES;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let seq = 0;
  const write = async (chunk: Buffer) => {
    if (seq === 0) options.inspect?.(chunk);
    await db.insert(jobInputChunks).values({ jobId, seq, bytes: chunk });
    seq++;
  };
  for await (const part of source) {
    const buffer = Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array | string);
    bytes += buffer.length;
    if (bytes > options.maxBytes) throw new PayloadTooLargeError(options.maxBytes);
    pending.push(buffer);
    pendingBytes += buffer.length;
    if (pendingBytes < chunkBytes) continue;
    // Whole chunks go out; the rest waits for more.
    const joined = Buffer.concat(pending, pendingBytes);
    let at = 0;
    for (; at + chunkBytes <= joined.length; at += chunkBytes)
      await write(Buffer.from(joined.subarray(at, at + chunkBytes)));
    pending = at < joined.length ? [Buffer.from(joined.subarray(at))] : [];
    pendingBytes = joined.length - at;
  }
  if (pendingBytes > 0) await write(Buffer.concat(pending, pendingBytes));
  return { bytes, chunks: seq };
}

/** A chunked input read back in order, one chunk (one query) at a time. */
export async function* readJobInputChunks(db: Db, jobId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const [row] = await db
      .select({ bytes: jobInputChunks.bytes })
      .from(jobInputChunks)
      .where(and(eq(jobInputChunks.jobId, jobId), gte(jobInputChunks.seq, seq)))
      .orderBy(asc(jobInputChunks.seq))
      .limit(1);
    if (!row) return;
    yield row.bytes;
  }
}

/** The job's input as a stream of buffers: its chunks, or the single stored body. */
export async function* readJobInputStream(db: Db, jobId: string): AsyncGenerator<Buffer> {
  const row = await db.query.jobInputs.findFirst({ where: eq(jobInputs.jobId, jobId) });
  if (row) {
    yield row.content;
    return;
  }
  yield* readJobInputChunks(db, jobId);
}

/** Drops a job's stored input once it is no longer needed (a large upload after its job ran). */
export async function deleteJobInput(db: Db, jobId: string) {
  await db.delete(jobInputChunks).where(eq(jobInputChunks.jobId, jobId));
  await db.delete(jobInputs).where(eq(jobInputs.jobId, jobId));
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
