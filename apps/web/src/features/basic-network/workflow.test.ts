import { describe, expect, it } from 'vitest';
import {
  capacitiesOfService,
  capacityDrafts,
  entryDraftOf,
  needsReason,
  parseCapacities,
  parseEntryDraft,
} from './workflow.ts';
import { parseQuantity } from '../../shared/format/quantity.ts';

describe('network entry workflow helpers', () => {
  it('asks for a reason exactly where the API requires one', () => {
    expect(needsReason('rejected')).toBe(true);
    expect(needsReason('changed')).toBe(true);
    expect(needsReason('removed')).toBe(true);
    expect(needsReason('approved')).toBe(false);
    expect(needsReason('assessed')).toBe(false);
  });

  it('proposes the service’s capacity, one line per form and unit', () => {
    const lines = capacitiesOfService([
      { form: 'pob', capacities: [{ unit: 'luzka', count: 40 }] },
      {
        form: 'ter',
        capacities: [
          { unit: 'klient', count: 120 },
          { unit: 'intervence', count: 3 },
        ],
      },
      { form: 'amb', capacities: [] },
    ]);

    expect(lines).toEqual([
      { form: 'pob', unit: 'luzka', count: 40 },
      { form: 'ter', unit: 'klient', count: 120 },
      { form: 'ter', unit: 'intervence', count: 3 },
    ]);
    expect(capacityDrafts(lines)[0]).toEqual({ form: 'pob', unit: 'luzka', count: '40' });
  });

  it('reads capacity lines, drops empty ones and points at an incomplete one', () => {
    expect(
      parseCapacities([
        { form: 'pob', unit: 'luzka', count: ' 40 ' },
        { form: '', unit: '', count: '' },
      ]),
    ).toEqual({ ok: true, value: [{ form: 'pob', unit: 'luzka', count: 40 }] });
    expect(
      parseCapacities([
        { form: 'pob', unit: 'luzka', count: '40' },
        { form: 'ter', unit: '', count: '5' },
      ]),
    ).toEqual({ ok: false, line: 1 });
    expect(parseCapacities([{ form: 'ter', unit: 'klient', count: '2.5' }])).toEqual({
      ok: false,
      line: 0,
    });
  });

  it('reads FTE with a decimal comma or point', () => {
    expect(parseQuantity('2,5')).toBe(2.5);
    expect(parseQuantity('12.25')).toBe(12.25);
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity('1,234')).toBeUndefined();
    expect(parseQuantity('-1')).toBeUndefined();
  });
});

describe('entry draft', () => {
  const proposed = {
    level: 'basic' as const,
    capacities: [{ form: 'ter', unit: 'klient', count: 120 }],
    fte: 4.5,
    entrustment: null,
  };

  it('round-trips an entry and entrusts the included capacity', () => {
    const draft = entryDraftOf(proposed);
    expect(draft).toMatchObject({ fte: '4.5', entrusted: false });

    draft.entrusted = true;
    draft.entrustmentNumber = ' KULK 123/2024 ';
    draft.entrustmentFrom = '2024-01-01';
    draft.entrustmentTo = '2026-12-31';
    draft.fte = '5,25';

    expect(parseEntryDraft(draft)).toEqual({
      ok: true,
      value: {
        level: 'basic',
        capacities: [{ form: 'ter', unit: 'klient', count: 120 }],
        fte: 5.25,
        entrustment: {
          number: 'KULK 123/2024',
          validFrom: '2024-01-01',
          validTo: '2026-12-31',
          capacities: [{ form: 'ter', unit: 'klient', count: 120 }],
        },
      },
    });
  });

  it('names every field to correct', () => {
    const draft = entryDraftOf({ ...proposed, capacities: [] });
    draft.fte = 'x';
    draft.entrusted = true;
    draft.entrustmentFrom = '2025-01-01';
    draft.entrustmentTo = '2024-12-31';

    expect(parseEntryDraft(draft)).toEqual({
      ok: false,
      errors: {
        capacities: 'required',
        fte: 'invalid',
        entrustmentNumber: 'required',
        entrustmentTo: 'beforeStart',
      },
    });
  });
});
