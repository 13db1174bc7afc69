import { cellNumber, type Cell, type TableColumn, type TableModel } from './table-model.ts';

/**
 * CSV that Czech Excel opens by a double click: UTF-8 with a BOM (else it reads cp1250), `;`
 * between fields (the comma is the decimal separator) and a decimal comma in Czech.
 */
const BOM = '\ufeff';
const SEPARATOR = ';';

/** A text that Excel would run as a formula gets a leading apostrophe (CSV injection). */
const FORMULA = /^[=+\-@\t\r]/;

function numberText(cell: Cell, locale: string): string {
  const value = cellNumber(cell);
  if (value === null) return '';
  // Decimal strings keep their digits; only the separator changes.
  const text = typeof cell === 'string' ? cell.trim() : String(value);
  return locale === 'cs' ? text.replace('.', ',') : text;
}

function field(cell: Cell, column: TableColumn, locale: string): string {
  const text =
    column.kind === 'text' ? String(cell ?? '').replace(FORMULA, "'$&") : numberText(cell, locale);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV text: a header line of column labels, then one line per row (CRLF). */
export function tableCsv(table: TableModel, locale: string): string {
  const header = table.columns.map((c) => field(c.label, { ...c, kind: 'text' }, locale));
  const lines = table.rows.map((row) =>
    table.columns.map((column, i) => field(row[i] ?? null, column, locale)).join(SEPARATOR),
  );
  return BOM + [header.join(SEPARATOR), ...lines].join('\r\n') + '\r\n';
}
