import { describe, expect, it } from 'vitest';
import { options, report } from './fixtures.test-support.ts';
import type { FormDefinition, TableRow, Values } from './index.ts';
import { validateValues } from './index.ts';

const valid: Values = {
  capacity: 10,
  occupied: 8,
  fte: 4,
  clients_total: 5,
  clients: [{ row: 'seniors', count: 5 }],
};
const check = (values: Values) => validateValues(report, values, options);
const kinds = (values: Values) => check(values).map((i) => [i.pointer, i.kind, i.rule ?? null]);

/** A one-rule form over numbers a, b and a table t(x, y). */
const ruled = (assert: string, when?: string): FormDefinition => ({
  sections: [
    {
      code: 's',
      label: { cs: 'S' },
      fields: [
        { code: 'a', label: { cs: 'A' }, type: 'decimal', decimals: 3 },
        { code: 'b', label: { cs: 'B' }, type: 'decimal' },
        { code: 'c', label: { cs: 'C' }, type: 'choice', codelist: 'x' },
        { code: 'd', label: { cs: 'D' }, type: 'date' },
        { code: 'm', label: { cs: 'M' }, type: 'multiChoice', codelist: 'x' },
        {
          code: 't',
          label: { cs: 'T' },
          type: 'table',
          rows: { kind: 'codelist', codelist: 'r' },
          columns: [
            { code: 'x', label: { cs: 'X' }, type: 'integer' },
            { code: 'y', label: { cs: 'Y' }, type: 'text' },
          ],
        },
      ],
    },
  ],
  rules: [
    { code: 'r', assert, ...(when ? { when } : {}), message: { cs: 'Chyba.', en: 'Wrong.' } },
  ],
});
const verdict = (assert: string, values: Values, when?: string) => {
  const issues = validateValues(ruled(assert, when), values, { choices: {}, rows: {} });
  return issues.length === 0 ? 'pass' : issues.map((i) => i.kind).join(',');
};

describe('validateValues: fields', () => {
  it('passes a complete, consistent submission', () => {
    expect(check(valid)).toEqual([]);
  });

  it('requires required fields, with a Czech and English message', () => {
    const issues = check({ ...valid, capacity: null });
    expect(issues[0]).toEqual({
      pointer: '/values/capacity',
      field: 'capacity',
      severity: 'error',
      kind: 'required',
      message: { cs: 'Vyplňte toto pole.', en: 'This field is required.' },
    });
  });

  it('checks min and max, and 0–100 for a percent without its own range', () => {
    expect(kinds({ ...valid, occupied: -1, share: 100.5 })).toEqual([
      ['/values/occupied', 'min', null],
      ['/values/share', 'max', null],
    ]);
    expect(check({ ...valid, share: 100.5 })[0]!.message).toEqual({
      cs: 'Nejvýše 100.',
      en: 'At most 100.',
    });
  });

  it('requires a required column in every row that has any value, and nowhere else', () => {
    const issues = check({
      ...valid,
      clients: [
        { row: 'seniors', count: 5 },
        { row: 'youth', cost: 100 },
        { row: 'disabled', count: null },
      ],
    });
    expect(issues.map((i) => [i.pointer, i.kind, i.row, i.column])).toEqual([
      ['/values/clients/youth/count', 'required', 'youth', 'count'],
    ]);
  });

  it('reports a type issue once, not again as required', () => {
    expect(kinds({ ...valid, capacity: 'ten' })).toEqual([['/values/capacity', 'type', null]]);
  });

  it('checks choices and rows of stored values against today’s options', () => {
    expect(kinds({ ...valid, reason: 'gone', clients: [{ row: 'martians', count: 5 }] })).toEqual([
      ['/values/clients/martians', 'unknown', null],
      ['/values/reason', 'choice', null],
      ['/values/clients', 'rule', 'total'],
    ]);
  });
});

