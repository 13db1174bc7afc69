import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { submissions, submissionValues } from '../../db/schema/index.ts';
import { authHeader, createService } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { seedCodelistsIfEmpty } from '../codelists/codelists.seed.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import {
  createCampaign,
  createCollectionWorld,
  createFormVersion,
  type CollectionWorld,
  unrolledHistory,
} from './collection.test-support.ts';
import { diffValues, loadFlatValues, writeValueChanges } from './submission-values.ts';
import { lockSubmissions } from './submissions.repo.ts';
import { assertEditable } from './submissions.workflow.ts';

let ctx: TestContext;
let world: CollectionWorld;
let staff: string;
let municipality: string;

beforeAll(async () => {
  ctx = await createTestApp();
  await seedCodelistsIfEmpty(ctx.app.db);
  world = await createCollectionWorld(ctx.app);
  staff = await world.token('region_staff');
  municipality = await world.token('municipality');
});
afterAll(() => ctx.close());

const get = (token: string, url: string) =>
  ctx.app.inject({ method: 'GET', url, headers: authHeader(token) });
const patch = (token: string, id: string, values: object, version: number | null = 1) =>
  ctx.app.inject({
    method: 'PATCH',
    url: `/api/submissions/${id}`,
    headers: { ...authHeader(token), ...(version === null ? {} : { 'if-match': `"${version}"` }) },
    payload: { values },
  });
const history = (id: string) => unrolledHistory(ctx.app.db, id);

