import { and, eq, sql } from 'drizzle-orm';
import type { ChangePasswordBody, LoginBody, Principal } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { ForbiddenError, InvalidError, UnauthorizedError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import type { AuthPrincipal } from './principal.ts';
import { loadClientPrincipal, loadUserPrincipal } from './principals.ts';
import {
  claimRefreshToken,
  findRefreshToken,
  issueRefreshToken,
  pruneExpired,
  revokeFamily,
  revokeUserSessions,
} from './sessions.ts';

/** A signed-in user: who (fresh from the database) and the refresh token of the session. */
export interface Session {
  principal: Principal;
  refreshToken: string;
}

export interface SessionOptions {
  /** Lifetime of each refresh token, in seconds (sliding: every refresh starts it anew). */
  refreshTokenTtl: number;
}

/** One message for unknown email, wrong password and deactivated account: no enumeration. */
const BAD_CREDENTIALS = 'The email or password is wrong.';
const SESSION_ENDED = 'The session has ended. Log in again.';

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export async function login(db: Db, body: LoginBody, options: SessionOptions): Promise<Session> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normalizeEmail(body.email)}`);
  // An unknown email costs one verification too, so timing does not reveal accounts.
  const ok = user
    ? await verifyPassword(user.passwordHash, body.password)
    : await verifyAgainstDummy(body.password);
  if (!user || !ok || !user.active) throw new UnauthorizedError(BAD_CREDENTIALS);

  const upgraded = needsRehash(user.passwordHash) ? await hashPassword(body.password) : null;
  const session = await db.transaction(async (tx) => {
    // Upgrade a hash made with older parameters; not if an admin changed the password meanwhile.
    if (upgraded) {
      await tx
        .update(users)
        .set({ passwordHash: upgraded })
        .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)));
    }
    const principal = await loadUserPrincipal(tx, user.id);
    if (!principal) return null;
    await pruneExpired(tx, user.id);
    const refreshToken = await issueRefreshToken(tx, user.id, options.refreshTokenTtl);
    await recordAudit(tx, principal, { action: 'login', entityType: 'user', entityId: user.id });
    return { principal, refreshToken };
  });
  if (!session) throw new UnauthorizedError(BAD_CREDENTIALS);
  return session;
}

/**
 * Rotates a refresh token: the presented one is used up, the next one in its family returned
 * with the user's current roles. A token presented a second time revokes its whole family.
 */
export async function refresh(db: Db, token: string, options: SessionOptions): Promise<Session> {
  const session = await db.transaction(async (tx) => {
    const row = await findRefreshToken(tx, token);
    if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
    if (!(await claimRefreshToken(tx, row.id))) {
      // Used before: whoever holds the newer token may be a thief. End the family for both.
      await revokeFamily(tx, row.familyId);
      await recordAudit(tx, null, {
        action: 'revoke_sessions',
        entityType: 'user',
        entityId: row.userId,
        after: { reason: 'refresh token reused', familyId: row.familyId },
      });
      return null;
    }
    const principal = await loadUserPrincipal(tx, row.userId);
    if (!principal) {
      await revokeFamily(tx, row.familyId);
      return null;
    }
    const refreshToken = await issueRefreshToken(
      tx,
      row.userId,
      options.refreshTokenTtl,
      row.familyId,
    );
    return { principal, refreshToken };
  });
  // Thrown after the transaction, so that a revocation above is committed.
  if (!session) throw new UnauthorizedError(SESSION_ENDED);
  return session;
}

/** Ends the session (token family) of a refresh token; unknown tokens are ignored. */
export async function logout(db: Db, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await findRefreshToken(tx, token);
    if (!row || row.revokedAt) return;
    await revokeFamily(tx, row.familyId);
    const principal = await loadUserPrincipal(tx, row.userId);
    await recordAudit(tx, principal, {
      action: 'logout',
      entityType: 'user',
      entityId: row.userId,
    });
  });
}

/** The caller as stored now: current roles, 401 when the account is gone or deactivated. */
export async function currentPrincipal(db: Db, caller: AuthPrincipal): Promise<Principal> {
  const principal =
    caller.kind === 'user'
      ? await loadUserPrincipal(db, caller.id)
      : await loadClientPrincipal(db, caller.id);
  if (!principal) throw new UnauthorizedError('The account no longer exists or is deactivated.');
  return principal;
}

/**
 * A user changes their own password, proving the current one. All their sessions end and a
 * new one starts (returned), so a stolen refresh token dies with the old password.
 */
export async function changeOwnPassword(
  db: Db,
  caller: AuthPrincipal,
  body: ChangePasswordBody,
  options: SessionOptions,
): Promise<Session> {
  if (caller.kind !== 'user') throw new ForbiddenError('API clients have no password.');
  const [user] = await db.select().from(users).where(eq(users.id, caller.id));
  if (!user?.active) throw new UnauthorizedError('The account no longer exists or is deactivated.');
  if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw new InvalidError('The current password is wrong.', [
      { in: 'body', pointer: '/currentPassword', detail: 'is wrong' },
    ]);
  }
  const passwordHash = await hashPassword(body.newPassword);
  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(eq(users.id, user.id));
    await revokeUserSessions(tx, user.id);
    const principal = await loadUserPrincipal(tx, user.id);
    if (!principal) throw new UnauthorizedError(SESSION_ENDED);
    const refreshToken = await issueRefreshToken(tx, user.id, options.refreshTokenTtl);
    await recordAudit(tx, principal, {
      action: 'change_password',
      entityType: 'user',
      entityId: user.id,
    });
    return { principal, refreshToken };
  });
}
