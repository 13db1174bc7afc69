import type ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  PLAN_IMPORT_XLSX,
  PLAN_NODE_LEVELS,
  type PlanImportReason,
  type PlanNodeLevel,
} from '@socplan/contracts';
import type { NodeCost, NodeFunding } from '../../db/schema/index.ts';
import { InvalidError } from '../../lib/errors.ts';
import { loadExcelJs } from '../../lib/exceljs.ts';
import { parseMoney } from '../financing/money.ts';

/**
 * Reading a plan's structure from a spreadsheet (docs/decisions/0403-plan-spreadsheet-import.md):
 * the sheet as rows of cells, the header mapped to columns, each row checked on its own and
 * against its parent. Pure apart from reading the bytes; the service writes what passes.
 */

type Cell = string | number | null;
/** A non-empty row of the sheet with its row number (the header row included). */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

/** More rows than any plan has (the benchmark's large plan has 2,010 nodes). */
export const MAX_IMPORT_ROWS = 10_000;

const fileError = (detail: string) =>
  new InvalidError(detail, [{ in: 'body', pointer: '', detail }]);

/** CSV (UTF-8, BOM or not, `;` or `,` as Czech or English Excel writes it) as rows. */
function readCsv(content: Buffer): SheetRow[] {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw fileError(`The CSV cannot be read: ${(error as Error).message}`);
  }
  return records.map((cells, i) => ({ row: i + 1, cells }));
}