describe('GET /api/submissions', () => {
  it('lists only what the caller reaches, filtered, with the total', async () => {
    const { campaignId } = await createCampaign(ctx.app.db, {
      respondents: [
        world.municipality('A', { code: '563889', status: 'submitted' }),
        world.municipality('B', { code: '577626' }),
      ],
    });
    const mine = await get(municipality, `/api/submissions?campaignId=${campaignId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ total: 1, items: [{ respondentCode: '563889' }] });
    const all = (await get(staff, `/api/submissions?campaignId=${campaignId}`)).json();
    expect(all.total).toBe(2);
    expect(all.items.map((i: { respondentName: string }) => i.respondentName)).toEqual([
      'Liberec',
      'Semily',
    ]);
    expect(all.items[0]).toMatchObject({
      orpId: world.orp1,
      orpName: 'ORP Liberec',
      period: '2025',
    });
    const coordinator = await world.token('coordinator');
    expect((await get(coordinator, `/api/submissions?campaignId=${campaignId}`)).json().total).toBe(
      1,
    );
    const submitted = await get(
      staff,
      `/api/submissions?campaignId=${campaignId}&status=submitted`,
    );
    expect(submitted.json().items.map((i: { respondentCode: string }) => i.respondentCode)).toEqual(
      ['563889'],
    );
    const byOrp = await get(staff, `/api/submissions?campaignId=${campaignId}&orpId=${world.orp2}`);
    expect(byOrp.json().total).toBe(1);
    const q = await get(staff, `/api/submissions?campaignId=${campaignId}&q=semi`);
    expect(q.json().items[0].respondentName).toBe('Semily');
    const paged = await get(
      staff,
      `/api/submissions?campaignId=${campaignId}&limit=1&offset=1&sort=-respondentName`,
    );
    expect(paged.json()).toMatchObject({ total: 2, items: [{ respondentName: 'Liberec' }] });
    expect((await get(staff, `/api/submissions?sort=nope`)).statusCode).toBe(400);
  });
});

describe('GET /api/submissions/:id', () => {
  it('shows the form, choices, rows, values, prefilled marks and the current issues', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, {
      respondents: [
        world.municipality('A', {
          values: [
            { field: 'capacity', row: '', value: 10, prefilled: true },
            { field: 'occupied', row: '', value: 12 },
            { field: 'clients.count', row: '2', value: 4, prefilled: true },
          ],
        }),
      ],
    });
    const res = await get(municipality, `/api/submissions/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    const body = res.json();
    expect(body.values).toEqual({
      capacity: 10,
      occupied: 12,
      clients: [{ row: '2', count: 4 }],
    });
    expect(body.prefilled.sort()).toEqual(['capacity', 'clients/2/count']);
    expect(body.choices.refusal_reason.map((c: { code: string }) => c.code)).toContain('capacity');
    expect(body.rows.clients[0]).toMatchObject({ code: '1', name: expect.any(String) });
    expect(body.issues).toEqual([
      expect.objectContaining({ rule: 'occupied_le_capacity', severity: 'error' }),
    ]);
    expect(body.definition.sections[0].code).toBe('main');
  });

  it('is 404 outside the scope and for no such submission', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, { respondents: [world.municipality('B')] });
    expect((await get(municipality, `/api/submissions/${id}`)).statusCode).toBe(404);
    expect((await get(await world.token('coordinator'), `/api/submissions/${id}`)).statusCode).toBe(
      404,
    );
    expect((await get(await world.token('provider'), `/api/submissions/${id}`)).statusCode).toBe(
      404,
    );
    expect((await get(staff, `/api/submissions/${id}`)).statusCode).toBe(200);
    expect(
      (await get(staff, '/api/submissions/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });
});

describe('rows of services', () => {
  it('a provider’s table of services has a row per current service, by registry identifier', async () => {
    const providerId = world.providerA;
    await createService(ctx.app.db, { providerId, identifier: '1234567', name: 'Domov Harcov' });
    await createService(ctx.app.db, {
      providerId,
      identifier: '7654321',
      states: [{ validFrom: '2020-01-01', name: 'Stará služba', status: 'ended' }],
    });
    await createService(ctx.app.db, { identifier: '1111111', name: 'Cizí služba' });
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, {
      respondentKind: 'provider',
      definition: {
        sections: [
          {
            code: 'main',
            label: { cs: 'Služby' },
            fields: [
              {
                code: 'staff',
                type: 'table',
                label: { cs: 'Úvazky podle služeb' },
                rows: { kind: 'services' },
                columns: [{ code: 'fte', type: 'decimal', label: { cs: 'Úvazky' } }],
              },
            ],
          },
        ],
        rules: [],
      },
      respondents: [{ kind: 'provider', providerId, unitId: world.municipalityA }],
    });
    const provider = await world.token('provider');
    const res = await get(provider, `/api/submissions/${id}`);
    expect(res.json().rows.staff).toEqual([
      { code: '1234567', name: 'Domov Harcov', nameEn: null },
    ]);
    const saved = await patch(provider, id!, { staff: [{ row: '1234567', fte: 2.5 }] });
    expect(saved.json().values).toEqual({ staff: [{ row: '1234567', fte: 2.5 }] });
    const foreign = await patch(provider, id!, { staff: [{ row: '1111111', fte: 1 }] }, 2);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].pointer).toContain('/values/staff');
  });
});

describe('PATCH /api/submissions/:id', () => {
  it('saves a draft that breaks rules, records history, and skips unchanged values', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, {
      respondents: [
        world.municipality('A', {
          values: [{ field: 'capacity', row: '', value: 10, prefilled: true }],
        }),
      ],
    });
    const first = await patch(municipality, id!, {
      capacity: 10,
      occupied: 20,
      clients: [{ row: '1', count: 3 }],
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const body = first.json();
    expect(body.values).toMatchObject({ capacity: 10, occupied: 20 });
    // Unchanged, so still the prefilled value.
    expect(body.prefilled).toEqual(['capacity']);
    expect(body.issues.map((i: { rule?: string }) => i.rule)).toContain('occupied_le_capacity');
    expect(body.valueCount).toBe(3);
    const changes = await history(id!);
    expect(changes.map((h) => [h.field, h.row, h.oldValue, h.newValue, h.channel])).toEqual([
      ['occupied', '', null, 20, 'web'],
      ['clients.count', '1', null, 3, 'web'],
    ]);
    expect(changes[0]).toMatchObject({ principalKind: 'user', principalName: expect.any(String) });

    const second = await patch(municipality, id!, { occupied: null, capacity: 25 }, 2);
    expect(second.statusCode).toBe(200);
    expect(second.json().values).toEqual({ capacity: 25, clients: [{ row: '1', count: 3 }] });
    expect(second.json().prefilled).toEqual([]);

    // The same values again: nothing written, no history, the same version.
    const again = await patch(municipality, id!, { capacity: 25, occupied: null }, 3);
    expect(again.statusCode).toBe(200);
    expect(again.headers.etag).toBe('"3"');
    expect(await history(id!)).toHaveLength(4);

    const list = await get(municipality, `/api/submissions/${id}/history?limit=2`);
    expect(list.json().total).toBe(4);
    // One save's changes share a time; both are on the first page.
    expect(list.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'capacity',
          row: null,
          oldValue: 10,
          newValue: 25,
          channel: 'web',
        }),
        expect.objectContaining({ field: 'occupied', oldValue: 20, newValue: null }),
      ]),
    );
    const older = await get(municipality, `/api/submissions/${id}/history?limit=2&offset=2`);
    expect(
      older
        .json()
        .items.map((i: { field: string }) => i.field)
        .sort(),
    ).toEqual(['clients.count', 'occupied']);
  });

  it('refuses values of the wrong type naming each, and unknown fields', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, { respondents: [world.municipality('A')] });
    const res = await patch(municipality, id!, {
      capacity: 'lots',
      refusal_reason: 'not-a-code',
      nope: 1,
      clients: [{ row: '1', count: 1.5 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const pointers = res
      .json()
      .errors.map((e: { pointer: string }) => e.pointer)
      .sort();
    expect(pointers).toEqual(
      [
        '/values/capacity',
        '/values/clients/1/count',
        '/values/nope',
        '/values/refusal_reason',
      ].sort(),
    );
    expect(await history(id!)).toEqual([]);
  });

  it('needs If-Match (428), a current one (412), and who may respond (403)', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, { respondents: [world.municipality('A')] });
    expect((await patch(municipality, id!, { capacity: 1 }, null)).statusCode).toBe(428);
    expect((await patch(municipality, id!, { capacity: 1 }, 9)).statusCode).toBe(412);
    for (const role of ['analyst', 'coordinator'] as const)
      expect((await patch(await world.token(role), id!, { capacity: 1 })).statusCode).toBe(403);
    expect(
      (await patch(await world.token('municipality', false), id!, { capacity: 1 })).statusCode,
    ).toBe(404);
    expect((await patch(staff, id!, { capacity: 1 })).statusCode).toBe(200);
  });

  it('two saves with the same If-Match: one wins, the other gets 412', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, { respondents: [world.municipality('A')] });
    const results = await Promise.all([
      patch(municipality, id!, { capacity: 1 }),
      patch(municipality, id!, { capacity: 2 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    const [stored] = await ctx.app.db
      .select({ value: submissionValues.value })
      .from(submissionValues)
      .where(eq(submissionValues.submissionId, id!));
    expect(stored!.value).toBe(winner.values.capacity);
  });

  it('an approved or submitted submission is locked (409), and so is a closed campaign', async () => {
    const { submissionIds } = await createCampaign(ctx.app.db, {
      respondents: [
        world.municipality('A', {
          status: 'approved',
          values: [{ field: 'capacity', row: '', value: 3 }],
        }),
        world.municipality('A', { status: 'submitted' }),
      ],
    });
    const [approved, submitted] = submissionIds as [string, string];
    const locked = await patch(staff, approved, { capacity: 4 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().detail).toContain('approved');
    expect((await patch(municipality, submitted, { capacity: 4 })).statusCode).toBe(409);
    const closed = await createCampaign(ctx.app.db, {
      status: 'closed',
      respondents: [world.municipality('A')],
    });
    expect((await patch(municipality, closed.submissionIds[0]!, { capacity: 4 })).statusCode).toBe(
      409,
    );
    const [row] = await ctx.app.db
      .select({ version: submissions.version })
      .from(submissions)
      .where(eq(submissions.id, approved));
    expect(row!.version).toBe(1);
    // The push API's core refuses the same way.
    expect(() => assertEditable({ status: 'approved' })).toThrow(/approved/);
  });
});

describe('writers through the core', () => {
  it('concurrent writers of one submission lose no value', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, { respondents: [world.municipality('A')] });
    const principal: AuthPrincipal = {
      id: '00000000-0000-4000-8000-000000000002',
      kind: 'client',
      name: 'Liberec IS',
      email: null,
      roles: [],
    };
    const write = (field: string) =>
      ctx.app.db.transaction(async (tx) => {
        await lockSubmissions(tx, [id!]);
        const current = (await loadFlatValues(tx, [id!])).get(id!)!;
        const diff = diffValues(current, [{ field, row: '', value: 1 }], []);
        await writeValueChanges(tx, { principal, channel: 'api' }, [
          { submissionId: id!, current, ...diff },
        ]);
      });
    await Promise.all(['capacity', 'occupied', 'refused'].map(write));
    const res = await get(staff, `/api/submissions/${id}`);
    expect(res.json().values).toEqual({ capacity: 1, occupied: 1, refused: 1 });
    expect(res.json().valueCount).toBe(3);
  });
});

