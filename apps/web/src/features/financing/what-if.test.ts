import type { FinancingKey, ReferenceValue } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import { emptyOverride, hundredths, savePlan, toWhatIfBody, type WhatIfDraft } from './what-if.ts';

const noKey = { enabled: false, stateShare: '', regionShare: '', municipalShare: '' };

describe('what-if request', () => {
  it('sends typed amounts as exact decimal strings, per year or for every year', () => {
    const draft: WhatIfDraft = {
      overrides: [
        {
          typeCode: '49',
          formCode: 'pob',
          year: '2025',
          costPerUnit: '600 000',
          ownRevenueShare: '',
        },
        { ...emptyOverride(), typeCode: '40', formCode: 'ter', ownRevenueShare: '17,5' },
      ],
      key: noKey,
    };

    expect(toWhatIfBody(draft, { periodId: 'p1' }, 'cs')).toEqual({
      ok: true,
      body: {
        periodId: 'p1',
        referenceValues: [
          { typeCode: '49', formCode: 'pob', year: 2025, costPerUnit: '600000.00' },
          { typeCode: '40', formCode: 'ter', ownRevenueShare: '17.50' },
        ],
      },
    });
  });

  it('takes a key only when its shares make exactly 100 %', () => {
    const key = { enabled: true, stateShare: '66,67', regionShare: '23,33', municipalShare: '10' };
    expect(toWhatIfBody({ overrides: [], key }, {}, 'cs')).toEqual({
      ok: true,
      body: { key: { stateShare: '66.67', regionShare: '23.33', municipalShare: '10.00' } },
    });

    const off = { ...key, municipalShare: '10,01' };
    expect(toWhatIfBody({ overrides: [], key: off }, {}, 'cs')).toMatchObject({
      ok: false,
      errors: { key: 'sum' },
    });
    expect(hundredths('33.33') * 3 + hundredths('0.01')).toBe(10000);
  });

  it('points at incomplete lines and refuses an empty what-if', () => {
    const draft: WhatIfDraft = {
      overrides: [{ ...emptyOverride(), typeCode: '49', costPerUnit: '12,345' }, emptyOverride()],
      key: noKey,
    };
    expect(toWhatIfBody(draft, {}, 'cs')).toEqual({
      ok: false,
      errors: {
        overrides: {
          0: { formCode: 'required', costPerUnit: 'invalid' },
          1: { typeCode: 'required', formCode: 'required', costPerUnit: 'required' },
        },
      },
    });
    expect(toWhatIfBody({ overrides: [], key: noKey }, {}, 'cs')).toMatchObject({
      ok: false,
      errors: { empty: true },
    });
  });
});

const rv = (
  year: number,
  typeCode: string,
  formCode: string,
  costPerUnit: string,
): ReferenceValue => ({
  id: `${year}-${typeCode}-${formCode}`,
  year,
  typeCode,
  formCode,
  unitBasis: 'bed',
  costPerUnit,
  ownRevenueShare: '60.00',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  version: 3,
});
const key: FinancingKey = {
  id: 'k1',
  yearFrom: 2024,
  yearTo: 2026,
  stateShare: '70.00',
  regionShare: '20.00',
  municipalShare: '10.00',
  municipalSplit: 'population',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  version: 1,
};

describe('saving a what-if', () => {
  const saved = {
    referenceValues: [
      rv(2024, '49', 'pob', '540000.00'),
      rv(2025, '49', 'pob', '567000.00'),
      rv(2026, '49', 'pob', '600000.00'),
      rv(2025, '50', 'pob', '600000.00'),
    ],
    keys: [key],
  };

  it('changes each matching saved value with its version, skipping those already equal', () => {
    const steps = savePlan(
      { referenceValues: [{ typeCode: '49', formCode: 'pob', costPerUnit: '600000.00' }] },
      saved,
      [2025, 2026],
    );

    expect(steps).toEqual([
      {
        kind: 'referenceValue',
        id: '2025-49-pob',
        version: 3,
        body: { costPerUnit: '600000.00' },
      },
    ]);
  });

  it('changes the key in force in the years computed', () => {
    const body = { key: { stateShare: '60.00', regionShare: '30.00', municipalShare: '10.00' } };
    expect(savePlan(body, saved, [2025])).toEqual([
      { kind: 'key', id: 'k1', version: 1, body: body.key },
    ]);
    expect(savePlan(body, saved, [2027])).toEqual([]);
  });
});
