import type { FormDefinition, FormField } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import {
  addColumn,
  addField,
  addRule,
  addSection,
  cleanDefinition,
  emptyDefinition,
  groupProblems,
  missingTexts,
  move,
  ownerOf,
  propertyOf,
  setType,
  uniqueCode,
} from './form-definition-edit.ts';

describe('editing a form definition', () => {
  it('gives new sections, fields, columns and rules codes not yet used', () => {
    const definition = emptyDefinition();
    const section = addSection(definition);
    section.code = 'section_2'; // the user renamed it to what the next one would be called
    const second = addSection(definition);
    expect(second.code).toBe('section_2_2');

    const a = addField(definition, section);
    const b = addField(definition, second); // field codes are unique across sections
    expect([a.code, b.code]).toEqual(['field_1', 'field_2']);

    b.type = 'table';
    const column = addColumn(b);
    expect(column.code).toBe('column_1');
    expect(addRule(definition).code).toBe('rule_1');
    expect(uniqueCode('x', ['x', 'x_2'])).toBe('x_3');
  });

  it('moves items within their list and ignores moves past the ends', () => {
    const list = ['a', 'b', 'c'];
    move(list, 0, 1);
    expect(list).toEqual(['b', 'a', 'c']);
    move(list, 2, 1);
    move(list, 0, -1);
    expect(list).toEqual(['b', 'a', 'c']);
    move(list, 2, -1);
    expect(list).toEqual(['b', 'c', 'a']);
  });

  it('keeps only the options the new type reads', () => {
    const field: FormField = {
      code: 'capacity',
      label: { cs: 'Kapacita' },
      type: 'decimal',
      min: 0,
      max: 10,
      decimals: 1,
      prefill: 'networkCapacity',
    };
    setType(field, 'choice');
    expect(field).toEqual({
      code: 'capacity',
      label: { cs: 'Kapacita' },
      type: 'choice',
      prefill: 'networkCapacity',
    });
    setType(field, 'table');
    expect(field.rows).toEqual({ kind: 'codelist', codelist: '' });
    expect(field.columns).toEqual([]);
    expect(field.prefill).toBeUndefined();
    setType(field, 'integer');
    expect(field.rows).toBeUndefined();
    expect(field.columns).toBeUndefined();
  });

  it('sends trimmed texts and leaves out what the inputs left empty', () => {
    const definition: FormDefinition = {
      sections: [
        {
          code: ' capacity ',
          label: { cs: ' Kapacita ', en: '' },
          help: { cs: '', en: ' ' },
          fields: [
            {
              code: 'beds',
              label: { cs: 'Lůžka', en: 'Beds' },
              type: 'integer',
              unit: '',
              min: '' as unknown as number, // an emptied number input
              max: 40,
            },
            {
              code: 'clients',
              label: { cs: 'Klienti' },
              type: 'table',
              rows: { kind: 'codelist', codelist: 'target_group' },
              columns: [
                { code: 'count', label: { cs: 'Počet' }, type: 'integer', help: { cs: '' } },
              ],
            },
          ],
        },
      ],
      rules: [
        {
          code: 'r1',
          when: '  ',
          assert: ' beds >= 0 ',
          message: { cs: 'Záporná', en: '' },
        },
      ],
    };
    expect(cleanDefinition(definition)).toEqual({
      sections: [
        {
          code: 'capacity',
          label: { cs: 'Kapacita' },
          fields: [
            { code: 'beds', label: { cs: 'Lůžka', en: 'Beds' }, type: 'integer', max: 40 },
            {
              code: 'clients',
              label: { cs: 'Klienti' },
              type: 'table',
              rows: { kind: 'codelist', codelist: 'target_group' },
              columns: [{ code: 'count', label: { cs: 'Počet' }, type: 'integer' }],
            },
          ],
        },
      ],
      rules: [{ code: 'r1', assert: 'beds >= 0', message: { cs: 'Záporná' }, severity: 'error' }],
    });
  });
});

describe('problems shown where they point', () => {
  it('belong to the deepest column, field, section or rule of their pointer', () => {
    expect(ownerOf('/sections/1/fields/2/columns/0/code')).toBe('/sections/1/fields/2/columns/0');
    expect(ownerOf('/sections/1/fields/2/min')).toBe('/sections/1/fields/2');
    expect(ownerOf('/sections/0/label/cs')).toBe('/sections/0');
    expect(ownerOf('/rules/3/assert')).toBe('/rules/3');
    expect(ownerOf('/sections')).toBe('');
    // The API's answers point into the request body.
    expect(ownerOf('/definition/rules/0/when')).toBe('/rules/0');
    expect(propertyOf('/definition/sections/0/fields/1/label/cs')).toBe('label/cs');
  });

  it('are grouped by what they belong to', () => {
    const groups = groupProblems([
      { pointer: '/sections/0/fields/0/code', detail: 'duplicate code' },
      { pointer: '/sections/0/fields/0/max', detail: 'max < min' },
      { pointer: '/rules/0/assert', detail: 'unknown field x' },
      { pointer: '', detail: 'empty form' },
    ]);
    expect(groups.get('/sections/0/fields/0')?.map((p) => p.detail)).toEqual([
      'duplicate code',
      'max < min',
    ]);
    expect(groups.get('/rules/0')).toHaveLength(1);
    expect(groups.get('')).toHaveLength(1);
    expect(groups.has('/sections/0')).toBe(false);
  });
});

describe('texts the API requires', () => {
  it('are named where they are missing', () => {
    const definition = emptyDefinition();
    const section = addSection(definition);
    const table = addField(definition, section);
    table.label.cs = 'Klienti';
    setType(table, 'table');
    addColumn(table);
    addRule(definition);
    expect(missingTexts(definition)).toEqual([
      '/sections/0/label/cs',
      '/sections/0/fields/0/columns/0/label/cs',
      '/rules/0/assert',
      '/rules/0/message/cs',
    ]);
  });
});
