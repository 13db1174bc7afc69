import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Plan,
  PlanDiff,
  PlanList,
  PlanVersionDetail,
  PlanVersionList,
  Problem,
} from '@socplan/contracts';
import { auditLog, planNodes } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';
import { createPlan } from './plans.test-support.ts';

/**
 * The status workflow, the freeze on approval, amendments and the diff between versions. The
 * plan is the community plan of ORP Liberec; its tree is written straight into plan_nodes (the
 * tree's API is tested with it): priority 1 with measure 1.1 (costed) and measure 1.2.
 */
let ctx: TestContext;
let coordinator: Headers;
let planId: string;
const node = { priority: '', costed: '', other: '' };

type Headers = Record<string, string>;

const url = (path = '') => `/api/plans/${planId}${path}`;
const getJson = async <T>(path: string): Promise<T> => {
  const res = await ctx.app.inject({ method: 'GET', url: url(path), headers: coordinator });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};
const plan = () => getJson<Plan>('');
const postTo = async (path: string, payload: object, version?: number) =>
  ctx.app.inject({
    method: 'POST',
    url: url(path),
    headers: version === undefined ? coordinator : { ...coordinator, 'if-match': `"${version}"` },
    payload,
  });
/** POSTs at the plan's current version. */
const act = async (path: string, payload: object) => postTo(path, payload, (await plan()).version);
const approval = {
  approvalBody: 'Zastupitelstvo města Liberec',
  resolutionNumber: '45/2024',
  approvedOn: '2024-03-14',
};

beforeAll(async () => {
  ctx = await createTestApp();
  const t = await seedTerritory(ctx);
  const orpId = t.orpIdsByCode.get('5105')!;
  coordinator = auth(ctx, 'coordinator', orpId);
  planId = await createPlan(ctx.app.db, {
    territoryUnitId: orpId,
    title: 'Komunitní plán ORP Liberec',
  });
  const insert = async (values: Partial<typeof planNodes.$inferInsert>) => {
    const [row] = await ctx.app.db
      .insert(planNodes)
      .values({ planId, level: 'measure', position: 1, code: '1', title: '', ...values })
      .returning();
    return row!.id;
  };
  node.priority = await insert({ level: 'priority', code: '1', title: 'Senioři' });
  node.costed = await insert({
    parentId: node.priority,
    code: '1.1',
    title: 'Rozvoj pečovatelské služby',
    targetGroups: ['senioři'],
    costs: [{ year: 2025, amount: 150_000_00 }],
    funding: [{ source: 'kraj', year: 2025, amount: 100_000_00 }],
    indicators: [
      {
        id: 'i1',
        name: 'Klienti',
        unit: 'osoba',
        baseline: 120_00,
        targets: [{ year: 2025, value: 140_50 }],
      },
    ],
  });
  node.other = await insert({
    parentId: node.priority,
    position: 2,
    code: '1.2',
    title: 'Odlehčovací služby',
  });
  // Deleted nodes are no part of a version.
  await insert({
    code: '2',
    level: 'priority',
    position: 2,
    title: 'Smazaná',
    deletedAt: new Date(),
  });
});
afterAll(() => ctx.close());

describe('the status workflow', () => {
  it('refuses moves the workflow does not allow, naming the allowed ones (409)', async () => {
    const res = await act('/status', { status: 'approved', ...approval });
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().detail).toContain('allowed: consultation');
  });

  it('needs If-Match (428 without, 412 stale)', async () => {
    expect((await postTo('/status', { status: 'consultation' })).statusCode).toBe(428);
    const stale = (await plan()).version - 1;
    expect((await postTo('/status', { status: 'consultation' }, stale)).statusCode).toBe(412);
  });

  it('goes to consultation and back to draft, leaving an audit row with the note', async () => {
    expect((await act('/status', { status: 'consultation' })).json<Plan>().status).toBe(
      'consultation',
    );
    const back = await act('/status', { status: 'draft', note: 'Připomínky ORP' });
    expect(back.json<Plan>().status).toBe('draft');
    const rows = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, planId), eq(auditLog.action, 'status')));
    expect(rows.map((r) => r.after)).toContainEqual({ status: 'draft', note: 'Připomínky ORP' });
    expect((await act('/status', { status: 'consultation' })).statusCode).toBe(200);
  });

  it('approves only with the approving body, resolution number and date, naming each missing', async () => {
    const res = await act('/status', { status: 'approved', approvalBody: 'Zastupitelstvo' });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.map((e) => e.pointer)).toEqual([
      '/resolutionNumber',
      '/approvedOn',
    ]);
    expect((await plan()).status).toBe('consultation');
    expect((await getJson<PlanVersionList>('/versions')).items.map((v) => v.working)).toEqual([
      true,
    ]);
  });
});

