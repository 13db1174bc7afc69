import type { Plan, PlanTree, PlanTreeNode } from '@socplan/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, problem, type FakeAnswer } from '../../test-support/fake-api.ts';
import { CONFIRMATION_REQUIRED_PROBLEM } from '@socplan/contracts/constants';
import { usePlanStore } from './plan.store.ts';

const PLAN_ID = 'p1';
const plan = { id: PLAN_ID, title: 'AP 2025', version: 3 } as Plan;
const node = { id: 'n1', code: '1.1', version: 7, children: [] } as unknown as PlanTreeNode;
const tree = { plan: { id: PLAN_ID }, nodes: [node] } as unknown as PlanTree;

const ok = (body: unknown): FakeAnswer => [200, body];
const confirmationRequired: FakeAnswer = [
  409,
  { type: CONFIRMATION_REQUIRED_PROBLEM, title: 'Confirm', status: 409 },
];

describe('plan store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('shows the plan even when its tree cannot be read', async () => {
    fakeApi(({ url }) => (url.endsWith('/tree') ? problem(500, 'Boom') : ok(plan)));
    const store = usePlanStore();
    await store.load(PLAN_ID);
    expect(store.plan?.title).toBe('AP 2025');
    expect(store.loadError).toBeNull();
    expect(store.error).toMatchObject({ status: 500 });
  });

  it('asks before deleting a node with reports, then deletes with confirm=true', async () => {
    const calls = fakeApi(({ method, url }) => {
      if (method === 'DELETE')
        return url.includes('confirm=true') ? [204, null] : confirmationRequired;
      if (url.endsWith('/deleted-nodes')) return ok({ items: [], total: 0 });
      return url.endsWith('/tree') ? ok(tree) : ok(plan);
    });
    const store = usePlanStore();
    await store.load(PLAN_ID);

    expect(await store.removeNode(node, false)).toBe('confirm');
    // Asking is no error to show.
    expect(store.error).toBeNull();
    expect(await store.removeNode(node, true)).toBe('removed');

    const deletes = calls.filter((c) => c.method === 'DELETE');
    expect(deletes.map((c) => c.url)).toEqual([
      `/api/plans/${PLAN_ID}/nodes/n1`,
      `/api/plans/${PLAN_ID}/nodes/n1?confirm=true`,
    ]);
    // The node's version goes as If-Match with every write.
    expect(deletes.every((c) => c.headers['if-match'] === '"7"')).toBe(true);
  });

  it('keeps a stale write as the error to show (412), not as a confirmation', async () => {
    fakeApi(({ method, url }) => {
      if (method === 'DELETE') return problem(412, 'Precondition Failed');
      return url.endsWith('/tree') ? ok(tree) : ok(plan);
    });
    const store = usePlanStore();
    await store.load(PLAN_ID);
    expect(await store.removeNode(node, false)).toBe('failed');
    expect(store.error).toMatchObject({ status: 412 });
  });

  it('moves a node with its version and reads the tree again for the new codes', async () => {
    const moved = { ...tree, nodes: [{ ...node, code: '2.1' }] };
    let reads = 0;
    const calls = fakeApi(({ method, url }) => {
      if (method === 'POST') return ok(node);
      if (url.endsWith('/tree')) return ok(reads++ ? moved : tree);
      return ok(plan);
    });
    const store = usePlanStore();
    await store.load(PLAN_ID);
    expect(await store.moveNode(node, { parentId: 'm2', position: 1 })).toBe(true);
    const move = calls.find((c) => c.method === 'POST');
    expect(move).toMatchObject({
      url: `/api/plans/${PLAN_ID}/nodes/n1/move`,
      body: { parentId: 'm2', position: 1 },
    });
    expect(move?.headers['if-match']).toBe('"7"');
    expect(store.tree?.nodes[0]?.code).toBe('2.1');
  });
});
