import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  CODE_A,
  CODE_B,
  createPushWorld,
  eventsOf,
  historyOf,
  idempotencyKeyCount,
  putValues,
  storedValues,
  submissionRow,
  type PushWorld,
} from './push.test-support.ts';

let ctx: TestContext;
let w: PushWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  w = await createPushWorld(ctx.app);
});
afterAll(() => ctx.close());

const put = (token: string, campaignId: string, code: string, body: unknown, headers = {}) =>
  putValues(ctx.app, token, campaignId, code, body, headers);

describe('PUT /api/campaigns/:id/submissions/:respondentCode', () => {
  it('imports, then merges: given fields replace, null clears, others stay; history per change', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const [a] = submissionIds;
    const first = await put(w.tokenA, campaignId, CODE_A, {
      values: { capacity: 40, occupied: 35, clients: [{ row: '24', count: 30 }] },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      respondent: CODE_A,
      outcome: 'imported',
      submissionId: a,
      status: 'draft',
      values: { inserted: 3, updated: 0, cleared: 0, unchanged: 0 },
      errors: [],
    });

    const second = await put(w.tokenA, campaignId, CODE_A, {
      values: {
        occupied: 38,
        capacity: 40,
        note: 'doplněno',
        clients: [{ row: '24', count: null }],
      },
    });
    expect(second.json()).toMatchObject({
      outcome: 'updated',
      values: { inserted: 1, updated: 1, cleared: 1, unchanged: 1 },
    });
    expect(await storedValues(ctx.app, a!)).toEqual({
      capacity: 40,
      occupied: 38,
      note: 'doplněno',
    });
    const history = await historyOf(ctx.app, a!);
    // 3 imported + occupied, note and the cleared cell; the unchanged capacity wrote nothing.
    expect(history).toHaveLength(6);
    expect(history.every((h) => h.channel === 'api' && h.principalKind === 'client')).toBe(true);
    expect(history.at(-1)).toMatchObject({
      field: 'clients.count',
      row: '24',
      oldValue: 30,
      newValue: null,
    });
    expect((await submissionRow(ctx.app, a!)).valueCount).toBe(3);

    // A table sent as null loses every cell.
    await put(w.tokenA, campaignId, CODE_A, {
      values: {
        clients: [
          { row: '23', count: 1 },
          { row: '17', count: 2 },
        ],
      },
    });
    const clearTable = await put(w.tokenA, campaignId, CODE_A, { values: { clients: null } });
    expect(clearTable.json().values).toMatchObject({ cleared: 2 });
    expect(await storedValues(ctx.app, a!)).toEqual({
      capacity: 40,
      occupied: 38,
      note: 'doplněno',
    });
  });

  it('answers unchanged to the same values again and writes no history', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const body = { values: { capacity: 12, note: 'x' } };
    await put(w.tokenA, campaignId, CODE_A, body);
    const before = await submissionRow(ctx.app, submissionIds[0]!);
    const again = await put(w.tokenA, campaignId, CODE_A, body);
    expect(again.json()).toMatchObject({
      outcome: 'unchanged',
      values: { inserted: 0, updated: 0, cleared: 0, unchanged: 2 },
    });
    expect(await historyOf(ctx.app, submissionIds[0]!)).toHaveLength(2);
    expect((await submissionRow(ctx.app, submissionIds[0]!)).version).toBe(before.version);
  });

  it('refuses values of the wrong type with every bad value listed, and writes none', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const res = await put(w.tokenA, campaignId, CODE_A, {
      values: {
        capacity: 'many',
        occupied: 3,
        clients: [{ row: '24', count: 1.5 }],
        nonsense: 1,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const pointers = res.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/values/capacity', '/values/clients/24/count', '/values/nonsense']),
    );
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({});
  });

  it('404s a respondent outside the client’s scope or unknown, and writes nothing', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    for (const code of [CODE_B, '999999']) {
      const res = await put(w.tokenA, campaignId, code, { values: { capacity: 1 } });
      expect(res.statusCode).toBe(404);
    }
    expect(await storedValues(ctx.app, submissionIds[1]!)).toEqual({});
    // The region's system reaches both.
    const region = await put(w.regionToken, campaignId, CODE_B, { values: { capacity: 1 } });
    expect(region.json().outcome).toBe('imported');
  });

  it('403s a client whose role may not respond', async () => {
    const { campaignId } = await w.campaign();
    const res = await put(w.analystToken, campaignId, CODE_A, { values: { capacity: 1 } });
    expect(res.statusCode).toBe(403);
  });

  it('submit:true with failing values writes nothing and lists every failure', async () => {
    const { campaignId, submissionIds } = await w.campaign({
      a: { values: [{ field: 'note', row: '', value: 'stará' }] },
    });
    const res = await put(w.tokenA, campaignId, CODE_A, {
      values: { occupied: 50, refused: 2, note: 'nová' },
      submit: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid-submission');
    const errors = res.json().errors as { pointer: string; rule?: string }[];
    expect(errors.map((e) => e.pointer)).toContain('/values/capacity'); // required
    expect(errors.map((e) => e.rule)).toContain('reason_when_refused');
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({ note: 'stará' });
    expect((await submissionRow(ctx.app, submissionIds[0]!)).status).toBe('draft');
    expect(await historyOf(ctx.app, submissionIds[0]!)).toHaveLength(0);
  });

  it('submit:true with good values writes and submits in one step', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const res = await put(w.tokenA, campaignId, CODE_A, {
      values: { capacity: 40, occupied: 30 },
      submit: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'imported', status: 'submitted' });
    const row = await submissionRow(ctx.app, submissionIds[0]!);
    expect(row.status).toBe('submitted');
    expect(await eventsOf(ctx.app, submissionIds[0]!)).toEqual([
      expect.objectContaining({ action: 'submitted', toStatus: 'submitted', channel: 'api' }),
    ]);

    // Locked now: a change is refused, the same values again are harmless.
    const change = await put(w.tokenA, campaignId, CODE_A, { values: { capacity: 41 } });
    expect(change.statusCode).toBe(409);
    const same = await put(w.tokenA, campaignId, CODE_A, {
      values: { capacity: 40, occupied: 30 },
      submit: true,
    });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ outcome: 'unchanged', status: 'submitted' });
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({ capacity: 40, occupied: 30 });
  });

  it('409s when the campaign is not open', async () => {
    const { campaignId } = await w.campaign({ status: 'closed' });
    const res = await put(w.tokenA, campaignId, CODE_A, { values: { capacity: 1 } });
    expect(res.statusCode).toBe(409);
  });
});

