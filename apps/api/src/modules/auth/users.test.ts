import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, refreshTokens, roleAssignments, users } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  authHeader,
  createProvider,
  createUnit,
  createUser,
  loginAs,
} from '../../test/fixtures.ts';

let ctx: TestContext;
let admin: { id: string; token: string };
const units: Record<'orp' | 'planningArea' | 'municipality' | 'region' | 'provider', string> = {
  provider: '',
  orp: '',
  planningArea: '',
  municipality: '',
  region: '',
};

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.app.db;
  units.region = await createUnit(db, { kind: 'region', name: 'Liberecký kraj' });
  units.orp = await createUnit(db, { kind: 'orp', name: 'Liberec', parentId: units.region });
  units.municipality = await createUnit(db, {
    kind: 'municipality',
    name: 'Chrastava',
    parentId: units.orp,
  });
  units.planningArea = await createUnit(db, { kind: 'planning_area', name: 'Mikroregion Jizera' });
  units.provider = await createProvider(db);
  const user = await createUser(db, {
    email: 'admin@example.test',
    roles: [{ role: 'region_admin' }],
  });
  admin = { id: user.id, token: await loginAs(ctx.app, user.email) };
});
afterAll(() => ctx.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  ctx.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers: { ...authHeader(admin.token), ...headers },
  });

let counter = 0;
const newUserBody = (extra: Record<string, unknown> = {}) => ({
  email: `person-${++counter}@example.test`,
  name: `Osoba ${counter}`,
  password: 'a-long-password-1',
  roles: [{ role: 'region_staff' }],
  ...extra,
});

async function auditOf(entityId: string) {
  return ctx.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, entityId)))
    .orderBy(auditLog.id);
}

