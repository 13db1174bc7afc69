import { describe, expect, it } from 'vitest';
import { changeLines, type ServiceValueTexts } from './service-history.ts';

const texts: ServiceValueTexts = {
  typeLabel: (code) => `§ ${code}`,
  formsText: (forms) =>
    forms.map((f) => `${f.form} ${f.capacities.map((c) => `${c.count} ${c.unit}`)}`).join('; '),
  listText: (codelist, codes) => `${codelist}:${codes.join('+')}`,
  unitNames: (ids) => ids.map((id) => `unit ${id}`).join(', '),
  statusLabel: (status) => status.toUpperCase(),
  date: (day) => day.split('-').reverse().join('. '),
  number: (value) => String(value).replace('.', ','),
};

describe('service history', () => {
  it('describes each change field by field in the words of the UI', () => {
    const lines = changeLines(
      [
        {
          field: 'forms',
          before: [{ form: 'pob', capacities: [{ unit: 'luzka', count: 40 }] }],
          after: [{ form: 'pob', capacities: [{ unit: 'luzka', count: 44 }] }],
        },
        { field: 'status', before: 'active', after: 'suspended' },
        { field: 'fteDirect', before: null, after: 12.5 },
        { field: 'territoryUnitIds', before: ['a'], after: ['a', 'b'] },
        { field: 'targetGroups', before: [], after: ['seniori'] },
        { field: 'registeredTo', before: null, after: '2025-06-30' },
      ],
      texts,
    );

    expect(lines).toEqual([
      { field: 'forms', known: true, before: 'pob 40 luzka', after: 'pob 44 luzka' },
      { field: 'status', known: true, before: 'ACTIVE', after: 'SUSPENDED' },
      { field: 'fteDirect', known: true, before: '–', after: '12,5' },
      { field: 'territoryUnitIds', known: true, before: 'unit a', after: 'unit a, unit b' },
      { field: 'targetGroups', known: true, before: '–', after: 'target_group:seniori' },
      { field: 'registeredTo', known: true, before: '–', after: '30. 06. 2025' },
    ]);
  });

  it('shows a field it does not know as plain text instead of failing', () => {
    expect(changeLines([{ field: 'capacityNote', before: 'a', after: { x: 1 } }], texts)).toEqual([
      { field: 'capacityNote', known: false, before: 'a', after: '{"x":1}' },
    ]);
  });
});
