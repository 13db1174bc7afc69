import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activityProgress,
  indicatorProgress,
  rollUpProgress,
  weightedProgress,
  type ProgressTreeNode,
} from './monitoring.progress.ts';

const indicator = (id: string, baseline: number | null, targets: [number, number][]) => ({
  id,
  name: id,
  unit: 'osob',
  baseline,
  targets: targets.map(([year, value]) => ({ year, value })),
});

describe('indicator and activity progress', () => {
  it('measures the way from baseline to target, clamped to 0–100, also for falling indicators', () => {
    expect(indicatorProgress(1000, 3000, 2000)).toBe(50);
    expect(indicatorProgress(1000, 3000, 5000)).toBe(100);
    expect(indicatorProgress(1000, 3000, 0)).toBe(0);
    // Fewer people on a waiting list: 40 → 20, now 30 is half way.
    expect(indicatorProgress(4000, 2000, 3000)).toBe(50);
    expect(indicatorProgress(500, 500, 500)).toBe(100);
    expect(indicatorProgress(500, 500, 499)).toBe(0);
  });

  it('averages the indicators with a target that year and an actual, else takes the entered figure', () => {
    const indicators = [
      indicator('a', 0, [[2025, 1000]]), // 10 → 50 %
      indicator('b', null, [[2025, 400]]), // baseline 0, 4 of 4 → 100 %
      indicator('c', 0, [[2026, 100]]), // no target in 2025: ignored
    ];
    const actuals = [
      { indicatorId: 'a', value: 500 },
      { indicatorId: 'b', value: 400 },
      { indicatorId: 'c', value: 100 },
    ];
    expect(activityProgress(indicators, 2025, actuals, 10)).toEqual({
      progress: 75,
      source: 'indicators',
    });
    expect(activityProgress(indicators, 2025, [{ indicatorId: 'c', value: 1 }], 10)).toEqual({
      progress: 10,
      source: 'entered',
    });
    expect(activityProgress(indicators, 2025, [], null)).toEqual({ progress: null, source: null });
  });
});

describe('roll-up weighted by cost', () => {
  it('weights by cost, equal weights when everything costs nothing, unknowns left out', () => {
    expect(
      weightedProgress([
        { cost: 300, progress: 100 },
        { cost: 100, progress: 0 },
      ]),
    ).toBe(75);
    expect(
      weightedProgress([
        { cost: 0, progress: 100 },
        { cost: 0, progress: 0 },
      ]),
    ).toBe(50);
    expect(
      weightedProgress([
        { cost: 900, progress: null },
        { cost: 100, progress: 40 },
      ]),
    ).toBe(40);
    expect(weightedProgress([{ cost: 1, progress: null }])).toBeNull();
  });

  it('rolls a hand-computed plan up to its measures, priorities and the plan', () => {
    const tree: ProgressTreeNode[] = [
      { id: 'p1', parentId: null, cost: 0, own: null },
      { id: 'm11', parentId: 'p1', cost: 0, own: null },
      { id: 'a111', parentId: 'm11', cost: 100_00, own: 100 },
      { id: 'a112', parentId: 'm11', cost: 300_00, own: 20 },
      { id: 'm12', parentId: 'p1', cost: 0, own: null },
      { id: 'a121', parentId: 'm12', cost: 0, own: 10 },
      { id: 'p2', parentId: null, cost: 0, own: null },
      { id: 'm21', parentId: 'p2', cost: 0, own: null }, // no activities: unknown
    ];
    const { nodes, plan } = rollUpProgress(tree);
    expect(nodes.get('m11')).toEqual({ cost: 400_00, progress: 40 }); // (100·1 + 20·3) / 4
    expect(nodes.get('m12')).toEqual({ cost: 0, progress: 10 });
    expect(nodes.get('p1')).toEqual({ cost: 400_00, progress: 40 }); // m12 weighs 0 next to 400
    expect(nodes.get('p2')).toEqual({ cost: 0, progress: null });
    expect(plan).toBe(40);
  });

  // Random trees of up to three levels: priorities → measures → activities.
  const treeArbitrary = fc
    .array(
      fc.array(
        fc.array(
          fc.record({
            cost: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000_000_00 })),
            own: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
          }),
          { maxLength: 5 },
        ),
        { maxLength: 4 },
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((priorities) => {
      const nodes: ProgressTreeNode[] = [];
      priorities.forEach((measures, p) => {
        nodes.push({ id: `${p}`, parentId: null, cost: 0, own: null });
        measures.forEach((activities, m) => {
          nodes.push({ id: `${p}.${m}`, parentId: `${p}`, cost: 0, own: null });
          activities.forEach((a, i) =>
            nodes.push({ id: `${p}.${m}.${i}`, parentId: `${p}.${m}`, ...a }),
          );
        });
      });
      return nodes;
    });

  it('gives every parent a progress between its children’s and equal to their mean weighted by cost', () => {
    fc.assert(
      fc.property(treeArbitrary, (tree) => {
        const { nodes, plan } = rollUpProgress(tree);
        const parents: (string | null)[] = [null, ...tree.map((n) => n.id)];
        for (const parent of parents) {
          const children = tree.filter((n) => n.parentId === parent).map((n) => nodes.get(n.id)!);
          if (children.length === 0) continue;
          const progress = parent === null ? plan : nodes.get(parent)!.progress;
          const cost = children.reduce((s, c) => s + c.cost, 0);
          if (parent !== null) expect(nodes.get(parent)!.cost).toBe(cost);
          const known = children.filter((c) => c.progress !== null);
          if (known.length === 0) {
            expect(progress).toBeNull();
            continue;
          }
          const values = known.map((c) => c.progress!);
          expect(progress).not.toBeNull();
          expect(progress!).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
          expect(progress!).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
          const weight = known.reduce((s, c) => s + c.cost, 0);
          const mean =
            weight === 0
              ? values.reduce((s, v) => s + v, 0) / values.length
              : known.reduce((s, c) => s + c.cost * c.progress!, 0) / weight;
          expect(progress!).toBeCloseTo(mean, 6);
        }
      }),
    );
  });

  it('keeps every computed progress within 0–100', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        (baseline, target, actual) => {
          const p = indicatorProgress(baseline, target, actual);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});
