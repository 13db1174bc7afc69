/**
 * Reading one raw value (JSON from the push API or the SPA, or a CSV cell) into the stored
 * value of a field or table column. Range and required are not checked here (drafts may break
 * them); a value that cannot be read is reported and left out.
 */
import type { FieldType } from '@socplan/contracts';
import { messages } from './messages.ts';
import { plainDecimal, readDecimalText } from './numbers.ts';
import type { CellValue, IssueKind, Message, ValueSpec } from './types.ts';

export type Source = 'json' | 'csv';
export type Reading =
  { ok: true; value: CellValue } | { ok: false; kind: IssueKind; message: Message };

const NUMERIC: Record<FieldType, boolean> = {
  integer: true,
  decimal: true,
  money: true,
  percent: true,
  text: false,
  boolean: false,
  date: false,
  choice: false,
  multiChoice: false,
  table: false,
};
export const isNumeric = (type: string): boolean => NUMERIC[type as FieldType] === true;

/** Decimal places a numeric field keeps. */
export function decimalsOf(spec: ValueSpec): number {
  if (spec.type === 'integer') return 0;
  if (spec.type === 'decimal') return spec.decimals ?? 2;
  return 2; // money, percent
}

/** The range a numeric field must be in (a percent is 0–100 unless told otherwise). */
export function rangeOf(spec: ValueSpec): { min?: number; max?: number } {
  if (spec.type === 'percent') return { min: spec.min ?? 0, max: spec.max ?? 100 };
  return { min: spec.min, max: spec.max };
}

/** Longest text when the definition sets none (the contract's own ceiling). */
export const DEFAULT_MAX_LENGTH = 10000;

const JSON_DECIMAL = /^-?\d+(?:\.\d+)?$/;
/** CSV from spreadsheets: decimal comma or point, spaces (also no-break) between thousands. */
const CSV_DECIMAL = /^-?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CZECH_DATE = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$/;
const CSV_BOOLEANS: Record<string, boolean> = {
  ano: true,
  ne: false,
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};

const ok = (value: CellValue): Reading => ({ ok: true, value });
const fail = (kind: IssueKind, message: Message): Reading => ({ ok: false, kind, message });
const typeFail = (spec: ValueSpec): Reading =>
  fail(
    'type',
    messages.type(
      spec.type === 'integer' ? 'integer' : isNumeric(spec.type) ? 'number' : spec.type,
    ),
  );

function readNumber(spec: ValueSpec, raw: unknown, source: Source): Reading {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return typeFail(spec);
    text = plainDecimal(raw);
  } else if (typeof raw === 'string') {
    const trimmed = raw.trim();
    if (source === 'csv') {
      if (!CSV_DECIMAL.test(trimmed)) return typeFail(spec);
      text = trimmed.replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
    } else {
      if (!JSON_DECIMAL.test(trimmed)) return typeFail(spec);
      text = trimmed;
    }
  } else {
    return typeFail(spec);
  }
  const decimals = decimalsOf(spec);
  const reading = readDecimalText(text, decimals);
  if (reading.ok) return ok(reading.value);
  return reading.reason === 'decimals'
    ? fail('decimals', messages.decimals(decimals))
    : fail('type', messages.tooManyDigits());
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

function readDate(spec: ValueSpec, text: string, source: Source): Reading {
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [, y, m, d] = iso;
    return isCalendarDate(Number(y), Number(m), Number(d)) ? ok(text) : typeFail(spec);
  }
  const czech = source === 'csv' ? CZECH_DATE.exec(text) : null;
  if (czech) {
    const [, d = '', m = '', y = ''] = czech;
    if (!isCalendarDate(Number(y), Number(m), Number(d))) return typeFail(spec);
    return ok(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  }
  return typeFail(spec);
}

function readCodes(
  spec: ValueSpec,
  raw: unknown,
  source: Source,
  choices?: readonly string[],
): Reading {
  let items: unknown[];
  if (Array.isArray(raw)) items = raw;
  else if (source === 'csv' && typeof raw === 'string') items = raw.split('|');
  else return typeFail(spec);
  const codes = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string') return typeFail(spec);
    const code = item.trim();
    if (code === '') {
      if (source === 'csv') continue; // "a||b", a trailing "|"
      return typeFail(spec);
    }
    if (choices && !choices.includes(code)) return fail('choice', messages.choice(code));
    codes.add(code);
  }
  // Sorted and unique, so equal selections are equal values (sameValue, history).
  return ok(codes.size === 0 ? null : [...codes].sort());
}

/**
 * Reads one value of a (non-table) field or column. `null`, and an empty or blank string,
 * clear the value (null); `choices` are the allowed codes when the deployment knows them.
 */
export function readCell(
  spec: ValueSpec,
  raw: unknown,
  source: Source,
  choices?: readonly string[],
): Reading {
  if (raw === null || raw === undefined) return ok(null);
  if (typeof raw === 'string' && raw.trim() === '') return ok(null);
  if (isNumeric(spec.type)) return readNumber(spec, raw, source);
  switch (spec.type) {
    case 'text': {
      if (typeof raw !== 'string') return typeFail(spec);
      if (raw.includes('\u0000')) return fail('type', messages.textNul());
      const text = raw.trim();
      const max = spec.maxLength ?? DEFAULT_MAX_LENGTH;
      return [...text].length > max ? fail('length', messages.length(max)) : ok(text);
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw);
      if (source === 'csv' && typeof raw === 'string') {
        const value = CSV_BOOLEANS[raw.trim().toLowerCase()];
        if (value !== undefined && Object.hasOwn(CSV_BOOLEANS, raw.trim().toLowerCase()))
          return ok(value);
      }
      return typeFail(spec);
    }
    case 'date':
      return typeof raw === 'string' ? readDate(spec, raw.trim(), source) : typeFail(spec);
    case 'choice': {
      if (typeof raw !== 'string') return typeFail(spec);
      const code = raw.trim();
      return choices && !choices.includes(code) ? fail('choice', messages.choice(code)) : ok(code);
    }
    case 'multiChoice':
      return readCodes(spec, raw, source, choices);
    default:
      return typeFail(spec);
  }
}
