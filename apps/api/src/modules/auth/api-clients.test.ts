import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClients, auditLog } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  authHeader,
  clientToken,
  createApiClient,
  createUnit,
  createUser,
  loginAs,
  createProvider,
} from '../../test/fixtures.ts';

let ctx: TestContext;
let adminToken: string;
let municipalityId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  municipalityId = await createUnit(ctx.app.db, { kind: 'municipality', name: 'Hrádek nad Nisou' });
  const admin = await createUser(ctx.app.db, { roles: [{ role: 'region_admin' }] });
  adminToken = await loginAs(ctx.app, admin.email);
});
afterAll(() => ctx.close());

const token = (clientId: string, clientSecret: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/token', payload: { clientId, clientSecret } });

const admin = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  ctx.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers: { ...authHeader(adminToken), ...headers },
  });

describe('POST /api/auth/token (client credentials)', () => {
  it('issues a bearer token that authenticates as the client with its roles', async () => {
    const client = await createApiClient(ctx.app.db, {
      name: 'Spisová služba Hrádek',
      roles: [{ role: 'municipality', territorialUnitId: municipalityId }],
    });
    const res = await token(client.clientId, client.clientSecret);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: ctx.config.ACCESS_TOKEN_TTL,
    });

    const me = await ctx.app.inject({ url: '/api/auth/me', headers: authHeader(body.accessToken) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      id: client.id,
      kind: 'client',
      name: 'Spisová služba Hrádek',
      email: null,
      roles: [
        {
          role: 'municipality',
          territorialUnitId: municipalityId,
          territorialUnitName: 'Hrádek nad Nisou',
          providerId: null,
        },
      ],
    });

    const [row] = await ctx.app.db.select().from(apiClients).where(eq(apiClients.id, client.id));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
  });

  it('answers a wrong secret, an unknown client and a deactivated one alike (401)', async () => {
    const client = await createApiClient(ctx.app.db, { roles: [{ role: 'analyst' }] });
    const inactive = await createApiClient(ctx.app.db, {
      roles: [{ role: 'analyst' }],
      active: false,
    });
    const responses = [
      await token(client.clientId, `${client.clientSecret}x`),
      await token('sc_nobody', client.clientSecret),
      await token(inactive.clientId, inactive.clientSecret),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
  });

  it('rejects a body without a secret with a 400 naming /clientSecret', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: { clientId: 'sc_x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toMatchObject([{ pointer: '/clientSecret' }]);
  });
});

