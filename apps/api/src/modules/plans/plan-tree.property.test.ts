import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanNode, PlanNodeLevel, PlanTree, PlanTreeNode } from '@socplan/contracts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';
import { createPlan } from './plans.test-support.ts';

/**
 * Random sequences of inserts, moves, deletes and restores through the API keep the tree equal
 * to a model of ordered sibling lists: codes `1`, `1.1`, `1.1.1` dense and matching positions.
 */
let ctx: TestContext;
let t: DemoTerritory;
let staff: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp();
  t = await seedTerritory(ctx);
  staff = auth(ctx, 'region_staff');
});
afterAll(() => ctx.close());

const LEVELS: (PlanNodeLevel | null)[] = [null, 'priority', 'measure', 'activity'];
const levelBelow = (level: PlanNodeLevel | null) => LEVELS[LEVELS.indexOf(level) + 1] ?? null;

/** The model: ordered children per parent, levels, versions, and deletions to restore. */
class Model {
  children = new Map<string | null, string[]>([[null, []]]);
  parent = new Map<string, string | null>();
  level = new Map<string, PlanNodeLevel>();
  version = new Map<string, number>();
  deleted: { id: string; parentId: string | null; position: number }[] = [];

  live(): string[] {
    const walk = (id: string | null): string[] =>
      (this.children.get(id) ?? []).flatMap((c) => [c, ...walk(c)]);
    return walk(null);
  }
  place(id: string, parentId: string | null, position: number) {
    const list = this.children.get(parentId) ?? [];
    list.splice(Math.min(position - 1, list.length), 0, id);
    this.children.set(parentId, list);
    this.parent.set(id, parentId);
  }
  detach(id: string): number {
    const list = this.children.get(this.parent.get(id)!)!;
    const index = list.indexOf(id);
    list.splice(index, 1);
    return index + 1;
  }
  /** Every live node in tree order as `code id`. */
  outline(): string[] {
    const walk = (id: string | null, prefix: string): string[] =>
      (this.children.get(id) ?? []).flatMap((c, i) => [
        `${prefix}${i + 1} ${c}`,
        ...walk(c, `${prefix}${i + 1}.`),
      ]);
    return walk(null, '');
  }
}

type Op =
  | { kind: 'insert'; parent: number; position: number | null }
  | { kind: 'move'; node: number; parent: number; position: number }
  | { kind: 'delete'; node: number }
  | { kind: 'restore'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      parent: fc.nat(),
      position: fc.option(fc.integer({ min: 1, max: 6 })),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      node: fc.nat(),
      parent: fc.nat(),
      position: fc.integer({ min: 1, max: 6 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), node: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }) },
);

async function apply(planId: string, model: Model, step: Op): Promise<void> {
  const inject = (method: 'POST' | 'DELETE', url: string, payload?: object, version?: number) =>
    ctx.app.inject({
      method,
      url: `/api/plans/${planId}${url}`,
      headers: version === undefined ? staff : { ...staff, 'if-match': `"${version}"` },
      ...(payload ? { payload } : {}),
    });
  const live = model.live();
  const pickOf = <T>(list: T[], n: number) => (list.length ? list[n % list.length] : undefined);

  if (step.kind === 'insert') {
    const parents = [null, ...live.filter((id) => model.level.get(id) !== 'activity')];
    const parentId = pickOf(parents, step.parent)!;
    const res = await inject('POST', '/nodes', {
      parentId,
      title: 'uzel',
      ...(step.position === null ? {} : { position: step.position }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const node = res.json<PlanNode>();
    model.level.set(node.id, levelBelow(parentId ? model.level.get(parentId)! : null)!);
    model.version.set(node.id, 1);
    model.place(node.id, parentId, step.position ?? Number.MAX_SAFE_INTEGER);
  } else if (step.kind === 'move') {
    const id = pickOf(live, step.node);
    if (!id) return;
    const level = model.level.get(id)!;
    const parents =
      level === 'priority' ? [null] : live.filter((p) => levelBelow(model.level.get(p)!) === level);
    const parentId = pickOf(parents, step.parent)!;
    const res = await inject(
      'POST',
      `/nodes/${id}/move`,
      { parentId, position: step.position },
      model.version.get(id),
    );
    expect(res.statusCode, res.body).toBe(200);
    model.version.set(id, model.version.get(id)! + 1);
    model.detach(id);
    model.place(id, parentId, step.position);
  } else if (step.kind === 'delete') {
    const id = pickOf(live, step.node);
    if (!id) return;
    const res = await inject('DELETE', `/nodes/${id}`, undefined, model.version.get(id));
    expect(res.statusCode, res.body).toBe(204);
    const parentId = model.parent.get(id)!;
    const position = model.detach(id);
    model.deleted.push({ id, parentId, position });
  } else {
    const liveSet = new Set(live);
    const restorable = model.deleted.filter((d) => d.parentId === null || liveSet.has(d.parentId));
    const deletion = pickOf(restorable, step.pick);
    if (!deletion) return;
    const res = await inject('POST', `/nodes/${deletion.id}/restore`);
    expect(res.statusCode, res.body).toBe(200);
    model.deleted.splice(model.deleted.indexOf(deletion), 1);
    model.place(deletion.id, deletion.parentId, deletion.position);
  }
}

const outlineOf = (nodes: PlanTreeNode[]): string[] =>
  nodes.flatMap((n) => [`${n.code} ${n.id}`, ...outlineOf(n.children)]);

describe('tree integrity under random edits', () => {
  it('keeps codes dense, consistent with positions and with the order asked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (steps) => {
        const planId = await createPlan(ctx.app.db, {
          territoryUnitId: t.regionId,
          kind: 'regional',
        });
        const model = new Model();
        for (const step of steps) await apply(planId, model, step);
        const res = await ctx.app.inject({
          method: 'GET',
          url: `/api/plans/${planId}/tree`,
          headers: staff,
        });
        const tree = res.json<PlanTree>();
        expect(outlineOf(tree.nodes)).toEqual(model.outline());
        const positions = (nodes: PlanTreeNode[]): void =>
          nodes.forEach((n, i) => {
            expect(n.position).toBe(i + 1);
            positions(n.children);
          });
        positions(tree.nodes);
      }),
      { numRuns: 25 },
    );
  });
});
