import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanTreeNode, PlanTreeTotals } from '@socplan/contracts';
import { parseMoney } from '../financing/money.ts';
import { buildPlanTree, type TreeSourceNode } from './plan-tree.build.ts';
import { numberTree, type NumberedNode } from './plan-tree.codes.ts';

/** The pure parts of the tree: roll-ups of cost and funding, and codes. */

const YEARS = { from: 2024, to: 2026 };
let n = 0;
const node = (
  level: 'priority' | 'measure' | 'activity',
  parentId: string | null,
  position: number,
  money: Partial<Pick<TreeSourceNode, 'costs' | 'funding'>> = {},
): TreeSourceNode => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  parentId,
  level,
  position,
  code: '',
  title: `${level} ${n}`,
  description: null,
  targetGroups: [],
  serviceTypes: [],
  serviceIds: [],
  responsible: null,
  partners: null,
  yearFrom: null,
  yearTo: null,
  costs: money.costs ?? [],
  funding: money.funding ?? [],
  indicators: [],
  templateNodeId: null,
  version: 1,
});

const haler = (text: string) => BigInt(parseMoney(text)!);
const byYear = (list: { year: number; amount: string }[]) =>
  new Map(list.map((e) => [e.year, haler(e.amount)]));

describe('buildPlanTree', () => {
  it('orders by position, rolls activities up to measure, priority and plan, and shows the gap per year', () => {
    const p = node('priority', null, 1);
    const m2 = node('measure', p.id, 2);
    const m1 = node('measure', p.id, 1);
    const a = node('activity', m1.id, 1, {
      costs: [
        { year: 2024, amount: 100_000_00 },
        { year: 2025, amount: 50_000_00 },
      ],
      funding: [
        { source: 'region', year: 2024, amount: 60_000_00 },
        { source: 'mpsv', year: 2025, amount: 70_000_00 },
      ],
    });
    const b = node('activity', m1.id, 2, { costs: [{ year: 2024, amount: 10_000_00 }] });
    const deleted = {
      ...node('activity', m1.id, 3, { costs: [{ year: 2024, amount: 1 }] }),
      deletedAt: '2025-01-01T00:00:00Z',
    };
    const tree = buildPlanTree([m2, a, p, b, m1, deleted], YEARS);

    expect(tree.nodes.map((x) => x.id)).toEqual([p.id]);
    expect(tree.nodes[0]!.children.map((x) => x.id)).toEqual([m1.id, m2.id]);
    const measure = tree.nodes[0]!.children[0]!;
    expect(measure.children.map((x) => x.id)).toEqual([a.id, b.id]);
    expect(measure.totals.costs).toEqual([
      { year: 2024, amount: '110000.00' },
      { year: 2025, amount: '50000.00' },
      { year: 2026, amount: '0.00' },
    ]);
    // 2024: A lacks 40,000 and B 10,000; 2025: A is over-funded by 20,000, which fills no gap.
    expect(measure.totals.gap.map((g) => g.amount)).toEqual(['50000.00', '0.00', '0.00']);
    expect(measure.totals.overfunded.map((g) => g.amount)).toEqual(['0.00', '20000.00', '0.00']);
    expect(measure.totals).toMatchObject({
      cost: '160000.00',
      funded: '130000.00',
      gapTotal: '50000.00',
      overfundedTotal: '20000.00',
      activities: 2,
      activitiesWithCost: 2,
      activitiesWithFunding: 1,
    });
    expect(measure.totals.funding).toEqual([
      { source: 'mpsv', year: 2025, amount: '70000.00' },
      { source: 'region', year: 2024, amount: '60000.00' },
    ]);
    expect(measure.hasCostEstimate).toBe(true);
    expect(measure.hasFunding).toBe(false);
    // An empty measure: nothing to cost, so no estimate.
    expect(tree.nodes[0]!.children[1]!.hasCostEstimate).toBe(false);
    expect(tree.totals).toEqual(tree.nodes[0]!.totals);
  });

  it('reads snapshot rows whose timestamps are text', () => {
    const p = {
      ...node('priority', null, 1),
      createdAt: '2025-01-01T00:00:00.000Z',
      deletedAt: null,
    };
    expect(buildPlanTree([p], YEARS).nodes).toHaveLength(1);
  });

  const amount = fc.integer({ min: 0, max: 5_000_000_00 });
  const year = fc.integer({ min: 2024, max: 2027 });
  const activityMoney = fc.record({
    costs: fc.uniqueArray(fc.record({ year, amount }), { selector: (c) => c.year, maxLength: 4 }),
    funding: fc.uniqueArray(
      fc.record({ source: fc.constantFrom('mpsv', 'region', 'eu'), year, amount }),
      { selector: (f) => `${f.source}${f.year}`, maxLength: 6 },
    ),
  });
  // priorities → measures → activities, each list of random length
  const shape = fc.array(fc.array(fc.array(activityMoney, { maxLength: 4 }), { maxLength: 3 }), {
    maxLength: 3,
  });

  it('gives every parent the sums of its children, and gap = cost − funded + overfunded', () => {
    fc.assert(
      fc.property(shape, (priorities) => {
        const rows: TreeSourceNode[] = [];
        priorities.forEach((measures, i) => {
          const p = node('priority', null, i + 1);
          rows.push(p);
          measures.forEach((activities, j) => {
            const m = node('measure', p.id, j + 1);
            rows.push(m);
            activities.forEach((money, k) => rows.push(node('activity', m.id, k + 1, money)));
          });
        });
        const tree = buildPlanTree(rows, YEARS);

        const sumOf = (
          parts: PlanTreeTotals[],
          pick: (t: PlanTreeTotals) => { year: number; amount: string }[],
        ) => {
          const sums = new Map<number, bigint>();
          for (const part of parts)
            for (const [y, a] of byYear(pick(part))) sums.set(y, (sums.get(y) ?? 0n) + a);
          return sums;
        };
        const fundingKey = (t: PlanTreeTotals) =>
          new Map(t.funding.map((f) => [`${f.source}${f.year}`, haler(f.amount)]));
        const check = (totals: PlanTreeTotals, children: PlanTreeTotals[]) => {
          for (const pick of [
            (t: PlanTreeTotals) => t.costs,
            (t: PlanTreeTotals) => t.gap,
            (t: PlanTreeTotals) => t.overfunded,
          ]) {
            const sums = sumOf(children, pick);
            for (const [y, a] of byYear(pick(totals))) expect(a).toBe(sums.get(y) ?? 0n);
          }
          const funding = new Map<string, bigint>();
          for (const child of children)
            for (const [k, a] of fundingKey(child)) funding.set(k, (funding.get(k) ?? 0n) + a);
          expect(fundingKey(totals)).toEqual(funding);
          expect(totals.activities).toBe(children.reduce((s, c) => s + c.activities, 0));
        };
        const balanced = (totals: PlanTreeTotals) => {
          const funded = new Map<number, bigint>();
          for (const f of totals.funding)
            funded.set(f.year, (funded.get(f.year) ?? 0n) + haler(f.amount));
          const gap = byYear(totals.gap);
          const over = byYear(totals.overfunded);
          for (const [y, cost] of byYear(totals.costs)) {
            expect(gap.get(y)! >= 0n && over.get(y)! >= 0n).toBe(true);
            expect(gap.get(y)).toBe(cost - (funded.get(y) ?? 0n) + over.get(y)!);
          }
          expect(haler(totals.gapTotal)).toBe(
            haler(totals.cost) - haler(totals.funded) + haler(totals.overfundedTotal),
          );
        };
        const walk = (n: PlanTreeNode) => {
          if (n.level !== 'activity')
            check(
              n.totals,
              n.children.map((c) => c.totals),
            );
          balanced(n.totals);
          n.children.forEach(walk);
        };
        tree.nodes.forEach(walk);
        check(
          tree.totals,
          tree.nodes.map((c) => c.totals),
        );
        balanced(tree.totals);
      }),
      { numRuns: 200 },
    );
  });
});

