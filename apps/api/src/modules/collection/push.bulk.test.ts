import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkPushReport } from '@socplan/contracts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  CODE_A,
  CODE_B,
  createPushWorld,
  eventsOf,
  historyOf,
  idempotencyKeyCount,
  pushBulk,
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

const bulk = (token: string, campaignId: string, body: unknown, options = {}) =>
  pushBulk(ctx.app, token, campaignId, body, options);
const report = (res: { json(): unknown }) => res.json() as BulkPushReport;

describe('POST /api/campaigns/:id/submissions/bulk (JSON)', () => {
  it('writes the good submissions and rejects the bad ones with reasons, leaving them untouched', async () => {
    const { campaignId, submissionIds } = await w.campaign({
      b: { values: [{ field: 'note', row: '', value: 'původní' }] },
    });
    const res = await bulk(w.regionToken, campaignId, {
      submissions: [
        { respondent: CODE_A, values: { capacity: 10, clients: [{ row: '24', count: 4 }] } },
        // One bad value makes the whole submission fail: its good note is not written either.
        { respondent: CODE_B, values: { note: 'nová', capacity: -1, occupied: 'x' } },
        { respondent: '123456', values: { capacity: 1 } },
      ],
    });
    expect(res.statusCode).toBe(200);
    const r = report(res);
    expect(r.dryRun).toBe(false);
    expect(r.totals).toMatchObject({ imported: 1, updated: 0, unchanged: 0, rejected: 2 });
    expect(r.results.map((x) => [x.respondent, x.outcome])).toEqual([
      [CODE_A, 'imported'],
      [CODE_B, 'rejected'],
      ['123456', 'rejected'],
    ]);
    expect(r.results[1]!.errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/values/occupied']),
    );
    expect(r.results[2]!.errors).toEqual([
      { pointer: '/respondent', detail: 'respondent unknown or outside your scope' },
    ]);
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({
      capacity: 10,
      'clients.count@24': 4,
    });
    expect(await storedValues(ctx.app, submissionIds[1]!)).toEqual({ note: 'původní' });
    expect(await historyOf(ctx.app, submissionIds[1]!)).toHaveLength(0);
  });

  it('rejects respondents outside the client’s scope and never writes them', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const r = report(
      await bulk(w.tokenA, campaignId, {
        submissions: [
          { respondent: CODE_A, values: { capacity: 3 } },
          { respondent: CODE_B, values: { capacity: 4 } },
        ],
      }),
    );
    expect(r.results[1]).toMatchObject({
      respondent: CODE_B,
      outcome: 'rejected',
      submissionId: null,
      errors: [{ detail: 'respondent unknown or outside your scope' }],
    });
    expect(await storedValues(ctx.app, submissionIds[1]!)).toEqual({});
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({ capacity: 3 });
  });

  it('submits per submission: a failing one is rejected and unwritten, the good one submitted', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const r = report(
      await bulk(w.regionToken, campaignId, {
        submissions: [
          { respondent: CODE_A, values: { capacity: 10, occupied: 4 }, submit: true },
          { respondent: CODE_B, values: { capacity: 10, occupied: 40 }, submit: true },
        ],
      }),
    );
    expect(r.results[0]).toMatchObject({ outcome: 'imported', status: 'submitted' });
    expect(r.results[1]).toMatchObject({ outcome: 'rejected', status: 'draft' });
    expect(r.results[1]!.errors).toContainEqual(
      expect.objectContaining({ rule: 'occupied_le_capacity' }),
    );
    expect((await submissionRow(ctx.app, submissionIds[0]!)).status).toBe('submitted');
    expect(await eventsOf(ctx.app, submissionIds[0]!)).toHaveLength(1);
    expect(await storedValues(ctx.app, submissionIds[1]!)).toEqual({});
    expect((await submissionRow(ctx.app, submissionIds[1]!)).status).toBe('draft');
  });

  it('rejects a change to a submitted submission but not an unchanged re-push of it', async () => {
    const { campaignId } = await w.campaign({
      a: { status: 'submitted', values: [{ field: 'capacity', row: '', value: 5 }] },
      b: { status: 'approved', values: [{ field: 'capacity', row: '', value: 6 }] },
    });
    const r = report(
      await bulk(w.regionToken, campaignId, {
        submissions: [
          { respondent: CODE_A, values: { capacity: 5 } },
          { respondent: CODE_B, values: { capacity: 7 } },
        ],
      }),
    );
    expect(r.results.map((x) => x.outcome)).toEqual(['unchanged', 'rejected']);
    expect(r.results[1]!.errors[0]!.detail).toContain('approved');
  });

  it('dryRun reports what the push would do and writes nothing', async () => {
    const { campaignId, submissionIds } = await w.campaign({
      b: { values: [{ field: 'capacity', row: '', value: 8 }] },
    });
    const body = {
      submissions: [
        { respondent: CODE_A, values: { capacity: 10, occupied: 3 }, submit: true },
        { respondent: CODE_B, values: { capacity: 9, note: 'x' } },
        { respondent: '111111', values: { capacity: 1 } },
      ],
    };
    const key = crypto.randomUUID();
    const dry = await bulk(w.regionToken, campaignId, body, {
      query: 'dryRun=true',
      headers: { 'idempotency-key': key },
    });
    expect(dry.statusCode).toBe(200);
    expect(report(dry).dryRun).toBe(true);
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({});
    expect(await storedValues(ctx.app, submissionIds[1]!)).toEqual({ capacity: 8 });
    expect(await historyOf(ctx.app, submissionIds[1]!)).toHaveLength(0);
    expect((await submissionRow(ctx.app, submissionIds[0]!)).status).toBe('draft');
    expect(await eventsOf(ctx.app, submissionIds[0]!)).toHaveLength(0);
    expect(await idempotencyKeyCount(ctx.app, key)).toBe(0);

    // The real run, even with the dry run's key, runs and reports the same.
    const real = await bulk(w.regionToken, campaignId, body, {
      headers: { 'idempotency-key': key },
    });
    expect(real.headers['idempotent-replayed']).toBeUndefined();
    expect({ ...report(real), dryRun: true }).toEqual(report(dry));
    expect(report(real).totals).toMatchObject({ imported: 1, updated: 1, rejected: 1 });
    expect((await submissionRow(ctx.app, submissionIds[0]!)).status).toBe('submitted');
  });

  it('a retried bulk with the same key replays the report and writes once', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const key = 'batch-2025-0001';
    const body = {
      submissions: [
        { respondent: CODE_A, values: { capacity: 1, occupied: 1 } },
        { respondent: CODE_B, values: { capacity: 2 } },
      ],
    };
    const first = await bulk(w.regionToken, campaignId, body, {
      headers: { 'idempotency-key': key },
    });
    const retry = await bulk(w.regionToken, campaignId, body, {
      headers: { 'idempotency-key': key },
    });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await historyOf(ctx.app, submissionIds[0]!)).toHaveLength(2);
    expect(await historyOf(ctx.app, submissionIds[1]!)).toHaveLength(1);
    const changed = await bulk(
      w.regionToken,
      campaignId,
      { submissions: [{ respondent: CODE_A, values: { capacity: 3 } }] },
      { headers: { 'idempotency-key': key } },
    );
    expect(changed.statusCode).toBe(422);
  });

  it('reports a respondent given twice as rejected', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const r = report(
      await bulk(w.regionToken, campaignId, {
        submissions: [
          { respondent: CODE_A, values: { capacity: 1 } },
          { respondent: CODE_A, values: { capacity: 2 } },
        ],
      }),
    );
    expect(r.results.map((x) => x.outcome)).toEqual(['imported', 'rejected']);
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({ capacity: 1 });
  });
});

