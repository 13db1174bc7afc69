import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { refreshTokens } from '../../db/schema/index.ts';
import { randomToken, sha256 } from './tokens.ts';

/**
 * Refresh tokens: 256 random bits handed to the client, only their SHA-256 stored. A login
 * starts a family; each refresh uses up one token and issues the next in the same family; a
 * token used twice means a copy is in someone else's hands, and the whole family is revoked.
 */

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

/** Issues a refresh token in `familyId` (a new family when omitted); returns the raw token. */
export async function issueRefreshToken(
  tx: Db,
  userId: string,
  ttlSeconds: number,
  familyId: string = randomUUID(),
): Promise<string> {
  const token = randomToken();
  await tx.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  });
  return token;
}

export async function findRefreshToken(db: Db, token: string): Promise<RefreshTokenRow | null> {
  const [row] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, sha256(token)));
  return row ?? null;
}

/**
 * Marks a token used; false when it already was (or was revoked). The conditional UPDATE is
 * the arbiter between two concurrent refreshes with one token: the second one waits for the
 * first's row lock, then finds `used_at` set.
 */
export async function claimRefreshToken(tx: Db, id: string): Promise<boolean> {
  const claimed = await tx
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt)),
    )
    .returning({ id: refreshTokens.id });
  return claimed.length > 0;
}

export async function revokeFamily(tx: Db, familyId: string): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** Ends every session of a user (password changed, account deactivated). */
export async function revokeUserSessions(tx: Db, userId: string): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

/** Forgets a user's expired tokens (they can no longer be used, so reuse detection is moot). */
export async function pruneExpired(tx: Db, userId: string): Promise<void> {
  await tx
    .delete(refreshTokens)
    .where(and(eq(refreshTokens.userId, userId), lt(refreshTokens.expiresAt, sql`now()`)));
}
