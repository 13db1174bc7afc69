import type { FormDefinition, LocalizedText } from '@socplan/contracts';
import {
  normalizeValues,
  validateValues,
  type Issue,
  type ValueOptions,
  type Values,
} from '@socplan/form-rules';
import { keyOfPointer } from './field-issues.ts';
import { presentValues } from './field-values.ts';

/** A codelist item a (multi)choice or a table's row is chosen from, as the API sends it. */
export interface Choice {
  code: string;
  name: string;
  nameEn: string | null;
}

/** A label in the UI's language (English falls back to Czech). */
export const localized = (text: LocalizedText | undefined, locale: string): string =>
  !text ? '' : locale === 'en' ? text.en || text.cs : text.cs;

export const choiceName = (choice: Choice, locale: string): string =>
  locale === 'en' ? choice.nameEn || choice.name : choice.name;

/** The engine's options from the submission's choices and rows (codes only). */
export function valueOptions(
  choices: Record<string, readonly Choice[]>,
  rows: Record<string, readonly Choice[]>,
): ValueOptions {
  const codes = (map: Record<string, readonly Choice[]>) =>
    Object.fromEntries(Object.entries(map).map(([key, list]) => [key, list.map((c) => c.code)]));
  return { choices: codes(choices), rows: codes(rows) };
}

/**
 * The verdict the server would give, computed in the browser by the same engine: first what
 * cannot be read (a number typed wrong), then required fields, ranges and rules over what can.
 * A field that cannot be read gets only that issue (not also "required"). Null when the engine
 * fails (the caller then shows the server's last verdict).
 */
export function validateForm(
  definition: FormDefinition,
  values: Values,
  options: ValueOptions,
): Issue[] | null {
  try {
    const read = normalizeValues(definition, presentValues(values), options);
    const unreadable = new Set(read.issues.map((i) => keyOfPointer(i.pointer) ?? i.field));
    const verdict = validateValues(definition, read.values, options).filter(
      (i) => !unreadable.has(keyOfPointer(i.pointer) ?? i.field),
    );
    return [...read.issues, ...verdict];
  } catch {
    return null;
  }
}

/**
 * A value's label for lists (history, comparison): the field's, a table cell's as
 * "table – row – column". `field` is a field's code or a cell's `table.column`.
 */
export function valueLabel(
  definition: FormDefinition,
  rows: Record<string, readonly Choice[]>,
  field: string,
  row: string | null,
  locale: string,
): string {
  const [code, column] = field.split('.');
  const def = definition.sections.flatMap((s) => s.fields).find((f) => f.code === code);
  if (!def) return row ? `${field} – ${row}` : field;
  const col = column ? def.columns?.find((c) => c.code === column) : undefined;
  const rowChoice = row ? rows[def.code]?.find((r) => r.code === row) : undefined;
  return [
    localized(def.label, locale),
    row && (rowChoice ? choiceName(rowChoice, locale) : row),
    column && (col ? localized(col.label, locale) : column),
  ]
    .filter(Boolean)
    .join(' – ');
}
