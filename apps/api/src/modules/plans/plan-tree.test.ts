import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import {
  CONFIRMATION_REQUIRED_PROBLEM,
  PlanTreeSchema,
  type PlanNode,
  type PlanNodeDeletionList,
  type PlanTree,
  type PlanTreeNode,
  type Problem,
} from '@socplan/contracts';
import { auditLog, monitoringReports, monitoringRounds, planNodes } from '../../db/schema/index.ts';
import { createService } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';
import { createPlan } from './plans.test-support.ts';

/**
 * The tree of a plan through the API: codes after insert, move, delete and restore; costing and
 * funding with their roll-ups and validation; stale writes; approved versions read-only; scope.
 */
let ctx: TestContext;
let t: DemoTerritory;
let staff: Headers;
type Headers = Record<string, string>;

const orp = (code: string) => t.orpIdsByCode.get(code)!;
const ifMatch = (headers: Headers, version: number) => ({ ...headers, 'if-match': `"${version}"` });
const pointers = (body: string) => (JSON.parse(body) as Problem).errors?.map((e) => e.pointer);

const tree = async (planId: string, headers = staff) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/plans/${planId}/tree`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PlanTree>();
};
const addNode = (planId: string, payload: object, headers = staff) =>
  ctx.app.inject({ method: 'POST', url: `/api/plans/${planId}/nodes`, headers, payload });
async function add(planId: string, payload: object): Promise<PlanNode> {
  const res = await addNode(planId, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<PlanNode>();
}
const patchNode = (planId: string, node: PlanNode, payload: object, headers = staff) =>
  ctx.app.inject({
    method: 'PATCH',
    url: `/api/plans/${planId}/nodes/${node.id}`,
    headers: ifMatch(headers, node.version),
    payload,
  });
const move = (planId: string, node: PlanNode, payload: object) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/plans/${planId}/nodes/${node.id}/move`,
    headers: ifMatch(staff, node.version),
    payload,
  });
const remove = (planId: string, node: PlanNode, query = '') =>
  ctx.app.inject({
    method: 'DELETE',
    url: `/api/plans/${planId}/nodes/${node.id}${query}`,
    headers: ifMatch(staff, node.version),
  });
