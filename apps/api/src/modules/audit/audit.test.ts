import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { authHeader, createUnit, tokenForRole, type RoleSpec } from '../../test/fixtures.ts';

let ctx: TestContext;
let admin: string;
let orpId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await tokenForRole(ctx.app, { role: 'region_admin' });
  const regionId = await createUnit(ctx.app.db, { kind: 'region', code: 'CZ051' });
  orpId = await createUnit(ctx.app.db, { kind: 'orp', code: '5105', parentId: regionId });
});
afterAll(() => ctx.close());

const audit = (token: string | null, query = '') =>
  ctx.app.inject({ url: `/api/audit${query}`, headers: token ? authHeader(token) : {} });

describe('GET /api/audit', () => {
  it('shows region administrators who changed what, with before and after', async () => {
    const get = await ctx.app.inject({
      url: `/api/territorial-units/${orpId}`,
      headers: authHeader(admin),
    });
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/territorial-units/${orpId}`,
      headers: { ...authHeader(admin), 'if-match': get.headers.etag as string },
      payload: { name: 'Liberec (upraveno)' },
    });
    expect(patched.statusCode).toBe(200);

    const res = await audit(admin, `?entityType=territorial_unit&entityId=${orpId}`);
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      action: 'update',
      entityType: 'territorial_unit',
      entityId: orpId,
      principalKind: 'user',
      before: { name: 'orp 5105' },
      after: { name: 'Liberec (upraveno)' },
    });
  });

  it('filters by time and pages newest first', async () => {
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await audit(admin, `?from=${encodeURIComponent(future)}`)).json().total).toBe(0);
    const all = (await audit(admin, '?limit=1')).json();
    expect(all.items).toHaveLength(1);
    expect(all.total).toBeGreaterThanOrEqual(2); // logins and the update
    const [first, second] = (await audit(admin, '?limit=2')).json().items;
    expect(new Date(first.at).getTime()).toBeGreaterThanOrEqual(new Date(second.at).getTime());
  });

  it.each<[string, RoleSpec]>([
    ['region_staff', { role: 'region_staff' }],
    ['analyst', { role: 'analyst' }],
    ['coordinator', { role: 'coordinator' }],
  ])('is forbidden to %s', async (_name, spec) => {
    const token = await tokenForRole(
      ctx.app,
      spec.role === 'coordinator' ? { ...spec, territorialUnitId: orpId } : spec,
    );
    const res = await audit(token);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('needs a login', async () => {
    expect((await audit(null)).statusCode).toBe(401);
  });

  it('names a bad filter', async () => {
    const res = await audit(admin, '?from=yesterday');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ in: 'query', pointer: '/from' });
  });
});
