import type { PlanNodeLevel, PlanTree } from '@socplan/contracts';
import type { Workbook } from 'exceljs';
import { saveBlob } from '../../shared/save-blob.ts';
import { planExport, type PlanExport } from './plan-export.ts';

/** The texts of the spreadsheet in the UI language. */
export interface XlsxLabels {
  treeSheet: string;
  fundingSheet: string;
  code: string;
  level: string;
  title: string;
  responsible: string;
  timeframe: string;
  costIn: (year: number) => string;
  cost: string;
  funded: string;
  gap: string;
  source: string;
  total: string;
  levelName: (level: PlanNodeLevel) => string;
  sourceName: (code: string) => string;
}

const MONEY_FORMAT = '#,##0.00';

/**
 * A money string as a spreadsheet number: a cell holds a double, which keeps every amount of a
 * plan (at most 13 digits before the point) exact to the haléř; the text never passes here.
 */
const cellAmount = (amount: string): number => Number(amount);

/** Two sheets: the tree with its costs per year and totals, and each activity's funding. */
export function fillPlanWorkbook(workbook: Workbook, data: PlanExport, labels: XlsxLabels): void {
  const tree = workbook.addWorksheet(labels.treeSheet);
  tree.addRow([
    labels.code,
    labels.level,
    labels.title,
    labels.responsible,
    labels.timeframe,
    ...data.years.map(labels.costIn),
    labels.cost,
    labels.funded,
    labels.gap,
  ]).font = { bold: true };
  for (const row of data.rows) {
    const line = tree.addRow([
      row.code,
      labels.levelName(row.level),
      row.title,
      row.responsible,
      row.timeframe,
      ...[...row.costs, row.cost, row.funded, row.gap].map(cellAmount),
    ]);
    line.getCell(3).alignment = { indent: row.depth };
    if (row.level === 'priority') line.font = { bold: true };
  }
  tree.addRow([
    labels.total,
    '',
    '',
    '',
    '',
    ...[...data.total.costs, data.total.cost, data.total.funded, data.total.gap].map(cellAmount),
  ]).font = { bold: true };
  const moneyColumns = data.years.length + 3;
  for (let i = 0; i < moneyColumns; i++) tree.getColumn(6 + i).numFmt = MONEY_FORMAT;
  tree.getColumn(3).width = 60;
  tree.views = [{ state: 'frozen', ySplit: 1 }];

  const funding = workbook.addWorksheet(labels.fundingSheet);
  funding.addRow([labels.code, labels.title, labels.source, ...data.years.map(String)]).font = {
    bold: true,
  };
  for (const line of data.funding) {
    funding.addRow([
      line.code,
      line.title,
      labels.sourceName(line.source),
      ...line.amounts.map(cellAmount),
    ]);
  }
  for (let i = 0; i < data.years.length; i++) funding.getColumn(4 + i).numFmt = MONEY_FORMAT;
  funding.getColumn(2).width = 50;
}

/** Builds the plan's spreadsheet (exceljs is loaded only now) and offers it as a download. */
export async function downloadPlanXlsx(tree: PlanTree, labels: XlsxLabels, fileName: string) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  fillPlanWorkbook(workbook, planExport(tree), labels);
  const buffer = await workbook.xlsx.writeBuffer();
  saveBlob(
    new Blob([buffer], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    fileName,
  );
}
