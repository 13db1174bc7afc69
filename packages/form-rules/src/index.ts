/**
 * The data-collection rule engine: one implementation, run by the API on every save and
 * submit and by the SPA for instant feedback, from the same form definitions (data).
 *
 * Values have the wire shape of the push API:
 * `{ "<field>": value, "<table>": [ { "row": "<code>", "<column>": value } ] }`.
 * Stored, each value is a FlatValue: a scalar field has `row` '', a table cell has
 * `field` = `<table>.<column>` and `row` = the row's code.
 */
import type { FormDefinition, FormField, FormColumn } from '@socplan/contracts';

export type Scalar = number | string | boolean | string[];
export type CellValue = Scalar | null;
export interface TableRow {
  row: string;
  [column: string]: CellValue;
}
export type FieldValue = CellValue | TableRow[];
export type Values = Record<string, FieldValue>;

/** One stored value (see the module comment). */
export interface FlatValue {
  field: string;
  row: string;
  value: Scalar;
}
export interface FlatKey {
  field: string;
  row: string;
}

/**
 * What the definition leaves to the deployment: the allowed codes of every (multi)choice field
 * (by field code; a table column by `table.column`) and the rows of every table (by field code).
 * A field missing here accepts any code / row.
 */
export interface ValueOptions {
  choices: Record<string, readonly string[]>;
  rows: Record<string, readonly string[]>;
}

export type IssueKind =
  | 'unknown' // no such field, column or row
  | 'type' // not a value of the field's type
  | 'decimals'
  | 'length'
  | 'choice'
  | 'required'
  | 'min'
  | 'max'
  | 'rule'
  | 'ruleError'; // a rule that cannot be evaluated (e.g. division by zero is not: it is empty)

export interface Issue {
  /** `/values/<field>` or `/values/<table>/<rowCode>/<column>`. */
  pointer: string;
  field: string;
  row?: string;
  column?: string;
  rule?: string;
  severity: 'error' | 'warning';
  kind: IssueKind;
  message: { cs: string; en: string };
}

/** A problem of a definition (publish refuses it), with a JSON pointer into the definition. */
export interface DefinitionProblem {
  pointer: string;
  detail: string;
}

export type { FormDefinition, FormField, FormColumn };

/**
 * Checks a definition: unique section/field/column/rule codes, types and their options
 * (table has rows and columns; choice has a codelist; min <= max), rule expressions that
 * parse, use only supported operators and functions and name existing fields.
 * `codelists` (when given) are the codelists that exist.
 */
export function checkDefinition(
  _definition: FormDefinition,
  _known: { codelists?: readonly string[] } = {},
): DefinitionProblem[] {
  throw new Error('form-rules: not implemented yet');
}

/**
 * Reads raw input (JSON from the push API or the SPA; CSV cells as strings with `source:
 * 'csv'`, decimal comma allowed, multi-choice `a|b`) into typed values. Returns the values
 * that could be read (null = clear) and an issue for every unknown field/row/column and every
 * value of the wrong type, decimals or length, or not among its choices. Range, required and
 * rules are not checked here (drafts may break them): see validateValues.
 */
export function normalizeValues(
  _definition: FormDefinition,
  _input: Record<string, unknown>,
  _options: ValueOptions,
  _read: { source: 'json' | 'csv' } = { source: 'json' },
): { values: Values; issues: Issue[] } {
  throw new Error('form-rules: not implemented yet');
}

/**
 * Everything a submission must pass to be submitted: required fields (and required columns
 * of rows that have values), min/max, choices, rows, and every rule (warnings too, with
 * severity 'warning'). `values` is the complete value set of the submission.
 */
export function validateValues(
  _definition: FormDefinition,
  _values: Values,
  _options: ValueOptions,
): Issue[] {
  throw new Error('form-rules: not implemented yet');
}

/** Wire values → stored values; null values become `cleared` keys. */
export function flattenValues(
  _definition: FormDefinition,
  _values: Values,
): { set: FlatValue[]; cleared: FlatKey[] } {
  throw new Error('form-rules: not implemented yet');
}

/** Stored values → wire values (tables as arrays of rows in the order of `rows` when given). */
export function unflattenValues(
  _definition: FormDefinition,
  _flat: readonly FlatValue[],
  _options?: Pick<ValueOptions, 'rows'>,
): Values {
  throw new Error('form-rules: not implemented yet');
}

/** Whether two stored values are the same (unchanged values are not rewritten). */
export function sameValue(_a: Scalar | null | undefined, _b: Scalar | null | undefined): boolean {
  throw new Error('form-rules: not implemented yet');
}

/** The issue's message in a language; for the API's English `detail`. */
export const issueDetail = (issue: Issue, locale: 'cs' | 'en' = 'en'): string =>
  issue.message[locale];
