import { PLAN_IMPORT_CSV, PLAN_IMPORT_XLSX, type PlanImportReport } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import { importContentType, summariseImport } from './plan-import.ts';

describe('importContentType', () => {
  it('sends a CSV saved by Czech Excel as text/csv whatever type the browser reports', () => {
    expect(importContentType({ name: 'Plán.CSV', type: 'application/vnd.ms-excel' })).toBe(
      PLAN_IMPORT_CSV,
    );
    expect(importContentType({ name: 'plan.csv', type: '' })).toBe(PLAN_IMPORT_CSV);
  });

  it('sends a workbook as XLSX, also when only its type tells', () => {
    expect(importContentType({ name: 'plan.xlsx', type: '' })).toBe(PLAN_IMPORT_XLSX);
    expect(importContentType({ name: 'plan', type: PLAN_IMPORT_XLSX })).toBe(PLAN_IMPORT_XLSX);
  });

  it('refuses files the API cannot read', () => {
    expect(importContentType({ name: 'plan.xls', type: 'application/vnd.ms-excel' })).toBeNull();
    expect(importContentType({ name: 'plan.docx', type: '' })).toBeNull();
  });
});

const row = (n: number, status: 'imported' | 'rejected') => ({
  row: n,
  code: String(n),
  title: `Row ${n}`,
  status,
  nodeId: null,
  planCode: status === 'imported' ? String(n) : null,
  reasons:
    status === 'rejected' ? [{ reason: 'title_missing' as const, column: null, detail: '' }] : [],
});

describe('summariseImport', () => {
  const report = (dryRun: boolean, imported: number): PlanImportReport => ({
    dryRun,
    imported,
    rejected: 2,
    ignoredColumns: [],
    rows: [row(5, 'rejected'), row(2, 'imported'), row(3, 'rejected')],
  });

  it('lists the rejected rows in sheet order with the counts', () => {
    const summary = summariseImport(report(true, 1));
    expect(summary.rejectedRows.map((r) => r.row)).toEqual([3, 5]);
    expect(summary).toMatchObject({ imported: 1, rejected: 2, canImport: true });
  });

  it('offers the real import only after a dry run with a row that passes', () => {
    expect(summariseImport(report(true, 0)).canImport).toBe(false);
    expect(summariseImport(report(false, 1)).canImport).toBe(false);
  });
});
