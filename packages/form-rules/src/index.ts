/**
 * The data-collection rule engine: one implementation, run by the API on every save and
 * submit and by the SPA for instant feedback, from the same form definitions (data).
 *
 * Values have the wire shape of the push API:
 * `{ "<field>": value, "<table>": [ { "row": "<code>", "<column>": value } ] }`.
 * Stored, each value is a FlatValue: a scalar field has `row` '', a table cell has
 * `field` = `<table>.<column>` and `row` = the row's code.
 *
 * Design and semantics: docs/decisions/0501-form-rules-engine.md.
 */
import type { Issue } from './types.ts';

export type {
  CellValue,
  DefinitionProblem,
  FieldValue,
  FlatKey,
  FlatValue,
  FormColumn,
  FormDefinition,
  FormField,
  Issue,
  IssueKind,
  Message,
  Scalar,
  TableRow,
  ValueOptions,
  Values,
} from './types.ts';
export { checkDefinition } from './definition.ts';
export { normalizeValues, flattenValues, unflattenValues, sameValue } from './values.ts';
export { validateValues } from './validate.ts';
export { FUNCTIONS as RULE_FUNCTIONS } from './expression.ts';
export { decimalsOf, rangeOf } from './read.ts';

/** The issue's message in a language; for the API's English `detail`. */
export const issueDetail = (issue: Issue, locale: 'cs' | 'en' = 'en'): string =>
  issue.message[locale];