const restore = (planId: string, nodeId: string) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/plans/${planId}/nodes/${nodeId}/restore`,
    headers: staff,
  });

/** Every node in tree order as `code title`. */
const outline = (nodes: PlanTreeNode[]): string[] =>
  nodes.flatMap((n) => [`${n.code} ${n.title}`, ...outline(n.children)]);
const find = (nodes: PlanTreeNode[], id: string): PlanTreeNode | undefined => {
  for (const n of nodes) {
    if (n.id === id) return n;
    const below = find(n.children, id);
    if (below) return below;
  }
  return undefined;
};
const newPlan = (options: Partial<Parameters<typeof createPlan>[1]> = {}) =>
  createPlan(ctx.app.db, { territoryUnitId: orp('5105'), ...options });

beforeAll(async () => {
  ctx = await createTestApp({ QUERY_COUNT_HEADER: '1' });
  t = await seedTerritory(ctx);
  staff = auth(ctx, 'region_staff');
});
afterAll(() => ctx.close());

describe('codes', () => {
  it('follow insert (siblings after the insert point shift), move and delete', async () => {
    const planId = await newPlan();
    const p1 = await add(planId, { parentId: null, title: 'Senioři' });
    const p2 = await add(planId, { parentId: null, title: 'Rodiny' });
    expect([p1.code, p1.level, p2.code]).toEqual(['1', 'priority', '2']);
    const m1 = await add(planId, { parentId: p1.id, title: 'Pečovatelská služba' });
    const m2 = await add(planId, { parentId: p1.id, title: 'Odlehčovací služby' });
    const a1 = await add(planId, { parentId: m2.id, title: 'Nové lůžko' });
    expect([m1.code, m1.level, m2.code, a1.code, a1.level]).toEqual([
      '1.1',
      'measure',
      '1.2',
      '1.2.1',
      'activity',
    ]);
    const first = await add(planId, { parentId: p1.id, position: 1, title: 'Domovy' });
    expect(first.code).toBe('1.1');
    expect(outline((await tree(planId)).nodes)).toEqual([
      '1 Senioři',
      '1.1 Domovy',
      '1.2 Pečovatelská služba',
      '1.3 Odlehčovací služby',
      '1.3.1 Nové lůžko',
      '2 Rodiny',
    ]);

    // A measure moves under another priority, with its activity.
    const moved = await move(planId, m2, { parentId: p2.id, position: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<PlanNode>()).toMatchObject({ code: '2.1', parentId: p2.id, version: 2 });
    // Within one list, downwards: the node ends at the position asked.
    const movedFirst = await move(planId, first, { parentId: p1.id, position: 2 });
    expect(movedFirst.json<PlanNode>().code).toBe('1.2');
    expect(outline((await tree(planId)).nodes)).toEqual([
      '1 Senioři',
      '1.1 Pečovatelská služba',
      '1.2 Domovy',
      '2 Rodiny',
      '2.1 Odlehčovací služby',
      '2.1.1 Nové lůžko',
    ]);

    const deleted = await remove(planId, p1);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(outline((await tree(planId)).nodes)).toEqual([
      '1 Rodiny',
      '1.1 Odlehčovací služby',
      '1.1.1 Nové lůžko',
    ]);
    const audit = await ctx.app.db.select().from(auditLog).where(eq(auditLog.entityId, m2.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'move']);
  });

  it('gives concurrent inserts distinct, dense codes (the plan row is locked)', async () => {
    const planId = await newPlan();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        addNode(planId, { parentId: null, position: 1, title: `P${i}` }),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const codes = (await tree(planId)).nodes.map((n) => n.code);
    expect(codes).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('keeps levels: nothing under an activity, a node never under itself or its descendant, no level change', async () => {
    const planId = await newPlan();
    const p1 = await add(planId, { parentId: null, title: 'P1' });
    const p2 = await add(planId, { parentId: null, title: 'P2' });
    const m = await add(planId, { parentId: p1.id, title: 'M' });
    const a = await add(planId, { parentId: m.id, title: 'A' });

    const under = await addNode(planId, { parentId: a.id, title: 'X' });
    expect(under.statusCode).toBe(400);
    expect(pointers(under.body)).toEqual(['/parentId']);
    const elsewhere = await addNode(planId, {
      parentId: '00000000-0000-4000-8000-000000000001',
      title: 'X',
    });
    expect(pointers(elsewhere.body)).toEqual(['/parentId']);

    for (const [node, parentId] of [
      [p1, m.id], // under its own descendant
      [m, m.id], // under itself
      [m, null], // a measure at the top
      [a, p2.id], // an activity under a priority
    ] as const) {
      const res = await move(planId, node, { parentId, position: 1 });
      expect(res.statusCode, `${node.title} → ${parentId}`).toBe(400);
      expect(pointers(res.body)).toEqual(['/parentId']);
    }
  });
});

describe('costing, funding and indicators', () => {
  let planId: string;
  let measure: PlanNode;

  beforeAll(async () => {
    planId = await newPlan({ yearFrom: 2024, yearTo: 2026 });
    const p = await add(planId, { parentId: null, title: 'Senioři' });
    measure = await add(planId, { parentId: p.id, title: 'Terénní služby' });
  });

  it('rolls activities up to the measure, priority and plan, with the gap per year', async () => {
    const serviceId = await createService(ctx.app.db, { name: 'Pečovatelská služba Liberec' });
    const a = await add(planId, {
      parentId: measure.id,
      title: 'Rozšíření pečovatelské služby',
      targetGroups: ['24'],
      serviceTypes: ['40'],
      serviceIds: [serviceId],
      responsible: 'Statutární město Liberec',
      yearFrom: 2024,
      yearTo: 2025,
      costs: [
        { year: 2024, amount: '1200000' },
        { year: 2025, amount: '1250000.50' },
      ],
      funding: [
        { source: 'mpsv', year: 2024, amount: '800000' },
        { source: 'municipality', year: 2024, amount: '400000' },
        { source: 'mpsv', year: 2025, amount: '900000' },
      ],
      indicators: [
        {
          name: 'Klienti',
          unit: 'osob',
          baseline: '120',
          targets: [
            { year: 2024, value: '130' },
            { year: 2025, value: '140.5' },
          ],
        },
      ],
    });
    expect(a.costs).toEqual([
      { year: 2024, amount: '1200000.00' },
      { year: 2025, amount: '1250000.50' },
    ]);
    expect(a.services).toEqual([{ id: serviceId, name: 'Pečovatelská služba Liberec' }]);
    expect(a.indicators[0]).toMatchObject({
      baseline: '120.00',
      targets: [
        { year: 2024, value: '130.00' },
        { year: 2025, value: '140.50' },
      ],
    });
    await add(planId, {
      parentId: measure.id,
      title: 'Bez financování',
      costs: [{ year: 2026, amount: '100000' }],
    });

    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/tree`,
      headers: staff,
    });
    const read = res.json<PlanTree>();
    const m = find(read.nodes, measure.id)!;
    expect(m.totals.costs).toEqual([
      { year: 2024, amount: '1200000.00' },
      { year: 2025, amount: '1250000.50' },
      { year: 2026, amount: '100000.00' },
    ]);
    expect(m.totals.gap).toEqual([
      { year: 2024, amount: '0.00' },
      { year: 2025, amount: '350000.50' },
      { year: 2026, amount: '100000.00' },
    ]);
    expect(m.totals).toMatchObject({
      cost: '2550000.50',
      funded: '2100000.00',
      gapTotal: '450000.50',
      activities: 2,
      activitiesWithCost: 2,
      activitiesWithFunding: 1,
    });
    expect([m.hasCostEstimate, m.hasFunding]).toEqual([true, false]);
    expect(read.nodes[0]!.totals).toEqual(m.totals);
    expect(read.plan).toMatchObject({
      id: planId,
      kind: 'community',
      yearFrom: 2024,
      yearTo: 2026,
      status: 'draft',
      editable: true,
      canWrite: true,
    });
    expect(read.plan.totals).toEqual(m.totals);
    expect(res.headers.etag).toMatch(/^"[\w-]{27}"$/);
    const queries = Number(res.headers['x-query-count']);

    // Ten more activities: the same number of queries.
    for (let i = 0; i < 10; i++)
      await add(planId, {
        parentId: measure.id,
        title: `Aktivita ${i}`,
        serviceIds: [serviceId],
        costs: [{ year: 2024, amount: '1000' }],
      });
    const again = await ctx.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/tree`,
      headers: staff,
    });
    expect(Number(again.headers['x-query-count'])).toBe(queries);
    expect(again.headers.etag).not.toBe(res.headers.etag);

    // Sent without the schema's serialiser: still exactly the schema, nothing undeclared.
    const body: unknown = again.json();
    expect(Value.Check(PlanTreeSchema, body)).toBe(true);
    expect(Value.Clean(PlanTreeSchema, structuredClone(body))).toEqual(body);

    // Read again unchanged: the kept answer after one statement, or 304 to a client holding it.
    const repeated = await ctx.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/tree`,
      headers: staff,
    });
    expect(repeated.body).toBe(again.body);
    expect(Number(repeated.headers['x-query-count'])).toBeLessThanOrEqual(queries);
    const notModified = await ctx.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/tree`,
      headers: { ...staff, 'if-none-match': again.headers.etag as string },
    });
    expect(notModified.statusCode).toBe(304);
    // An edit of one activity's money shows at once in the roll-ups.
    const first = find(again.json<PlanTree>().nodes, measure.id)!.children[0]!;
    const edited = await patchNode(
      planId,
      { ...first, planId, updatedAt: '' },
      {
        costs: [
          { year: 2024, amount: '1200001' },
          { year: 2025, amount: '1250000.50' },
        ],
      },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(find((await tree(planId)).nodes, measure.id)!.totals.costs[0]).toEqual({
      year: 2024,
      amount: '1210001.00',
    });
  });

  it('refuses money on measures, years outside the plan, unknown codes and numbers for amounts, naming each field', async () => {
    const onMeasure = await addNode(planId, {
      parentId: measure.parentId,
      title: 'Opatření s penězi',
      costs: [{ year: 2024, amount: '1000' }],
    });
    expect(onMeasure.statusCode).toBe(400);
    expect(pointers(onMeasure.body)).toEqual(['/costs']);

    const bad = await addNode(planId, {
      parentId: measure.id,
      title: 'Chybná aktivita',
      targetGroups: ['24', 'nonexistent'],
      serviceTypes: ['99'],
      serviceIds: ['00000000-0000-4000-8000-000000000009'],
      yearFrom: 2023,
      costs: [
        { year: 2027, amount: '1000' },
        { year: 2024, amount: '1' },
        { year: 2024, amount: '2' },
      ],
      funding: [{ source: 'lottery', year: 2024, amount: '5' }],
      indicators: [{ name: 'X', unit: 'ks', targets: [{ year: 2030, value: '1' }] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad.body)).toEqual(
      expect.arrayContaining([
        '/yearFrom',
        '/costs/0/year',
        '/costs/2/year',
        '/funding/0/source',
        '/targetGroups/1',
        '/serviceTypes/0',
        '/serviceIds/0',
        '/indicators/0/targets/0/year',
      ]),
    );

    const number = await addNode(planId, {
      parentId: measure.id,
      title: 'Číslo místo textu',
      costs: [{ year: 2024, amount: 1000.5 }],
    });
    expect(number.statusCode).toBe(400);
    expect(pointers(number.body)).toEqual(['/costs/0/amount']);

    const decimals = await addNode(planId, {
      parentId: measure.id,
      title: 'Tři desetinná místa',
      costs: [{ year: 2024, amount: '10.555' }],
      indicators: [{ name: 'X', unit: 'ks', baseline: '1.234' }],
    });
    expect(decimals.statusCode).toBe(400);
    expect(JSON.stringify(pointers(decimals.body))).toMatch(/costs\/0\/amount|baseline/);
    const stored = await ctx.app.db.select().from(planNodes).where(eq(planNodes.planId, planId));
    expect(stored.some((n) => n.title.startsWith('Chybná') || n.title.startsWith('Číslo'))).toBe(
      false,
    );
  });

  it('edits a node with If-Match: 428 without, 412 when stale, and keeps indicator ids', async () => {
    const a = await add(planId, {
      parentId: measure.id,
      title: 'Editovaná',
      indicators: [{ name: 'Klienti', unit: 'osob' }],
    });
    const missing = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/plans/${planId}/nodes/${a.id}`,
      headers: staff,
      payload: { title: 'Nový' },
    });
    expect(missing.statusCode).toBe(428);
    const ok = await patchNode(planId, a, {
      title: 'Nový název',
      costs: [{ year: 2025, amount: '500' }],
      indicators: [{ ...a.indicators[0], baseline: '10', targets: [{ year: 2025, value: '12' }] }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const edited = ok.json<PlanNode>();
    expect(edited).toMatchObject({ title: 'Nový název', code: a.code, version: 2 });
    expect(edited.indicators[0]!.id).toBe(a.indicators[0]!.id);
    const stale = await patchNode(planId, a, { title: 'Přepsáno' });
    expect(stale.statusCode).toBe(412);
    expect(find((await tree(planId)).nodes, a.id)!.title).toBe('Nový název');
  });
});

