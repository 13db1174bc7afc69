import type { FormColumn, FormDefinition, FormField, FormRule } from '@socplan/contracts';

export type { FormDefinition, FormField, FormColumn, FormRule };

export type Scalar = number | string | boolean | string[];
export type CellValue = Scalar | null;
export interface TableRow {
  row: string;
  [column: string]: CellValue;
}
export type FieldValue = CellValue | TableRow[];
export type Values = Record<string, FieldValue>;

/** One stored value (see the module comment of index.ts). */
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
  | 'type' // not a value of the field's type (also a malformed or repeated table row)
  | 'decimals'
  | 'length'
  | 'choice'
  | 'required'
  | 'min'
  | 'max'
  | 'rule'
  | 'ruleError'; // a rule that cannot be evaluated (e.g. division by zero is not: it is empty)

export interface Message {
  cs: string;
  en: string;
}

export interface Issue {
  /** `/values/<field>` or `/values/<table>/<rowCode>/<column>`. */
  pointer: string;
  /** The field's code; for a table cell (or a rule naming `table.column`) the table's code. */
  field: string;
  row?: string;
  column?: string;
  rule?: string;
  severity: 'error' | 'warning';
  kind: IssueKind;
  message: Message;
}

/** A problem of a definition (publish refuses it), with a JSON pointer into the definition. */
export interface DefinitionProblem {
  pointer: string;
  detail: string;
}

/** A field or a table column: what a single value is checked against. */
export type ValueSpec = FormColumn | FormField;
