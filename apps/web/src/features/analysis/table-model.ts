/**
 * One model for what a chart shows: the chart, its accessible table, the CSV and the XLSX are
 * all drawn from it, so they can never disagree.
 */
export type CellKind = 'text' | 'count' | 'number' | 'money' | 'percent';

/** Money and percentages stay decimal strings as the API writes them; counts are numbers. */
export type Cell = string | number | null;

export interface TableColumn {
  key: string;
  label: string;
  kind: CellKind;
}

export interface TableModel {
  /** The chart's title; the caption of its table and the name of its downloads. */
  title: string;
  columns: TableColumn[];
  rows: Cell[][];
}

/** A cell as a number (charts, spreadsheet); null when empty or not numeric. */
export function cellNumber(cell: Cell): number | null {
  if (cell === null || cell === '') return null;
  const value = typeof cell === 'number' ? cell : Number(cell);
  return Number.isFinite(value) ? value : null;
}

/** The column index of `key`; throws on a programming error (a chart naming a missing column). */
export function columnIndex(table: TableModel, key: string): number {
  const index = table.columns.findIndex((c) => c.key === key);
  if (index === -1) throw new Error(`no column ${key} in ${table.title}`);
  return index;
}

/** A download's file name from the title: letters, digits and dashes, without diacritics. */
export function fileNameOf(title: string, extension: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'table'}.${extension}`;
}
