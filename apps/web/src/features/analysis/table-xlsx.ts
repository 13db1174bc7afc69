import type { Workbook } from 'exceljs';
import { saveBlob } from '../../shared/save-blob.ts';
import { tableCsv } from './table-csv.ts';
import { cellNumber, fileNameOf, type CellKind, type TableModel } from './table-model.ts';

const FORMATS: Partial<Record<CellKind, string>> = {
  count: '#,##0',
  number: '#,##0.00',
  money: '#,##0.00',
  percent: '0.00',
};

/** Excel's limit on a sheet's name and the characters it refuses there. */
const sheetName = (title: string) => title.replace(/[*?:\\/[\]]/g, ' ').slice(0, 31);

/** One sheet: bold header, numbers as numbers (with a format), the header row frozen. */
export function fillTableSheet(workbook: Workbook, table: TableModel): void {
  const sheet = workbook.addWorksheet(sheetName(table.title));
  sheet.addRow(table.columns.map((c) => c.label)).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      table.columns.map((column, i) =>
        column.kind === 'text' ? (row[i] ?? '') : cellNumber(row[i] ?? null),
      ),
    );
  }
  table.columns.forEach((column, i) => {
    const format = FORMATS[column.kind];
    if (format) sheet.getColumn(i + 1).numFmt = format;
    if (column.kind === 'text') sheet.getColumn(i + 1).width = 30;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** Builds the spreadsheet (exceljs is loaded only now) and offers it as a download. */
export async function downloadTableXlsx(table: TableModel): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  fillTableSheet(workbook, table);
  const buffer = await workbook.xlsx.writeBuffer();
  saveBlob(
    new Blob([buffer], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    fileNameOf(table.title, 'xlsx'),
  );
}

export function downloadTableCsv(table: TableModel, locale: string): void {
  saveBlob(
    new Blob([tableCsv(table, locale)], { type: 'text/csv;charset=utf-8' }),
    fileNameOf(table.title, 'csv'),
  );
}
