import Type, { type Static } from 'typebox';
import { Nullable, Uuid } from './common.ts';

/**
 * Import of a plan's structure from a spreadsheet (CSV or XLSX), with a report per row. The
 * template is described in docs/decisions/0403-plan-spreadsheet-import.md and served by
 * `GET /api/plans/import-template.csv` / `.xlsx`.
 */

/** Media types the import accepts. */
export const PLAN_IMPORT_CSV = 'text/csv';
export const PLAN_IMPORT_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Why a row was not imported. */
export const PLAN_IMPORT_REASONS = [
  'bad_code',
  'duplicate_code',
  'level_too_deep',
  'parent_missing',
  'parent_rejected',
  'title_missing',
  'unknown_funding_source',
  'bad_amount',
  'year_outside_plan',
  'money_on_non_activity',
] as const;
export type PlanImportReason = (typeof PLAN_IMPORT_REASONS)[number];

export const PlanImportQuerySchema = Type.Object(
  {
    dryRun: Type.Boolean({
      default: false,
      description: 'Check the file and answer the report without writing anything',
    }),
  },
  { $id: 'PlanImportQuery' },
);
export type PlanImportQuery = Static<typeof PlanImportQuerySchema>;

export const PlanImportRowSchema = Type.Object(
  {
    row: Type.Integer({ description: 'Row number in the sheet (the header is its row)' }),
    code: Nullable(Type.String({ description: 'The code as written in the file' })),
    title: Nullable(Type.String()),
    status: Type.Enum(['imported', 'rejected']),
    /** The node created (null in a dry run or when rejected). */
    nodeId: Nullable(Uuid),
    /** Its code in the plan after the import (appended after the existing nodes). */
    planCode: Nullable(Type.String()),
    reasons: Type.Array(
      Type.Object({
        reason: Type.Enum(PLAN_IMPORT_REASONS),
        column: Nullable(Type.String({ description: 'The header of the offending column' })),
        detail: Type.String(),
      }),
    ),
  },
  { $id: 'PlanImportRow' },
);
export type PlanImportRow = Static<typeof PlanImportRowSchema>;

export const PlanImportReportSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    imported: Type.Integer({ description: 'Rows imported (or that would be, in a dry run)' }),
    rejected: Type.Integer(),
    ignoredColumns: Type.Array(Type.String(), {
      description: 'Headers the template does not know; their cells were not read',
    }),
    rows: Type.Array(PlanImportRowSchema),
  },
  { $id: 'PlanImportReport' },
);
export type PlanImportReport = Static<typeof PlanImportReportSchema>;