describe('delete and restore', () => {
  it('asks for confirmation when the subtree has monitoring reports, and restore brings it back in place', async () => {
    const planId = await newPlan();
    const p = await add(planId, { parentId: null, title: 'P' });
    const m1 = await add(planId, { parentId: p.id, title: 'M1' });
    const m2 = await add(planId, { parentId: p.id, title: 'M2' });
    const a = await add(planId, { parentId: m2.id, title: 'A' });
    await add(planId, { parentId: p.id, title: 'M3' });
    const [round] = await ctx.app.db
      .insert(monitoringRounds)
      .values({ planId, period: '2025', year: 2025 })
      .returning();
    await ctx.app.db.insert(monitoringReports).values({ roundId: round!.id, nodeId: a.id });

    const asked = await remove(planId, m2);
    expect(asked.statusCode).toBe(409);
    expect(asked.json<Problem>()).toMatchObject({
      type: CONFIRMATION_REQUIRED_PROBLEM,
      code: 'confirmation-required',
    });
    expect(asked.json<Problem>().detail).toMatch(/1 monitoring report/);
    expect(outline((await tree(planId)).nodes)).toContain('1.2.1 A');

    const confirmed = await remove(planId, m2, '?confirm=true');
    expect(confirmed.statusCode, confirmed.body).toBe(204);
    expect(outline((await tree(planId)).nodes)).toEqual(['1 P', '1.1 M1', '1.2 M3']);
    // The report is still there.
    expect(
      await ctx.app.db.select().from(monitoringReports).where(eq(monitoringReports.nodeId, a.id)),
    ).toHaveLength(1);

    const deletions = await ctx.app.inject({
      method: 'GET',
      url: `/api/plans/${planId}/deleted-nodes`,
      headers: staff,
    });
    expect(deletions.json<PlanNodeDeletionList>()).toMatchObject({
      total: 1,
      items: [{ nodeId: m2.id, code: '1.2', title: 'M2', count: 2, restorable: true }],
    });

    const child = await restore(planId, a.id);
    expect(child.statusCode).toBe(409);
    const back = await restore(planId, m2.id);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<PlanNode>().code).toBe('1.2');
    expect(outline((await tree(planId)).nodes)).toEqual([
      '1 P',
      '1.1 M1',
      '1.2 M2',
      '1.2.1 A',
      '1.3 M3',
    ]);
    expect((await restore(planId, m2.id)).statusCode).toBe(409);

    // A measure deleted alone, then its priority: the measure cannot come back before the priority.
    expect((await remove(planId, m1)).statusCode).toBe(204);
    expect((await remove(planId, p, '?confirm=true')).statusCode).toBe(204);
    const orphan = await restore(planId, m1.id);
    expect(orphan.statusCode).toBe(409);
    const list = (
      await ctx.app.inject({
        method: 'GET',
        url: `/api/plans/${planId}/deleted-nodes`,
        headers: staff,
      })
    ).json<PlanNodeDeletionList>();
    expect(list.items.map((d) => [d.title, d.restorable])).toEqual([
      ['P', true],
      ['M1', false],
    ]);
    expect((await restore(planId, p.id)).statusCode).toBe(200);
    expect((await restore(planId, m1.id)).statusCode).toBe(200);
    expect(outline((await tree(planId)).nodes)).toEqual([
      '1 P',
      '1.1 M1',
      '1.2 M2',
      '1.2.1 A',
      '1.3 M3',
    ]);
  });
});

