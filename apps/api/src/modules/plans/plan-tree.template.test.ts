import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanNode, PlanTree, PlanTreeNode, Problem } from '@socplan/contracts';
import { auditLog } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';
import { createPlan } from './plans.test-support.ts';

/**
 * Action plans from their parent: the measures and activities of the AP's years are copied with
 * their priorities, with money and targets of those years only; the choice of nodes; the rules
 * of parent kind, years and scope.
 *
 * The community plan of ORP Liberec 2024–2026:
 *   1 Senioři
 *     1.1 Terénní služby            (no timeframe)
 *       1.1.1 Lůžko 2024            (2024)
 *       1.1.2 Rozšíření             (2025–2026, money in 2025 and 2026)
 *     1.2 Jednorázové opatření      (2024)
 *       1.2.1 Aktivita 2024
 *   2 Rodiny
 *     2.1 Sanace rodin
 *       2.1.1 Terénní práce         (no timeframe, money 2024–2026)
 */
let ctx: TestContext;
let t: DemoTerritory;
let staff: Headers;
type Headers = Record<string, string>;
let parentId: string;
let regionalId: string;
const n: Record<string, PlanNode> = {};

const orp = (code: string) => t.orpIdsByCode.get(code)!;
const pointers = (body: string) => (JSON.parse(body) as Problem).errors?.map((e) => e.pointer);

