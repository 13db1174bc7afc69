import type { ImportReport } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { UNIT_ENTITY } from './territory.service.ts';

/** Called as an import goes: fraction done (0..1) and what it is doing. */
export type ImportProgress = (fraction: number, message?: string) => unknown;

export const emptyReport = (): ImportReport => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: [],
  unmatched: [],
});

/** Splits `items` into slices of at most `size` (one statement and transaction each). */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The one audit row every import leaves, whatever it changed: what came in and what it did. */
export async function recordImportSummary(
  db: Db,
  principal: AuthPrincipal | null,
  source: 'boundaries' | 'municipalities',
  report: ImportReport,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.transaction((tx) =>
    recordAudit(tx, principal, {
      action: 'import',
      entityType: UNIT_ENTITY,
      after: {
        source,
        ...details,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected.length,
        unmatched: report.unmatched.length,
      },
    }),
  );
}
