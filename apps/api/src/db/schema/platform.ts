import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** One row per write: who, when, what, before and after. Never updated or deleted by the app. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    principalId: uuid(),
    principalKind: text(),
    principalName: text(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_at_idx').on(t.at),
  ],
);

/** Long-running work (imports, exports), claimed by any API process with SKIP LOCKED. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    status: text().notNull().default('queued'), // queued | running | succeeded | failed
    payload: jsonb()
      .notNull()
      .default(sql`'{}'::jsonb`),
    progress: real().notNull().default(0),
    message: text(),
    result: jsonb(),
    error: text(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(3),
    runAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedBy: text(),
    heartbeatAt: timestamp({ withTimezone: true }),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('jobs_claim_idx').on(t.status, t.runAfter)],
);

/** Binary content (job inputs, attachments): a Buffer on both drivers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Uploaded input of a job (a GeoJSON or CSV body), kept apart so job lists stay light. */
export const jobInputs = pgTable('job_inputs', {
  jobId: uuid()
    .primaryKey()
    .references(() => jobs.id, { onDelete: 'cascade' }),
  contentType: text().notNull(),
  content: bytea().notNull(),
});

/**
 * A large upload (a national registry file, 30–100 MB) kept as ~1 MB chunks in upload order,
 * so it is never held whole in memory: the request streams into it and the job, in any API
 * process, streams it back chunk by chunk. Deleted with the job.
 */
export const jobInputChunks = pgTable(
  'job_input_chunks',
  {
    jobId: uuid()
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    bytes: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);
