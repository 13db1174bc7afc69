import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, refreshTokens, roleAssignments, users } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  authHeader,
  createUnit,
  createUser,
  loginAs,
  TEST_PASSWORD,
  type CreatedUser,
} from '../../test/fixtures.ts';
import { sha256 } from './tokens.ts';

let ctx: TestContext;
let orpId: string;
let coordinator: CreatedUser;

beforeAll(async () => {
  ctx = await createTestApp();
  orpId = await createUnit(ctx.app.db, { kind: 'orp', code: '5105', name: 'Liberec' });
  coordinator = await createUser(ctx.app.db, {
    email: 'Koordinatorka@Example.test',
    name: 'Koordinátorka',
    roles: [{ role: 'coordinator', territorialUnitId: orpId }],
  });
});
afterAll(() => ctx.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url, payload: payload as object, headers });

async function login(email: string, password = TEST_PASSWORD) {
  return post('/api/auth/login', { email, password });
}

describe('POST /api/auth/login', () => {
  it('returns a token pair and the user with their scoped roles', async () => {
    const res = await login(coordinator.email);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: ctx.config.ACCESS_TOKEN_TTL,
      user: {
        id: coordinator.id,
        kind: 'user',
        name: 'Koordinátorka',
        email: 'koordinatorka@example.test',
        roles: [
          {
            role: 'coordinator',
            territorialUnitId: orpId,
            territorialUnitName: 'Liberec',
            providerId: null,
          },
        ],
      },
    });
    // 256 random bits, base64url.
    expect(body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('accepts the email in any letter case', async () => {
    const res = await login('KOORDINATORKA@example.TEST');
    expect(res.statusCode).toBe(200);
  });

  it('stores only a hash of the refresh token', async () => {
    const { refreshToken } = (await login(coordinator.email)).json();
    const rows = await ctx.app.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256(refreshToken)));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(await ctx.app.db.select().from(refreshTokens))).not.toContain(
      refreshToken,
    );
  });

  it('leaves an audit row for the login', async () => {
    await login(coordinator.email);
    const rows = await ctx.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, coordinator.id));
    expect(rows.filter((r) => r.action === 'login').length).toBeGreaterThan(0);
    expect(rows.find((r) => r.action === 'login')).toMatchObject({
      entityType: 'user',
      principalId: coordinator.id,
      principalKind: 'user',
    });
  });

  it('answers a wrong password, an unknown email and a deactivated account alike (401)', async () => {
    const inactive = await createUser(ctx.app.db, { active: false });
    const responses = await Promise.all([
      login(coordinator.email, 'wrong-password-1'),
      login('nobody@example.test'),
      login(inactive.email, inactive.password),
    ]);
    for (const res of responses) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const bodies = responses.map((r) => r.json());
    expect(bodies[0]).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it('stores passwords as argon2id hashes', async () => {
    const [row] = await ctx.app.db.select().from(users).where(eq(users.id, coordinator.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it.each([
    ['a missing field', { email: 'a@example.test' }, '/password', 'is required'],
    [
      'an unknown field',
      { email: 'a@example.test', password: 'x', remember: true },
      '/remember',
      'is not a known field',
    ],
    ['a wrong type', { email: 42, password: 'x' }, '/email', undefined],
    ['a malformed email', { email: 'not-an-email', password: 'x' }, '/email', undefined],
  ])('rejects %s with a 400 problem naming the field', async (_case, payload, pointer, detail) => {
    const res = await post('/api/auth/login', payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({ status: 400, code: 'validation' });
    const error = body.errors.find((e: { pointer: string }) => e.pointer === pointer);
    expect(error).toMatchObject({ in: 'body', pointer });
    if (detail) expect(error.detail).toBe(detail);
  });
});

describe('GET /api/auth/me', () => {
  it('answers the caller with the roles as stored now, not as in the token', async () => {
    const user = await createUser(ctx.app.db, { roles: [{ role: 'analyst' }] });
    const token = await loginAs(ctx.app, user.email);
    await ctx.app.db
      .update(roleAssignments)
      .set({ role: 'region_staff' })
      .where(eq(roleAssignments.userId, user.id));
    const res = await ctx.app.inject({ url: '/api/auth/me', headers: authHeader(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: user.id,
      kind: 'user',
      email: user.email,
      roles: [{ role: 'region_staff', territorialUnitId: null, providerId: null }],
    });
  });

  it('is 401 for anonymous callers and for a forged token', async () => {
    const anonymous = await ctx.app.inject({ url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    const forged = await ctx.app.inject({
      url: '/api/auth/me',
      headers: authHeader('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'),
    });
    expect(forged.statusCode).toBe(401);
  });

  it('is 401 once the account is deactivated, even with a live access token', async () => {
    const user = await createUser(ctx.app.db);
    const token = await loginAs(ctx.app, user.email);
    await ctx.app.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    const res = await ctx.app.inject({ url: '/api/auth/me', headers: authHeader(token) });
    expect(res.statusCode).toBe(401);
  });
});

describe('POST /api/auth/refresh', () => {
  it('rotates: the answer carries a new refresh token and the current roles', async () => {
    const user = await createUser(ctx.app.db, { roles: [{ role: 'analyst' }] });
    const first = (await login(user.email)).json();
    await ctx.app.db.insert(roleAssignments).values({ userId: user.id, role: 'region_staff' });

    const res = await post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(res.statusCode).toBe(200);
    const second = res.json();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.roles.map((r: { role: string }) => r.role).sort()).toEqual([
      'analyst',
      'region_staff',
    ]);
    // The new access token works and the next refresh works too.
    const me = await ctx.app.inject({
      url: '/api/auth/me',
      headers: authHeader(second.accessToken),
    });
    expect(me.statusCode).toBe(200);
    const third = await post('/api/auth/refresh', { refreshToken: second.refreshToken });
    expect(third.statusCode).toBe(200);

    // All three tokens are one family; the first two are used up.
    const rows = await ctx.app.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, user.id));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.familyId)).size).toBe(1);
    expect(rows.filter((r) => r.usedAt !== null)).toHaveLength(2);
  });

  it('revokes the whole family when a used token comes back (theft detection)', async () => {
    const user = await createUser(ctx.app.db);
    const stolen = (await login(user.email)).json().refreshToken;
    const otherDevice = (await login(user.email)).json().refreshToken;
    const legit = (await post('/api/auth/refresh', { refreshToken: stolen })).json().refreshToken;

    const replay = await post('/api/auth/refresh', { refreshToken: stolen });
    expect(replay.statusCode).toBe(401);
    expect(replay.headers['content-type']).toMatch(/^application\/problem\+json/);
    // The token issued after the stolen one is dead too.
    expect((await post('/api/auth/refresh', { refreshToken: legit })).statusCode).toBe(401);
    // Another session (another family) of the same user is not affected.
    expect((await post('/api/auth/refresh', { refreshToken: otherDevice })).statusCode).toBe(200);

    const audit = await ctx.app.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audit.map((a) => a.action)).toContain('revoke_sessions');
  });

  it('never lets two concurrent refreshes with one token both succeed', async () => {
    const user = await createUser(ctx.app.db);
    for (let round = 0; round < 5; round++) {
      const { refreshToken } = (await login(user.email)).json();
      const results = await Promise.all(
        [1, 2, 3].map(() => post('/api/auth/refresh', { refreshToken })),
      );
      const ok = results.filter((r) => r.statusCode === 200);
      expect(ok).toHaveLength(1);
      expect(results.every((r) => r.statusCode === 200 || r.statusCode === 401)).toBe(true);
      // The losers were a reuse: the family is revoked, so the winner's new token is dead too.
      for (const winner of ok) {
        const next = await post('/api/auth/refresh', { refreshToken: winner.json().refreshToken });
        expect(next.statusCode).toBe(401);
      }
    }
  });

  it('is 401 for an unknown, an expired token and for a deactivated user', async () => {
    expect((await post('/api/auth/refresh', { refreshToken: 'x'.repeat(43) })).statusCode).toBe(
      401,
    );

    const user = await createUser(ctx.app.db);
    const expiring = (await login(user.email)).json().refreshToken;
    await ctx.app.db
      .update(refreshTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(refreshTokens.tokenHash, sha256(expiring)));
    expect((await post('/api/auth/refresh', { refreshToken: expiring })).statusCode).toBe(401);

    const leaving = await createUser(ctx.app.db);
    const token = (await login(leaving.email)).json().refreshToken;
    await ctx.app.db.update(users).set({ active: false }).where(eq(users.id, leaving.id));
    expect((await post('/api/auth/refresh', { refreshToken: token })).statusCode).toBe(401);
  });
});

describe('POST /api/auth/logout', () => {
  it('answers 204 without an access token and ends the session', async () => {
    const user = await createUser(ctx.app.db);
    const { refreshToken } = (await login(user.email)).json();
    const res = await post('/api/auth/logout', { refreshToken });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await post('/api/auth/refresh', { refreshToken })).statusCode).toBe(401);
    const audit = await ctx.app.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audit.map((a) => a.action)).toContain('logout');
  });

  it('answers 204 for a token it does not know (nothing to reveal)', async () => {
    const res = await post('/api/auth/logout', { refreshToken: 'unknown-token' });
    expect(res.statusCode).toBe(204);
  });
});