describe('POST …/submissions/bulk (CSV)', () => {
  it('reads comma CSV with a BOM, table cells, decimal comma in quotes and an empty value', async () => {
    const { campaignId, submissionIds } = await w.campaign({
      a: { values: [{ field: 'note', row: '', value: 'smazat' }] },
    });
    const csv =
      '\uFEFFrespondent,field,row,value\r\n' +
      `${CODE_A},capacity,,40\r\n` +
      `${CODE_A},costs,,"1250000,50"\r\n` +
      `${CODE_A},clients.count,24,12\r\n` +
      `${CODE_A},clients.count,23,3\r\n` +
      `${CODE_A},note,,\r\n` +
      `${CODE_B},capacity,,7\r\n`;
    const res = await bulk(w.regionToken, campaignId, csv);
    expect(res.statusCode).toBe(200);
    const r = report(res);
    expect(r.results.map((x) => [x.respondent, x.outcome])).toEqual([
      [CODE_A, 'updated'],
      [CODE_B, 'imported'],
    ]);
    expect(r.results[0]!.values).toEqual({ inserted: 4, updated: 0, cleared: 1, unchanged: 0 });
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({
      capacity: 40,
      costs: 1250000.5,
      'clients.count@24': 12,
      'clients.count@23': 3,
    });
  });

  it('reads semicolon CSV (Czech Excel) with decimal comma and submits with ?submit=true', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const csv =
      'respondent;field;row;value\n' +
      `${CODE_A};capacity;;10\n` +
      `${CODE_A};occupied;;8\n` +
      `${CODE_A};costs;;99,9\n` +
      `${CODE_B};capacity;;5\n` +
      `${CODE_B};occupied;;6\n`;
    const r = report(await bulk(w.regionToken, campaignId, csv, { query: 'submit=true' }));
    expect(r.results[0]).toMatchObject({ outcome: 'imported', status: 'submitted' });
    expect(r.results[1]).toMatchObject({ outcome: 'rejected' });
    expect(r.results[1]!.errors).toContainEqual(
      expect.objectContaining({ rule: 'occupied_le_capacity' }),
    );
    expect(await storedValues(ctx.app, submissionIds[0]!)).toMatchObject({ costs: 99.9 });
    expect(await storedValues(ctx.app, submissionIds[1]!)).toEqual({});
  });

  it('rejects a respondent whose lines do not fit the form, with the line numbers', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const csv =
      'respondent,field,row,value\n' +
      `${CODE_A},capacity,,abc\n` +
      `${CODE_A},clients.count,,4\n` +
      `${CODE_A},capacity,,5\n` +
      `${CODE_B},capacity,,5\n`;
    const r = report(await bulk(w.regionToken, campaignId, csv));
    expect(r.results[0]!.outcome).toBe('rejected');
    const details = r.results[0]!.errors.map((e) => e.detail).join(' | ');
    expect(details).toContain('line 3');
    expect(details).toContain('line 4');
    expect(r.results[1]!.outcome).toBe('imported');
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({});
  });

  it('400s a CSV without the columns, 415s another media type', async () => {
    const { campaignId } = await w.campaign();
    const bad = await bulk(w.regionToken, campaignId, 'kod,hodnota\n1,2\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('respondent');
    const other = await pushBulk(ctx.app, w.regionToken, campaignId, 'x', {
      headers: { 'content-type': 'text/plain' },
    });
    expect(other.statusCode).toBe(415);
  });
});
