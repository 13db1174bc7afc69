import {
  PLAN_IMPORT_CSV,
  PLAN_IMPORT_XLSX,
  type PlanImportReport,
  type PlanImportRow,
} from '@socplan/contracts';

/** The import's media type for a chosen file, or null when the API would not read it (415). */
export function importContentType(file: Pick<File, 'name' | 'type'>): string | null {
  // Browsers report CSV inconsistently (text/csv, application/vnd.ms-excel, or nothing), so the
  // file's extension decides first and its type only when the name has no known extension.
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return PLAN_IMPORT_CSV;
  if (name.endsWith('.xlsx')) return PLAN_IMPORT_XLSX;
  if (file.type === PLAN_IMPORT_CSV || file.type === PLAN_IMPORT_XLSX) return file.type;
  return null;
}

export interface ImportSummary {
  imported: number;
  rejected: number;
  /** The rejected rows in sheet order: the coordinator's to-do list. */
  rejectedRows: PlanImportRow[];
  /** Whether importing for real would change the plan (some row passes). */
  canImport: boolean;
}

export function summariseImport(report: PlanImportReport): ImportSummary {
  const rejectedRows = report.rows
    .filter((row) => row.status === 'rejected')
    .sort((a, b) => a.row - b.row);
  return {
    imported: report.imported,
    rejected: report.rejected,
    rejectedRows,
    canImport: report.dryRun && report.imported > 0,
  };
}
