import { eq } from 'drizzle-orm';
import type { RegistryImport, RegistryIssue } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { registryImportIssues, registryImports } from '../../db/schema/index.ts';
import { ConflictError } from '../../lib/errors.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { analyseImport, type AnalyseProgress } from './registry.analyse.ts';
import { applyImport } from './registry.apply.ts';
import { toImportDto, toIssueDto } from './registry.dto.ts';
import { createImport, markImportFailed, type NewImport } from './registry.service.ts';

export interface RegistryRun {
  /** The import after its analysis (its summary has the diff's counts). */
  analysed: RegistryImport;
  /** After apply; null on a dry run. */
  applied: RegistryImport | null;
  /** The first issues of the report (all of them: GET /api/registry/imports/:id/issues). */
  issues: RegistryIssue[];
}

/**
 * Analyses a registry file and applies it in one step, for an operator (the CLI) or a trusted
 * caller: the same import record, diff and report as the API's upload, without a job.
 */
export async function importRegistry(
  db: Db,
  principal: AuthPrincipal | null,
  source: AsyncIterable<Buffer | Uint8Array | string>,
  options: NewImport & {
    totalBytes?: number;
    dryRun?: boolean;
    onProgress?: AnalyseProgress;
    issueLimit?: number;
  } = {},
): Promise<RegistryRun> {
  const created = await createImport(db, principal, options);
  try {
    await analyseImport(db, created.id, source, {
      ...(options.totalBytes ? { totalBytes: options.totalBytes } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } catch (error) {
    await markImportFailed(db, created.id, error);
    throw error;
  }
  const row = (await db.query.registryImports.findFirst({
    where: eq(registryImports.id, created.id),
  }))!;
  if (row.status !== 'ready')
    throw new ConflictError(`The import ended ${row.status}: a newer import exists.`);
  const issues = await db
    .select()
    .from(registryImportIssues)
    .where(eq(registryImportIssues.importId, row.id))
    .orderBy(registryImportIssues.severity, registryImportIssues.id)
    .limit(options.issueLimit ?? 50);
  const applied = options.dryRun ? null : await applyImport(db, principal, row.id, row.version);
  return {
    analysed: toImportDto(row),
    applied: applied ? toImportDto(applied) : null,
    issues: issues.map(toIssueDto),
  };
}
