/** Whether a definition can be published: the checks a JSON schema cannot express. */
import type { FieldType } from '@socplan/contracts';
import { parseExpression, typeOf } from './expression.ts';
import { indexFields, segment } from './fields.ts';
import { isNumeric } from './read.ts';
import type { DefinitionProblem, FormDefinition, ValueSpec } from './types.ts';

const CODE = /^[a-z][a-z0-9_]{0,62}$/;
/** Words an expression reads as literals, so a field so named could never be referred to. */
const RESERVED = new Set(['true', 'false', 'null', 'this']);
const TYPES: Record<FieldType, true> = {
  integer: true,
  decimal: true,
  money: true,
  percent: true,
  text: true,
  boolean: true,
  date: true,
  choice: true,
  multiChoice: true,
  table: true,
};

/**
 * Checks a definition: unique section/field/column/rule codes, types and their options
 * (table has rows and columns; choice has a codelist; min <= max), rule expressions that
 * parse, use only supported operators and functions and name existing fields.
 * `codelists` (when given) are the codelists that exist.
 */
export function checkDefinition(
  definition: FormDefinition,
  known: { codelists?: readonly string[] } = {},
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const problem = (pointer: string, detail: string) => problems.push({ pointer, detail });
  const codelist = (pointer: string, code: string | undefined) => {
    if (!code) problem(pointer, 'a codelist is required');
    else if (known.codelists && !known.codelists.includes(code)) {
      problem(pointer, `unknown codelist ${code}`);
    }
  };
  const code = (pointer: string, value: unknown, seen: Set<string>, what: string) => {
    if (typeof value !== 'string' || !CODE.test(value)) {
      problem(
        pointer,
        `${what} code must be lower-case letters, digits and _, starting with a letter`,
      );
    } else if (RESERVED.has(value)) {
      problem(pointer, `${value} is a reserved word`);
    } else if (seen.has(value)) {
      problem(pointer, `duplicate ${what} code ${value}`);
    }
    if (typeof value === 'string') seen.add(value);
  };

  /** What a field and a column share: type, range, decimals, codelist, prefill. */
  const checkSpec = (spec: ValueSpec, at: string, inTable: boolean) => {
    if (!Object.hasOwn(TYPES, spec.type) || (inTable && spec.type === 'table')) {
      problem(
        `${at}/type`,
        `unsupported ${inTable ? 'column' : 'field'} type ${String(spec.type)}`,
      );
      return;
    }
    if (isNumeric(spec.type)) {
      if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
        problem(`${at}/min`, `min ${spec.min} is greater than max ${spec.max}`);
      }
    } else {
      if (spec.min !== undefined) problem(`${at}/min`, `min applies to numeric fields only`);
      if (spec.max !== undefined) problem(`${at}/max`, `max applies to numeric fields only`);
    }
    if (spec.type === 'choice' || spec.type === 'multiChoice')
      codelist(`${at}/codelist`, spec.codelist);
    if (spec.prefill === 'networkCapacity' && spec.type !== 'integer') {
      problem(`${at}/prefill`, 'networkCapacity prefills integer fields only');
    }
  };

  const sections = new Set<string>();
  const fields = new Set<string>();
  (definition.sections ?? []).forEach((section, s) => {
    code(`/sections/${s}/code`, section.code, sections, 'section');
    (section.fields ?? []).forEach((field, f) => {
      const at = `/sections/${s}/fields/${f}`;
      code(`${at}/code`, field.code, fields, 'field');
      checkSpec(field, at, false);
      if (field.type !== 'table') {
        if (field.rows) problem(`${at}/rows`, 'rows apply to tables only');
        if (field.columns) problem(`${at}/columns`, 'columns apply to tables only');
        return;
      }
      if (!field.rows) problem(`${at}/rows`, 'a table needs its rows');
      else if (field.rows.kind === 'codelist') codelist(`${at}/rows/codelist`, field.rows.codelist);
      if (!field.columns || field.columns.length === 0) {
        problem(`${at}/columns`, 'a table needs at least one column');
      }
      const columns = new Set<string>();
      (field.columns ?? []).forEach((column, c) => {
        // A row's own code travels as `row`: a column so named would be overwritten by it.
        if (column.code === 'row') problem(`${at}/columns/${c}/code`, 'row is a reserved word');
        else code(`${at}/columns/${c}/code`, column.code, columns, 'column');
        checkSpec(column, `${at}/columns/${c}`, true);
      });
    });
  });

  const index = indexFields(definition);
  const rules = new Set<string>();
  (definition.rules ?? []).forEach((rule, r) => {
    code(`/rules/${r}/code`, rule.code, rules, 'rule');
    for (const part of ['when', 'assert'] as const) {
      const text = rule[part];
      if (text === undefined && part === 'when') continue;
      const at = `/rules/${r}/${segment(part)}`;
      if (typeof text !== 'string') {
        problem(at, `${part} must be an expression`);
        continue;
      }
      const parsed = parseExpression(text);
      if (!parsed.ok) {
        problem(at, `${part} does not parse: ${parsed.error}`);
        continue;
      }
      const found: string[] = [];
      const type = typeOf(parsed.parsed.ast, index, found);
      if (type !== 'boolean' && type !== 'any')
        found.push(`${part} must be true or false, not ${type}`);
      for (const detail of new Set(found)) problem(at, detail);
    }
  });
  return problems;
}