describe('numberTree', () => {
  it('puts a placed node at its position and shifts the later siblings', () => {
    const nodes: NumberedNode[] = [
      { id: 'a', parentId: null, position: 1, code: '1' },
      { id: 'b', parentId: null, position: 2, code: '2' },
      { id: 'a1', parentId: 'a', position: 1, code: '1.1' },
      { id: 'a2', parentId: 'a', position: 2, code: '1.2' },
      { id: 'new', parentId: 'a', position: 0, code: '' },
    ];
    const codes = numberTree(nodes, { id: 'new', position: 1 });
    expect(codes.get('new')).toEqual({ position: 1, code: '1.1' });
    expect(codes.get('a1')).toEqual({ position: 2, code: '1.2' });
    expect(codes.get('a2')).toEqual({ position: 3, code: '1.3' });
    expect(codes.get('b')).toEqual({ position: 2, code: '2' });
  });

  it('keeps codes dense and consistent with positions for any placement', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(20), fc.integer({ min: -5, max: 30 })), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.nat(40),
        fc.integer({ min: 1, max: 40 }),
        (specs, pick, position) => {
          // Random forest: each node hangs under an earlier one (or the root), with any position.
          const nodes: NumberedNode[] = specs.map(([parent, pos], i) => ({
            id: `n${i}`,
            parentId: i === 0 || parent % (i + 1) === i ? null : `n${parent % i}`,
            position: pos,
            code: '',
          }));
          const placed = nodes[pick % nodes.length]!;
          const codes = numberTree(nodes, { id: placed.id, position });
          expect(codes.size).toBe(nodes.length);
          const byParent = new Map<string | null, number[]>();
          for (const node of nodes) {
            const { position: p, code } = codes.get(node.id)!;
            const parentCode = node.parentId ? codes.get(node.parentId)!.code : null;
            expect(code).toBe(parentCode ? `${parentCode}.${p}` : String(p));
            byParent.set(node.parentId, [...(byParent.get(node.parentId) ?? []), p]);
          }
          for (const positions of byParent.values())
            expect(positions.sort((a, b) => a - b)).toEqual(positions.map((_, i) => i + 1));
          const siblings = byParent.get(placed.parentId)!.length;
          expect(codes.get(placed.id)!.position).toBe(Math.min(position, siblings));
        },
      ),
    );
  });
});