describe('validateValues: rules', () => {
  it('reports a failed rule at the first field its assert reads, with the rule’s message', () => {
    expect(check({ ...valid, occupied: 11 })).toEqual([
      {
        pointer: '/values/occupied',
        field: 'occupied',
        rule: 'occupancy',
        severity: 'error',
        kind: 'rule',
        message: { cs: 'Obsazeno nad kapacitu.', en: 'Occupied above capacity.' },
      },
    ]);
  });

  it('sums table columns (sum of rows = total)', () => {
    const clients = [
      { row: 'seniors', count: 3 },
      { row: 'youth', count: 2 },
    ];
    expect(check({ ...valid, clients })).toEqual([]);
    const issue = check({ ...valid, clients, clients_total: 6 })[0]!;
    expect([issue.pointer, issue.field, issue.column, issue.rule]).toEqual([
      '/values/clients',
      'clients',
      'count',
      'total',
    ]);
  });

  it('applies a conditional rule only when its condition holds; English falls back to Czech', () => {
    expect(check({ ...valid, refused: 0 })).toEqual([]);
    expect(check({ ...valid, refused: 2, reason: 'other' })).toEqual([]);
    const issue = check({ ...valid, refused: 2 })[0]!;
    expect([issue.pointer, issue.rule, issue.message.en]).toEqual([
      '/values/reason',
      'reason',
      'Uveďte důvod odmítnutí.',
    ]);
  });

  it('gives warnings the severity warning', () => {
    const issue = check({ ...valid, fte: 5.5 })[0]!;
    expect([issue.rule, issue.severity]).toEqual(['fte_high', 'warning']);
  });

  it('treats empty operands as not applicable (required catches emptiness)', () => {
    expect(verdict('a <= b', { a: 5 })).toBe('pass');
    expect(verdict('a + 1 > b', { b: 1 })).toBe('pass');
    expect(verdict('a <= b', { a: 5, b: 4 })).toBe('rule');
  });

  it('follows three-valued logic for && and ||', () => {
    expect(verdict('a > 0 || b > 0', { a: 1 })).toBe('pass');
    expect(verdict('a > 0 && b > 0', { a: -1 })).toBe('rule');
    expect(verdict('a > 0 && b > 0', { a: 1 })).toBe('pass');
    expect(verdict('a > 0 || b > 0', { a: -1 })).toBe('pass');
    expect(verdict('!(a > 0)', {})).toBe('pass');
  });

  it('does arithmetic in decimals: 0.1 + 0.2 == 0.3, rounding half away from zero', () => {
    expect(verdict('a + b == 0.3', { a: 0.1, b: 0.2 })).toBe('pass');
    expect(verdict('round(a, 2) == 1.01', { a: 1.005 })).toBe('pass');
    expect(verdict('round(a) == -3', { a: -2.5 })).toBe('pass');
    expect(verdict('a * 3 == 0.3', { a: 0.1 })).toBe('pass');
  });

  it('makes division by zero empty, not an error', () => {
    expect(verdict('a / b > 1', { a: 1, b: 0 })).toBe('pass');
    expect(verdict('filled(a / b)', { a: 1, b: 0 })).toBe('rule');
  });

  it('has aggregate functions that skip empty values', () => {
    const t: TableRow[] = [
      { row: 'p', x: 2 },
      { row: 'q', y: 'z' },
      { row: 'r', x: 5 },
    ];
    expect(verdict('count(t.x) == 2 && count(t) == 3 && sum(t.x) == 7', { t })).toBe('pass');
    expect(verdict('min(t.x) == 2 && max(t.x, a) == 9', { t, a: 9 })).toBe('pass');
    expect(verdict('sum(t.x) == 0 && count(t.x) == 0 && empty(t) && empty(min(t.x))', {})).toBe(
      'pass',
    );
    expect(verdict('abs(a - b) <= 1', { a: 1, b: 3 })).toBe('rule');
  });

  it('looks codes up in a multiple choice, rows in a table, values in a column', () => {
    const t: TableRow[] = [{ row: 'p', x: 2 }, { row: 'q' }];
    expect(verdict('includes(m, "b") ? filled(a) : true', { m: ['a', 'b'] })).toBe('rule');
    expect(verdict('includes(m, "b") ? filled(a) : true', { m: ['a'] })).toBe('pass');
    expect(verdict('!includes(m, "b")', {})).toBe('pass');
    expect(verdict('includes(t, "p") && !includes(t, "q") && includes(t.x, 2)', { t })).toBe(
      'pass',
    );
  });

  it('compares text, codes and dates', () => {
    expect(verdict('c == "x" ? filled(a) : true', { c: 'x' })).toBe('rule');
    expect(verdict('c == "x" ? filled(a) : true', { c: 'y' })).toBe('pass');
    expect(verdict('d >= "2024-01-01"', { d: '2023-12-31' })).toBe('rule');
  });

  it('never throws on a broken rule: it is a ruleError warning', () => {
    expect(verdict('a <= nobody', { a: 1 })).toBe('ruleError');
    expect(verdict('a <=', { a: 1 })).toBe('ruleError');
    expect(verdict('eval(a)', { a: 1 })).toBe('ruleError');
    expect(verdict('a + c', { a: 1, c: 'x' })).toBe('ruleError');
    const [issue] = validateValues(ruled('a ** 2 > 1'), { a: 1 }, { choices: {}, rows: {} });
    expect([issue!.severity, issue!.rule, issue!.message.en]).toEqual([
      'warning',
      'r',
      'Rule “r” cannot be evaluated (an error in the form definition): unsupported operator **',
    ]);
  });
});
