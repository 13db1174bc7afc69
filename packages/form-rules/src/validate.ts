/** Everything a submission must pass to be submitted. */
import { evaluate, EvaluationError, parseExpression, type Reference } from './expression.ts';
import {
  indexFields,
  isEmptyValue,
  rowHasValue,
  valueIssue,
  valuePointer,
  type FieldIndex,
} from './fields.ts';
import { messages } from './messages.ts';
import { isNumeric, rangeOf } from './read.ts';
import type {
  CellValue,
  FormDefinition,
  FormRule,
  Issue,
  TableRow,
  ValueOptions,
  ValueSpec,
  Values,
} from './types.ts';
import { normalizeValues } from './values.ts';

/** Range of one numeric value. */
function rangeIssue(
  spec: ValueSpec,
  value: CellValue,
  at: [string, string?, string?],
): Issue | null {
  if (!isNumeric(spec.type) || typeof value !== 'number') return null;
  const { min, max } = rangeOf(spec);
  if (min !== undefined && value < min) return valueIssue('min', messages.min(min), ...at);
  if (max !== undefined && value > max) return valueIssue('max', messages.max(max), ...at);
  return null;
}

function fieldIssues(index: FieldIndex, values: Values, skip: Set<string>): Issue[] {
  const issues: Issue[] = [];
  const add = (found: Issue | null) => {
    if (found && !skip.has(found.pointer)) issues.push(found);
  };
  for (const field of index.fields.values()) {
    const value = Object.hasOwn(values, field.code) ? values[field.code] : null;
    if (field.type !== 'table') {
      if (isEmptyValue(value as CellValue)) {
        if (field.required) add(valueIssue('required', messages.required(), field.code));
      } else add(rangeIssue(field, value as CellValue, [field.code]));
      continue;
    }
    const rows = Array.isArray(value) ? (value as TableRow[]) : [];
    const columns = [...(index.columns.get(field.code)?.values() ?? [])];
    let filledRows = 0;
    for (const row of rows) {
      if (!rowHasValue(row)) continue;
      filledRows++;
      for (const column of columns) {
        const cell = Object.hasOwn(row, column.code) ? row[column.code] : null;
        const at: [string, string, string] = [field.code, row.row, column.code];
        if (isEmptyValue(cell)) {
          if (column.required) add(valueIssue('required', messages.required(), ...at));
        } else add(rangeIssue(column, cell ?? null, at));
      }
    }
    if (field.required && filledRows === 0) {
      add(valueIssue('required', messages.requiredTable(), field.code));
    }
  }
  return issues;
}

/** Where a rule's issue points: the first field its assert (else its when) reads. */
function target(references: Reference[]): Pick<Issue, 'pointer' | 'field' | 'column'> {
  const first = references[0];
  if (!first) return { pointer: '/values', field: '' };
  const found: Pick<Issue, 'pointer' | 'field' | 'column'> = {
    pointer: valuePointer(first.field),
    field: first.field,
  };
  if (first.column !== undefined) found.column = first.column;
  return found;
}

function ruleIssue(index: FieldIndex, values: Values, rule: FormRule): Issue | null {
  const assert = parseExpression(rule.assert);
  const when = rule.when === undefined ? undefined : parseExpression(rule.when);
  const references = [
    ...(assert.ok ? assert.parsed.references : []),
    ...(when?.ok ? when.parsed.references : []),
  ];
  const base = { ...target(references), rule: rule.code };
  const broken = (detail: string): Issue => ({
    ...base,
    severity: 'warning',
    kind: 'ruleError',
    message: messages.ruleError(rule.code, detail),
  });
  if (!assert.ok) return broken(assert.error);
  if (when && !when.ok) return broken(when.error);
  try {
    if (when) {
      const applies = evaluate(when.parsed.ast, index, values);
      if (applies !== true && applies !== false && applies !== null) {
        return broken('the condition is not true or false');
      }
      if (applies !== true) return null;
    }
    const holds = evaluate(assert.parsed.ast, index, values);
    if (holds === true || holds === null) return null;
    if (holds !== false) return broken('the assertion is not true or false');
  } catch (error) {
    if (error instanceof EvaluationError) return broken(error.message);
    return broken(String(error));
  }
  return {
    ...base,
    severity: rule.severity === 'warning' ? 'warning' : 'error',
    kind: 'rule',
    message: {
      cs: rule.message?.cs ?? rule.code,
      en: rule.message?.en || rule.message?.cs || rule.code,
    },
  };
}

/**
 * Everything a submission must pass to be submitted: required fields (and required columns
 * of rows that have values), min/max, choices, rows, and every rule (warnings too, with
 * severity 'warning'). `values` is the complete value set of the submission. Never throws.
 */
export function validateValues(
  definition: FormDefinition,
  values: Values,
  options: ValueOptions,
): Issue[] {
  const index = indexFields(definition);
  // Reading again is cheap and makes stored values from an older reading (or a caller's
  // hand-made object) meet today's choices, rows and types.
  const read = normalizeValues(definition, values as Record<string, unknown>, options);
  const skip = new Set(read.issues.map((i) => i.pointer));
  const issues = [...read.issues, ...fieldIssues(index, read.values, skip)];
  for (const rule of definition.rules ?? []) {
    const found = ruleIssue(index, read.values, rule);
    if (found) issues.push(found);
  }
  return issues;
}
