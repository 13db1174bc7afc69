import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type {
  CreateRegistryImportQuery,
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

/** The import failed (its file could not be read): the reason goes in its summary. */
export async function markImportFailed(db: Db, importId: string, error: unknown): Promise<void> {
  const message = reasonOf(error);
  await db
    .update(registryImports)
    .set({
      status: 'failed',
      summary: sql`coalesce(${registryImports.summary}, '{}'::jsonb) || ${JSON.stringify({ error: message })}::jsonb`,
      version: sql`${registryImports.version} + 1`,
    })
    .where(eq(registryImports.id, importId));
}

export async function listImports(
  db: Db,
  principal: AuthPrincipal,
  query: RegistryImportListQuery,
): Promise<RegistryImportList> {
  assertMay(principal, 'registry.import');
  const { limit, offset } = page(query);
  const where = query.status ? eq(registryImports.status, query.status) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(registryImports)
      .where(where)
      .orderBy(desc(registryImports.createdAt), desc(registryImports.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(registryImports).where(where),
  ]);
  return { items: rows.map(toImportDto), total: total?.n ?? 0 };
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
  const conditions: SQL[] = [eq(c.importId, id)];
  if (query.entity) conditions.push(eq(c.entity, query.entity));
  if (query.change) conditions.push(eq(c.change, query.change));
  const { limit, offset } = page(query);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(c)
      .where(and(...conditions))
      .orderBy(c.id)
      .limit(limit)
      .offset(offset),
    db
      .select({ n: count() })
      .from(c)
      .where(and(...conditions)),
  ]);
  return { items: rows.map(toChangeDto), total: total?.n ?? 0 };
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
  const conditions: SQL[] = [eq(i.importId, id)];
  if (query.severity) conditions.push(eq(i.severity, query.severity));
  const { limit, offset } = page(query);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(i)
      .where(and(...conditions))
      .orderBy(i.severity, sql`${i.itemIndex} nulls last`, i.id)
      .limit(limit)
      .offset(offset),
    db
      .select({ n: count() })
      .from(i)
      .where(and(...conditions)),
  ]);
  return { items: rows.map(toIssueDto), total: total?.n ?? 0 };
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
