import type { CellValue, FormColumn, FormDefinition, FormField, Issue, TableRow } from './types.ts';

/** A definition's fields by code (the first of a repeated code wins; checkDefinition flags it). */
export interface FieldIndex {
  fields: Map<string, FormField>;
  columns: Map<string, Map<string, FormColumn>>;
}

const indexes = new WeakMap<FormDefinition, FieldIndex>();

/** Cached per definition object: the API reuses the object of a campaign's form version. */
export function indexFields(definition: FormDefinition): FieldIndex {
  const cached = indexes.get(definition);
  if (cached) return cached;
  const fields = new Map<string, FormField>();
  const columns = new Map<string, Map<string, FormColumn>>();
  for (const section of definition.sections ?? []) {
    for (const field of section.fields ?? []) {
      if (fields.has(field.code)) continue;
      fields.set(field.code, field);
      if (field.type === 'table') {
        const byCode = new Map<string, FormColumn>();
        for (const column of field.columns ?? []) {
          if (!byCode.has(column.code)) byCode.set(column.code, column);
        }
        columns.set(field.code, byCode);
      }
    }
  }
  const index = { fields, columns };
  indexes.set(definition, index);
  return index;
}

/** An own property of a record (never one of Object.prototype's, e.g. `constructor`). */
export const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record && Object.hasOwn(record, key) ? record[key] : undefined;

/** A JSON pointer segment (RFC 6901). */
export const segment = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

export const valuePointer = (field: string, row?: string, column?: string): string =>
  `/values/${segment(field)}${row === undefined ? '' : `/${segment(row)}`}${
    column === undefined ? '' : `/${segment(column)}`
  }`;

export const isEmptyValue = (v: CellValue | undefined): boolean =>
  v === null || v === undefined || (Array.isArray(v) && v.length === 0);

/** A table row counts (for required, count(table), includes(table, …)) if any cell has a value. */
export const rowHasValue = (row: TableRow): boolean =>
  Object.entries(row).some(([key, value]) => key !== 'row' && !isEmptyValue(value));

/** An error about one value: a field, a table row, or a cell. */
export function valueIssue(
  kind: Issue['kind'],
  message: Issue['message'],
  field: string,
  row?: string,
  column?: string,
): Issue {
  const found: Issue = {
    pointer: valuePointer(field, row, column),
    field,
    severity: 'error',
    kind,
    message,
  };
  if (row !== undefined) found.row = row;
  if (column !== undefined) found.column = column;
  return found;
}
