import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  authHeader,
  clientToken,
  createApiClient,
  createUnit,
  createUser,
  tokenForRole,
  type RoleSpec,
  createProvider,
} from '../../test/fixtures.ts';

/**
 * Who may administer accounts: region administrators only. Every other role, an API client
 * and an anonymous caller are turned away from every endpoint, and nothing changes.
 */

let ctx: TestContext;
const tokens = new Map<string, string | null>();
let targetUserId: string;
let targetClientId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.app.db;
  const orp = await createUnit(db, { kind: 'orp' });
  const municipality = await createUnit(db, { kind: 'municipality', parentId: orp });
  const roles: Record<string, RoleSpec> = {
    region_admin: { role: 'region_admin' },
    region_staff: { role: 'region_staff' },
    analyst: { role: 'analyst' },
    coordinator: { role: 'coordinator', territorialUnitId: orp },
    municipality: { role: 'municipality', territorialUnitId: municipality },
    provider: { role: 'provider', providerId: await createProvider(db) },
  };
  for (const [name, spec] of Object.entries(roles))
    tokens.set(name, await tokenForRole(ctx.app, spec));
  const client = await createApiClient(db, {
    roles: [{ role: 'municipality', territorialUnitId: municipality }],
  });
  tokens.set('client', await clientToken(ctx.app, client));
  tokens.set('anonymous', null);
  targetUserId = (await createUser(db, { roles: [{ role: 'analyst' }] })).id;
  targetClientId = (await createApiClient(db, { roles: [{ role: 'analyst' }] })).id;
});
afterAll(() => ctx.close());

interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: () => string;
  payload?: () => object;
  ifMatch?: boolean;
  /** What a region administrator gets. */
  adminStatus: number;
}

let n = 0;
const endpoints: Endpoint[] = [
  { method: 'GET', url: () => '/api/users', adminStatus: 200 },
  {
    method: 'POST',
    url: () => '/api/users',
    payload: () => ({
      email: `matrix-${++n}@example.test`,
      name: 'Matrix',
      password: 'a-long-password-1',
      roles: [],
    }),
    adminStatus: 201,
  },
  { method: 'GET', url: () => `/api/users/${targetUserId}`, adminStatus: 200 },
  {
    method: 'PATCH',
    url: () => `/api/users/${targetUserId}`,
    payload: () => ({ name: 'Přejmenovaný' }),
    ifMatch: true,
    adminStatus: 200,
  },
  {
    method: 'DELETE',
    url: () => `/api/users/${targetUserId}`,
    ifMatch: true,
    adminStatus: 204,
  },
  { method: 'GET', url: () => '/api/api-clients', adminStatus: 200 },
  {
    method: 'POST',
    url: () => '/api/api-clients',
    payload: () => ({ name: 'Matrix', roles: [{ role: 'analyst' }] }),
    adminStatus: 201,
  },
  { method: 'GET', url: () => `/api/api-clients/${targetClientId}`, adminStatus: 200 },
  {
    method: 'PATCH',
    url: () => `/api/api-clients/${targetClientId}`,
    payload: () => ({ name: 'Přejmenovaný' }),
    ifMatch: true,
    adminStatus: 200,
  },
  { method: 'POST', url: () => `/api/api-clients/${targetClientId}/secret`, adminStatus: 200 },
  {
    method: 'DELETE',
    url: () => `/api/api-clients/${targetClientId}`,
    ifMatch: true,
    adminStatus: 204,
  },
];
const label = (e: Endpoint) => `${e.method} ${e.url().replace(/[0-9a-f-]{36}/, ':id')}`;

async function send(e: Endpoint, token: string | null, version = 1) {
  return ctx.app.inject({
    method: e.method,
    url: e.url(),
    ...(e.payload ? { payload: e.payload() } : {}),
    headers: {
      ...(token ? authHeader(token) : {}),
      ...(e.ifMatch ? { 'if-match': `"${version}"` } : {}),
    },
  });
}

async function versions() {
  const admin = authHeader(tokens.get('region_admin')!);
  const user = await ctx.app.inject({ url: `/api/users/${targetUserId}`, headers: admin });
  const client = await ctx.app.inject({
    url: `/api/api-clients/${targetClientId}`,
    headers: admin,
  });
  return {
    user: user.json(),
    client: client.json(),
    users: (await ctx.app.inject({ url: '/api/users', headers: admin })).json().total,
  };
}

describe.each(['region_staff', 'analyst', 'coordinator', 'municipality', 'provider', 'client'])(
  'as %s',
  (who) => {
    it.each(endpoints.map((e) => [label(e), e] as const))(
      '%s → 403, nothing changes',
      async (_l, e) => {
        const before = await versions();
        const res = await send(e, tokens.get(who)!);
        expect(res.statusCode).toBe(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ status: 403, code: 'forbidden' });
        expect(await versions()).toEqual(before);
      },
    );
  },
);

describe('anonymously', () => {
  it.each(endpoints.map((e) => [label(e), e] as const))('%s → 401', async (_l, e) => {
    const res = await send(e, null);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthorized' });
  });
});

describe('as region_admin', () => {
  // In order: the reads and writes succeed; DELETE comes after PATCH (version 2).
  it.each(endpoints.map((e) => [label(e), e] as const))('%s → 2xx', async (_l, e) => {
    const version = e.method === 'DELETE' ? 2 : 1;
    const res = await send(e, tokens.get('region_admin')!, version);
    expect(res.statusCode).toBe(e.adminStatus);
  });

  it('a non-admin is refused before the body is looked at (403, not 400)', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      payload: { nonsense: true },
      headers: authHeader(tokens.get('analyst')!),
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents the auth and admin endpoints with their problem responses', async () => {
    const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/users'].post.responses).toHaveProperty('201');
    expect(doc.paths['/api/users'].post.responses).toHaveProperty('4XX');
    expect(doc.paths['/api/users/{id}'].patch.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'if-match' })]),
    );
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/api-clients/{id}/secret'].post.responses).toHaveProperty('200');
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Principal', 'RoleAssignment', 'User', 'ApiClient']),
    );
    const list = doc.paths['/api/users'].get.responses['200'].content['application/json'].schema;
    expect(list.properties.items.items).toEqual({ $ref: '#/components/schemas/User' });
  });
});
