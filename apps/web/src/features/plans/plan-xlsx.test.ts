import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PlanExport } from './plan-export.ts';
import { fillPlanWorkbook, type XlsxLabels } from './plan-xlsx.ts';

const labels: XlsxLabels = {
  treeSheet: 'Struktura',
  fundingSheet: 'Zdroje',
  code: 'Kód',
  level: 'Úroveň',
  title: 'Název',
  responsible: 'Garant',
  timeframe: 'Období',
  costIn: (year) => `Náklady ${year}`,
  cost: 'Náklady',
  funded: 'Kryto',
  gap: 'Nekryto',
  source: 'Zdroj',
  total: 'Celkem',
  levelName: (level) => level,
  sourceName: (code) => `zdroj ${code}`,
};

const data: PlanExport = {
  years: [2025, 2026],
  rows: [
    {
      code: '1',
      level: 'priority',
      depth: 0,
      title: 'Senioři',
      responsible: '',
      timeframe: '',
      costs: ['1000.50', '0.00'],
      cost: '1000.50',
      funded: '800.00',
      gap: '200.50',
    },
  ],
  funding: [{ code: '1.1.1', title: 'Odlehčení', source: 'mpsv', amounts: ['800.00', '0.00'] }],
  total: { costs: ['1000.50', '0.00'], cost: '1000.50', funded: '800.00', gap: '200.50' },
};

describe('plan spreadsheet', () => {
  it('writes the tree with costs per year, totals and the gap, and the funding by source', async () => {
    const workbook = new ExcelJS.Workbook();
    fillPlanWorkbook(workbook, data, labels);
    // Through a real file: what a user opens.
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(await workbook.xlsx.writeBuffer());
    const tree = reread.getWorksheet('Struktura')!;
    expect(tree.getRow(1).values).toEqual([
      undefined,
      'Kód',
      'Úroveň',
      'Název',
      'Garant',
      'Období',
      'Náklady 2025',
      'Náklady 2026',
      'Náklady',
      'Kryto',
      'Nekryto',
    ]);
    expect(tree.getRow(2).getCell(6).value).toBe(1000.5);
    expect(tree.getRow(2).getCell(10).value).toBe(200.5);
    expect(tree.getRow(3).getCell(1).value).toBe('Celkem');
    const funding = reread.getWorksheet('Zdroje')!;
    expect(funding.getRow(2).values).toEqual([
      undefined,
      '1.1.1',
      'Odlehčení',
      'zdroj mpsv',
      800,
      0,
    ]);
  });
});
