import type { PlanTree, PlanTreeNode, PlanTreeTotals } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import { planExport } from './plan-export.ts';

const totals = (cost: string, funded: string, gap: string, year = 2025): PlanTreeTotals => ({
  costs: [{ year, amount: cost }],
  funding: [],
  gap: [{ year, amount: gap }],
  overfunded: [],
  cost,
  funded,
  gapTotal: gap,
  overfundedTotal: '0.00',
  activities: 1,
  activitiesWithCost: 1,
  activitiesWithFunding: 1,
});

const activity = {
  id: 'a',
  level: 'activity',
  code: '1.1.1',
  title: 'Odlehčovací služba',
  responsible: 'Město Liberec',
  yearFrom: 2025,
  yearTo: 2025,
  funding: [
    { source: 'mpsv', year: 2025, amount: '60000.00' },
    { source: 'municipality', year: 2025, amount: '20000.00' },
  ],
  totals: totals('100000.00', '80000.00', '20000.00'),
  children: [],
} as unknown as PlanTreeNode;
const measure = {
  ...activity,
  id: 'm',
  level: 'measure',
  code: '1.1',
  title: 'Podpora pečujících',
  responsible: null,
  yearFrom: null,
  yearTo: null,
  funding: [],
  children: [activity],
} as unknown as PlanTreeNode;
const priority = { ...measure, id: 'p', level: 'priority', code: '1', children: [measure] };

const tree = {
  plan: {
    id: 'plan',
    yearFrom: 2025,
    yearTo: 2026,
    totals: totals('100000.00', '80000.00', '20000.00'),
  },
  nodes: [priority],
} as unknown as PlanTree;

describe('plan export', () => {
  const exported = planExport(tree);

  it('lists the nodes in code order with their depth and costs per plan year', () => {
    expect(exported.years).toEqual([2025, 2026]);
    expect(exported.rows.map((r) => [r.code, r.depth])).toEqual([
      ['1', 0],
      ['1.1', 1],
      ['1.1.1', 2],
    ]);
    expect(exported.rows[2]).toMatchObject({
      responsible: 'Město Liberec',
      timeframe: '2025–2025',
      costs: ['100000.00', '0.00'],
      gap: '20000.00',
    });
  });

  it('gives each activity a funding line per source and the plan its totals', () => {
    expect(exported.funding).toEqual([
      { code: '1.1.1', title: 'Odlehčovací služba', source: 'mpsv', amounts: ['60000.00', '0.00'] },
      {
        code: '1.1.1',
        title: 'Odlehčovací služba',
        source: 'municipality',
        amounts: ['20000.00', '0.00'],
      },
    ]);
    expect(exported.total).toEqual({
      costs: ['100000.00', '0.00'],
      cost: '100000.00',
      funded: '80000.00',
      gap: '20000.00',
    });
  });
});
