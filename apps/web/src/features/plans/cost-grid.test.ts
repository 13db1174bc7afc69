import type { PlanTreeTotals } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import { gridDraftOf, gridView, gridYears, parseGridDraft } from './cost-grid.ts';

const totals: PlanTreeTotals = {
  costs: [
    { year: 2025, amount: '100000.00' },
    { year: 2026, amount: '120000.00' },
  ],
  funding: [
    { source: 'mpsv', year: 2025, amount: '60000.00' },
    { source: 'municipality', year: 2025, amount: '40000.00' },
    { source: 'mpsv', year: 2026, amount: '70000.50' },
  ],
  gap: [
    { year: 2025, amount: '0.00' },
    { year: 2026, amount: '49999.50' },
  ],
  overfunded: [],
  cost: '220000.00',
  funded: '170000.50',
  gapTotal: '49999.50',
  overfundedTotal: '0.00',
  activities: 1,
  activitiesWithCost: 1,
  activitiesWithFunding: 1,
};

describe('costing grid', () => {
  it('spans the timeframe and every year holding money', () => {
    expect(
      gridYears({ yearFrom: 2026, yearTo: 2027 }, { yearFrom: 2024, yearTo: 2027 }, totals),
    ).toEqual([2025, 2026, 2027]);
    expect(gridYears(null, { yearFrom: 2025, yearTo: 2026 }, totals)).toEqual([2025, 2026]);
  });

  it('shows cost, each source, funded and the gap by year with their totals', () => {
    const view = gridView(totals, [2025, 2026, 2027]);
    expect(view.cost.byYear).toEqual({ 2025: '100000.00', 2026: '120000.00', 2027: '0.00' });
    expect(view.sources.map((s) => [s.source, s.total])).toEqual([
      ['mpsv', '130000.50'],
      ['municipality', '40000.00'],
    ]);
    expect(view.funded.byYear[2025]).toBe('100000.00');
    expect(view.funded.total).toBe('170000.50');
    expect(view.gap.byYear[2026]).toBe('49999.50');
    expect(view.gap.total).toBe('49999.50');
    expect(view.overfunded).toBeNull();
  });

  it('edits amounts in the UI notation and sends them as API decimals', () => {
    const draft = gridDraftOf(
      {
        costs: totals.costs,
        funding: totals.funding,
      },
      'cs',
    );
    expect(draft.cost[2025]).toBe('100000,00');
    draft.cost[2026] = '125 000,5';
    draft.sources[1]!.amounts[2026] = '';
    draft.sources.push({ source: 'eu', amounts: { 2026: '10000' } });
    const parsed = parseGridDraft(draft, [2025, 2026], 'cs');
    expect(parsed).toEqual({
      ok: true,
      value: {
        costs: [
          { year: 2025, amount: '100000.00' },
          { year: 2026, amount: '125000.50' },
        ],
        funding: [
          { source: 'mpsv', year: 2025, amount: '60000.00' },
          { source: 'mpsv', year: 2026, amount: '70000.50' },
          { source: 'municipality', year: 2025, amount: '40000.00' },
          { source: 'eu', year: 2026, amount: '10000.00' },
        ],
      },
    });
  });

  it('names the cells that are not amounts', () => {
    const parsed = parseGridDraft(
      { cost: { 2025: 'hodně' }, sources: [{ source: 'eu', amounts: { 2026: '1,234' } }] },
      [2025, 2026],
      'cs',
    );
    expect(parsed).toEqual({
      ok: false,
      invalid: [
        { line: 'cost', year: 2025 },
        { line: 'eu', year: 2026 },
      ],
    });
  });
});
