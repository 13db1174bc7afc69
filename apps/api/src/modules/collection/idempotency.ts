import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { CollectionProblemCodes, ProblemTypes } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { idempotencyKeys } from '../../db/schema/index.ts';
import { DomainError, InvalidError, type FieldError } from '../../lib/errors.ts';
import { mediaTypeOf } from '../../lib/http.ts';

/**
 * Idempotency-Key for the push API (docs/decisions/0504-push-api-and-idempotency.md): the key
 * row is inserted first in the writing transaction, so a concurrent retry waits on it and then
 * replays the stored answer; a rolled-back attempt leaves no key, so its retry runs again.
 */

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
/** How long a key is kept (and a retry replays its answer). */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** Expired keys deleted per write at most: the clean-up never makes one request slow. */
const PURGE_BATCH = 100;

const KEY_PATTERN = /^[\x20-\x7e]{1,200}$/;

/** The Idempotency-Key of a request (1–200 printable ASCII characters), or undefined. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const key = typeof raw === 'string' ? raw.trim() : undefined;
  if (key === undefined || !KEY_PATTERN.test(key)) {
    const detail = 'must be one value of 1–200 printable ASCII characters';
    throw new InvalidError(`Idempotency-Key ${detail}.`, [
      { in: 'headers', pointer: `/${IDEMPOTENCY_HEADER}`, detail },
    ]);
  }
  return key;
}

/**
 * SHA-256 of what makes a request the same request: method, path with query, media type and the
 * body's bytes as sent. Computed by the body parser (the bytes are gone after parsing).
 */
export function requestHash(request: FastifyRequest, body: Buffer): string {
  return createHash('sha256')
    .update(`${request.method}\n${request.url}\n${mediaTypeOf(request)}\n`)
    .update(body)
    .digest('hex');
}

export interface IdempotencyClaim {
  principalId: string;
  key: string;
  requestHash: string;
}

/** What a request answered: a 2xx body, or the problem of a 4xx the domain threw. */
export type Outcome<T> =
  | { replayed: false; statusCode: 200; body: T }
  | { replayed: false; statusCode: number; error: DomainError }
  | { replayed: true; statusCode: number; body: unknown };

const keyOf = (claim: IdempotencyClaim) =>
  and(eq(idempotencyKeys.principalId, claim.principalId), eq(idempotencyKeys.key, claim.key));

/** The problem body the errors plugin would send, so a replay answers byte-for-byte alike. */
const problemOf = (error: DomainError) => ({
  type: error.type,
  title: error.title,
  status: error.status,
  detail: error.message,
  code: error.code,
  ...(error.errors ? { errors: error.errors } : {}),
});

/** A stored problem as the error it was, for the errors plugin to send again alike. */
class ReplayedError extends DomainError {
  constructor(
    status: number,
    private readonly problem: {
      type: string;
      title: string;
      detail: string;
      code: string;
      errors?: FieldError[];
    },
  ) {
    super(status, problem.type, problem.title, problem.detail, problem.errors);
  }
  override get code(): string {
    return this.problem.code;
  }
}
export const replayedError = (statusCode: number, body: unknown): DomainError =>
  new ReplayedError(statusCode, body as ConstructorParameters<typeof ReplayedError>[1]);

/**
 * Runs `work` in one transaction, under an idempotency key when `claim` is given:
 * - a new key: `work` runs in a savepoint; a 2xx answer or a 4xx DomainError is stored with the
 *   key and committed (a 4xx wrote nothing: its savepoint was rolled back); anything else (5xx,
 *   a lost connection) rolls everything back, key included, so the client's retry runs anew;
 * - a known key with the same request: the stored answer, nothing runs;
 * - a known key with another request: 422 `idempotency-key-reused`.
 * Without a claim, `work` simply runs in a transaction and errors propagate.
 */
export async function runIdempotent<T>(
  db: Db,
  claim: IdempotencyClaim | undefined,
  work: (tx: Db) => Promise<T>,
): Promise<Outcome<T>> {
  if (!claim) {
    const body = await db.transaction((tx) => work(tx));
    return { replayed: false, statusCode: 200, body };
  }
  return db.transaction(async (tx) => {
    await purgeExpiredKeys(tx);
    // Blocks while another transaction holds an uncommitted row of this key (a concurrent
    // retry), then either inserts (the other rolled back) or finds its committed answer.
    const inserted = await tx
      .insert(idempotencyKeys)
      .values({ principalId: claim.principalId, key: claim.key, requestHash: claim.requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (!inserted.length) {
      const [stored] = await tx.select().from(idempotencyKeys).where(keyOf(claim));
      if (!stored || stored.statusCode === null) {
        // Deleted as expired in between, or written by a transaction that stored no answer:
        // neither happens with this code; refuse rather than run twice.
        throw new DomainError(
          409,
          ProblemTypes.conflict,
          'Conflict',
          'This Idempotency-Key is being used by another request. Retry shortly.',
        );
      }
      if (stored.requestHash !== claim.requestHash) throw keyReused();
      return { replayed: true, statusCode: stored.statusCode, body: stored.response };
    }
    const store = (statusCode: number, response: unknown) =>
      tx.update(idempotencyKeys).set({ statusCode, response }).where(keyOf(claim));
    try {
      const body = await tx.transaction((savepoint) => work(savepoint));
      await store(200, body);
      return { replayed: false, statusCode: 200 as const, body };
    } catch (error) {
      if (error instanceof DomainError && error.status >= 400 && error.status < 500) {
        await store(error.status, problemOf(error));
        return { replayed: false, statusCode: error.status, error };
      }
      throw error;
    }
  });
}

function keyReused(): DomainError {
  return new DomainError(
    422,
    new URL(CollectionProblemCodes.idempotencyKeyReused, ProblemTypes.validation).href,
    'Idempotency-Key reused',
    'This Idempotency-Key was used with a different request. Use a new key for a new request.',
    [
      {
        in: 'headers',
        pointer: `/${IDEMPOTENCY_HEADER}`,
        detail: 'was used with a different request',
      },
    ],
  );
}

/**
 * Deletes a few keys older than the TTL. Rows another transaction is deleting are skipped, so
 * concurrent writes never wait on each other here.
 */
export async function purgeExpiredKeys(tx: Db): Promise<void> {
  await tx.execute(sql`
    delete from ${idempotencyKeys}
    where (${idempotencyKeys.principalId}, ${idempotencyKeys.key}) in (
      select ${idempotencyKeys.principalId}, ${idempotencyKeys.key} from ${idempotencyKeys}
      where ${idempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
      limit ${PURGE_BATCH}
      for update skip locked
    )`);
}
