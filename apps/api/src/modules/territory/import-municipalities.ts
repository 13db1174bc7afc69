import { and, eq, inArray, sql } from 'drizzle-orm';
import { CsvError, parse } from 'csv-parse/sync';
import type { ImportReport } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { territorialUnits } from '../../db/schema/index.ts';
import { InvalidError } from '../../lib/errors.ts';
import { recordAudit, type AuditEvent } from '../audit/audit.service.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { chunks, emptyReport, recordImportSummary, type ImportProgress } from './import-common.ts';
import { auditSnapshot } from './territory.dto.ts';
import type { FullUnitRow, NewUnitRow } from './territory.repo.ts';
import { UNIT_ENTITY } from './territory.service.ts';

const t = territorialUnits;

export const MUNICIPALITY_CSV_COLUMNS = ['code', 'name', 'orp_csu_code', 'population'] as const;

export interface MunicipalityCsvRow {
  /** Line in the file (the header is line 1). */
  line: number;
  code: string;
  name: string;
  orpCode: string;
  population: number | null;
}

export interface MunicipalityImportOptions {
  /** Reference date of the populations (YYYY-MM-DD). Without it, a changed population has no date. */
  populationDate?: string | null;
  /** Rows written per statement and transaction. */
  chunkSize?: number;
}

type Rejection = ImportReport['rejected'][number];

/** A real calendar date written YYYY-MM-DD. */
function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

const MUNICIPALITY_CODE = /^\d{6}$/;
const MAX_INT = 2_147_483_647;

/**
 * Reads `code,name,orp_csu_code,population` (header required, any column order, UTF-8, BOM
 * allowed). Throws a 400 when the file cannot be read as such a CSV; rows with a bad value are
 * returned as rejections (line and reason) and the rest as rows. A code that appears on
 * several lines is rejected on all of them: which line is right is not ours to guess.
 */
export function parseMunicipalityCsv(text: string): {
  rows: MunicipalityCsvRow[];
  rejected: Rejection[];
} {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError)
      throw new InvalidError(`The CSV cannot be read: ${error.message}`);
    throw error;
  }
  const [header, ...data] = records;
  const columns = (header?.record ?? []).map((h) => h.trim().toLowerCase());
  const missing = MUNICIPALITY_CSV_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length)
    throw new InvalidError(
      `The CSV needs the columns ${MUNICIPALITY_CSV_COLUMNS.join(',')}; missing: ${missing.join(', ')}.`,
      [{ in: 'body', pointer: '/', detail: `missing column(s) ${missing.join(', ')}` }],
    );
  const at = (record: string[], column: (typeof MUNICIPALITY_CSV_COLUMNS)[number]) =>
    (record[columns.indexOf(column)] ?? '').trim();

  const rejected: Rejection[] = [];
  const candidates: MunicipalityCsvRow[] = [];
  for (const { record, info } of data) {
    const line = info.lines;
    const code = at(record, 'code');
    const name = at(record, 'name');
    const orpCode = at(record, 'orp_csu_code');
    const populationText = at(record, 'population').replace(/[\s\u00a0]/g, '');
    const reject = (reason: string) => rejected.push({ row: line, code: code || null, reason });
    if (!code) reject('the code is missing');
    else if (!MUNICIPALITY_CODE.test(code)) reject('the code is not a six-digit municipality code');
    else if (!name) reject('the name is missing');
    else if (name.length > 200) reject('the name is longer than 200 characters');
    else if (!orpCode) reject('the ORP code (orp_csu_code) is missing');
    else if (populationText && !/^\d+$/.test(populationText))
      reject(`the population "${at(record, 'population')}" is not a whole number`);
    else if (populationText && Number(populationText) > MAX_INT)
      reject('the population is too large');
    else
      candidates.push({
        line,
        code,
        name,
        orpCode,
        population: populationText ? Number(populationText) : null,
      });
  }

  const linesByCode = new Map<string, number[]>();
  for (const r of candidates) linesByCode.set(r.code, [...(linesByCode.get(r.code) ?? []), r.line]);
  const rows: MunicipalityCsvRow[] = [];
  for (const r of candidates) {
    const lines = linesByCode.get(r.code)!;
    if (lines.length > 1)
      rejected.push({
        row: r.line,
        code: r.code,
        reason: `the code appears more than once in the file (lines ${lines.join(', ')})`,
      });
    else rows.push(r);
  }
  return {
    rows,
    rejected: rejected.sort((a, b) => a.row - b.row),
  };
}

