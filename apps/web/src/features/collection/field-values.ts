import type { FormColumn, FormField } from '@socplan/contracts';
import type { CellValue, FieldValue, TableRow, Values } from '@socplan/form-rules';

/**
 * Values in the data-entry form: what an input shows for a value and what it gives back. A
 * number is typed the Czech way ("1 234,5") or the English way ("1234.5"); anything that is
 * not a number is passed on as the text typed, so the rule engine reports it at the field (the
 * same "not a number" verdict the server gives) instead of the input swallowing it.
 */

export type FieldLike = Pick<FormField, 'type' | 'code' | 'unit' | 'decimals'> | FormColumn;
export const NUMBER_TYPES = ['integer', 'decimal', 'money', 'percent'] as const;
export const isNumberType = (type: string): boolean =>
  (NUMBER_TYPES as readonly string[]).includes(type);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Input text → value: '' → null, "1 234,5" → 1234.5, "abc" → "abc" (the engine flags it). */
export function parseNumberInput(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  // Spaces (also non-breaking) group thousands; a typographic minus is a minus.
  let compact = trimmed.replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
  // One decimal separator: a comma alone is the Czech decimal comma; both at once is ambiguous.
  if (compact.includes(',')) {
    if (compact.includes('.') || compact.indexOf(',') !== compact.lastIndexOf(',')) return trimmed;
    compact = compact.replace(',', '.');
  }
  return NUMBER.test(compact) ? Number(compact) : trimmed;
}

/** A number (or the API's decimal string) as the input shows it: "1234,5" in Czech. */
export function formatNumberInput(value: unknown, locale: string): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (locale !== 'cs' || (typeof value !== 'number' && !NUMBER.test(text))) return text;
  return text.replace('.', ',');
}

/** Read-only display of a number: grouped, in the locale, with its unit. */
export function formatNumber(value: unknown, field: FieldLike, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return String(value);
  const digits = field.type === 'integer' ? 0 : field.type === 'decimal' ? undefined : 2;
  const text = new Intl.NumberFormat(locale === 'cs' ? 'cs-CZ' : 'en-GB', {
    minimumFractionDigits: digits ?? 0,
    maximumFractionDigits: digits ?? field.decimals ?? 2,
  }).format(number);
  const unit = field.unit ?? (field.type === 'percent' ? '%' : field.type === 'money' ? 'Kč' : '');
  return unit ? `${text}\u00a0${unit}` : text;
}

/** The key of one value: a field's code, or `table/row/column` for a table's cell. */
export const valueKey = (field: string, row?: string | null, column?: string | null): string =>
  row != null && column ? `${field}/${row}/${column}` : row != null ? `${field}/${row}` : field;

export const isTable = (value: FieldValue | undefined): value is TableRow[] =>
  Array.isArray(value) && value.every((item) => item !== null && typeof item === 'object');

/** One cell of a table value. */
export function cellOf(table: FieldValue | undefined, row: string, column: string): CellValue {
  if (!isTable(table)) return null;
  return table.find((r) => r.row === row)?.[column] ?? null;
}

/**
 * A table value with one cell set (null clears it). Rows without any value left are dropped, so
 * the table sent to the API (which replaces the whole table) holds only what was typed.
 */
export function withCell(
  table: FieldValue | undefined,
  row: string,
  column: string,
  value: CellValue,
): TableRow[] {
  const rows = isTable(table) ? table.map((r) => ({ ...r })) : [];
  let target = rows.find((r) => r.row === row);
  if (!target) {
    target = { row };
    rows.push(target);
  }
  if (value === null || value === '') delete target[column];
  else target[column] = value;
  return rows.filter((r) => Object.keys(r).some((key) => key !== 'row'));
}

/** Values with one field replaced (null clears). */
export function withValue(values: Values, field: string, value: FieldValue): Values {
  const next = { ...values };
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    next[field] = null;
  } else next[field] = value;
  return next;
}

/** The values without cleared (null) fields: the complete set the engine validates. */
export const presentValues = (values: Values): Values =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));

/** A value as read-only text: numbers grouped with their unit, choices by name, yes/no. */
export function displayValue(
  value: unknown,
  field: FieldLike,
  locale: string,
  names: { yes: string; no: string; choice: (code: string) => string },
): string {
  if (value === null || value === undefined || value === '') return '';
  if (isNumberType(field.type)) return formatNumber(value, field, locale);
  if (typeof value === 'boolean') return value ? names.yes : names.no;
  if (field.type === 'choice' && typeof value === 'string') return names.choice(value);
  if (Array.isArray(value)) return value.map((v) => names.choice(String(v))).join(', ');
  if (field.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return locale === 'cs' ? `${Number(d)}. ${Number(m)}. ${y}` : value;
  }
  return String(value);
}