describe('approved versions and scope', () => {
  it('refuses every tree write on an approved version (409) and reads it', async () => {
    const planId = await newPlan();
    const p = await add(planId, { parentId: null, title: 'P' });
    const approved = await newPlan({ approvedVersion: 1, workingVersion: 1, status: 'approved' });
    await ctx.app.db.update(planNodes).set({ planId: approved }).where(eq(planNodes.id, p.id));
    expect((await tree(approved)).plan.editable).toBe(false);
    const attempts = [
      await addNode(approved, { parentId: null, title: 'X' }),
      await patchNode(approved, p, { title: 'X' }),
      await move(approved, p, { parentId: null, position: 1 }),
      await remove(approved, p),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([409, 409, 409, 409]);
  });

  it('shows a coordinator the tree with the names of linked services in its territory only', async () => {
    const planId = await newPlan();
    const own = await createService(ctx.app.db, {
      name: 'Odlehčovací služba Liberec',
      territoryUnitIds: [orp('5105')],
    });
    const foreign = await createService(ctx.app.db, {
      name: 'Azylový dům Česká Lípa',
      territoryUnitIds: [orp('5101')],
    });
    const priority = await add(planId, { parentId: null, title: 'Senioři' });
    const measure = await add(planId, { parentId: priority.id, title: 'Péče' });
    await add(planId, { parentId: measure.id, title: 'Odlehčení', serviceIds: [own, foreign] });

    const read = await tree(planId, auth(ctx, 'coordinator', orp('5105')));
    const activity = read.nodes[0]!.children[0]!.children[0]!;
    expect(activity.serviceIds).toEqual([own, foreign]);
    expect(activity.services.map((service) => service.name)).toEqual([
      'Odlehčovací služba Liberec',
    ]);
  });

  it('lets a coordinator write its own territory only: another ORP 404, the regional plan above 403', async () => {
    const liberec = await newPlan();
    const regional = await newPlan({ territoryUnitId: t.regionId, kind: 'regional' });
    const lipa = await newPlan({ territoryUnitId: orp('5101') });
    const coordinator = auth(ctx, 'coordinator', orp('5105'));

    expect(
      (await addNode(liberec, { parentId: null, title: 'Vlastní' }, coordinator)).statusCode,
    ).toBe(201);
    expect((await tree(liberec, coordinator)).plan.canWrite).toBe(true);
    const other = await ctx.app.inject({
      method: 'GET',
      url: `/api/plans/${lipa}/tree`,
      headers: coordinator,
    });
    expect(other.statusCode).toBe(404);
    expect((await addNode(lipa, { parentId: null, title: 'Cizí' }, coordinator)).statusCode).toBe(
      404,
    );
    expect((await tree(regional, coordinator)).plan.canWrite).toBe(false);
    expect(
      (await addNode(regional, { parentId: null, title: 'Krajská' }, coordinator)).statusCode,
    ).toBe(403);
    const municipality = auth(ctx, 'municipality', t.municipalityIdsByCode.get('563889')!);
    expect(
      (await addNode(liberec, { parentId: null, title: 'Obec' }, municipality)).statusCode,
    ).toBe(403);

    // Every node write on a plan of another ORP is 404, on the regional plan 403.
    const writes = async (planId: string, headers: Headers) => {
      const node = await add(planId, { parentId: null, title: 'Uzel' });
      const at = `/api/plans/${planId}/nodes/${node.id}`;
      const withVersion = ifMatch(headers, node.version);
      const answers = [
        await ctx.app.inject({
          method: 'PATCH',
          url: at,
          headers: withVersion,
          payload: { title: 'X' },
        }),
        await ctx.app.inject({
          method: 'POST',
          url: `${at}/move`,
          headers: withVersion,
          payload: { parentId: null, position: 1 },
        }),
        await ctx.app.inject({ method: 'DELETE', url: at, headers: withVersion }),
        await ctx.app.inject({ method: 'POST', url: `${at}/restore`, headers }),
      ];
      return answers.map((r) => r.statusCode);
    };
    expect(await writes(lipa, coordinator)).toEqual([404, 404, 404, 404]);
    expect(await writes(regional, coordinator)).toEqual([403, 403, 403, 403]);
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/plans/${lipa}/deleted-nodes`,
          headers: coordinator,
        })
      ).statusCode,
    ).toBe(404);
    const provider = auth(ctx, 'provider');
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/plans/${liberec}/tree`,
          headers: provider,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/api/plans/${liberec}/tree` })).statusCode,
    ).toBe(401);
  });
});
