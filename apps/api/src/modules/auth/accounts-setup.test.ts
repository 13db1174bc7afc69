import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../../db/schema/index.ts';
import { InvalidError } from '../../lib/errors.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { authHeader, createUnit, createUser, loginAs } from '../../test/fixtures.ts';
import { DEMO_PASSWORD, seedDemoUsers } from './auth.demo.ts';
import { createAdmin } from './users.service.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('createAdmin (CLI create-admin)', () => {
  it('creates an active region administrator who can log in and administer', async () => {
    const { user, created } = await createAdmin(ctx.app.db, {
      email: 'Spravce@Kraj.test',
      name: 'Správce kraje',
      password: 'first-admin-password',
    });
    expect(created).toBe(true);
    expect(user).toMatchObject({
      email: 'spravce@kraj.test',
      active: true,
      roles: [{ role: 'region_admin', territorialUnitId: null, providerId: null }],
    });
    const token = await loginAs(ctx.app, 'spravce@kraj.test', 'first-admin-password');
    const list = await ctx.app.inject({ url: '/api/users', headers: authHeader(token) });
    expect(list.statusCode).toBe(200);
    const [audit] = await ctx.app.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audit).toMatchObject({ action: 'create', principalId: null });
    expect(JSON.stringify(audit)).not.toMatch(/argon2|passwordHash/);
  });

  it('promotes and reactivates an existing account, keeping its other roles', async () => {
    const existing = await createUser(ctx.app.db, {
      email: 'metodicka@kraj.test',
      roles: [{ role: 'region_staff' }],
      active: false,
    });
    const { user, created } = await createAdmin(ctx.app.db, {
      email: 'METODICKA@kraj.test',
      name: 'Metodička a správkyně',
      password: 'a-new-admin-password',
    });
    expect(created).toBe(false);
    expect(user.id).toBe(existing.id);
    expect(user).toMatchObject({ active: true, name: 'Metodička a správkyně', version: 2 });
    expect(user.roles.map((r) => r.role).sort()).toEqual(['region_admin', 'region_staff']);
    expect(await loginAs(ctx.app, existing.email, 'a-new-admin-password')).toEqual(
      expect.any(String),
    );

    // Running it again does not duplicate the role.
    const again = await createAdmin(ctx.app.db, {
      email: existing.email,
      name: 'Metodička a správkyně',
      password: 'a-new-admin-password',
    });
    expect(again.user.roles.filter((r) => r.role === 'region_admin')).toHaveLength(1);
  });

  it('refuses a bad email, an empty name and a short password, naming each', async () => {
    const error = await createAdmin(ctx.app.db, {
      email: 'nope',
      name: ' ',
      password: 'short',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).errors?.map((e) => e.pointer)).toEqual([
      '/email',
      '/name',
      '/password',
    ]);
    expect(await ctx.app.db.select().from(users).where(eq(users.email, 'nope'))).toHaveLength(0);
  });
});

describe('seedDemoUsers', () => {
  it('creates the four demo accounts with their roles; all log in with socplan-demo', async () => {
    const own = await createTestApp();
    try {
      const regionId = await createUnit(own.app.db, { kind: 'region', code: '3077' });
      const liberec = await createUnit(own.app.db, {
        kind: 'orp',
        code: '5105',
        name: 'Liberec',
        parentId: regionId,
      });
      await seedDemoUsers(own.app.db, {
        regionId,
        orpIdsByCode: new Map([['5105', liberec]]),
        municipalityIdsByCode: new Map(),
        planningAreaIdsByCode: new Map(),
      });

      const expected = {
        'kraj@example.org': [{ role: 'region_admin', territorialUnitId: null }],
        'metodik@example.org': [{ role: 'region_staff', territorialUnitId: null }],
        'liberec@example.org': [
          { role: 'coordinator', territorialUnitId: liberec, territorialUnitName: 'Liberec' },
        ],
        'analytik@example.org': [{ role: 'analyst', territorialUnitId: null }],
      };
      for (const [email, roles] of Object.entries(expected)) {
        const res = await own.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password: DEMO_PASSWORD },
        });
        expect(res.statusCode).toBe(200);
        expect(res.json().user.roles).toMatchObject(roles);
        expect(res.json().user.name).toMatch(/[áéíóúůýčďěňřšťž]/);
      }
    } finally {
      await own.close();
    }
  });

  it('fails clearly when the territory has no ORP Liberec', async () => {
    await expect(
      seedDemoUsers(ctx.app.db, {
        regionId: 'x',
        orpIdsByCode: new Map(),
        municipalityIdsByCode: new Map(),
        planningAreaIdsByCode: new Map(),
      }),
    ).rejects.toThrow(/5105/);
  });
});