describe('administration of API clients', () => {
  it('creates a client with a one-time secret, stored only as a hash', async () => {
    const providerId = await createProvider(ctx.app.db);
    const res = await admin('POST', '/api/api-clients', {
      name: 'IS poskytovatele',
      roles: [{ role: 'provider', providerId: providerId }],
    });
    expect(res.statusCode).toBe(201);
    const { client, clientSecret } = res.json();
    expect(res.headers.location).toBe(`/api/api-clients/${client.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(client).toEqual({
      id: expect.any(String),
      clientId: expect.stringMatching(/^sc_[0-9a-f]{24}$/),
      name: 'IS poskytovatele',
      active: true,
      roles: [
        {
          role: 'provider',
          territorialUnitId: null,
          territorialUnitName: null,
          providerId: providerId,
        },
      ],
      createdAt: expect.any(String),
      lastUsedAt: null,
      version: 1,
    });
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const [row] = await ctx.app.db.select().from(apiClients).where(eq(apiClients.id, client.id));
    expect(row!.secretHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(row!.secretHash).not.toContain(clientSecret);
    expect((await token(client.clientId, clientSecret)).statusCode).toBe(200);

    // The secret is never shown again.
    const read = await admin('GET', `/api/api-clients/${client.id}`);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).not.toContain(clientSecret);
    expect(read.json()).toMatchObject({ id: client.id, lastUsedAt: expect.any(String) });

    const audit = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'api_client'), eq(auditLog.entityId, client.id)));
    expect(audit).toMatchObject([{ action: 'create' }]);
    expect(JSON.stringify(audit)).not.toMatch(new RegExp(`${clientSecret}|sha256:|secretHash`));
  });

  it('refuses the region_admin role for a client and unit rules as for users (400)', async () => {
    const adminRole = await admin('POST', '/api/api-clients', {
      name: 'Příliš mocný klient',
      roles: [{ role: 'region_admin' }],
    });
    expect(adminRole.statusCode).toBe(400);
    expect(adminRole.json().errors).toMatchObject([{ pointer: '/roles/0/role' }]);

    const noUnit = await admin('POST', '/api/api-clients', {
      name: 'Obec bez obce',
      roles: [{ role: 'municipality', territorialUnitId: randomUUID() }],
    });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().errors).toMatchObject([{ pointer: '/roles/0/territorialUnitId' }]);

    const noRoles = await admin('POST', '/api/api-clients', { name: 'Bez rolí', roles: [] });
    expect(noRoles.statusCode).toBe(400);
    expect(noRoles.json().errors).toMatchObject([{ pointer: '/roles' }]);
  });

  it('lists clients with filters and paging', async () => {
    const tag = `k${Date.now()}`;
    await createApiClient(ctx.app.db, { name: `A ${tag}`, roles: [{ role: 'analyst' }] });
    await createApiClient(ctx.app.db, {
      name: `B ${tag}`,
      roles: [{ role: 'municipality', territorialUnitId: municipalityId }],
      active: false,
    });
    const all = (await admin('GET', `/api/api-clients?q=${tag}&sort=-name`)).json();
    expect(all.total).toBe(2);
    expect(all.items.map((c: { name: string }) => c.name)).toEqual([`B ${tag}`, `A ${tag}`]);
    expect((await admin('GET', `/api/api-clients?q=${tag}&role=analyst`)).json().total).toBe(1);
    expect((await admin('GET', `/api/api-clients?q=${tag}&active=false`)).json()).toMatchObject({
      total: 1,
      items: [{ name: `B ${tag}`, active: false }],
    });
    expect(
      (await admin('GET', `/api/api-clients?q=${tag}&limit=1&offset=1`)).json().items,
    ).toHaveLength(1);
  });

  it('PATCH needs If-Match (428/412), then changes name and roles and bumps the version', async () => {
    const client = await createApiClient(ctx.app.db, { roles: [{ role: 'analyst' }] });
    const url = `/api/api-clients/${client.id}`;
    expect((await admin('PATCH', url, { name: 'Nový název' })).statusCode).toBe(428);
    expect(
      (await admin('PATCH', url, { name: 'Nový název' }, { 'if-match': '"2"' })).statusCode,
    ).toBe(412);
    const res = await admin(
      'PATCH',
      url,
      { name: 'Nový název', roles: [{ role: 'municipality', territorialUnitId: municipalityId }] },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({
      name: 'Nový název',
      version: 2,
      roles: [{ role: 'municipality', territorialUnitId: municipalityId }],
    });
    // The next token carries the new roles.
    const access = await clientToken(ctx.app, client);
    const me = (await ctx.app.inject({ url: '/api/auth/me', headers: authHeader(access) })).json();
    expect(me.roles).toMatchObject([{ role: 'municipality' }]);
  });

  it('DELETE needs If-Match, then deactivates: no more tokens; PATCH active brings it back', async () => {
    const client = await createApiClient(ctx.app.db, { roles: [{ role: 'analyst' }] });
    const url = `/api/api-clients/${client.id}`;
    expect((await admin('DELETE', url)).statusCode).toBe(428);
    expect((await admin('DELETE', url, undefined, { 'if-match': '"5"' })).statusCode).toBe(412);
    expect((await admin('DELETE', url, undefined, { 'if-match': '"1"' })).statusCode).toBe(204);
    expect((await admin('GET', url)).json()).toMatchObject({ active: false, version: 2 });
    expect((await token(client.clientId, client.clientSecret)).statusCode).toBe(401);

    const back = await admin('PATCH', url, { active: true }, { 'if-match': '"2"' });
    expect(back.statusCode).toBe(200);
    expect((await token(client.clientId, client.clientSecret)).statusCode).toBe(200);
    const audit = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'api_client'), eq(auditLog.entityId, client.id)))
      .orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(['deactivate', 'update']);
  });

  it('rotating the secret shows a new one once; the old one stops working', async () => {
    const client = await createApiClient(ctx.app.db, { roles: [{ role: 'analyst' }] });
    const url = `/api/api-clients/${client.id}/secret`;
    expect((await admin('POST', url, undefined, { 'if-match': '"3"' })).statusCode).toBe(412);
    const res = await admin('POST', url);
    expect(res.statusCode).toBe(200);
    const { client: shown, clientSecret } = res.json();
    expect(shown).toMatchObject({ id: client.id, clientId: client.clientId, version: 1 });
    expect(clientSecret).not.toBe(client.clientSecret);
    expect((await token(client.clientId, client.clientSecret)).statusCode).toBe(401);
    expect((await token(client.clientId, clientSecret)).statusCode).toBe(200);

    const audit = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'api_client'), eq(auditLog.entityId, client.id)));
    expect(audit).toMatchObject([{ action: 'rotate_secret' }]);
    expect(JSON.stringify(audit)).not.toMatch(new RegExp(`${clientSecret}|sha256:|secretHash`));
  });

  it('404 for unknown clients', async () => {
    const id = randomUUID();
    expect((await admin('GET', `/api/api-clients/${id}`)).statusCode).toBe(404);
    expect((await admin('POST', `/api/api-clients/${id}/secret`)).statusCode).toBe(404);
    expect(
      (await admin('DELETE', `/api/api-clients/${id}`, undefined, { 'if-match': '"1"' }))
        .statusCode,
    ).toBe(404);
  });
});