describe('POST /api/auth/password', () => {
  it('changes the password, ends the other sessions and starts a new one', async () => {
    const user = await createUser(ctx.app.db);
    const old = (await login(user.email)).json();
    const res = await post(
      '/api/auth/password',
      { currentPassword: user.password, newPassword: 'a-new-password-42' },
      authHeader(old.accessToken),
    );
    expect(res.statusCode).toBe(200);
    const fresh = res.json();
    expect(fresh.user.id).toBe(user.id);
    expect((await post('/api/auth/refresh', { refreshToken: old.refreshToken })).statusCode).toBe(
      401,
    );
    expect((await post('/api/auth/refresh', { refreshToken: fresh.refreshToken })).statusCode).toBe(
      200,
    );
    expect((await login(user.email)).statusCode).toBe(401);
    expect((await login(user.email, 'a-new-password-42')).statusCode).toBe(200);
  });

  it('refuses a wrong current password with a 400 naming /currentPassword', async () => {
    const user = await createUser(ctx.app.db);
    const token = await loginAs(ctx.app, user.email);
    const res = await post(
      '/api/auth/password',
      { currentPassword: 'not-my-password', newPassword: 'a-new-password-42' },
      authHeader(token),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { in: 'body', pointer: '/currentPassword', detail: 'is wrong' },
    ]);
    expect((await login(user.email)).statusCode).toBe(200);
  });

  it('is 401 for anonymous callers', async () => {
    const res = await post('/api/auth/password', {
      currentPassword: 'x',
      newPassword: 'a-new-password-42',
    });
    expect(res.statusCode).toBe(401);
  });
});
