import { describe, expect, it } from 'vitest';
import { options, report } from './fixtures.test-support.ts';
import { flattenValues, normalizeValues, sameValue, unflattenValues } from './index.ts';

const read = (input: Record<string, unknown>, source: 'json' | 'csv' = 'json') =>
  normalizeValues(report, input, options, { source });

describe('normalizeValues', () => {
  it('reads JSON numbers and decimal strings, and clears with null or an empty string', () => {
    const { values, issues } = read({
      capacity: 12,
      fte: '2.5',
      costs: '1250.50',
      share: 12.25,
      occupied: null,
      note: '',
    });
    expect(issues).toEqual([]);
    expect(values).toEqual({
      capacity: 12,
      fte: 2.5,
      costs: 1250.5,
      share: 12.25,
      occupied: null,
      note: null,
    });
  });

  it('refuses exponents, NaN-like text, too many decimals and too many digits', () => {
    const { values, issues } = read({
      capacity: '1e3',
      fte: 2.25,
      costs: '1.005',
      share: 'NaN',
      occupied: 12.5,
      clients_total: 1234567890123456,
    });
    expect(values).toEqual({});
    expect(issues.map((i) => [i.pointer, i.kind])).toEqual([
      ['/values/capacity', 'type'],
      ['/values/fte', 'decimals'],
      ['/values/costs', 'decimals'],
      ['/values/share', 'type'],
      ['/values/occupied', 'decimals'],
      ['/values/clients_total', 'type'],
    ]);
    expect(issues[1]!.message).toEqual({
      cs: 'Nejvýše 1 desetinné místo.',
      en: 'At most 1 decimal place.',
    });
    expect(issues[4]!.message.en).toBe('Enter a whole number.');
  });

  it('accepts trailing zeros within the allowed places and never yields -0', () => {
    const { values } = read({ capacity: '12.000', fte: '-0.0' });
    expect(values.capacity).toBe(12);
    expect(Object.is(values.fte, 0)).toBe(true);
  });

  it('reads CSV: decimal comma, spaces between thousands, Czech booleans, a|b, Czech dates', () => {
    const { values, issues } = read(
      {
        costs: '1 250,50',
        fte: '2,5',
        waiting: 'Ano',
        areas: 'c|a|a',
        since: '1. 3. 2024',
        note: ' hi ',
        capacity: '',
      },
      'csv',
    );
    expect(issues).toEqual([]);
    expect(values).toEqual({
      costs: 1250.5,
      fte: 2.5,
      waiting: true,
      areas: ['a', 'c'],
      since: '2024-03-01',
      note: 'hi',
      capacity: null,
    });
  });

  it('keeps JSON strict: no decimal comma, no "ano", ISO dates only', () => {
    const { issues } = read({ costs: '12,5', waiting: 'ano', since: '1. 3. 2024' });
    expect(issues.map((i) => i.kind)).toEqual(['type', 'type', 'type']);
  });

  it('checks dates against the calendar', () => {
    expect(read({ since: '2024-02-29' }).issues).toEqual([]);
    expect(read({ since: '2023-02-29' }).issues[0]!.message.en).toBe(
      'Enter a valid date as YYYY-MM-DD.',
    );
  });

  it('checks text length in characters and codes against the choices', () => {
    const { values, issues } = read({ note: 'žluťoučký!', reason: 'bored', areas: ['a', 'x'] });
    expect(values).toEqual({ note: 'žluťoučký!' });
    expect(issues.map((i) => [i.field, i.kind])).toEqual([
      ['reason', 'choice'],
      ['areas', 'choice'],
    ]);
    expect(read({ note: 'jedenáctzn.' }).issues[0]!.kind).toBe('length');
  });

  it('reports unknown fields, rows and columns, repeated rows and malformed rows', () => {
    const { values, issues } = read({
      nonsense: 1,
      clients: [
        { row: 'seniors', count: '3', colour: 'red' },
        { row: 'martians', count: 1 },
        { row: 'seniors', count: 4 },
        { count: 2 },
        { row: 'youth', count: 'many', level: 'low' },
      ],
    });
    expect(issues.map((i) => [i.pointer, i.kind])).toEqual([
      ['/values/nonsense', 'unknown'],
      ['/values/clients/seniors/colour', 'unknown'],
      ['/values/clients/martians', 'unknown'],
      ['/values/clients/seniors', 'type'],
      ['/values/clients/3', 'type'],
      ['/values/clients/youth/count', 'type'],
    ]);
    expect(values).toEqual({
      clients: [
        { row: 'seniors', count: 3 },
        { row: 'youth', level: 'low' },
      ],
    });
  });

  it('does not mistake Object.prototype members for fields or choices', () => {
    const { issues } = read({ constructor: 1, toString: 'x' });
    expect(issues.map((i) => i.kind)).toEqual(['unknown', 'unknown']);
  });
});

describe('flattenValues / unflattenValues', () => {
  it('stores scalars with row "" and cells as table.column by row, nulls as cleared keys', () => {
    const flat = flattenValues(report, {
      capacity: 10,
      note: null,
      clients: [
        { row: 'youth', count: 2, cost: null },
        { row: 'seniors', count: 5 },
      ],
    });
    expect(flat).toEqual({
      set: [
        { field: 'capacity', row: '', value: 10 },
        { field: 'clients.count', row: 'youth', value: 2 },
        { field: 'clients.count', row: 'seniors', value: 5 },
      ],
      cleared: [
        { field: 'note', row: '' },
        { field: 'clients.cost', row: 'youth' },
      ],
      clearedTables: [],
    });
    expect(unflattenValues(report, flat.set, options)).toEqual({
      capacity: 10,
      clients: [
        { row: 'seniors', count: 5 },
        { row: 'youth', count: 2 },
      ],
    });
  });

  it('clears a whole table given as null, cell by cell where the rows are known', () => {
    const flat = flattenValues(report, { clients: null }, { rows: { clients: ['a'] } });
    expect(flat.clearedTables).toEqual(['clients']);
    expect(flat.cleared).toEqual([
      { field: 'clients.count', row: 'a' },
      { field: 'clients.cost', row: 'a' },
      { field: 'clients.level', row: 'a' },
    ]);
  });

  it('drops stored values of fields the definition no longer has', () => {
    expect(
      unflattenValues(report, [
        { field: 'gone', row: '', value: 1 },
        { field: 'clients.gone', row: 'youth', value: 1 },
      ]),
    ).toEqual({});
  });
});

describe('sameValue', () => {
  it('compares by value, code lists as sets, empty as empty', () => {
    expect(sameValue(12.5, 12.5)).toBe(true);
    expect(sameValue(12, '12')).toBe(false);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameValue(['a'], ['a', 'b'])).toBe(false);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue(0, null)).toBe(false);
    expect(sameValue(false, null)).toBe(false);
  });
});