/**
 * Creates or updates municipalities from a CSV `code,name,orp_csu_code,population` under the
 * ORP with that ČSÚ code. Rows that cannot be imported are reported in `rejected`; the rest
 * import. Idempotent: rows that match what is stored write nothing. Writes use multi-row
 * INSERT … ON CONFLICT, one statement and one transaction per chunk.
 *
 * Authorization is the caller's (the route allows region administrators; the CLI is the operator).
 */
export async function importMunicipalities(
  db: Db,
  principal: AuthPrincipal | null,
  csvText: string,
  options: MunicipalityImportOptions = {},
  onProgress?: ImportProgress,
): Promise<ImportReport> {
  const populationDate = options.populationDate ?? null;
  if (populationDate !== null && !isDate(populationDate))
    throw new InvalidError(`The population date "${populationDate}" is not a date (YYYY-MM-DD).`, [
      { in: 'query', pointer: '/populationDate', detail: 'must be a date YYYY-MM-DD' },
    ]);
  const parsed = parseMunicipalityCsv(csvText);
  const report = emptyReport();
  const orpCodes = [...new Set(parsed.rows.map((r) => r.orpCode))];
  const orps = new Map(
    orpCodes.length
      ? (
          await db
            .select({ id: t.id, code: t.code })
            .from(t)
            .where(and(eq(t.kind, 'orp'), inArray(t.code, orpCodes)))
        ).map((o) => [o.code, o.id])
      : [],
  );
  const rejected = [...parsed.rejected];
  const rows = parsed.rows.filter((r) => {
    if (orps.has(r.orpCode)) return true;
    rejected.push({ row: r.line, code: r.code, reason: `no ORP has the ČSÚ code ${r.orpCode}` });
    return false;
  });
  report.rejected = rejected.sort((a, b) => a.row - b.row);
  await onProgress?.(0.1, `${rows.length} rows to import, ${report.rejected.length} rejected`);

  const slices = chunks(rows, options.chunkSize ?? 500);
  for (const [i, slice] of slices.entries()) {
    await db.transaction((tx) => writeSlice(tx, principal, slice, orps, populationDate, report));
    await onProgress?.(0.1 + (0.9 * (i + 1)) / slices.length, `${rows.length} municipalities`);
  }
  await recordImportSummary(db, principal, 'municipalities', report, {
    rows: parsed.rows.length + parsed.rejected.length,
    ...(populationDate ? { populationDate } : {}),
  });
  return report;
}

async function writeSlice(
  tx: Db,
  principal: AuthPrincipal | null,
  slice: MunicipalityCsvRow[],
  orps: Map<string, string>,
  populationDate: string | null,
  report: ImportReport,
): Promise<void> {
  const lockStored = async (codes: string[]) =>
    new Map(
      (
        await tx
          .select()
          .from(t)
          .where(and(eq(t.kind, 'municipality'), inArray(t.code, codes)))
          .for('update')
      ).map((r) => [r.code, r]),
    );
  const stored = await lockStored(slice.map((r) => r.code));

  const writes: NewUnitRow[] = [];
  for (const r of slice) {
    const before = stored.get(r.code);
    const parentId = orps.get(r.orpCode)!;
    // Without a date in the request, a population that did not change keeps its date.
    const date =
      populationDate ??
      (before && before.population === r.population ? before.populationDate : null);
    const ruianCode = before?.ruianCode ?? r.code; // ČSÚ and RÚIAN share the municipality code
    if (
      before &&
      before.name === r.name &&
      before.parentId === parentId &&
      before.population === r.population &&
      before.populationDate === date &&
      before.ruianCode === ruianCode
    ) {
      report.unchanged++;
      continue;
    }
    writes.push({
      kind: 'municipality',
      code: r.code,
      ruianCode,
      name: r.name,
      parentId,
      population: r.population,
      populationDate: date,
    });
  }
  if (writes.length === 0) return;

  await tx
    .insert(t)
    .values(writes)
    .onConflictDoUpdate({
      target: [t.kind, t.code],
      set: {
        ruianCode: sql`excluded.ruian_code`,
        name: sql`excluded.name`,
        parentId: sql`excluded.parent_id`,
        population: sql`excluded.population`,
        populationDate: sql`excluded.population_date`,
        version: sql`${t.version} + 1`,
        updatedAt: sql`now()`,
      },
    });
  const after = await lockStored(writes.map((w) => w.code));
  const events: AuditEvent[] = [];
  for (const w of writes) {
    const before: FullUnitRow | undefined = stored.get(w.code);
    const now = after.get(w.code);
    if (!now) continue;
    if (before) report.updated++;
    else report.created++;
    events.push({
      action: before ? 'update' : 'create',
      entityType: UNIT_ENTITY,
      entityId: now.id,
      before: before ? auditSnapshot(before) : null,
      after: auditSnapshot(now),
    });
  }
  await recordAudit(tx, principal, events);
}
