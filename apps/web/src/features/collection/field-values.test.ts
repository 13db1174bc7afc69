import { describe, expect, it } from 'vitest';
import {
  cellOf,
  displayValue,
  formatNumber,
  formatNumberInput,
  parseNumberInput,
  valueKey,
  withCell,
  withValue,
} from './field-values.ts';

describe('parseNumberInput', () => {
  it('reads Czech and English numbers', () => {
    expect(parseNumberInput('12,5')).toBe(12.5);
    expect(parseNumberInput('12.5')).toBe(12.5);
    expect(parseNumberInput('1 234 567,89')).toBe(1234567.89);
    expect(parseNumberInput('1\u00a0234')).toBe(1234);
    expect(parseNumberInput('\u22123')).toBe(-3);
    expect(parseNumberInput(' 7 ')).toBe(7);
  });

  it('clears on empty input and passes what is not a number on as typed', () => {
    expect(parseNumberInput('  ')).toBeNull();
    expect(parseNumberInput('abc')).toBe('abc');
    expect(parseNumberInput('1.234,5')).toBe('1.234,5');
    expect(parseNumberInput('1,2,3')).toBe('1,2,3');
  });
});

describe('formatNumberInput', () => {
  it('shows the decimal comma in Czech and the point in English', () => {
    expect(formatNumberInput(12.5, 'cs')).toBe('12,5');
    expect(formatNumberInput('1200.50', 'cs')).toBe('1200,50');
    expect(formatNumberInput(12.5, 'en')).toBe('12.5');
    expect(formatNumberInput(null, 'cs')).toBe('');
  });

  it('round-trips through parsing', () => {
    for (const n of [0, -4, 3.25, 1234567.01]) {
      expect(parseNumberInput(formatNumberInput(n, 'cs'))).toBe(n);
    }
  });
});

describe('formatNumber', () => {
  it('groups digits and adds the unit', () => {
    expect(formatNumber(1234.5, { code: 'c', type: 'money' } as never, 'cs')).toBe(
      '1\u00a0234,50\u00a0Kč',
    );
    expect(formatNumber(12, { code: 'c', type: 'integer', unit: 'lůžek' } as never, 'en')).toBe(
      '12\u00a0lůžek',
    );
    expect(formatNumber(null, { code: 'c', type: 'integer' } as never, 'en')).toBe('');
  });
});

describe('table values', () => {
  it('sets and clears cells, dropping rows left empty', () => {
    let table = withCell(null, 'seniors', 'count', 4);
    table = withCell(table, 'youth', 'count', 2);
    expect(cellOf(table, 'seniors', 'count')).toBe(4);
    table = withCell(table, 'seniors', 'count', null);
    expect(table).toEqual([{ row: 'youth', count: 2 }]);
    expect(cellOf(table, 'seniors', 'count')).toBeNull();
  });

  it('keys values like the API points at them', () => {
    expect(valueKey('capacity')).toBe('capacity');
    expect(valueKey('clients', 'seniors', 'count')).toBe('clients/seniors/count');
    expect(valueKey('clients', 'seniors')).toBe('clients/seniors');
  });

  it('clears a field with null (the PATCH meaning of null)', () => {
    expect(withValue({ a: 1 }, 'a', '')).toEqual({ a: null });
    expect(withValue({ a: 1 }, 'b', ['x'])).toEqual({ a: 1, b: ['x'] });
    expect(withValue({ a: 1 }, 'b', [])).toEqual({ a: 1, b: null });
  });
});

describe('displayValue', () => {
  const names = { yes: 'ano', no: 'ne', choice: (code: string) => `#${code}` };
  it('shows each type readably', () => {
    expect(displayValue(true, { code: 'b', type: 'boolean' } as never, 'cs', names)).toBe('ano');
    expect(displayValue('a', { code: 'c', type: 'choice' } as never, 'cs', names)).toBe('#a');
    expect(displayValue(['a', 'b'], { code: 'm', type: 'multiChoice' } as never, 'cs', names)).toBe(
      '#a, #b',
    );
    expect(displayValue('2026-03-05', { code: 'd', type: 'date' } as never, 'cs', names)).toBe(
      '5. 3. 2026',
    );
    expect(displayValue(null, { code: 'd', type: 'text' } as never, 'cs', names)).toBe('');
  });
});
