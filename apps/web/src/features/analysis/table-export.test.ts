import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableCsv } from './table-csv.ts';
import { fileNameOf, type TableModel } from './table-model.ts';
import { fillTableSheet } from './table-xlsx.ts';

const table: TableModel = {
  title: 'Kapacita na 1 000 obyvatel',
  columns: [
    { key: 'orp', label: 'ORP', kind: 'text' },
    { key: 'capacity', label: 'Kapacita', kind: 'count' },
    { key: 'perThousand', label: 'Na 1 000; obyv.', kind: 'number' },
    { key: 'gapMoney', label: 'Chybí (Kč)', kind: 'money' },
  ],
  rows: [
    ['Liberec', 120, 1.25, '-1200.50'],
    ['Frýdlant "sever"', 0, null, '0.00'],
    ['=HYPERLINK("x")', 3, 0.5, null],
  ],
};

describe('tableCsv', () => {
  it('writes a BOM, `;` separators, quoted labels and Czech decimal commas', () => {
    const lines = tableCsv(table, 'cs').split('\r\n');
    expect(lines[0]).toBe('\ufeffORP;Kapacita;"Na 1 000; obyv.";Chybí (Kč)');
    expect(lines[1]).toBe('Liberec;120;1,25;-1200,50');
    expect(lines[2]).toBe('"Frýdlant ""sever""";0;;0,00');
    expect(lines.at(-1)).toBe('');
  });

  it('keeps decimal points in English', () => {
    expect(tableCsv(table, 'en').split('\r\n')[1]).toBe('Liberec;120;1.25;-1200.50');
  });

  it('defuses a text that Excel would run as a formula', () => {
    expect(tableCsv(table, 'cs').split('\r\n')[3]).toBe(`"'=HYPERLINK(""x"")";3;0,5;`);
  });
});

describe('fillTableSheet', () => {
  it('writes numbers as numbers under a bold header', async () => {
    const workbook = new ExcelJS.Workbook();
    fillTableSheet(workbook, table);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(await workbook.xlsx.writeBuffer());
    const sheet = read.worksheets[0]!;
    expect(sheet.name).toBe('Kapacita na 1 000 obyvatel');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Liberec', 120, 1.25, -1200.5]);
    expect(sheet.getCell('C3').value).toBeNull();
  });
});

describe('fileNameOf', () => {
  it('makes a plain file name of a Czech title', () => {
    expect(fileNameOf('Kapacita na 1 000 obyvatel – ORP Liberec', 'csv')).toBe(
      'kapacita-na-1-000-obyvatel-orp-liberec.csv',
    );
  });
});
