import { describe, expect, it } from 'vitest';
import { report } from './fixtures.test-support.ts';
import type { FormColumn, FormDefinition, FormField } from './index.ts';
import { checkDefinition } from './index.ts';

const withFields = (fields: FormField[], rules: FormDefinition['rules'] = []): FormDefinition => ({
  sections: [{ code: 's', label: { cs: 'S' }, fields }],
  rules,
});
const int = (code: string, extra: Partial<FormColumn> = {}): FormColumn => ({
  code,
  label: { cs: code },
  type: 'integer',
  ...extra,
});
const rule = (assert: string, when?: string) => ({
  code: 'r',
  assert,
  ...(when ? { when } : {}),
  message: { cs: 'x' },
});
const details = (definition: FormDefinition) =>
  checkDefinition(definition).map((p) => `${p.pointer}: ${p.detail}`);

describe('checkDefinition', () => {
  it('accepts a sound definition', () => {
    expect(
      checkDefinition(report, {
        codelists: ['refusal_reason', 'area', 'target_group', 'need_level'],
      }),
    ).toEqual([]);
  });

  it('refuses repeated codes of sections, fields (across sections), columns and rules', () => {
    const definition: FormDefinition = {
      sections: [
        { code: 'a', label: { cs: 'A' }, fields: [int('x')] },
        {
          code: 'a',
          label: { cs: 'A' },
          fields: [
            int('x'),
            {
              code: 't',
              label: { cs: 'T' },
              type: 'table',
              rows: { kind: 'services' },
              columns: [int('c'), int('c')],
            },
          ],
        },
      ],
      rules: [rule('x > 0'), rule('x > 1')],
    };
    expect(details(definition)).toEqual([
      '/sections/1/code: duplicate section code a',
      '/sections/1/fields/0/code: duplicate field code x',
      '/sections/1/fields/1/columns/1/code: duplicate column code c',
      '/rules/1/code: duplicate rule code r',
    ]);
  });

  it('refuses tables without rows or columns, choices without a codelist, min > max', () => {
    expect(
      details(
        withFields([
          { code: 't', label: { cs: 'T' }, type: 'table', columns: [] },
          { code: 'c', label: { cs: 'C' }, type: 'choice' },
          int('n', { min: 5, max: 1 }),
          { code: 'x', label: { cs: 'X' }, type: 'text', max: 3 },
        ]),
      ),
    ).toEqual([
      '/sections/0/fields/0/rows: a table needs its rows',
      '/sections/0/fields/0/columns: a table needs at least one column',
      '/sections/0/fields/1/codelist: a codelist is required',
      '/sections/0/fields/2/min: min 5 is greater than max 1',
      '/sections/0/fields/3/max: max applies to numeric fields only',
    ]);
  });

  it('checks codelists when it knows them, and networkCapacity prefill on integers only', () => {
    const definition = withFields([
      { code: 'c', label: { cs: 'C' }, type: 'choice', codelist: 'nope' },
      { code: 'd', label: { cs: 'D' }, type: 'decimal', prefill: 'networkCapacity' },
      int('e', { prefill: 'networkCapacity' }),
    ]);
    expect(checkDefinition(definition, { codelists: ['need_level'] })).toEqual([
      { pointer: '/sections/0/fields/0/codelist', detail: 'unknown codelist nope' },
      {
        pointer: '/sections/0/fields/1/prefill',
        detail: 'networkCapacity prefills integer fields only',
      },
    ]);
    expect(checkDefinition(definition)).toHaveLength(1);
  });

  it('refuses rules that do not parse, use unknown syntax, functions, fields or columns', () => {
    const fields = [
      int('a'),
      {
        code: 't',
        label: { cs: 'T' },
        type: 'table',
        rows: { kind: 'services' },
        columns: [int('x')],
      } as FormField,
    ];
    const problems = (assert: string, when?: string) =>
      details(withFields(fields, [rule(assert, when)]));
    expect(problems('a <')).toEqual([
      expect.stringMatching(/^\/rules\/0\/assert: assert does not parse: /),
    ]);
    expect(problems('a === 1')).toEqual([
      '/rules/0/assert: assert does not parse: unsupported operator === (use ==)',
    ]);
    expect(problems('a > 1; a < 2')).toHaveLength(1);
    expect(problems('a.b > 1')).toEqual(['/rules/0/assert: a is not a table']);
    expect(problems('sum(t.y) > 1')).toEqual(['/rules/0/assert: table t has no column y']);
    expect(problems('b > 1', 'a > 0')).toEqual(['/rules/0/assert: unknown field b']);
    expect(problems('a > 1', 'foo(a)')).toEqual([
      '/rules/0/when: when does not parse: unknown function foo; known: sum, count, min, max, abs, round, filled, empty, includes',
    ]);
    expect(problems('a[0] > 1')).toHaveLength(1);
    expect(problems('this > 1')).toHaveLength(1);
  });

  it('refuses rules whose operands have the wrong types', () => {
    const fields = [
      int('a'),
      { code: 'n', label: { cs: 'N' }, type: 'text' } as FormField,
      {
        code: 't',
        label: { cs: 'T' },
        type: 'table',
        rows: { kind: 'services' },
        columns: [int('x')],
      } as FormField,
    ];
    const problems = (assert: string) => details(withFields(fields, [rule(assert)]));
    expect(problems('a + 1')).toEqual([
      '/rules/0/assert: assert must be true or false, not number',
    ]);
    expect(problems('a == n')).toEqual(['/rules/0/assert: == compares number with string']);
    expect(problems('t.x > 1')).toEqual([
      '/rules/0/assert: the left operand of > must be number or string, not list:number',
    ]);
    expect(problems('a == null')).toEqual([
      '/rules/0/assert: == with null is never true or false: use filled() or empty()',
    ]);
    expect(problems('sum(n) > 0')).toEqual([
      '/rules/0/assert: an argument of sum() must be number, not string',
    ]);
    expect(problems('round(a, a) > 0')).toEqual([
      '/rules/0/assert: the digits of round() must be a whole number 0–10',
    ]);
    expect(problems('filled(a, a)')).toEqual(['/rules/0/assert: filled() takes 1 argument']);
    expect(problems('includes(a, 1)')).toEqual([
      '/rules/0/assert: the first argument of includes() must be a list, not number',
    ]);
    expect(problems('includes(t.x, "1")')).toEqual([
      '/rules/0/assert: includes() looks for string in a list of number',
    ]);
    expect(
      problems('count(t) > 0 && sum(t.x) == a && (a > 0 ? n == "x" : true) && includes(t, "r")'),
    ).toEqual([]);
  });

  it('refuses reserved and malformed codes', () => {
    const table: FormField = {
      code: 't',
      label: { cs: 'T' },
      type: 'table',
      rows: { kind: 'services' },
      columns: [int('row')],
    };
    expect(details(withFields([int('null'), int('Bad'), table]))).toEqual([
      '/sections/0/fields/0/code: null is a reserved word',
      '/sections/0/fields/1/code: field code must be lower-case letters, digits and _, starting with a letter',
      '/sections/0/fields/2/columns/0/code: row is a reserved word',
    ]);
  });
});
