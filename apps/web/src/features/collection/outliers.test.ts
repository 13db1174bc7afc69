import type { FormDefinition } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import { comparisonRows, formatChange, outlierKeys, relativeChange } from './outliers.ts';

const definition: FormDefinition = {
  sections: [
    {
      code: 's',
      label: { cs: 'Kapacita', en: 'Capacity' },
      fields: [
        {
          code: 'clients',
          type: 'table',
          label: { cs: 'Klienti', en: 'Clients' },
          rows: { kind: 'codelist', codelist: 'target_group' },
          columns: [{ code: 'count', type: 'integer', label: { cs: 'Počet', en: 'Count' } }],
        },
        { code: 'capacity', type: 'integer', label: { cs: 'Kapacita', en: 'Capacity' } },
      ],
    },
  ],
  rules: [],
};

describe('comparison rows', () => {
  it('labels fields and cells and keeps the form order', () => {
    const rows = comparisonRows(
      {
        previous: null,
        peerCount: 4,
        fields: [
          {
            field: 'capacity',
            row: null,
            value: 30,
            previous: 20,
            peerMedian: 22,
            outlier: ['history'],
          },
          {
            field: 'clients.count',
            row: 'seniors',
            value: 5,
            previous: 5,
            peerMedian: null,
            outlier: [],
          },
          { field: 'removed', row: null, value: 1, previous: null, peerMedian: null, outlier: [] },
        ],
      },
      definition,
      { clients: [{ code: 'seniors', name: 'Senioři', nameEn: 'Seniors' }] },
      'en',
    );
    expect(rows.map((r) => r.label)).toEqual(['Clients – Seniors – Count', 'Capacity']);
    expect(rows[0]).toMatchObject({
      field: 'clients.count',
      formField: 'clients',
      row: 'seniors',
      change: 0,
    });
    expect(rows[1]).toMatchObject({ field: 'capacity', row: null, change: 0.5 });
  });
});

describe('changes and outlier labels', () => {
  it('computes the change only between numbers, not from zero', () => {
    expect(relativeChange(15, 10)).toBe(0.5);
    expect(relativeChange('7.5', '10')).toBe(-0.25);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange('abc', 1)).toBeNull();
    expect(relativeChange(5, null)).toBeNull();
  });

  it('formats the change with its sign', () => {
    expect(formatChange(0.5, 'en')).toBe('+50%');
    expect(formatChange(-0.25, 'en')).toBe('\u221225%');
    expect(formatChange(null, 'en')).toBe('');
  });

  it('names each outlier reason with an explanation', () => {
    expect(outlierKeys('peers')).toEqual({
      label: 'submissions.outlier.peers',
      help: 'submissions.outlier.peersHelp',
    });
  });
});
