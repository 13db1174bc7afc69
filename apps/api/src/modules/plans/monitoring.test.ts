import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  MonitoringReport,
  MonitoringRound,
  MonitoringRoundDetail,
  MonitoringRoundList,
  NodeTimeline,
  Problem,
} from '@socplan/contracts';
import { auditLog, planNodes, type NodeIndicator } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';
import { createPlan } from './plans.test-support.ts';

let ctx: TestContext;
type Headers = Record<string, string>;
let staff: Headers;
let coordinator: Headers;
let otherCoordinator: Headers;
let analyst: Headers;
let municipality: Headers;
let liberec: string;

beforeAll(async () => {
  ctx = await createTestApp({ QUERY_COUNT_HEADER: '1' });
  const territory = await seedTerritory(ctx);
  liberec = territory.orpIdsByCode.get('5105')!;
  staff = auth(ctx, 'region_staff');
  coordinator = auth(ctx, 'coordinator', liberec);
  otherCoordinator = auth(ctx, 'coordinator', territory.orpIdsByCode.get('5103')!);
  analyst = auth(ctx, 'analyst');
  municipality = auth(ctx, 'municipality', territory.municipalityIdsByCode.get('563889')!);
});
afterAll(() => ctx.close());

const CZK = 100; // haléř

async function node(
  planId: string,
  parentId: string | null,
  level: 'priority' | 'measure' | 'activity',
  code: string,
  values: {
    costs?: [number, number][];
    funding?: [string, number, number][];
    indicators?: NodeIndicator[];
    deleted?: boolean;
  } = {},
): Promise<string> {
  const [row] = await ctx.app.db
    .insert(planNodes)
    .values({
      planId,
      parentId,
      level,
      code,
      position: Number(code.split('.').at(-1)),
      title: `${level} ${code}`,
      costs: (values.costs ?? []).map(([year, amount]) => ({ year, amount })),
      funding: (values.funding ?? []).map(([source, year, amount]) => ({ source, year, amount })),
      indicators: values.indicators ?? [],
      deletedAt: values.deleted ? new Date() : null,
    })
    .returning({ id: planNodes.id });
  return row!.id;
}

/**
 * An approved community plan of ORP Liberec 2024–2026 (its tree read-only: monitoring happens
 * after approval): priority 1 → measure 1.1 (activities 1.1.1 with an indicator, 1.1.2, and a
 * deleted 1.1.3) and measure 1.2 (activity 1.2.1 costing nothing).
 */
async function seedPlan() {
  const planId = await createPlan(ctx.app.db, {
    territoryUnitId: liberec,
    status: 'approved',
    approvedVersion: 1,
  });
  const p1 = await node(planId, null, 'priority', '1');
  const m11 = await node(planId, p1, 'measure', '1.1');
  const a111 = await node(planId, m11, 'activity', '1.1.1', {
    costs: [
      [2025, 100_000 * CZK],
      [2026, 50_000 * CZK],
    ],
    funding: [
      ['mpsv', 2025, 60_000 * CZK],
      ['municipality', 2025, 20_000 * CZK],
      ['mpsv', 2026, 50_000 * CZK],
    ],
    indicators: [
      {
        id: 'clients',
        name: 'Klienti',
        unit: 'osob',
        baseline: 10_00,
        targets: [
          { year: 2025, value: 30_00 },
          { year: 2026, value: 50_00 },
        ],
      },
    ],
  });
  const a112 = await node(planId, m11, 'activity', '1.1.2', {
    costs: [[2025, 300_000 * CZK]],
    funding: [['region', 2025, 300_000 * CZK]],
  });
  await node(planId, m11, 'activity', '1.1.3', { costs: [[2025, 1_000 * CZK]], deleted: true });
  const m12 = await node(planId, p1, 'measure', '1.2');
  const a121 = await node(planId, m12, 'activity', '1.2.1');
  return { planId, p1, m11, m12, a111, a112, a121 };
}

