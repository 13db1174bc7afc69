import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema/index.ts';
import { ConflictError } from '../../lib/errors.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { purgeExpiredKeys, runIdempotent, type IdempotencyClaim } from './idempotency.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const principalId = '00000000-0000-4000-8000-00000000000a';
const claim = (key: string, requestHash = 'h1'): IdempotencyClaim => ({
  principalId,
  key,
  requestHash,
});
const keyRows = (key: string) =>
  ctx.app.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));

describe('runIdempotent', () => {
  it('a failed first attempt (not a 4xx) leaves no key: the retry runs', async () => {
    const key = crypto.randomUUID();
    await expect(
      runIdempotent(ctx.app.db, claim(key), async () => {
        throw new Error('connection lost');
      }),
    ).rejects.toThrow('connection lost');
    expect(await keyRows(key)).toHaveLength(0);
    let runs = 0;
    const retry = await runIdempotent(ctx.app.db, claim(key), async () => ({ runs: ++runs }));
    expect(retry).toEqual({ replayed: false, statusCode: 200, body: { runs: 1 } });
  });

  it('a 4xx is stored without what the attempt wrote, and replayed', async () => {
    const key = crypto.randomUUID();
    const first = await runIdempotent(ctx.app.db, claim(key), async (tx) => {
      // A write the attempt made before refusing: rolled back with its savepoint.
      await tx.execute(sql`update idempotency_keys set request_hash = 'tampered'
        where key = ${key}`);
      throw new ConflictError('The campaign is closed: it accepts no values now.');
    });
    expect(first).toMatchObject({ replayed: false, statusCode: 409 });
    const [row] = await keyRows(key);
    expect(row).toMatchObject({ requestHash: 'h1', statusCode: 409 });
    const retry = await runIdempotent(ctx.app.db, claim(key), async () => 'ran');
    expect(retry).toMatchObject({
      replayed: true,
      statusCode: 409,
      body: { code: 'conflict', detail: 'The campaign is closed: it accepts no values now.' },
    });
  });

  it('refuses the key with another request', async () => {
    const key = crypto.randomUUID();
    await runIdempotent(ctx.app.db, claim(key), async () => 1);
    await expect(runIdempotent(ctx.app.db, claim(key, 'h2'), async () => 2)).rejects.toMatchObject({
      status: 422,
      code: 'idempotency-key-reused',
    });
  });

  it('runs concurrent attempts of one key once; the others replay its answer', async () => {
    const key = crypto.randomUUID();
    let runs = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () =>
        runIdempotent(ctx.app.db, claim(key), async () => {
          runs++;
          await new Promise((r) => setTimeout(r, 50));
          return { answer: 42 };
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o.replayed)).toHaveLength(3);
    expect(outcomes.every((o) => 'body' in o && (o.body as { answer: number }).answer === 42)).toBe(
      true,
    );
  });

  it('deletes keys older than a day, not newer ones', async () => {
    const old = crypto.randomUUID();
    const fresh = crypto.randomUUID();
    await ctx.app.db.insert(idempotencyKeys).values([
      {
        ...claim(old),
        statusCode: 200,
        response: {},
        createdAt: new Date(Date.now() - 25 * 3600e3),
      },
      {
        ...claim(fresh),
        statusCode: 200,
        response: {},
        createdAt: new Date(Date.now() - 23 * 3600e3),
      },
    ]);
    await purgeExpiredKeys(ctx.app.db);
    expect(await keyRows(old)).toHaveLength(0);
    expect(await keyRows(fresh)).toHaveLength(1);
  });
});