describe('POST /api/users', () => {
  it('creates a user: 201 with Location and ETag; the new user can log in', async () => {
    const body = newUserBody({
      email: 'Nova.Metodicka@Example.test',
      roles: [{ role: 'coordinator', territorialUnitId: units.orp }],
    });
    const res = await call('POST', '/api/users', body);
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(res.headers.location).toBe(`/api/users/${user.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(user).toEqual({
      id: expect.any(String),
      email: 'nova.metodicka@example.test',
      name: body.name,
      active: true,
      roles: [
        {
          role: 'coordinator',
          territorialUnitId: units.orp,
          territorialUnitName: 'Liberec',
          providerId: null,
        },
      ],
      createdAt: expect.any(String),
      version: 1,
    });
    expect(JSON.stringify(user)).not.toMatch(/password|argon2/i);

    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: body.email, password: body.password },
    });
    expect(login.statusCode).toBe(200);

    const [stored] = await ctx.app.db.select().from(users).where(eq(users.id, user.id));
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    const [audit] = await auditOf(user.id);
    expect(audit).toMatchObject({ action: 'create', principalId: admin.id, before: null });
    expect(audit!.after).toEqual(user);
  });

  it('answers 409 naming /email for an address already taken (in any letter case)', async () => {
    const body = newUserBody();
    expect((await call('POST', '/api/users', body)).statusCode).toBe(201);
    const res = await call('POST', '/api/users', {
      ...newUserBody(),
      email: body.email.toUpperCase(),
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      status: 409,
      code: 'conflict',
      errors: [{ in: 'body', pointer: '/email' }],
    });
  });

  it.each([
    ['a missing field', { ...newUserBody(), name: undefined }, '/name'],
    ['an unknown field', { ...newUserBody(), isAdmin: true }, '/isAdmin'],
    ['a wrong type', { ...newUserBody(), active: 'yes' }, '/active'],
    ['a short password', { ...newUserBody(), password: 'short' }, '/password'],
    ['an unknown role', { ...newUserBody(), roles: [{ role: 'superuser' }] }, '/roles/0/role'],
    [
      'a malformed unit id',
      newUserBody({ roles: [{ role: 'coordinator', territorialUnitId: 'x' }] }),
      '/roles/0/territorialUnitId',
    ],
  ])('rejects %s with a 400 naming the field', async (_case, body, pointer) => {
    const res = await call('POST', '/api/users', body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  describe('role assignments follow the scope model', () => {
    const ok = (roles: () => unknown[]) => roles;
    it.each([
      ['coordinator of an ORP', ok(() => [{ role: 'coordinator', territorialUnitId: units.orp }])],
      [
        'coordinator of a planning area',
        ok(() => [{ role: 'coordinator', territorialUnitId: units.planningArea }]),
      ],
      ['municipality', ok(() => [{ role: 'municipality', territorialUnitId: units.municipality }])],
      ['provider', ok(() => [{ role: 'provider', providerId: units.provider }])],
      [
        'region roles',
        ok(() => [{ role: 'region_admin' }, { role: 'analyst', territorialUnitId: null }]),
      ],
      ['no role at all', ok(() => [])],
    ])('accepts %s', async (_case, roles) => {
      const res = await call('POST', '/api/users', newUserBody({ roles: roles() }));
      expect(res.statusCode).toBe(201);
      expect(res.json().roles).toHaveLength(roles().length);
    });

    it.each([
      ['coordinator without a unit', () => [{ role: 'coordinator' }], '/roles/0/territorialUnitId'],
      [
        'coordinator of a municipality',
        () => [{ role: 'coordinator', territorialUnitId: units.municipality }],
        '/roles/0/territorialUnitId',
      ],
      [
        'coordinator of the region',
        () => [{ role: 'coordinator', territorialUnitId: units.region }],
        '/roles/0/territorialUnitId',
      ],
      [
        'municipality bound to an ORP',
        () => [{ role: 'municipality', territorialUnitId: units.orp }],
        '/roles/0/territorialUnitId',
      ],
      ['provider without a provider id', () => [{ role: 'provider' }], '/roles/0/providerId'],
      [
        'provider naming no provider',
        () => [{ role: 'provider', providerId: randomUUID() }],
        '/roles/0/providerId',
      ],
      [
        'provider with a unit',
        () => [{ role: 'provider', providerId: units.provider, territorialUnitId: units.orp }],
        '/roles/0/territorialUnitId',
      ],
      [
        'region_staff with a unit',
        () => [{ role: 'region_staff', territorialUnitId: units.orp }],
        '/roles/0/territorialUnitId',
      ],
      [
        'analyst with a provider',
        () => [{ role: 'analyst', providerId: randomUUID() }],
        '/roles/0/providerId',
      ],
      [
        'an unknown unit',
        () => [{ role: 'analyst' }, { role: 'municipality', territorialUnitId: randomUUID() }],
        '/roles/1/territorialUnitId',
      ],
    ])('rejects %s with a 400 at the offending field', async (_case, roles, pointer) => {
      const body = newUserBody({ roles: roles() });
      const res = await call('POST', '/api/users', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ in: 'body', pointer, detail: expect.any(String) }]);
      // Nothing was stored.
      const stored = await ctx.app.db.select().from(users).where(eq(users.email, body.email));
      expect(stored).toHaveLength(0);
    });
  });
});

describe('GET /api/users', () => {
  it('lists with total, filters by text, activity and role, sorts and pages', async () => {
    const tag = `q${Date.now()}`;
    for (const [name, role, active] of [
      ['Alena', 'analyst', true],
      ['Bohumil', 'region_staff', true],
      ['Cyril', 'analyst', false],
    ] as const) {
      await createUser(ctx.app.db, {
        email: `${name.toLowerCase()}.${tag}@example.test`,
        name: `${name} ${tag}`,
        roles: [{ role }],
        active,
      });
    }
    const list = (query: string) => call('GET', `/api/users?q=${tag}&${query}`);

    const all = (await list('sort=-name')).json();
    expect(all.total).toBe(3);
    expect(all.items.map((u: { name: string }) => u.name.split(' ')[0])).toEqual([
      'Cyril',
      'Bohumil',
      'Alena',
    ]);
    expect(all.items[0].roles).toEqual([
      { role: 'analyst', territorialUnitId: null, territorialUnitName: null, providerId: null },
    ]);

    const analysts = (await list('role=analyst')).json();
    expect(analysts.items.map((u: { name: string }) => u.name.split(' ')[0])).toEqual([
      'Alena',
      'Cyril',
    ]);
    const activeAnalysts = (await list('role=analyst&active=true')).json();
    expect(activeAnalysts.total).toBe(1);

    const paged = (await list('limit=1&offset=1&sort=email')).json();
    expect(paged).toMatchObject({ total: 3, items: [{ name: `Bohumil ${tag}` }] });

    // The search matches the email too, and takes % literally.
    expect((await call('GET', `/api/users?q=bohumil.${tag}@`)).json().total).toBe(1);
    expect((await call('GET', '/api/users?q=%25')).json().total).toBe(0);
  });

  it('rejects an unknown sort key and a bad filter with a 400 naming the parameter', async () => {
    const sort = await call('GET', '/api/users?sort=passwordHash');
    expect(sort.statusCode).toBe(400);
    expect(sort.json().errors).toMatchObject([{ in: 'query', pointer: '/sort' }]);
    const role = await call('GET', '/api/users?role=king');
    expect(role.statusCode).toBe(400);
    expect(role.json().errors[0]).toMatchObject({ in: 'query', pointer: '/role' });
  });
});

describe('GET /api/users/:id', () => {
  it('answers the user with an ETag; 404 for an unknown id; 400 for a malformed one', async () => {
    const created = (await call('POST', '/api/users', newUserBody())).json();
    const res = await call('GET', `/api/users/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toEqual(created);
    expect((await call('GET', `/api/users/${randomUUID()}`)).statusCode).toBe(404);
    expect((await call('GET', '/api/users/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('PATCH /api/users/:id', () => {
  it('needs If-Match: 428 without it, 412 when stale; nothing changes', async () => {
    const created = (await call('POST', '/api/users', newUserBody())).json();
    const missing = await call('PATCH', `/api/users/${created.id}`, { name: 'Nové jméno' });
    expect(missing.statusCode).toBe(428);
    expect(missing.json()).toMatchObject({ status: 428, code: 'precondition-required' });
    const stale = await call(
      'PATCH',
      `/api/users/${created.id}`,
      { name: 'Nové jméno' },
      { 'if-match': '"7"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ status: 412, code: 'precondition-failed' });
    expect((await call('GET', `/api/users/${created.id}`)).json()).toEqual(created);
  });

  it('changes name, email and roles, bumps the version and audits before/after', async () => {
    const created = (await call('POST', '/api/users', newUserBody())).json();
    const res = await call(
      'PATCH',
      `/api/users/${created.id}`,
      {
        name: 'Jana Nová',
        email: 'jana.nova@example.test',
        roles: [{ role: 'municipality', territorialUnitId: units.municipality }],
      },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    const updated = res.json();
    expect(updated).toMatchObject({
      name: 'Jana Nová',
      email: 'jana.nova@example.test',
      version: 2,
      roles: [
        {
          role: 'municipality',
          territorialUnitId: units.municipality,
          territorialUnitName: 'Chrastava',
        },
      ],
    });
    expect((await call('GET', `/api/users/${created.id}`)).json()).toEqual(updated);

    const audit = await auditOf(created.id);
    expect(audit.at(-1)).toMatchObject({ action: 'update', principalId: admin.id });
    expect(audit.at(-1)!.before).toEqual(created);
    expect(audit.at(-1)!.after).toEqual(updated);

    // The old ETag is now stale.
    const again = await call(
      'PATCH',
      `/api/users/${created.id}`,
      { name: 'X' },
      { 'if-match': '"1"' },
    );
    expect(again.statusCode).toBe(412);
  });

  it('a new password ends the user’s sessions and leaks no hash into the audit', async () => {
    const body = newUserBody();
    const created = (await call('POST', '/api/users', body)).json();
    const session = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: body.email, password: body.password },
      })
    ).json();

    const res = await call(
      'PATCH',
      `/api/users/${created.id}`,
      { password: 'another-password-2' },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    const refresh = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    expect(await loginAs(ctx.app, body.email, 'another-password-2')).toEqual(expect.any(String));

    const audit = await auditOf(created.id);
    expect(audit.find((a) => a.action === 'update')!.after).toMatchObject({
      passwordChanged: true,
    });
    const [stored] = await ctx.app.db.select().from(users).where(eq(users.id, created.id));
    const everything = JSON.stringify(await ctx.app.db.select().from(auditLog));
    expect(everything).not.toContain(stored!.passwordHash);
    expect(everything).not.toMatch(/argon2|passwordHash|another-password-2/);
  });

  it('answers 409 naming /email when the new address is taken', async () => {
    const a = (await call('POST', '/api/users', newUserBody())).json();
    const b = (await call('POST', '/api/users', newUserBody())).json();
    const res = await call(
      'PATCH',
      `/api/users/${b.id}`,
      { email: a.email },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toMatchObject([{ pointer: '/email' }]);
  });

  it('rejects an empty body and invalid roles with a 400', async () => {
    const created = (await call('POST', '/api/users', newUserBody())).json();
    const empty = await call('PATCH', `/api/users/${created.id}`, {}, { 'if-match': '"1"' });
    expect(empty.statusCode).toBe(400);
    const roles = await call(
      'PATCH',
      `/api/users/${created.id}`,
      { roles: [{ role: 'municipality' }] },
      { 'if-match': '"1"' },
    );
    expect(roles.statusCode).toBe(400);
    expect(roles.json().errors).toMatchObject([{ pointer: '/roles/0/territorialUnitId' }]);
    expect((await call('GET', `/api/users/${created.id}`)).json().version).toBe(1);
  });

  it('404 for an unknown user', async () => {
    const res = await call(
      'PATCH',
      `/api/users/${randomUUID()}`,
      { name: 'X' },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(404);
  });
});

describe('DELETE /api/users/:id', () => {
  it('needs If-Match (428, 412), then deactivates: 204, no login, sessions end, audited', async () => {
    const body = newUserBody();
    const created = (await call('POST', '/api/users', body)).json();
    const session = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: body.email, password: body.password },
      })
    ).json();

    expect((await call('DELETE', `/api/users/${created.id}`)).statusCode).toBe(428);
    expect(
      (await call('DELETE', `/api/users/${created.id}`, undefined, { 'if-match': '"9"' }))
        .statusCode,
    ).toBe(412);
    const res = await call('DELETE', `/api/users/${created.id}`, undefined, { 'if-match': '"1"' });
    expect(res.statusCode).toBe(204);

    const after = (await call('GET', `/api/users/${created.id}`)).json();
    expect(after).toMatchObject({ active: false, version: 2 });
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: body.email, password: body.password },
    });
    expect(login.statusCode).toBe(401);
    const refresh = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    const tokens = await ctx.app.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, created.id));
    expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);
    expect((await auditOf(created.id)).at(-1)).toMatchObject({
      action: 'deactivate',
      before: { active: true },
      after: { active: false },
    });

    // PATCH active: true brings the account back.
    const back = await call(
      'PATCH',
      `/api/users/${created.id}`,
      { active: true },
      { 'if-match': '"2"' },
    );
    expect(back.json()).toMatchObject({ active: true, version: 3 });
  });
});

