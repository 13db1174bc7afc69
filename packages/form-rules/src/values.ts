/** Raw input → typed wire values, and wire values ↔ stored (flat) values. */
import { indexFields, own, valueIssue } from './fields.ts';
import { messages } from './messages.ts';
import { readCell, type Source } from './read.ts';
import type {
  CellValue,
  FlatKey,
  FlatValue,
  FormDefinition,
  FormField,
  Issue,
  Scalar,
  TableRow,
  ValueOptions,
  Values,
} from './types.ts';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readTable(
  definition: FormDefinition,
  table: FormField,
  raw: unknown,
  options: ValueOptions,
  source: Source,
  issues: Issue[],
): TableRow[] | null | undefined {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' && raw.trim() === '') return null;
  if (!Array.isArray(raw)) {
    issues.push(valueIssue('type', messages.type('table'), table.code));
    return undefined;
  }
  const columns = indexFields(definition).columns.get(table.code) ?? new Map();
  const allowedRows = own(options.rows, table.code);
  const seen = new Set<string>();
  const rows: TableRow[] = [];
  raw.forEach((item, index) => {
    const code = isRecord(item) && typeof item.row === 'string' ? item.row.trim() : '';
    if (!isRecord(item) || code === '') {
      issues.push(valueIssue('type', messages.badRow(), table.code, String(index)));
      return;
    }
    if (allowedRows && !allowedRows.includes(code)) {
      issues.push(valueIssue('unknown', messages.unknownRow(code), table.code, code));
      return;
    }
    if (seen.has(code)) {
      issues.push(valueIssue('type', messages.duplicateRow(code), table.code, code));
      return;
    }
    seen.add(code);
    const row: TableRow = { row: code };
    for (const [key, value] of Object.entries(item)) {
      if (key === 'row') continue;
      const column = columns.get(key);
      if (!column) {
        issues.push(valueIssue('unknown', messages.unknownColumn(key), table.code, code, key));
        continue;
      }
      const reading = readCell(column, value, source, own(options.choices, `${table.code}.${key}`));
      if (reading.ok) row[key] = reading.value;
      else issues.push(valueIssue(reading.kind, reading.message, table.code, code, key));
    }
    rows.push(row);
  });
  return rows;
}

/**
 * Reads raw input (JSON from the push API or the SPA; CSV cells as strings with `source:
 * 'csv'`, decimal comma allowed, multi-choice `a|b`) into typed values. Returns the values
 * that could be read (null = clear) and an issue for every unknown field/row/column and every
 * value of the wrong type, decimals or length, or not among its choices. Range, required and
 * rules are not checked here (drafts may break them): see validateValues.
 */
export function normalizeValues(
  definition: FormDefinition,
  input: Record<string, unknown>,
  options: ValueOptions,
  read: { source: 'json' | 'csv' } = { source: 'json' },
): { values: Values; issues: Issue[] } {
  const { fields } = indexFields(definition);
  const values: Values = {};
  const issues: Issue[] = [];
  for (const [code, raw] of Object.entries(input ?? {})) {
    const field = fields.get(code);
    if (!field) {
      issues.push(valueIssue('unknown', messages.unknownField(code), code));
      continue;
    }
    if (field.type === 'table') {
      const rows = readTable(definition, field, raw, options, read.source, issues);
      if (rows !== undefined) values[code] = rows;
      continue;
    }
    const reading = readCell(field, raw, read.source, own(options.choices, code));
    if (reading.ok) values[code] = reading.value;
    else issues.push(valueIssue(reading.kind, reading.message, code));
  }
  return { values, issues };
}

/**
 * Wire values → stored values; null values become `cleared` keys. A table is merged cell by
 * cell (a row's missing column is left as it is, a null cell is cleared); a table given as null
 * is listed in `clearedTables` (every stored cell of it goes) and, where `rows` knows the
 * table's rows, also expanded into `cleared` keys.
 */
export function flattenValues(
  definition: FormDefinition,
  values: Values,
  options?: Pick<ValueOptions, 'rows'>,
): { set: FlatValue[]; cleared: FlatKey[]; clearedTables: string[] } {
  const { fields, columns } = indexFields(definition);
  const set: FlatValue[] = [];
  const cleared: FlatKey[] = [];
  const clearedTables: string[] = [];
  for (const [code, value] of Object.entries(values)) {
    const field = fields.get(code);
    if (!field) continue;
    if (field.type !== 'table') {
      if (value === null || value === undefined) cleared.push({ field: code, row: '' });
      else set.push({ field: code, row: '', value: value as Scalar });
      continue;
    }
    if (!Array.isArray(value)) {
      clearedTables.push(code);
      for (const row of own(options?.rows, code) ?? []) {
        for (const column of columns.get(code)?.keys() ?? []) {
          cleared.push({ field: `${code}.${column}`, row });
        }
      }
      continue;
    }
    for (const row of value as TableRow[]) {
      for (const [column, cell] of Object.entries(row)) {
        if (column === 'row') continue;
        const key = { field: `${code}.${column}`, row: row.row };
        if (cell === null || cell === undefined) cleared.push(key);
        else set.push({ ...key, value: cell });
      }
    }
  }
  return { set, cleared, clearedTables };
}

/**
 * Stored values → wire values. Tables list their rows in the order of `rows` when given (rows
 * not listed there follow, by code), otherwise by code. Values of fields or columns the
 * definition does not have are left out.
 */
export function unflattenValues(
  definition: FormDefinition,
  flat: readonly FlatValue[],
  options?: Pick<ValueOptions, 'rows'>,
): Values {
  const { fields, columns } = indexFields(definition);
  const values: Values = {};
  const tables = new Map<string, Map<string, TableRow>>();
  for (const { field, row, value } of flat) {
    const dot = field.indexOf('.');
    if (dot < 0) {
      const known = fields.get(field);
      if (known && known.type !== 'table') values[field] = value;
      continue;
    }
    const table = field.slice(0, dot);
    const column = field.slice(dot + 1);
    if (!columns.get(table)?.has(column)) continue;
    let rows = tables.get(table);
    if (!rows) tables.set(table, (rows = new Map()));
    let target = rows.get(row);
    if (!target) rows.set(row, (target = { row }));
    target[column] = value;
  }
  for (const [table, rows] of tables) {
    const order = own(options?.rows, table) ?? [];
    const position = new Map(order.map((code, i) => [code, i]));
    values[table] = [...rows.values()].sort((a, b) => {
      const pa = position.get(a.row) ?? Infinity;
      const pb = position.get(b.row) ?? Infinity;
      if (pa !== pb) return pa < pb ? -1 : 1;
      return a.row < b.row ? -1 : a.row > b.row ? 1 : 0;
    });
  }
  return values;
}

/** Whether two stored values are the same (unchanged values are not rewritten). */
export function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const left = a ?? null;
  const right = b ?? null;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    const sortedRight = [...right].sort();
    return [...left].sort().every((code, i) => code === sortedRight[i]);
  }
  return left === right;
}