describe('GET /api/submissions/:id/comparison', () => {
  it('puts each value beside last period’s and the peers’ median, flagging outliers', async () => {
    const form = await createFormVersion(ctx.app.db);
    const code = '563889';
    const last = await createCampaign(ctx.app.db, {
      ...form,
      year: 2024,
      status: 'closed',
      respondents: [
        world.municipality('A', {
          code,
          status: 'approved',
          values: [
            { field: 'capacity', row: '', value: 100 },
            { field: 'occupied', row: '', value: 90 },
            { field: 'note', row: '', value: 'loni' },
          ],
        }),
      ],
    });
    const peers = [10, 11, 12, 10, 11, 12].map((capacity) =>
      world.municipality('B', {
        status: 'submitted',
        values: [
          { field: 'capacity', row: '', value: capacity },
          { field: 'occupied', row: '', value: 80 },
        ],
      }),
    );
    const now = await createCampaign(ctx.app.db, {
      ...form,
      year: 2025,
      respondents: [
        world.municipality('A', {
          code,
          status: 'submitted',
          values: [
            { field: 'capacity', row: '', value: 300 },
            { field: 'occupied', row: '', value: 95 },
          ],
        }),
        ...peers,
        // A draft is not a peer.
        world.municipality('B', { values: [{ field: 'capacity', row: '', value: 99999 }] }),
      ],
    });
    const res = await get(staff, `/api/submissions/${now.submissionIds[0]}/comparison`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.previous).toEqual({
      submissionId: last.submissionIds[0],
      campaignId: last.campaignId,
      period: '2024',
    });
    expect(body.peerCount).toBe(6);
    const byField = Object.fromEntries(body.fields.map((f: { field: string }) => [f.field, f]));
    expect(byField.capacity).toEqual({
      field: 'capacity',
      row: null,
      value: 300,
      previous: 100,
      peerMedian: 11,
      outlier: ['history', 'peers'],
    });
    // 90 → 95 is no news; the peers all have 80 (no spread) and 95 is not flagged by history.
    expect(byField.occupied).toMatchObject({ value: 95, previous: 90, peerMedian: 80 });
    expect(byField.occupied.outlier).not.toContain('history');
    expect(byField.note).toEqual({
      field: 'note',
      row: null,
      value: null,
      previous: 'loni',
      peerMedian: null,
      outlier: [],
    });
    expect(
      (await get(municipality, `/api/submissions/${now.submissionIds[1]}/comparison`)).statusCode,
    ).toBe(404);
  });
});
