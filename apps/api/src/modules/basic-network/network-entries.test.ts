import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NETWORK_ENTRY_STATUSES,
  NETWORK_ENTRY_TRANSITIONS,
  type NetworkEntry,
  type NetworkEntryDetail,
  type NetworkEntryStatus,
  type NetworkPeriod,
  type Problem,
} from '@socplan/contracts';
import { auditLog, networkEntryEvents } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import { seedNetworkWorld, type NetworkWorld } from './basic-network.test-support.ts';

let ctx: TestContext;
let world: NetworkWorld;
let staff: Headers;
let period: NetworkPeriod;
let years = 2100;

beforeAll(async () => {
  ctx = await createTestApp();
  world = await seedNetworkWorld(ctx.app.db);
  staff = auth(ctx, 'region_staff');
  period = await newPeriod();
});
afterAll(() => ctx.close());

type Headers = Record<string, string>;
const URL = '/api/network-entries';

async function newPeriod(): Promise<NetworkPeriod> {
  // Periods may not overlap: each gets a year of its own, counting down from 2100.
  const year = years--;
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/network-periods',
    headers: staff,
    payload: { name: `Period ${year}`, yearFrom: year, yearTo: year },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as NetworkPeriod;
}

const capacities = [{ form: 'pob', unit: 'luzka', count: 40 }];

const create = (payload: object, headers: Headers = staff) =>
  ctx.app.inject({ method: 'POST', url: URL, headers, payload });

async function entry(serviceId = world.homeP, periodId?: string): Promise<NetworkEntry> {
  const res = await create({
    periodId: periodId ?? (await newPeriod()).id,
    serviceId,
    capacities,
    fte: 21.5,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as NetworkEntry;
}

const move = (id: string, version: number | null, payload: object, headers: Headers = staff) =>
  ctx.app.inject({
    method: 'POST',
    url: `${URL}/${id}/transitions`,
    headers: version === null ? headers : { ...headers, 'if-match': `"${version}"` },
    payload,
  });

/** Moves an entry through `path` (each step with a reason and changes where needed). */
async function walk(e: NetworkEntry, path: NetworkEntryStatus[]): Promise<NetworkEntryDetail> {
  let version = e.version;
  let detail: NetworkEntryDetail | undefined;
  for (const to of path) {
    const res = await move(e.id, version, {
      to,
      reason: `to ${to}`,
      ...(to === 'changed'
        ? { changes: { capacities: [{ form: 'pob', unit: 'luzka', count: 42 }] } }
        : {}),
    });
    expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
    detail = res.json() as NetworkEntryDetail;
    version = detail.version;
  }
  return detail!;
}

const eventsOf = (entryId: string) =>
  ctx.app.db
    .select()
    .from(networkEntryEvents)
    .where(eq(networkEntryEvents.entryId, entryId))
    .orderBy(networkEntryEvents.id);
const auditOf = (entryId: string) =>
  ctx.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'network_entry'), eq(auditLog.entityId, entryId)))
    .orderBy(auditLog.id);