describe('Idempotency-Key on PUT', () => {
  it('a retry with the same key answers the first answer and writes nothing twice', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const key = crypto.randomUUID();
    const body = { values: { capacity: 10, occupied: 5 } };
    const first = await put(w.tokenA, campaignId, CODE_A, body, { 'idempotency-key': key });
    // Another writer changes a value in between: the retry must not write its values again.
    await put(w.regionToken, campaignId, CODE_A, { values: { capacity: 11 } });
    const retry = await put(w.tokenA, campaignId, CODE_A, body, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.json()).toEqual(first.json());
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({ capacity: 11, occupied: 5 });
    expect(await historyOf(ctx.app, submissionIds[0]!)).toHaveLength(3);
  });

  it('the same key with another request is 422 idempotency-key-reused', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const key = crypto.randomUUID();
    await put(
      w.tokenA,
      campaignId,
      CODE_A,
      { values: { capacity: 10 } },
      { 'idempotency-key': key },
    );
    const other = await put(
      w.tokenA,
      campaignId,
      CODE_A,
      { values: { capacity: 99 } },
      { 'idempotency-key': key },
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency-key-reused');
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({ capacity: 10 });
  });

  it('keys are per client: another client’s same key is its own', async () => {
    const { campaignId } = await w.campaign();
    const key = crypto.randomUUID();
    const a = await put(
      w.tokenA,
      campaignId,
      CODE_A,
      { values: { capacity: 1 } },
      { 'idempotency-key': key },
    );
    const b = await put(
      w.tokenB,
      campaignId,
      CODE_B,
      { values: { capacity: 2 } },
      { 'idempotency-key': key },
    );
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(await idempotencyKeyCount(ctx.app, key)).toBe(2);
  });

  it('a 4xx of the push is kept and replayed; a retry of it changes nothing', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const key = crypto.randomUUID();
    const body = { values: { occupied: 3 }, submit: true };
    const first = await put(w.tokenA, campaignId, CODE_A, body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(400);
    const retry = await put(w.tokenA, campaignId, CODE_A, body, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(400);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toContain('application/problem+json');
    expect(retry.json()).toEqual(first.json());
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({});
  });

  it('refuses a malformed key', async () => {
    const { campaignId } = await w.campaign();
    const res = await put(
      w.tokenA,
      campaignId,
      CODE_A,
      { values: { capacity: 1 } },
      { 'idempotency-key': 'x'.repeat(201) },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ in: 'headers', pointer: '/idempotency-key' });
  });
});
