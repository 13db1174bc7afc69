import type { Budget, FinancingKey, ReferenceValue, WhatIfBudget } from '@socplan/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, problem } from '../../test-support/fake-api.ts';
import { useFinancingStore } from './financing.store.ts';

const budget = (compensation: string): Budget => ({
  periodId: 'p1',
  years: [
    {
      year: 2025,
      key: null,
      entries: 1,
      totals: {
        costs: compensation,
        revenues: '0.00',
        compensation,
        state: compensation,
        region: '0.00',
        municipalities: '0.00',
        unassigned: '0.00',
      },
      byServiceType: [],
      byOrp: [],
      bySource: [],
      issues: [],
    },
  ],
});

const referenceValue: ReferenceValue = {
  id: 'rv1',
  year: 2025,
  typeCode: '49',
  formCode: 'pob',
  unitBasis: 'bed',
  costPerUnit: '567000.00',
  ownRevenueShare: '60.00',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  version: 4,
};

describe('financing store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('computes a what-if and keeps the difference next to the saved budget', async () => {
    const whatIf: WhatIfBudget = {
      periodId: 'p1',
      years: budget('1100.00').years,
      difference: { years: [] },
    };
    const calls = fakeApi((call) =>
      call.url.includes('what-if') ? [200, whatIf] : [200, budget('1000.00')],
    );
    const store = useFinancingStore();

    await store.loadBudget({ periodId: 'p1' });
    await store.computeWhatIf({
      periodId: 'p1',
      key: { stateShare: '100', regionShare: '0', municipalShare: '0' },
    });

    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/financing/budget?periodId=p1',
      'POST /api/financing/budget/what-if',
    ]);
    expect(store.budget?.years[0]?.totals.compensation).toBe('1000.00');
    expect(store.whatIf?.years[0]?.totals.compensation).toBe('1100.00');
  });

  it('saves each matching parameter with its version as If-Match, then reloads', async () => {
    const key: FinancingKey = {
      id: 'k1',
      yearFrom: 2024,
      yearTo: null,
      stateShare: '70.00',
      regionShare: '20.00',
      municipalShare: '10.00',
      municipalSplit: 'population',
      createdAt: '2024-01-01T00:00:00Z',
      updatedAt: '2024-01-01T00:00:00Z',
      version: 2,
    };
    let saved = false;
    const calls = fakeApi((call) => {
      if (call.url.includes('what-if'))
        return [200, { periodId: 'p1', years: budget('1').years, difference: { years: [] } }];
      if (call.method === 'PATCH') {
        saved = true;
        return [200, {}];
      }
      if (call.url.startsWith('/api/financing/reference-values'))
        return [200, { items: [referenceValue], total: 1 }];
      if (call.url.startsWith('/api/financing/keys')) return [200, { items: [key], total: 1 }];
      return [200, budget(saved ? '2000.00' : '1000.00')];
    });
    const store = useFinancingStore();
    await store.loadBudget({ periodId: 'p1' });
    await store.computeWhatIf({
      periodId: 'p1',
      referenceValues: [{ typeCode: '49', formCode: 'pob', costPerUnit: '600000.00' }],
      key: { stateShare: '60.00', regionShare: '30.00', municipalShare: '10.00' },
    });

    expect(await store.saveWhatIf()).toBe(true);

    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches.map((c) => [c.url, c.headers['if-match'], c.body])).toEqual([
      ['/api/financing/reference-values/rv1', '"4"', { costPerUnit: '600000.00' }],
      [
        '/api/financing/keys/k1',
        '"2"',
        { stateShare: '60.00', regionShare: '30.00', municipalShare: '10.00' },
      ],
    ]);
    expect(store.savedCount).toBe(2);
    expect(store.whatIf).toBeNull();
    expect(store.budget?.years[0]?.totals.compensation).toBe('2000.00');
  });

  it('reports a parameter someone changed meanwhile and keeps the what-if', async () => {
    fakeApi((call) => {
      if (call.url.includes('what-if'))
        return [200, { periodId: null, years: budget('1').years, difference: { years: [] } }];
      if (call.method === 'PATCH') return problem(412, 'Precondition Failed');
      if (call.url.startsWith('/api/financing/reference-values'))
        return [200, { items: [referenceValue], total: 1 }];
      return [200, budget('1000.00')];
    });
    const store = useFinancingStore();
    await store.computeWhatIf({
      referenceValues: [{ typeCode: '49', formCode: 'pob', costPerUnit: '600000.00' }],
    });

    expect(await store.saveWhatIf()).toBe(false);
    expect(store.whatIfError).toMatchObject({ status: 412 });
    expect(store.whatIf).not.toBeNull();
  });
});