describe('approving freezes the working version', () => {
  it('records the approval and makes the version read-only', async () => {
    const res = await act('/status', { status: 'approved', ...approval });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Plan>()).toMatchObject({
      status: 'approved',
      ...approval,
      workingVersion: 1,
      approvedVersion: 1,
      amendmentOpen: false,
      editable: false,
    });
    const versions = await getJson<PlanVersionList>('/versions');
    expect(versions.items).toEqual([
      expect.objectContaining({
        number: 1,
        working: false,
        ...approval,
        frozenBy: expect.objectContaining({ name: expect.any(String) }),
      }),
    ]);
  });

  it('keeps the header and the live nodes as they were, as a tree with money in CZK', async () => {
    const v1 = await getJson<PlanVersionDetail>('/versions/1');
    expect(v1.plan).toMatchObject({
      id: planId,
      title: 'Komunitní plán ORP Liberec',
      status: 'approved',
    });
    expect(v1.tree.nodes.map((n) => [n.code, n.children.map((c) => c.code)])).toEqual([
      ['1', ['1.1', '1.2']],
    ]);
    expect(v1.tree.nodes[0]!.children[0]).toMatchObject({
      title: 'Rozvoj pečovatelské služby',
      costs: [{ year: 2025, amount: '150000.00' }],
      funding: [{ source: 'kraj', year: 2025, amount: '100000.00' }],
      indicators: [
        { name: 'Klienti', baseline: '120.00', targets: [{ year: 2025, value: '140.50' }] },
      ],
    });
    const missing = await ctx.app.inject({
      method: 'GET',
      url: url('/versions/2'),
      headers: coordinator,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('moves on to in force; approving again through the status is not a move', async () => {
    expect((await act('/status', { status: 'in_force' })).json<Plan>().status).toBe('in_force');
    const again = await act('/status', { status: 'approved', ...approval });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().detail).toContain('allowed: expired, archived');
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/plans?year=2025',
      headers: coordinator,
    });
    expect(list.json<PlanList>().items.map((p) => p.id)).toEqual([planId]);
  });
});