describe('an administrator who loses the role', () => {
  it('loses access at once, not when the access token expires', async () => {
    const other = await createUser(ctx.app.db, { roles: [{ role: 'region_admin' }] });
    const token = await loginAs(ctx.app, other.email);
    const list = () => ctx.app.inject({ url: '/api/users', headers: authHeader(token) });
    expect((await list()).statusCode).toBe(200);

    await ctx.app.db
      .update(roleAssignments)
      .set({ role: 'region_staff' })
      .where(eq(roleAssignments.userId, other.id));
    expect((await list()).statusCode).toBe(403);

    await ctx.app.db.update(users).set({ active: false }).where(eq(users.id, other.id));
    expect((await list()).statusCode).toBe(401);
  });
});

describe('the last active administrator', () => {
  it('cannot be deactivated or demoted (409), another one can', async () => {
    // A fresh app: here the only administrator is the one created below.
    const own = await createTestApp();
    try {
      const only = await createUser(own.app.db, { roles: [{ role: 'region_admin' }] });
      const token = await loginAs(own.app, only.email);
      const headers = { ...authHeader(token), 'if-match': '"1"' };
      const demote = await own.app.inject({
        method: 'PATCH',
        url: `/api/users/${only.id}`,
        payload: { roles: [{ role: 'region_staff' }] },
        headers,
      });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().errors).toMatchObject([{ pointer: '/roles' }]);
      const remove = await own.app.inject({
        method: 'DELETE',
        url: `/api/users/${only.id}`,
        headers,
      });
      expect(remove.statusCode).toBe(409);

      await createUser(own.app.db, { roles: [{ role: 'region_admin' }] });
      const nowFine = await own.app.inject({
        method: 'DELETE',
        url: `/api/users/${only.id}`,
        headers,
      });
      expect(nowFine.statusCode).toBe(204);
    } finally {
      await own.close();
    }
  });
});