/** The value a cell shows: formulas by their result, rich text as its text. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}

/** The first worksheet of an XLSX workbook as rows. */
async function readXlsx(content: Buffer): Promise<SheetRow[]> {
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw fileError('The file is not a readable XLSX workbook.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError('The workbook has no sheet.');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  return rows;
}

export const readSheet = (mediaType: string, content: Buffer): Promise<SheetRow[]> | SheetRow[] =>
  mediaType === PLAN_IMPORT_XLSX ? readXlsx(content) : readCsv(content);

// --- the header ---

type Column =
  | { kind: 'code' | 'title' | 'description' | 'responsible' }
  | { kind: 'cost'; year: number }
  | { kind: 'funding'; source: string; year: number }
  | { kind: 'unknown_source'; source: string; year: number };

type MoneyColumn = Extract<Column, { year: number }>;

const TEXT_COLUMNS: Record<string, 'code' | 'title' | 'description' | 'responsible'> = {
  code: 'code',
  kod: 'code',
  title: 'title',
  nazev: 'title',
  description: 'description',
  popis: 'description',
  responsible: 'responsible',
  garant: 'responsible',
};
const COST_WORDS = new Set(['cost', 'costs', 'naklady']);

/** Lower case, no diacritics, single spaces, without a trailing currency: "Náklady 2025 (Kč)" → "naklady 2025". */
const normalizeHeader = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\(?\b(kc|czk)\b\)?/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function columnOf(header: string, sources: ReadonlySet<string>): Column | undefined {
  const name = normalizeHeader(header);
  const text = TEXT_COLUMNS[name];
  if (text) return { kind: text };
  const money = /^(?:([a-z_]+) )?(\d{4})$/.exec(name);
  if (!money) return undefined;
  const [, word, year] = money;
  if (!word || COST_WORDS.has(word)) return { kind: 'cost', year: Number(year) };
  return {
    kind: sources.has(word) ? 'funding' : 'unknown_source',
    source: word,
    year: Number(year),
  };
}

// --- the rows ---

export interface ParsedRow {
  row: number;
  /** As written in the file. */
  code: string | null;
  /** Normalized (`1.2.` → `1.2`); null when not a code. */
  path: number[] | null;
  title: string | null;
  description: string | null;
  responsible: string | null;
  level: PlanNodeLevel | null;
  costs: NodeCost[];
  funding: NodeFunding[];
  reasons: { reason: PlanImportReason; column: string | null; detail: string }[];
}

export interface ParsedSheet {
  rows: ParsedRow[];
  ignoredColumns: string[];
}

const textOf = (cell: Cell | undefined): string | null => {
  const text = cell === null || cell === undefined ? '' : String(cell).trim();
  return text || null;
};

/**
 * Haléř from a cell: a number with at most two decimals, or text like "1 250 000", "1250000,50"
 * or "12 500 Kč"; undefined when it is none of these or negative.
 */
export function amountOf(cell: Cell): number | undefined {
  let text = typeof cell === 'number' ? String(cell) : String(cell ?? '');
  text = text.replace(/[\s\u00a0\u202f]/g, '').replace(/(kč|czk)$/i, '');
  if (/^\d+,\d{1,2}$/.test(text)) text = text.replace(',', '.');
  const value = /^\d+(\.\d{1,2})?$/.test(text) ? parseMoney(text) : undefined;
  return value;
}

/**
 * Checks every row of the sheet: its code, level and title, its money against the plan's years
 * and the level, and then its parent (missing from the file, or rejected itself).
 */
export function parseSheet(
  sheet: readonly SheetRow[],
  options: { sources: ReadonlySet<string>; yearFrom: number; yearTo: number },
): ParsedSheet {
  const [header, ...body] = sheet;
  if (!header) throw fileError('The file is empty: it needs a header row and rows below it.');
  const columns = header.cells.map((cell) => columnOf(String(cell ?? ''), options.sources));
  for (const kind of ['code', 'title'] as const)
    if (!columns.some((c) => c?.kind === kind))
      throw fileError(
        `The header row has no column "${kind}" (or "${kind === 'code' ? 'kód' : 'název'}"): see GET /api/plans/import-template.csv.`,
      );
  const ignoredColumns = header.cells.flatMap((cell, i) =>
    columns[i] || textOf(cell) === null ? [] : [String(cell)],
  );

  const filled = body.filter((r) => r.cells.some((c) => textOf(c) !== null));
  if (filled.length > MAX_IMPORT_ROWS)
    throw fileError(
      `The file has ${filled.length} rows; a plan import takes at most ${MAX_IMPORT_ROWS}.`,
    );
  const rows = filled.map((r) => parseRow(r, header, columns, options));

  // Parents: the first row with a code stands; a later one with the same code is a duplicate.
  const byCode = new Map<string, ParsedRow>();
  for (const r of rows) {
    if (!r.path) continue;
    const key = r.path.join('.');
    if (byCode.has(key))
      r.reasons.push({
        reason: 'duplicate_code',
        column: null,
        detail: `row ${byCode.get(key)!.row} has the code ${key} already`,
      });
    else byCode.set(key, r);
  }
  const byDepth = rows.filter((r) => r.path).sort((a, b) => a.path!.length - b.path!.length);
  for (const r of byDepth) {
    if (r.path!.length < 2) continue;
    const parentCode = r.path!.slice(0, -1).join('.');
    const parent = byCode.get(parentCode);
    if (!parent)
      r.reasons.push({
        reason: 'parent_missing',
        column: null,
        detail: `no row has the code ${parentCode}`,
      });
    else if (parent.reasons.length)
      r.reasons.push({
        reason: 'parent_rejected',
        column: null,
        detail: `its parent ${parentCode} (row ${parent.row}) was rejected`,
      });
  }
  return { rows, ignoredColumns };
}

function parseRow(
  r: SheetRow,
  header: SheetRow,
  columns: readonly (Column | undefined)[],
  options: { yearFrom: number; yearTo: number },
): ParsedRow {
  const reasons: ParsedRow['reasons'] = [];
  const parsed: ParsedRow = {
    row: r.row,
    code: null,
    path: null,
    title: null,
    description: null,
    responsible: null,
    level: null,
    costs: [],
    funding: [],
    reasons,
  };
  const money: { column: MoneyColumn; header: string; cell: Cell }[] = [];
  columns.forEach((column, i) => {
    const cell = r.cells[i] ?? null;
    if (!column || textOf(cell) === null) return;
    if ('year' in column) money.push({ column, header: String(header.cells[i]), cell });
    else parsed[column.kind] = textOf(cell);
  });

  const code = parsed.code?.replace(/\.$/, '');
  if (!code || !/^[1-9]\d*(\.[1-9]\d*)*$/.test(code))
    reasons.push({
      reason: 'bad_code',
      column: null,
      detail: `"${parsed.code ?? ''}" is not a code like 1, 1.2 or 1.2.3`,
    });
  else if (code.split('.').length > PLAN_NODE_LEVELS.length)
    reasons.push({
      reason: 'level_too_deep',
      column: null,
      detail: `${code} is below an activity (the tree has ${PLAN_NODE_LEVELS.length} levels: priority, measure, activity)`,
    });
  else {
    parsed.path = code.split('.').map(Number);
    parsed.level = PLAN_NODE_LEVELS[parsed.path.length - 1]!;
  }
  if (!parsed.title) reasons.push({ reason: 'title_missing', column: null, detail: 'no title' });

  for (const { column, header: name, cell } of money) {
    if (column.kind === 'unknown_source') {
      reasons.push({
        reason: 'unknown_funding_source',
        column: name,
        detail: `"${column.source}" is not a code of the codelist funding_source`,
      });
      continue;
    }
    if (column.year < options.yearFrom || column.year > options.yearTo) {
      reasons.push({
        reason: 'year_outside_plan',
        column: name,
        detail: `${column.year} is outside the plan's period ${options.yearFrom}–${options.yearTo}`,
      });
      continue;
    }
    const amount = amountOf(cell);
    if (amount === undefined) {
      reasons.push({
        reason: 'bad_amount',
        column: name,
        detail: `"${cell}" is not an amount in CZK with at most two decimals`,
      });
      continue;
    }
    if (amount === 0) continue;
    if (column.kind === 'cost') parsed.costs.push({ year: column.year, amount });
    else parsed.funding.push({ source: column.source, year: column.year, amount });
  }
  if (parsed.level && parsed.level !== 'activity' && parsed.costs.length + parsed.funding.length)
    reasons.push({
      reason: 'money_on_non_activity',
      column: null,
      detail: `a ${parsed.level} carries no money: it shows the sums of its activities`,
    });
  return parsed;
}