describe('amendments', () => {
  it('refuses approving an amendment that is not open (409)', async () => {
    expect((await act('/amendments/approve', approval)).statusCode).toBe(409);
  });

  it('open a new working version, keeping the plan in force', async () => {
    expect((await postTo('/amendments', { changeLog: 'Nová služba' })).statusCode).toBe(428);
    const res = await act('/amendments', { changeLog: 'Aktualizace nákladů na rok 2025' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Plan>()).toMatchObject({
      status: 'in_force',
      workingVersion: 2,
      approvedVersion: 1,
      amendmentOpen: true,
      editable: true,
      changeLog: 'Aktualizace nákladů na rok 2025',
    });
    const second = await act('/amendments', { changeLog: 'Ještě jedna' });
    expect(second.statusCode).toBe(409);
    const versions = await getJson<PlanVersionList>('/versions');
    expect(versions.items.map((v) => [v.number, v.working])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('diffs the approved version against the working tree', async () => {
    await ctx.app.db
      .update(planNodes)
      .set({ costs: [{ year: 2025, amount: 180_000_00 }] })
      .where(eq(planNodes.id, node.costed));
    const diff = await getJson<PlanDiff>('/diff?from=1');
    expect(diff).toMatchObject({
      from: 1,
      to: 'working',
      plan: [],
      added: [],
      removed: [],
      moved: [],
    });
    expect(diff.changed).toEqual([
      {
        id: node.costed,
        level: 'measure',
        code: '1.1',
        title: 'Rozvoj pečovatelské služby',
        changes: [
          {
            field: 'costs',
            from: [{ year: 2025, amount: '150000.00' }],
            to: [{ year: 2025, amount: '180000.00' }],
          },
        ],
      },
    ]);
  });

  it('freezes version 2 on approval; the diff 1 → 2 shows exactly what changed', async () => {
    const missing = await act('/amendments/approve', { approvalBody: 'Rada města' });
    expect(missing.statusCode).toBe(400);
    const res = await act('/amendments/approve', {
      approvalBody: 'Rada města Liberec',
      resolutionNumber: '12/2025',
      approvedOn: '2025-02-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Plan>()).toMatchObject({
      status: 'in_force',
      workingVersion: 2,
      approvedVersion: 2,
      resolutionNumber: '12/2025',
      editable: false,
    });
    const v2 = await getJson<PlanVersionDetail>('/versions/2');
    expect(v2).toMatchObject({
      number: 2,
      changeLog: 'Aktualizace nákladů na rok 2025',
      resolutionNumber: '12/2025',
    });
    const diff = await getJson<PlanDiff>('/diff?from=1&to=2');
    expect(diff.to).toBe(2);
    expect(diff.changed.map((c) => [c.id, c.changes.map((f) => f.field)])).toEqual([
      [node.costed, ['costs']],
    ]);
    // Version 1 is untouched.
    const v1 = await getJson<PlanVersionDetail>('/versions/1');
    expect(v1.tree.nodes[0]!.children[0]!.costs).toEqual([{ year: 2025, amount: '150000.00' }]);
  });

  it('reports added, removed, moved and retitled nodes and header changes', async () => {
    await act('/amendments', { changeLog: 'Přestavba opatření' });
    const db = ctx.app.db;
    await db.update(planNodes).set({ deletedAt: new Date() }).where(eq(planNodes.id, node.other));
    await db
      .update(planNodes)
      .set({ title: 'Pečovatelská služba', position: 2, code: '1.2' })
      .where(eq(planNodes.id, node.costed));
    const [added] = await db
      .insert(planNodes)
      .values({
        planId,
        parentId: node.priority,
        level: 'measure',
        position: 1,
        code: '1.1',
        title: 'Domovy pro seniory',
      })
      .returning();
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: url(),
      headers: { ...coordinator, 'if-match': `"${(await plan()).version}"` },
      payload: { title: 'Komunitní plán ORP Liberec 2024–2026' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const diff = await getJson<PlanDiff>('/diff?from=2&to=working');
    expect(diff.plan).toEqual([
      {
        field: 'title',
        from: 'Komunitní plán ORP Liberec',
        to: 'Komunitní plán ORP Liberec 2024–2026',
      },
    ]);
    expect(diff.added.map((n) => n.id)).toEqual([added!.id]);
    expect(diff.removed.map((n) => n.id)).toEqual([node.other]);
    expect(diff.moved).toEqual([
      expect.objectContaining({
        id: node.costed,
        before: { parentId: node.priority, position: 1, code: '1.1' },
        after: { parentId: node.priority, position: 2, code: '1.2' },
      }),
    ]);
    expect(diff.changed).toEqual([
      expect.objectContaining({
        id: node.costed,
        changes: [
          { field: 'title', from: 'Rozvoj pečovatelské služby', to: 'Pečovatelská služba' },
        ],
      }),
    ]);
  });

  it('answers 404 for a diff from a version that does not exist', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: url('/diff?from=7'),
      headers: coordinator,
    });
    expect(res.statusCode).toBe(404);
  });
});