async function add(key: string, payload: object) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/plans/${parentId}/nodes`,
    headers: staff,
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  n[key] = res.json<PlanNode>();
}
const makeAp = (planId: string, payload: object, headers = staff) =>
  ctx.app.inject({ method: 'POST', url: `/api/plans/${planId}/action-plans`, headers, payload });
const treeOf = async (planId: string) =>
  (
    await ctx.app.inject({ method: 'GET', url: `/api/plans/${planId}/tree`, headers: staff })
  ).json<PlanTree>();
const flat = (nodes: PlanTreeNode[]): PlanTreeNode[] =>
  nodes.flatMap((node) => [node, ...flat(node.children)]);

beforeAll(async () => {
  ctx = await createTestApp();
  t = await seedTerritory(ctx);
  staff = auth(ctx, 'region_staff');
  regionalId = await createPlan(ctx.app.db, {
    territoryUnitId: t.regionId,
    kind: 'regional',
    title: 'SPRSS 2024–2026',
  });
  parentId = await createPlan(ctx.app.db, {
    territoryUnitId: orp('5105'),
    title: 'KPSS ORP Liberec',
    parentPlanId: regionalId,
  });
  await add('p1', { parentId: null, title: 'Senioři' });
  await add('m11', { parentId: n.p1!.id, title: 'Terénní služby' });
  await add('a111', {
    parentId: n.m11!.id,
    title: 'Lůžko 2024',
    yearFrom: 2024,
    yearTo: 2024,
    costs: [{ year: 2024, amount: '100' }],
  });
  await add('a112', {
    parentId: n.m11!.id,
    title: 'Rozšíření',
    yearFrom: 2025,
    yearTo: 2026,
    costs: [
      { year: 2025, amount: '1000' },
      { year: 2026, amount: '2000' },
    ],
    funding: [
      { source: 'mpsv', year: 2025, amount: '600' },
      { source: 'region', year: 2026, amount: '2000' },
    ],
    indicators: [
      {
        name: 'Klienti',
        unit: 'osob',
        baseline: '10',
        targets: [
          { year: 2025, value: '12' },
          { year: 2026, value: '15' },
        ],
      },
    ],
  });
  await add('m12', {
    parentId: n.p1!.id,
    title: 'Jednorázové opatření',
    yearFrom: 2024,
    yearTo: 2024,
  });
  await add('a121', { parentId: n.m12!.id, title: 'Aktivita 2024' });
  await add('p2', { parentId: null, title: 'Rodiny' });
  await add('m21', { parentId: n.p2!.id, title: 'Sanace rodin' });
  await add('a211', {
    parentId: n.m21!.id,
    title: 'Terénní práce',
    costs: [
      { year: 2024, amount: '10' },
      { year: 2025, amount: '20' },
      { year: 2026, amount: '30' },
    ],
  });
});
afterAll(() => ctx.close());

describe('action plan from its parent', () => {
  it('copies the measures and activities of its years with their priorities, money and targets of those years only', async () => {
    const res = await makeAp(parentId, {
      title: 'AP 2025 ORP Liberec',
      yearFrom: 2025,
      yearTo: 2025,
    });
    expect(res.statusCode, res.body).toBe(201);
    const ap = res.json<Plan>();
    expect(res.headers.location).toBe(`/api/plans/${ap.id}`);
    expect(ap).toMatchObject({
      kind: 'action',
      status: 'draft',
      yearFrom: 2025,
      yearTo: 2025,
      parentPlan: { id: parentId },
      territory: { id: orp('5105') },
    });

    const tree = await treeOf(ap.id);
    const nodes = flat(tree.nodes);
    expect(nodes.map((x) => `${x.code} ${x.title}`)).toEqual([
      '1 Senioři',
      '1.1 Terénní služby',
      '1.1.1 Rozšíření',
      '2 Rodiny',
      '2.1 Sanace rodin',
      '2.1.1 Terénní práce',
    ]);
    const source = new Map(Object.values(n).map((x) => [x.id, x]));
    expect(nodes.map((x) => source.get(x.templateNodeId!)?.title)).toEqual(
      nodes.map((x) => x.title),
    );
    const expansion = nodes[2]!;
    expect(expansion).toMatchObject({
      yearFrom: 2025,
      yearTo: 2025,
      costs: [{ year: 2025, amount: '1000.00' }],
      funding: [{ source: 'mpsv', year: 2025, amount: '600.00' }],
    });
    expect(expansion.indicators[0]).toMatchObject({
      baseline: '10.00',
      targets: [{ year: 2025, value: '12.00' }],
    });
    expect(tree.plan.totals).toMatchObject({
      cost: '1020.00',
      funded: '600.00',
      gapTotal: '420.00',
    });
    // The parent is untouched.
    expect(flat((await treeOf(parentId)).nodes)).toHaveLength(9);
    const [audit] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'copy_template'));
    expect(audit).toMatchObject({ entityId: ap.id });
  });

  it('copies only the chosen measures and activities, with their ancestors', async () => {
    const res = await makeAp(parentId, {
      title: 'AP 2025–2026 rodiny',
      yearFrom: 2025,
      yearTo: 2026,
      nodeIds: [n.a211!.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const nodes = flat((await treeOf(res.json<Plan>().id)).nodes);
    expect(nodes.map((x) => `${x.code} ${x.title}`)).toEqual([
      '1 Rodiny',
      '1.1 Sanace rodin',
      '1.1.1 Terénní práce',
    ]);
    expect(nodes[2]!.costs.map((c) => c.year)).toEqual([2025, 2026]);

    const measure = await makeAp(parentId, {
      title: 'AP 2024',
      yearFrom: 2024,
      yearTo: 2024,
      nodeIds: [n.m11!.id],
    });
    const copied = flat((await treeOf(measure.json<Plan>().id)).nodes);
    expect(copied.map((x) => `${x.code} ${x.title}`)).toEqual([
      '1 Senioři',
      '1.1 Terénní služby',
      '1.1.1 Lůžko 2024',
    ]);
  });

  it('refuses nodes outside its years, priorities, years outside the parent and an action plan as parent', async () => {
    const outside = await makeAp(parentId, {
      title: 'AP 2025',
      yearFrom: 2025,
      yearTo: 2025,
      nodeIds: [n.a211!.id, n.m12!.id, n.p1!.id],
    });
    expect(outside.statusCode).toBe(400);
    expect(pointers(outside.body)).toEqual(['/nodeIds/1', '/nodeIds/2']);

    const late = await makeAp(parentId, { title: 'AP 2027', yearFrom: 2026, yearTo: 2027 });
    expect(late.statusCode).toBe(400);
    expect(pointers(late.body)).toEqual(['/yearTo']);
    const early = await makeAp(parentId, { title: 'AP 2023', yearFrom: 2023, yearTo: 2024 });
    expect(pointers(early.body)).toEqual(['/yearFrom']);

    const ap = (await makeAp(parentId, { title: 'AP', yearFrom: 2025, yearTo: 2025 })).json<Plan>();
    const ofAction = await makeAp(ap.id, { title: 'AP z AP', yearFrom: 2025, yearTo: 2025 });
    expect(ofAction.statusCode).toBe(400);

    const elsewhere = await makeAp(parentId, {
      title: 'AP jinde',
      yearFrom: 2025,
      yearTo: 2025,
      territoryUnitId: orp('5101'),
    });
    expect(pointers(elsewhere.body)).toEqual(['/territoryUnitId']);
  });

  it('needs the right to write a plan on its territory', async () => {
    const liberec = auth(ctx, 'coordinator', orp('5105'));
    const lipa = auth(ctx, 'coordinator', orp('5101'));
    const body = { title: 'AP 2025', yearFrom: 2025, yearTo: 2025 };

    expect((await makeAp(parentId, body, lipa)).statusCode).toBe(404);
    expect((await makeAp(parentId, body, liberec)).statusCode).toBe(201);
    // The regional plan is read by the coordinator, but its territory (the region) is not theirs…
    expect((await makeAp(regionalId, body, liberec)).statusCode).toBe(403);
    // …while an action plan of the regional plan for their ORP is.
    const own = await makeAp(regionalId, { ...body, territoryUnitId: orp('5105') }, liberec);
    expect(own.statusCode, own.body).toBe(201);
    const town = auth(ctx, 'municipality', t.municipalityIdsByCode.get('563889')!);
    expect((await makeAp(parentId, body, town)).statusCode).toBe(403);
  });
});