describe('POST /api/network-entries', () => {
  it('creates a requested entry: 201, Location, ETag, creation event and audit row', async () => {
    const res = await create({
      periodId: period.id,
      serviceId: world.homeP,
      level: 'development',
      capacities,
      fte: 3.35,
      entrustment: {
        number: 'KULK 1/2100',
        validFrom: '2100-01-01',
        validTo: '2100-12-31',
        capacities,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as NetworkEntry;
    expect(res.headers.location).toBe(`${URL}/${created.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(created).toMatchObject({
      status: 'requested',
      level: 'development',
      fte: 3.35,
      capacities,
      service: { id: world.homeP, name: 'Domov P', typeCode: '49', providerName: 'Poskytovatel P' },
      entrustment: { number: 'KULK 1/2100', validTo: '2100-12-31' },
    });
    const [event] = await eventsOf(created.id);
    expect(event).toMatchObject({
      fromStatus: null,
      toStatus: 'requested',
      principalName: expect.stringMatching(/^region_staff/),
      snapshot: expect.objectContaining({ status: 'requested', fte: 3.35 }),
    });
    expect(await auditOf(created.id)).toMatchObject([{ action: 'create', before: null }]);
  });

  it('refuses a second entry of one service in one period with 409', async () => {
    const res = await create({ periodId: period.id, serviceId: world.homeP, capacities });
    expect(res.statusCode).toBe(409);
    expect((res.json() as Problem).errors?.[0]?.pointer).toBe('/serviceId');
  });

  it.each([
    ['an unknown service', { serviceId: '00000000-0000-4000-8000-0000000000aa' }, '/serviceId'],
    ['an unknown period', { periodId: '00000000-0000-4000-8000-0000000000aa' }, '/periodId'],
    ['no capacity', { capacities: [] }, '/capacities'],
    [
      'a negative count',
      { capacities: [{ form: 'pob', unit: 'luzka', count: -1 }] },
      '/capacities/0/count',
    ],
    [
      'a repeated form and unit',
      { capacities: [capacities[0], { form: 'pob', unit: 'luzka', count: 2 }] },
      '/capacities/1',
    ],
    ['FTE with three decimals', { fte: 1.234 }, '/fte'],
    [
      'an entrustment ending before it starts',
      { entrustment: { number: 'X', validFrom: '2100-06-01', validTo: '2100-01-01', capacities } },
      '/entrustment/validTo',
    ],
    ['an unknown level', { level: 'premium' }, '/level'],
    ['an unknown field', { colour: 'red' }, '/colour'],
  ])('refuses %s with 400 pointing at the field', async (_what, change, pointer) => {
    const p = await newPeriod();
    const res = await create({ periodId: p.id, serviceId: world.fieldP, capacities, ...change });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.json() as Problem).errors?.map((e) => e.pointer)).toContain(pointer);
  });
});

describe('the workflow', () => {
  it('walks requested → assessed → approved → changed → changed → removed, recording each step', async () => {
    const e = await entry();
    const detail = await walk(e, ['assessed', 'approved', 'changed', 'changed', 'removed']);
    expect(detail.status).toBe('removed');
    expect(detail.version).toBe(6);
    expect(detail.capacities).toEqual([{ form: 'pob', unit: 'luzka', count: 42 }]);
    expect(detail.allowedTransitions).toEqual([]);
    expect(detail.events.map((ev) => [ev.from, ev.to, ev.reason])).toEqual([
      [null, 'requested', null],
      ['requested', 'assessed', 'to assessed'],
      ['assessed', 'approved', 'to approved'],
      ['approved', 'changed', 'to changed'],
      ['changed', 'changed', 'to changed'],
      ['changed', 'removed', 'to removed'],
    ]);
    // The snapshot is the entry as it was after each step.
    expect(detail.events[2]!.snapshot?.capacities).toEqual(capacities);
    expect(detail.events[3]!.snapshot?.capacities).toEqual([
      { form: 'pob', unit: 'luzka', count: 42 },
    ]);
    expect(detail.events.every((ev) => ev.principalName?.startsWith('region_staff'))).toBe(true);
    const audit = await auditOf(e.id);
    expect(audit.map((a) => a.action)).toEqual(['create', ...Array(5).fill('transition')]);
    expect(audit[5]).toMatchObject({
      before: expect.objectContaining({ status: 'changed' }),
      after: expect.objectContaining({ status: 'removed', reason: 'to removed' }),
    });
  });

  it('rejects an assessed entry with a reason', async () => {
    const detail = await walk(await entry(), ['assessed', 'rejected']);
    expect(detail.status).toBe('rejected');
    expect(detail.events.at(-1)).toMatchObject({
      from: 'assessed',
      to: 'rejected',
      reason: 'to rejected',
    });
  });

  it('approves with the entrustment and a decision of the period', async () => {
    const p = await newPeriod();
    const decision = await ctx.app.inject({
      method: 'POST',
      url: `/api/network-periods/${p.id}/decisions`,
      headers: staff,
      payload: { resolutionNumber: '99/ZK', decidedOn: '2024-06-20' },
    });
    const decisionId = (decision.json() as { id: string }).id;
    const e = await entry(world.homeP, p.id);
    await walk(e, ['assessed']);
    const entrustment = { number: 'P-1', validFrom: '2024-07-01', validTo: null, capacities };
    const res = await move(e.id, 2, { to: 'approved', decisionId, changes: { entrustment } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decisionId, entrustment });

    // A decision of another period is refused.
    const other = (
      await ctx.app.inject({
        method: 'POST',
        url: `/api/network-periods/${period.id}/decisions`,
        headers: staff,
        payload: { resolutionNumber: '1/RK', decidedOn: '2024-01-01' },
      })
    ).json() as { id: string };
    const bad = await move(e.id, 3, {
      to: 'changed',
      reason: 'x',
      decisionId: other.id,
      changes: { fte: 2 },
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as Problem).errors?.[0]?.pointer).toBe('/decisionId');
  });

  it('answers 409 to every transition the workflow does not allow, naming the allowed ones', async () => {
    const pathTo: Record<NetworkEntryStatus, NetworkEntryStatus[]> = {
      requested: [],
      assessed: ['assessed'],
      approved: ['assessed', 'approved'],
      rejected: ['assessed', 'rejected'],
      changed: ['assessed', 'approved', 'changed'],
      removed: ['assessed', 'approved', 'removed'],
    };
    let refused = 0;
    for (const from of NETWORK_ENTRY_STATUSES) {
      const e = await entry();
      const detail = pathTo[from].length ? await walk(e, pathTo[from]) : { ...e, status: from };
      for (const to of NETWORK_ENTRY_STATUSES) {
        if (NETWORK_ENTRY_TRANSITIONS[from].includes(to)) continue;
        const res = await move(e.id, detail.version, {
          to,
          reason: 'because',
          ...(to === 'changed' ? { changes: { fte: 1 } } : {}),
        });
        expect(res.statusCode, `${from} → ${to}: ${res.body}`).toBe(409);
        const problem = res.json() as Problem;
        expect(problem.detail).toContain(`that is ${from}`);
        expect(problem.errors?.[0]?.pointer).toBe('/to');
        refused++;
      }
      // Nothing was recorded for the refused moves.
      expect((await eventsOf(e.id)).length).toBe(pathTo[from].length + 1);
    }
    expect(refused).toBe(36 - 7);
  });

  it.each(['rejected', 'removed', 'changed'] as const)(
    'requires a reason to become %s',
    async (to) => {
      const e = await entry();
      const detail = await walk(e, to === 'rejected' ? ['assessed'] : ['assessed', 'approved']);
      for (const reason of [undefined, '   ']) {
        const res = await move(e.id, detail.version, {
          to,
          ...(reason !== undefined ? { reason } : {}),
          ...(to === 'changed' ? { changes: { fte: 1 } } : {}),
        });
        expect(res.statusCode).toBe(400);
        expect((res.json() as Problem).errors?.[0]?.pointer).toBe('/reason');
      }
    },
  );

  it('needs `changes` for changed and refuses them on other moves', async () => {
    const e = await entry();
    const res = await move(e.id, 1, { to: 'assessed', changes: { fte: 2 } });
    expect(res.statusCode).toBe(400);
    expect((res.json() as Problem).errors?.[0]?.pointer).toBe('/changes');
    const detail = await walk(e, ['assessed', 'approved']);
    const missing = await move(e.id, detail.version, { to: 'changed', reason: 'more beds' });
    expect(missing.statusCode).toBe(400);
    expect((missing.json() as Problem).errors?.[0]?.pointer).toBe('/changes');
    const badFte = await move(e.id, detail.version, {
      to: 'changed',
      reason: 'x',
      changes: { fte: 0.001 },
    });
    expect(badFte.statusCode).toBe(400);
    expect((badFte.json() as Problem).errors?.[0]?.pointer).toBe('/changes/fte');
  });

  it('requires If-Match: 428 without, 412 when stale', async () => {
    const e = await entry();
    expect((await move(e.id, null, { to: 'assessed' })).statusCode).toBe(428);
    expect((await move(e.id, 7, { to: 'assessed' })).statusCode).toBe(412);
    expect((await eventsOf(e.id)).length).toBe(1);
  });

  it('lets only region staff move entries (403), and hides others’ entries from providers (404)', async () => {
    const e = await entry();
    const own = auth(ctx, 'provider', null, world.providerP);
    expect((await move(e.id, 1, { to: 'assessed' }, own)).statusCode).toBe(403);
    expect((await move(e.id, 1, { to: 'assessed' }, auth(ctx, 'analyst'))).statusCode).toBe(403);
    expect(
      (await move(e.id, 1, { to: 'assessed' }, auth(ctx, 'coordinator', world.orpA.id))).statusCode,
    ).toBe(403);
    const other = auth(ctx, 'provider', null, world.providerQ);
    expect((await move(e.id, 1, { to: 'assessed' }, other)).statusCode).toBe(404);
    expect((await move(e.id, 1, { to: 'assessed' }, {})).statusCode).toBe(401);
  });
});

describe('PATCH /api/network-entries/:id', () => {
  const patch = (id: string, version: number | null, payload: object, headers: Headers = staff) =>
    ctx.app.inject({
      method: 'PATCH',
      url: `${URL}/${id}`,
      headers: version === null ? headers : { ...headers, 'if-match': `"${version}"` },
      payload,
    });

  it('lets region staff change a requested or assessed entry, with audit', async () => {
    const e = await entry();
    const res = await patch(e.id, 1, { fte: 4.25, level: 'development' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({ fte: 4.25, level: 'development', status: 'requested' });
    await walk({ ...e, version: 2 }, ['assessed']);
    expect((await patch(e.id, 3, { fte: null })).json()).toMatchObject({ fte: null });
    const audit = await auditOf(e.id);
    expect(audit.filter((a) => a.action === 'update')).toHaveLength(2);
  });

  it('refuses changes of a decided entry with 409 (approved: through a transition)', async () => {
    const e = await entry();
    const detail = await walk(e, ['assessed', 'approved']);
    const res = await patch(e.id, detail.version, { fte: 1 });
    expect(res.statusCode).toBe(409);
    expect((res.json() as Problem).detail).toMatch(/transition to "changed"/);
  });

  it('lets a provider change its own request only while requested', async () => {
    const own = auth(ctx, 'provider', null, world.providerP);
    const e = await entry();
    expect((await patch(e.id, 1, { fte: 5 }, own)).statusCode).toBe(200);
    await walk({ ...e, version: 2 }, ['assessed']);
    expect((await patch(e.id, 3, { fte: 6 }, own)).statusCode).toBe(409);
    expect(
      (await patch(e.id, 3, { fte: 6 }, auth(ctx, 'provider', null, world.providerQ))).statusCode,
    ).toBe(404);
    expect((await patch(e.id, 3, { fte: 6 }, auth(ctx, 'analyst'))).statusCode).toBe(403);
  });

  it('requires If-Match and a non-empty body', async () => {
    const e = await entry();
    expect((await patch(e.id, null, { fte: 1 })).statusCode).toBe(428);
    expect((await patch(e.id, 5, { fte: 1 })).statusCode).toBe(412);
    expect((await patch(e.id, 1, {})).statusCode).toBe(400);
  });
});

describe('GET /api/network-entries/:id', () => {
  it('shows the allowed transitions to region staff only', async () => {
    const e = await entry();
    const forStaff = await ctx.app.inject({ method: 'GET', url: `${URL}/${e.id}`, headers: staff });
    expect(forStaff.headers.etag).toBe('"1"');
    expect((forStaff.json() as NetworkEntryDetail).allowedTransitions).toEqual(['assessed']);
    const forProvider = await ctx.app.inject({
      method: 'GET',
      url: `${URL}/${e.id}`,
      headers: auth(ctx, 'provider', null, world.providerP),
    });
    expect(forProvider.statusCode).toBe(200);
    expect((forProvider.json() as NetworkEntryDetail).allowedTransitions).toEqual([]);
  });
});
