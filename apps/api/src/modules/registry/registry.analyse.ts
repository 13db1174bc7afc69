import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { registryImports } from '../../db/schema/index.ts';
import { newerImport, supersedeReadyImports, type StoredSummary } from './registry.apply.ts';
import { loadNormaliseContext } from './registry.context.ts';
import { computeDiff, networkFingerprint } from './registry.diff.ts';
import { normaliseItem } from './registry.normalise.ts';
import { registryItems } from './registry.parse.ts';
import { StagingWriter } from './registry.stage.ts';

/** Called as an analysis goes: fraction done (0..1) and what it is doing. */
export type AnalyseProgress = (fraction: number, message?: string) => unknown;

/**
 * Reads a registry file as a stream, item by item, normalises each registration, stages the
 * records in batches and computes the diff against the network in SQL. The import ends `ready`
 * with its summary (counts, issues, the network's fingerprint); older imports waiting to be
 * applied are superseded. Memory holds one batch of records, never the file.
 *
 * Safe to run again for the same import (a retried job): what an earlier attempt left is
 * cleared first.
 */
export async function analyseImport(
  db: Db,
  importId: string,
  source: AsyncIterable<Buffer | Uint8Array | string>,
  options: { totalBytes?: number; onProgress?: AnalyseProgress } = {},
): Promise<StoredSummary> {
  const row = await db.query.registryImports.findFirst({ where: eq(registryImports.id, importId) });
  if (!row) throw new Error(`registry import ${importId} does not exist`);
  const effectiveDate = (row.summary as StoredSummary | null)?.effectiveDate;
  if (!effectiveDate) throw new Error(`registry import ${importId} has no effective date`);
  for (const table of [
    'registry_import_staging',
    'registry_import_changes',
    'registry_import_issues',
  ])
    await db.execute(sql`delete from ${sql.raw(table)} where import_id = ${importId}`);

  const ctx = await loadNormaliseContext(db, { effectiveDate, regionOnly: row.regionOnly });
  // Taken before the network is read: a change made while the diff is computed makes it stale.
  const fingerprint = await networkFingerprint(db);
  const progress = options.onProgress ?? (() => {});
  const writer = new StagingWriter(db, importId);
  let bytes = 0;
  let items = 0;
  let outsideRegion = 0;
  await progress(0.01, 'reading the file');
  for await (const { index, item } of registryItems(source, (n) => (bytes = n))) {
    items++;
    const result = normaliseItem(item, index, ctx);
    if (result.outcome === 'kept') writer.add(index, result);
    else if (result.outcome === 'outside') outsideRegion++;
    else writer.addIssues(result.issues);
    if (writer.full) {
      await writer.flush();
      const read = options.totalBytes ? Math.min(1, bytes / options.totalBytes) : 0;
      await progress(0.02 + 0.78 * read, `${items} registrations read`);
    }
  }
  await writer.finish();
  await progress(0.8, `${items} registrations read; comparing with the network`);

  const diff = await computeDiff(db, importId, effectiveDate);
  const [issues] = await queryRows<{ errors: number; warnings: number; skipped: number }>(
    db,
    sql`select count(*) filter (where severity = 'error')::int as errors,
               count(*) filter (where severity = 'warning')::int as warnings,
               count(distinct item_index) filter (where severity = 'error')::int as skipped
        from registry_import_issues where import_id = ${importId}`,
  );
  const totalChanges = Object.values(diff.changes).reduce(
    (sum, c) => sum + c.new + c.changed + c.ended,
    0,
  );
  const summary: StoredSummary = {
    effectiveDate,
    bytes,
    items,
    kept: items - outsideRegion - (issues?.skipped ?? 0),
    outsideRegion,
    skipped: issues?.skipped ?? 0,
    changes: diff.changes,
    totalChanges,
    issues: { errors: issues?.errors ?? 0, warnings: issues?.warnings ?? 0 },
    byType: diff.byType,
    byOrp: diff.byOrp,
    unknownMunicipalities: diff.unknownMunicipalities.slice(0, 1000),
    fingerprint,
  };
  await db.transaction(async (tx) => {
    // A newer file analysed meanwhile makes this one history at once.
    const newer = await newerImport(tx, importId);
    await tx
      .update(registryImports)
      .set({
        status: newer ? 'superseded' : 'ready',
        summary,
        version: sql`${registryImports.version} + 1`,
      })
      .where(eq(registryImports.id, importId));
    await supersedeReadyImports(tx, importId);
  });
  await progress(
    1,
    `${totalChanges} changes, ${summary.issues!.errors} errors, ${summary.issues!.warnings} warnings`,
  );
  return summary;
}
