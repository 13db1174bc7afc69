import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  CODE_A,
  CODE_B,
  clientTokenFor,
  createPushWorld,
  historyOf,
  pushBulk,
  putValues,
  storedValues,
  submissionRow,
  type PushWorld,
} from './push.test-support.ts';

/**
 * Several information systems pushing the same respondent at once (on PGlite the statements
 * interleave on one connection; on PostgreSQL they run in parallel on the pool): the
 * submission's row lock orders them, so nothing is lost, duplicated or misrecorded.
 */
let ctx: TestContext;
let w: PushWorld;
let tokens: string[];
const N = 8;
beforeAll(async () => {
  ctx = await createTestApp();
  w = await createPushWorld(ctx.app);
  // N clients of the same municipality (e.g. its agenda system and its finance system).
  tokens = await Promise.all(
    Array.from({ length: N }, () =>
      clientTokenFor(ctx.app, [{ role: 'municipality', territorialUnitId: w.municipalityA }]),
    ),
  );
});
afterAll(() => ctx.close());

const TARGET_GROUPS = ['17', '18', '19', '20', '21', '22', '23', '24'];

describe('concurrent pushes for one respondent', () => {
  it('different fields: every value arrives, one history row each', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const responses = await Promise.all(
      tokens.map((token, i) =>
        putValues(ctx.app, token, campaignId, CODE_A, {
          values: { clients: [{ row: TARGET_GROUPS[i], count: i + 1 }] },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(tokens.map(() => 200));
    // Exactly one push found the submission empty.
    expect(responses.filter((r) => r.json().outcome === 'imported')).toHaveLength(1);
    const stored = await storedValues(ctx.app, submissionIds[0]!);
    expect(stored).toEqual(
      Object.fromEntries(TARGET_GROUPS.map((g, i) => [`clients.count@${g}`, i + 1])),
    );
    const history = await historyOf(ctx.app, submissionIds[0]!);
    expect(history).toHaveLength(N);
    expect(history.every((h) => h.oldValue === null)).toBe(true);
    expect((await submissionRow(ctx.app, submissionIds[0]!)).valueCount).toBe(N);
  });

  it('the same field: one value wins and the history is one unbroken chain', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const responses = await Promise.all(
      tokens.map((token, i) =>
        putValues(ctx.app, token, campaignId, CODE_A, { values: { capacity: 100 + i } }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(tokens.map(() => 200));
    const stored = await storedValues(ctx.app, submissionIds[0]!);
    const history = await historyOf(ctx.app, submissionIds[0]!);
    expect(history).toHaveLength(N);
    // Each change replaced what the previous one wrote; the last one is what is stored.
    history.forEach((h, i) => expect(h.oldValue).toEqual(i ? history[i - 1]!.newValue : null));
    expect(stored).toEqual({ capacity: history.at(-1)!.newValue });
    expect(new Set(history.map((h) => h.newValue)).size).toBe(N);
  });

  it('concurrent retries with one Idempotency-Key write once and all answer alike', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const body = { values: { capacity: 7, occupied: 2, note: 'jednou' } };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        putValues(ctx.app, tokens[0]!, campaignId, CODE_A, body, headers),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses[0]!.json().outcome).toBe('imported');
    expect(await historyOf(ctx.app, submissionIds[0]!)).toHaveLength(3);
  });

  it('bulks over the same respondents in opposite orders neither deadlock nor lose values', async () => {
    const { campaignId, submissionIds } = await w.campaign();
    const forward = [CODE_A, CODE_B];
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pushBulk(ctx.app, w.regionToken, campaignId, {
          submissions: (i % 2 ? [...forward].reverse() : forward).map((respondent) => ({
            respondent,
            values: { clients: [{ row: TARGET_GROUPS[i], count: i }] },
          })),
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    for (const id of submissionIds) {
      const stored = await storedValues(ctx.app, id);
      expect(Object.keys(stored)).toHaveLength(6);
      expect(await historyOf(ctx.app, id)).toHaveLength(6);
    }
  });
});
