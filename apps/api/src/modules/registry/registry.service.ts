import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type {
  CreateRegistryImportQuery,
  List,
  RegistryChangeList,
  RegistryChangeListQuery,
  RegistryImport,
  RegistryImportList,
  RegistryImportListQuery,
  RegistryIssueList,
  RegistryIssueListQuery,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import {
  jobs,
  registryImportChanges,
  registryImportIssues,
  registryImports,
} from '../../db/schema/index.ts';
import { InvalidError } from '../../lib/errors.ts';
import { page } from '../../lib/http.ts';
import { today } from '../../lib/validity.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { enqueueJob, releaseJob, storeJobInputStream } from '../jobs/jobs.service.ts';
import { applyImport, type RegistryImportRow, type StoredSummary } from './registry.apply.ts';
import { regionFilter } from './registry.context.ts';
import { toChangeDto, toImportDto, toIssueDto } from './registry.dto.ts';

export const REGISTRY_ANALYSE_JOB = 'registry.analyse';

/** The analysis job's payload. */
export interface RegistryJobPayload {
  importId: string;
  /** Set when the upload completed (a job without it never got its whole input). */
  inputBytes?: number;
}

export interface NewImport {
  fileName?: string | null;
  regionOnly?: boolean;
  effectiveDate?: string;
}

/**
 * A new import (status analysing), with the day its changes take effect. A region filter that
 * cannot work (no region set up) is refused now, not after the upload.
 */
export async function createImport(
  db: Db,
  principal: AuthPrincipal | null,
  options: NewImport,
): Promise<RegistryImportRow> {
  const regionOnly = options.regionOnly ?? true;
  if (regionOnly) await regionFilter(db);
  const effectiveDate = options.effectiveDate ?? today();
  const summary: StoredSummary = { effectiveDate };
  const [row] = await db
    .insert(registryImports)
    .values({
      status: 'analysing',
      fileName: options.fileName ?? null,
      regionOnly,
      summary,
      createdBy: principal?.id ?? null,
    })
    .returning();
  return row!;
}

/**
 * Receives an uploaded registry file: the import and its (held) job are created, the body is
 * streamed into ~1 MB chunks in the database (never held whole), then the job is released to
 * any API process. An upload that fails (too large, cut off, not JSON) leaves nothing behind.
 */
export async function receiveImport(
  db: Db,
  principal: AuthPrincipal,
  query: CreateRegistryImportQuery,
  upload: {
    body: AsyncIterable<Buffer | Uint8Array | string>;
    fileName: string | null;
    maxBytes: number;
  },
): Promise<{ row: RegistryImportRow; jobId: string }> {
  assertMay(principal, 'registry.import');
  const row = await createImport(db, principal, {
    fileName: query.fileName ?? upload.fileName,
    regionOnly: query.regionOnly ?? true,
    ...(query.effectiveDate ? { effectiveDate: query.effectiveDate } : {}),
  });
  const payload: RegistryJobPayload = { importId: row.id };
  const job = await enqueueJob(db, {
    kind: REGISTRY_ANALYSE_JOB,
    payload: { ...payload },
    createdBy: principal.id,
    held: true,
    // A file that cannot be read will not read better on a second attempt.
    maxAttempts: 1,
  });
  await db.update(registryImports).set({ jobId: job.id }).where(eq(registryImports.id, row.id));
  try {
    const { bytes } = await storeJobInputStream(db, job.id, upload.body, {
      maxBytes: upload.maxBytes,
      inspect: assertLooksLikeJson,
    });
    if (bytes === 0)
      throw new InvalidError('The body is empty: send the registry file (rpss.json).');
    await releaseJob(db, job.id, { inputBytes: bytes });
  } catch (error) {
    await db.delete(jobs).where(eq(jobs.id, job.id));
    await db.delete(registryImports).where(eq(registryImports.id, row.id));
    throw error;
  }
  return { row: { ...row, jobId: job.id }, jobId: job.id };
}

/** The registry file is a JSON object: anything else is refused before it is all uploaded. */
function assertLooksLikeJson(first: Buffer) {
  const start = first
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (start !== '' && !start.startsWith('{'))
    throw new InvalidError('The body is not a JSON object: send the registry file (rpss.json).');
}

/**
 * The import failed (its file could not be read): the reason goes in its summary; a partial
 * diff and staged records are dropped (the issues found so far stay).
 */
export async function markImportFailed(db: Db, importId: string, error: unknown): Promise<void> {
  const message = reasonOf(error);
  for (const table of ['registry_import_staging', 'registry_import_changes'])
    await db.execute(sql`delete from ${sql.raw(table)} where import_id = ${importId}`);
  await db
    .update(registryImports)
    .set({
      status: 'failed',
      summary: sql`coalesce(${registryImports.summary}, '{}'::jsonb) || ${JSON.stringify({ error: message })}::jsonb`,
      version: sql`${registryImports.version} + 1`,
    })
    .where(eq(registryImports.id, importId));
}

/** One page of rows mapped to DTOs, with the total (two queries, run together). */
async function paged<Row, Item>(
  query: { limit?: number; offset?: number },
  rows: (limit: number, offset: number) => Promise<Row[]>,
  total: Promise<{ n: number }[]>,
  map: (row: Row) => Item,
): Promise<List<Item>> {
  const { limit, offset } = page(query);
  const [found, [counted]] = await Promise.all([rows(limit, offset), total]);
  return { items: found.map(map), total: counted?.n ?? 0 };
}

const countOf = (db: Db, table: PgTable, where: SQL | undefined) =>
  db.select({ n: count() }).from(table).where(where);

export async function listImports(
  db: Db,
  principal: AuthPrincipal,
  query: RegistryImportListQuery,
): Promise<RegistryImportList> {
  assertMay(principal, 'registry.import');
  const r = registryImports;
  const where = query.status ? eq(r.status, query.status) : undefined;
  return paged(
    query,
    (limit, offset) =>
      db
        .select()
        .from(r)
        .where(where)
        .orderBy(desc(r.createdAt), desc(r.id))
        .limit(limit)
        .offset(offset),
    countOf(db, r, where),
    toImportDto,
  );
}

export async function getImport(
  db: Db,
  principal: AuthPrincipal,
  id: string,
): Promise<RegistryImport> {
  assertMay(principal, 'registry.import');
  return toImportDto(await importRow(db, id));
}

async function importRow(db: Db, id: string): Promise<RegistryImportRow> {
  return notFoundUnless(
    await db.query.registryImports.findFirst({ where: eq(registryImports.id, id) }),
  );
}

export async function listChanges(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  query: RegistryChangeListQuery,
): Promise<RegistryChangeList> {
  assertMay(principal, 'registry.import');
  await importRow(db, id);
  const c = registryImportChanges;
  const where = and(
    eq(c.importId, id),
    query.entity ? eq(c.entity, query.entity) : undefined,
    query.change ? eq(c.change, query.change) : undefined,
  );
  return paged(
    query,
    (limit, offset) => db.select().from(c).where(where).orderBy(c.id).limit(limit).offset(offset),
    countOf(db, c, where),
    toChangeDto,
  );
}

export async function listIssues(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  query: RegistryIssueListQuery,
): Promise<RegistryIssueList> {
  assertMay(principal, 'registry.import');
  await importRow(db, id);
  const i = registryImportIssues;
  const where = and(
    eq(i.importId, id),
    query.severity ? eq(i.severity, query.severity) : undefined,
  );
  return paged(
    query,
    (limit, offset) =>
      db
        .select()
        .from(i)
        .where(where)
        .orderBy(i.severity, sql`${i.itemIndex} nulls last`, i.id)
        .limit(limit)
        .offset(offset),
    countOf(db, i, where),
    toIssueDto,
  );
}

/** Applies a ready import (If-Match: its version). See registry.apply.ts. */
export async function applyRegistryImport(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expectedVersion: number,
): Promise<RegistryImport> {
  assertMay(principal, 'registry.import');
  return toImportDto(await applyImport(db, principal, id, expectedVersion));
}

/** What went wrong, in words: a database error's own message rather than the failed query. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