const inject = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  headers: Headers,
  payload?: object,
) => ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function openRound(planId: string, body: object = { year: 2025 }): Promise<MonitoringRound> {
  const res = await inject('POST', `/api/plans/${planId}/monitoring-rounds`, coordinator, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as MonitoringRound;
}

const reportUrl = (roundId: string, nodeId: string) =>
  `/api/monitoring-rounds/${roundId}/reports/${nodeId}`;
const ifMatch = (headers: Headers, version: number) => ({ ...headers, 'if-match': `"${version}"` });

describe('monitoring rounds', () => {
  it('opens a round per year or half-year within the plan’s period, once each', async () => {
    const { planId } = await seedPlan();
    const url = `/api/plans/${planId}/monitoring-rounds`;
    const outside = await inject('POST', url, coordinator, { year: 2023 });
    expect(outside.statusCode).toBe(400);
    expect((outside.json() as Problem).errors?.[0]?.pointer).toBe('/year');

    const res = await inject('POST', url, coordinator, { year: 2025, dueOn: '2026-01-31' });
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json() as MonitoringRound;
    expect(res.headers.location).toBe(`/api/monitoring-rounds/${round.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(round).toMatchObject({ period: '2025', year: 2025, half: null, status: 'open' });
    expect((await inject('POST', url, staff, { year: 2025 })).statusCode).toBe(409);
    const half = await inject('POST', url, staff, { year: 2025, half: 1 });
    expect(half.json()).toMatchObject({ period: '2025-H1', half: 1 });

    const list = (await inject('GET', url, municipality)).json() as MonitoringRoundList;
    expect(list.items.map((r) => r.period)).toEqual(['2025-H1', '2025']);
    const audit = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'monitoring_round'), eq(auditLog.entityId, round.id)));
    expect(audit).toMatchObject([{ action: 'create' }]);
  });

  it('keeps rounds in the plan’s scope: other ORPs 404, analysts and municipalities read only', async () => {
    const { planId } = await seedPlan();
    const url = `/api/plans/${planId}/monitoring-rounds`;
    expect((await inject('POST', url, otherCoordinator, { year: 2025 })).statusCode).toBe(404);
    expect((await inject('GET', url, otherCoordinator)).statusCode).toBe(404);
    expect((await inject('POST', url, analyst, { year: 2025 })).statusCode).toBe(403);
    expect((await inject('POST', url, municipality, { year: 2025 })).statusCode).toBe(403);
    const provider = auth(ctx, 'provider');
    expect((await inject('POST', url, provider, { year: 2025 })).statusCode).toBe(403);
    const round = await openRound(planId);
    expect((await inject('GET', `/api/monitoring-rounds/${round.id}`, analyst)).statusCode).toBe(
      200,
    );
    const detail = await inject('GET', `/api/monitoring-rounds/${round.id}`, provider);
    expect(detail.statusCode).toBe(403);
    expect(
      (await inject('GET', `/api/monitoring-rounds/${round.id}`, otherCoordinator)).statusCode,
    ).toBe(404);
  });

  it('closes a round with If-Match; a closed round’s reports are read-only until reopened', async () => {
    const { planId, a112 } = await seedPlan();
    const round = await openRound(planId);
    const url = `/api/monitoring-rounds/${round.id}`;
    expect((await inject('PATCH', url, coordinator, { status: 'closed' })).statusCode).toBe(428);
    expect(
      (await inject('PATCH', url, ifMatch(coordinator, 9), { status: 'closed' })).statusCode,
    ).toBe(412);
    expect((await inject('PATCH', url, ifMatch(analyst, 1), { status: 'closed' })).statusCode).toBe(
      403,
    );
    const closed = await inject('PATCH', url, ifMatch(coordinator, 1), { status: 'closed' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.headers.etag).toBe('"2"');
    const put = await inject('PUT', reportUrl(round.id, a112), coordinator, { status: 'done' });
    expect(put.statusCode).toBe(409);
    await inject('PATCH', url, ifMatch(staff, 2), { status: 'open' });
    expect(
      (await inject('PUT', reportUrl(round.id, a112), coordinator, { status: 'done' })).statusCode,
    ).toBe(201);
  });
});

describe('monitoring reports', () => {
  it('goes draft → submitted → returned → resubmitted → accepted, locked while under review', async () => {
    const { planId, a111 } = await seedPlan();
    const round = await openRound(planId);
    const url = reportUrl(round.id, a111);
    const body = {
      status: 'in_progress',
      progress: 40,
      indicatorActuals: [{ indicatorId: 'clients', value: '20' }],
      spend: [
        { source: 'mpsv', amount: '55000.50' },
        { source: 'municipality', amount: '20000' },
      ],
      comment: 'Běží',
      evidence: [{ url: 'https://liberec.cz/kp/zprava.pdf', label: 'Zpráva' }],
    };
    expect((await inject('PUT', url, ifMatch(coordinator, 1), body)).statusCode).toBe(412);
    const first = await inject('PUT', url, coordinator, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers.location).toBe(url);
    expect(first.json()).toMatchObject({
      reviewStatus: 'draft',
      indicatorActuals: [{ indicatorId: 'clients', value: '20.00' }],
      spend: [
        { source: 'mpsv', amount: '55000.50' },
        { source: 'municipality', amount: '20000.00' },
      ],
      evidence: [{ url: 'https://liberec.cz/kp/zprava.pdf', label: 'Zpráva' }],
      version: 1,
    });
    expect((await inject('PUT', url, coordinator, body)).statusCode).toBe(428);
    const second = await inject('PUT', url, ifMatch(coordinator, 1), {
      ...body,
      comment: 'Hotovo z poloviny',
    });
    expect(second.statusCode).toBe(200);
    expect(second.headers.etag).toBe('"2"');

    expect((await inject('POST', `${url}/submit`, coordinator)).statusCode).toBe(428);
    expect((await inject('POST', `${url}/submit`, ifMatch(coordinator, 1))).statusCode).toBe(412);
    const submitted = await inject('POST', `${url}/submit`, ifMatch(coordinator, 2));
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      reviewStatus: 'submitted',
      submittedByName: expect.stringContaining('coordinator'),
    });
    // Locked while submitted.
    expect((await inject('PUT', url, ifMatch(coordinator, 3), body)).statusCode).toBe(409);
    expect((await inject('POST', `${url}/submit`, ifMatch(coordinator, 3))).statusCode).toBe(409);

    // The submitter may not accept its own report; a return needs a comment.
    const review = `${url}/review`;
    expect(
      (await inject('POST', review, ifMatch(coordinator, 3), { decision: 'accept' })).statusCode,
    ).toBe(403);
    expect(
      (await inject('POST', review, ifMatch(analyst, 3), { decision: 'return', comment: 'x' }))
        .statusCode,
    ).toBe(403);
    const elsewhere = ifMatch(otherCoordinator, 3);
    expect((await inject('POST', review, elsewhere, { decision: 'accept' })).statusCode).toBe(404);
    expect((await inject('POST', `${url}/submit`, ifMatch(analyst, 3))).statusCode).toBe(403);
    const noComment = await inject('POST', review, ifMatch(staff, 3), { decision: 'return' });
    expect(noComment.statusCode).toBe(400);
    expect((noComment.json() as Problem).errors?.[0]?.pointer).toBe('/comment');
    const returned = await inject('POST', review, ifMatch(staff, 3), {
      decision: 'return',
      comment: 'Doplňte výdaje',
    });
    expect(returned.json()).toMatchObject({
      reviewStatus: 'returned',
      reviewComment: 'Doplňte výdaje',
    });
    expect(
      (await inject('POST', review, ifMatch(staff, 4), { decision: 'accept' })).statusCode,
    ).toBe(409);

    // Returned: editable again, then resubmitted and accepted by the region.
    expect((await inject('PUT', url, ifMatch(coordinator, 4), body)).statusCode).toBe(200);
    expect((await inject('POST', `${url}/submit`, ifMatch(coordinator, 5))).json()).toMatchObject({
      reviewStatus: 'submitted',
    });
    const accepted = await inject('POST', review, ifMatch(staff, 6), { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      reviewStatus: 'accepted',
      reviewedByName: expect.stringContaining('region_staff'),
    });
    expect((await inject('PUT', url, ifMatch(coordinator, 7), body)).statusCode).toBe(409);

    const read = await inject('GET', url, municipality);
    expect(read.headers.etag).toBe('"7"');
    const audit = await ctx.app.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, 'monitoring_report'),
          eq(auditLog.entityId, (read.json() as MonitoringReport).id),
        ),
      );
    expect(audit.map((a) => a.action).sort()).toEqual(
      ['accept', 'create', 'return', 'submit', 'submit', 'update', 'update'].sort(),
    );
  });

  it('refuses what does not fit the activity, naming the field, and stores nothing', async () => {
    const { planId, m11, a111 } = await seedPlan();
    const round = await openRound(planId);
    const url = reportUrl(round.id, a111);
    const cases: [object, string][] = [
      [
        { status: 'done', indicatorActuals: [{ indicatorId: 'nope', value: '1' }] },
        '/indicatorActuals/0/indicatorId',
      ],
      [{ status: 'done', spend: [{ source: 'lottery', amount: '1' }] }, '/spend/0/source'],
      [{ status: 'done', spend: [{ source: 'mpsv', amount: 100 }] }, '/spend/0/amount'],
      [{ status: 'done', evidence: [{ url: 'ftp://liberec.cz/x' }] }, '/evidence/0/url'],
      [{ status: 'done', progress: 120 }, '/progress'],
      [{ status: 'done', comment: 'a\u0000b' }, '/comment'],
    ];
    for (const [body, pointer] of cases) {
      const res = await inject('PUT', url, coordinator, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.json()), JSON.stringify(body)).toContain(pointer.split('/')[1]);
    }
    const measure = await inject('PUT', reportUrl(round.id, m11), coordinator, { status: 'done' });
    expect(measure.statusCode).toBe(400);
    expect((measure.json() as Problem).errors?.[0]?.pointer).toBe('/nodeId');
    expect((await inject('GET', url, coordinator)).statusCode).toBe(404);
    // Reports are for coordinators of the plan's territory and the region.
    expect((await inject('PUT', url, analyst, { status: 'done' })).statusCode).toBe(403);
    expect((await inject('PUT', url, municipality, { status: 'done' })).statusCode).toBe(403);
    expect((await inject('PUT', url, otherCoordinator, { status: 'done' })).statusCode).toBe(404);
  });
});

describe('progress and timeline', () => {
  it('computes activities from indicators or the entered figure and rolls up weighted by cost', async () => {
    const { planId, p1, m11, m12, a111, a112, a121 } = await seedPlan();
    const round = await openRound(planId);
    // Indicator 10 → 30, actual 20: 50 % (the entered 5 is ignored).
    await inject('PUT', reportUrl(round.id, a111), coordinator, {
      status: 'in_progress',
      progress: 5,
      indicatorActuals: [{ indicatorId: 'clients', value: '20.00' }],
    });
    await inject('PUT', reportUrl(round.id, a112), coordinator, { status: 'done', progress: 100 });
    const res = await inject('GET', `/api/monitoring-rounds/${round.id}`, municipality);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    const detail = res.json() as MonitoringRoundDetail;
    expect(detail.activities.map((a) => a.code)).toEqual(['1.1.1', '1.1.2', '1.2.1']);
    const activity = (id: string) => detail.activities.find((a) => a.nodeId === id)!;
    expect(activity(a111)).toMatchObject({
      plannedCost: '100000.00',
      plannedFunding: '80000.00',
      fundingBySource: [
        { source: 'mpsv', amount: '60000.00' },
        { source: 'municipality', amount: '20000.00' },
      ],
      indicators: [{ id: 'clients', baseline: '10.00', target: '30.00' }],
      progress: 50,
      progressSource: 'indicators',
    });
    expect(activity(a112)).toMatchObject({ progress: 100, progressSource: 'entered' });
    expect(activity(a121)).toMatchObject({ report: null, progress: null });
    const progress = new Map(detail.nodes.map((n) => [n.nodeId, n]));
    // Measure 1.1: (100 000 × 50 + 300 000 × 100) / 400 000 = 87.5; measure 1.2 has no report.
    expect(progress.get(m11)).toMatchObject({ plannedCost: '400000.00', progress: 87.5 });
    expect(progress.get(m12)).toMatchObject({ plannedCost: '0.00', progress: null });
    expect(progress.get(p1)).toMatchObject({ progress: 87.5 });
    expect(detail.progress).toBe(87.5);
    expect(detail.round.reports).toMatchObject({ draft: 2, submitted: 0 });
  });

  it('gives a measure’s timeline across two rounds: planned, spent, progress, reviews', async () => {
    const { planId, m11, a111, a112 } = await seedPlan();
    const r2025 = await openRound(planId, { year: 2025 });
    const r2026 = await openRound(planId, { year: 2026 });
    await inject('PUT', reportUrl(r2025.id, a111), coordinator, {
      status: 'in_progress',
      indicatorActuals: [{ indicatorId: 'clients', value: '30' }],
      spend: [{ source: 'mpsv', amount: '61000' }],
    });
    await inject('PUT', reportUrl(r2025.id, a112), coordinator, {
      status: 'done',
      progress: 50,
      spend: [
        { source: 'region', amount: '250000' },
        { source: 'mpsv', amount: '1000' },
      ],
    });
    await inject('POST', `${reportUrl(r2025.id, a112)}/submit`, ifMatch(coordinator, 1));
    await inject('PUT', reportUrl(r2026.id, a111), coordinator, {
      status: 'done',
      indicatorActuals: [{ indicatorId: 'clients', value: '40' }], // 10 → 50: 75 %
      spend: [{ source: 'mpsv', amount: '49999.99' }],
    });

    const res = await inject('GET', `/api/plans/${planId}/nodes/${m11}/timeline`, municipality);
    expect(res.statusCode, res.body).toBe(200);
    const timeline = res.json() as NodeTimeline;
    expect(timeline.node).toMatchObject({ code: '1.1', level: 'measure' });
    expect(timeline.rounds).toHaveLength(2);
    expect(timeline.rounds[0]).toMatchObject({
      period: '2025',
      plannedCost: '400000.00',
      plannedFunding: '380000.00',
      spend: '312000.00',
      spendBySource: [
        { source: 'mpsv', amount: '62000.00' },
        { source: 'region', amount: '250000.00' },
      ],
      // (100 000 × 100 + 300 000 × 50) / 400 000
      progress: 62.5,
      activities: 2,
      reported: 2,
      statuses: { in_progress: 1, done: 1, not_started: 0 },
      reviews: { draft: 1, submitted: 1 },
    });
    expect(timeline.rounds[1]).toMatchObject({
      period: '2026',
      plannedCost: '50000.00',
      plannedFunding: '50000.00',
      spend: '49999.99',
      progress: 75,
      reported: 1,
    });
    expect(
      (await inject('GET', `/api/plans/${planId}/nodes/${m11}/timeline`, otherCoordinator))
        .statusCode,
    ).toBe(404);
    // A third round costs no extra query: the reports of all rounds come in one.
    const queries = Number(res.headers['x-query-count']);
    expect(queries).toBeGreaterThan(0);
    const r2024 = await openRound(planId, { year: 2024 });
    await inject('PUT', reportUrl(r2024.id, a112), coordinator, { status: 'not_started' });
    const again = await inject('GET', `/api/plans/${planId}/nodes/${m11}/timeline`, coordinator);
    expect((again.json() as NodeTimeline).rounds.map((r) => r.period)).toEqual([
      '2024',
      '2025',
      '2026',
    ]);
    expect(Number(again.headers['x-query-count'])).toBe(queries);
  });
});
