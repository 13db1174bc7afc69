import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role, TerritorialUnit } from '@socplan/contracts';
import { auditLog, roleAssignments, users } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import type { DemoTerritory } from './territory.demo.ts';
import { auth, seedTerritory } from './territory.test-support.ts';

let ctx: TestContext;
let demo: DemoTerritory;
let admin: { authorization: string };

beforeAll(async () => {
  ctx = await createTestApp();
  demo = await seedTerritory(ctx);
  admin = auth(ctx, 'region_admin');
});
afterAll(() => ctx.close());

const URL = '/api/territorial-units';
type Headers = Record<string, string>;

const post = (payload: object, headers: Headers = admin) =>
  ctx.app.inject({ method: 'POST', url: URL, headers, payload });
const patch = (id: string, payload: object, headers: Headers) =>
  ctx.app.inject({ method: 'PATCH', url: `${URL}/${id}`, headers, payload });
const del = (id: string, headers: Headers) =>
  ctx.app.inject({ method: 'DELETE', url: `${URL}/${id}`, headers });
const read = async (id: string) => {
  const res = await ctx.app.inject({ method: 'GET', url: `${URL}/${id}`, headers: admin });
  return { unit: res.json() as TerritorialUnit, etag: res.headers.etag as string };
};
const auditOf = (entityId: string) =>
  ctx.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'territorial_unit'), eq(auditLog.entityId, entityId)))
    .orderBy(auditLog.id);

const orp = (code: string) => demo.orpIdsByCode.get(code)!;
const town = (code: string) => demo.municipalityIdsByCode.get(code)!;

describe('POST /api/territorial-units', () => {
  it('creates a municipality: 201, Location, ETag, audit row', async () => {
    const res = await post({
      kind: 'municipality',
      code: '564427',
      name: 'Hrádek nad Nisou',
      parentId: orp('5105'),
      population: 7512,
      populationDate: '2024-01-01',
      point: { lat: 50.853, lon: 14.845 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const unit = res.json() as TerritorialUnit;
    expect(res.headers.location).toBe(`${URL}/${unit.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(unit).toMatchObject({
      kind: 'municipality',
      code: '564427',
      ruianCode: null,
      parentId: orp('5105'),
      population: 7512,
      point: { lat: 50.853, lon: 14.845 },
      hasGeometry: false,
      version: 1,
    });
    expect(unit).not.toHaveProperty('memberIds');
    const [row] = await auditOf(unit.id);
    expect(row).toMatchObject({
      action: 'create',
      principalName: expect.stringMatching(/^region_admin/),
      before: null,
      after: expect.objectContaining({ code: '564427', name: 'Hrádek nad Nisou', geometry: null }),
    });
  });

  it('creates a planning area with members, and derives its point from a boundary', async () => {
    const res = await post({
      kind: 'planning_area',
      code: 'MAS-1',
      name: 'Místní akční skupina',
      parentId: demo.regionId,
      memberIds: [town('563889'), town('563510'), town('563889')],
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [15, 50],
            [15.2, 50],
            [15.2, 50.2],
            [15, 50.2],
            [15, 50],
          ],
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const unit = res.json() as TerritorialUnit;
    expect(unit.hasGeometry).toBe(true);
    expect(unit.point).toEqual({ lat: 50.1, lon: 15.1 });
    expect([...unit.memberIds!].sort()).toEqual([town('563510'), town('563889')].sort());
  });

  it.each([
    [
      'an unknown field',
      { kind: 'orp', code: 'X1', name: 'X', parentId: 'r', colour: 'red' },
      '/colour',
    ],
    ['a wrong type', { kind: 'orp', code: 'X1', name: 'X', population: 'many' }, '/population'],
    ['a missing name', { kind: 'orp', code: 'X1' }, '/name'],
    ['an unknown kind', { kind: 'county', code: 'X1', name: 'X' }, '/kind'],
    [
      'a malformed date',
      { kind: 'orp', code: 'X1', name: 'X', populationDate: '31.12.2021' },
      '/populationDate',
    ],
  ])('refuses %s with a problem naming the field', async (_what, payload, pointer) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it.each([
    [
      'an ORP under a municipality',
      { kind: 'orp', parentId: () => town('563889') },
      '/parentId',
      /must be a region/,
    ],
    [
      'a municipality under the region',
      { kind: 'municipality', parentId: () => demo.regionId },
      '/parentId',
      /must be an ORP/,
    ],
    ['a municipality without parent', { kind: 'municipality' }, '/parentId', /is required/],
    [
      'a region with a parent',
      { kind: 'region', parentId: () => demo.regionId },
      '/parentId',
      /no parent/,
    ],
    [
      'an unknown parent',
      { kind: 'orp', parentId: () => '00000000-0000-4000-8000-00000000abcd' },
      '/parentId',
      /no such/,
    ],
    [
      'members of an ORP',
      { kind: 'orp', parentId: () => demo.regionId, memberIds: () => [town('563889')] },
      '/memberIds',
      /only a planning area/,
    ],
    [
      'an ORP as a member',
      { kind: 'planning_area', parentId: () => demo.regionId, memberIds: () => [orp('5105')] },
      '/memberIds/0',
      /must be a municipality/,
    ],
    [
      'an open polygon',
      {
        kind: 'planning_area',
        parentId: () => demo.regionId,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [15, 50],
              [16, 50],
            ],
          ],
        },
      },
      '/geometry',
      /at least 4/,
    ],
  ])('refuses %s (400 naming the field)', async (_what, spec, pointer, detail) => {
    const payload: Record<string, unknown> = { code: 'NEW-1', name: 'Nová jednotka' };
    for (const [k, v] of Object.entries(spec)) payload[k] = typeof v === 'function' ? v() : v;
    const res = await post(payload);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().errors.find((e: { pointer: string }) => e.pointer === pointer);
    expect(error, res.body).toBeDefined();
    expect(error.detail).toMatch(detail);
  });

  it('refuses a duplicate (kind, code) with 409 naming /code', async () => {
    const res = await post({
      kind: 'orp',
      code: '5105',
      name: 'Liberec 2',
      parentId: demo.regionId,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict', errors: [{ pointer: '/code' }] });
    // the same code in another kind is fine
    const ok = await post({
      kind: 'planning_area',
      code: '5105',
      name: 'Svazek Liberecko',
      parentId: orp('5105'),
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it.each<[Role, () => string | null]>([
    ['region_staff', () => null],
    ['analyst', () => null],
    ['coordinator', () => orp('5105')],
    ['municipality', () => town('563889')],
  ])('forbids %s to create (403)', async (role, unit) => {
    const res = await post(
      { kind: 'municipality', code: '999999', name: 'X', parentId: orp('5105') },
      auth(ctx, role, unit()),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });

  it('answers 401 to anonymous writes', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: URL, payload: { kind: 'orp' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('PATCH /api/territorial-units/:id', () => {
  it('updates with the current ETag, bumps the version and audits before/after', async () => {
    const id = orp('5110');
    const { etag } = await read(id);
    const res = await patch(
      id,
      { population: 12289, populationDate: '2025-01-01' },
      {
        ...admin,
        'if-match': etag,
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({
      population: 12289,
      populationDate: '2025-01-01',
      version: 2,
    });
    const rows = await auditOf(id);
    expect(rows.at(-1)).toMatchObject({
      action: 'update',
      before: expect.objectContaining({ population: 12008, version: 1 }),
      after: expect.objectContaining({ population: 12289, version: 2 }),
    });
  });

  it('answers 428 without If-Match and 412 with a stale one, changing nothing', async () => {
    const id = orp('5109');
    const missing = await patch(id, { name: 'Turnov!' }, admin);
    expect(missing.statusCode).toBe(428);
    expect(missing.json().code).toBe('precondition-required');
    const stale = await patch(id, { name: 'Turnov!' }, { ...admin, 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('precondition-failed');
    const garbage = await patch(id, { name: 'Turnov!' }, { ...admin, 'if-match': 'yesterday' });
    expect(garbage.statusCode).toBe(412);
    expect((await read(id)).unit).toMatchObject({ name: 'Turnov', version: 1 });
  });

  it('lets only one of two writers with the same ETag win', async () => {
    const id = orp('5107');
    const { etag } = await read(id);
    const [a, b] = await Promise.all([
      patch(id, { population: 1 }, { ...admin, 'if-match': etag }),
      patch(id, { population: 2 }, { ...admin, 'if-match': etag }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
  });

  it('replaces the members of a planning area', async () => {
    const id = demo.planningAreaIdsByCode.get('DEMO-NOVOBORSKO')!;
    const { etag } = await read(id);
    const members = [town('561860'), town('561380')];
    const res = await patch(id, { memberIds: members }, { ...admin, 'if-match': etag });
    expect(res.statusCode, res.body).toBe(200);
    expect([...res.json().memberIds].sort()).toEqual([...members].sort());
    const last = (await auditOf(id)).at(-1)!;
    expect((last.before as { memberIds: string[] }).memberIds).toEqual([town('561860')]);
  });

  it('validates the new parent and a code change', async () => {
    const id = town('577626'); // Turnov town
    const { etag } = await read(id);
    const badParent = await patch(id, { parentId: demo.regionId }, { ...admin, 'if-match': etag });
    expect(badParent.statusCode).toBe(400);
    expect(badParent.json().errors[0].pointer).toBe('/parentId');
    const taken = await patch(id, { code: '563889' }, { ...admin, 'if-match': etag });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].pointer).toBe('/code');
    const moved = await patch(id, { parentId: orp('5103') }, { ...admin, 'if-match': etag });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().parentId).toBe(orp('5103'));
  });

  it('refuses an empty body and unknown fields', async () => {
    const id = orp('5104');
    const empty = await patch(id, {}, { ...admin, 'if-match': '"1"' });
    expect(empty.statusCode).toBe(400);
    const kind = await patch(id, { kind: 'region' }, { ...admin, 'if-match': '"1"' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().errors[0].pointer).toBe('/kind');
  });

  it('answers 403 to non-admins on visible units and 404 on invisible ones', async () => {
    const coordinator = auth(ctx, 'coordinator', orp('5105'));
    const staff = auth(ctx, 'region_staff');
    const visible = await patch(orp('5105'), { name: 'X' }, { ...coordinator, 'if-match': '"1"' });
    expect(visible.statusCode).toBe(403);
    const region = await patch(demo.regionId, { name: 'X' }, { ...coordinator, 'if-match': '"1"' });
    expect(region.statusCode).toBe(403);
    const invisible = await patch(
      orp('5101'),
      { name: 'X' },
      { ...coordinator, 'if-match': '"1"' },
    );
    expect(invisible.statusCode).toBe(404);
    // authorization comes before the precondition: no If-Match still gets 403/404
    expect((await patch(orp('5105'), { name: 'X' }, coordinator)).statusCode).toBe(403);
    expect((await patch(orp('5101'), { name: 'X' }, coordinator)).statusCode).toBe(404);
    expect(
      (await patch(orp('5101'), { name: 'X' }, { ...staff, 'if-match': '"1"' })).statusCode,
    ).toBe(403);
    const municipal = auth(ctx, 'municipality', town('563889'));
    expect(
      (await patch(town('563889'), { name: 'X' }, { ...municipal, 'if-match': '"1"' })).statusCode,
    ).toBe(403);
    expect(
      (await patch(town('563510'), { name: 'X' }, { ...municipal, 'if-match': '"1"' })).statusCode,
    ).toBe(404);
    expect((await read(orp('5105'))).unit.name).toBe('Liberec');
  });
});

describe('DELETE /api/territorial-units/:id', () => {
  const create = async (payload: object) => {
    const res = await post(payload);
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id as string, etag: res.headers.etag as string };
  };

  it('deletes a leaf with the current ETag and audits it', async () => {
    const { id, etag } = await create({
      kind: 'municipality',
      code: '111111',
      name: 'Pomíjivá',
      parentId: orp('5108'),
    });
    expect((await del(id, admin)).statusCode).toBe(428);
    expect((await del(id, { ...admin, 'if-match': '"9"' })).statusCode).toBe(412);
    const res = await del(id, { ...admin, 'if-match': etag });
    expect(res.statusCode).toBe(204);
    expect(
      (await ctx.app.inject({ method: 'GET', url: `${URL}/${id}`, headers: admin })).statusCode,
    ).toBe(404);
    const rows = await auditOf(id);
    expect(rows.map((r) => r.action)).toEqual(['create', 'delete']);
    expect(rows[1]!.before).toMatchObject({ code: '111111', name: 'Pomíjivá' });
  });

  it('refuses with 409 a unit that has children, belongs to a planning area or is referenced', async () => {
    const withChildren = await read(orp('5108'));
    const res = await del(orp('5108'), { ...admin, 'if-match': withChildren.etag });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/lie in it/);
    const member = await read(town('563820'));
    const memberRes = await del(town('563820'), { ...admin, 'if-match': member.etag });
    expect(memberRes.statusCode).toBe(409);
    expect(memberRes.json().detail).toMatch(/member of 1 planning area/);

    const { id, etag } = await create({
      kind: 'municipality',
      code: '222222',
      name: 'Přidělená',
      parentId: orp('5108'),
    });
    const [user] = await ctx.app.db
      .insert(users)
      .values({ email: 'starosta@example.test', name: 'Starosta', passwordHash: 'x' })
      .returning();
    await ctx.app.db
      .insert(roleAssignments)
      .values({ userId: user!.id, role: 'municipality', territorialUnitId: id });
    const referenced = await del(id, { ...admin, 'if-match': etag });
    expect(referenced.statusCode).toBe(409);
    expect(referenced.json().detail).toMatch(/role assignment/);
  });

  it('deletes a planning area with its memberships', async () => {
    const { id, etag } = await create({
      kind: 'planning_area',
      code: 'TMP-AREA',
      name: 'Dočasná oblast',
      parentId: orp('5108'),
      memberIds: [town('563820')],
    });
    expect((await del(id, { ...admin, 'if-match': etag })).statusCode).toBe(204);
  });

  it('answers 403 to non-admins on visible units and 404 on invisible ones', async () => {
    const coordinator = auth(ctx, 'coordinator', orp('5105'));
    expect((await del(town('563889'), { ...coordinator, 'if-match': '"1"' })).statusCode).toBe(403);
    expect((await del(town('561380'), { ...coordinator, 'if-match': '"1"' })).statusCode).toBe(404);
    expect((await del(town('561380'), {})).statusCode).toBe(401);
  });
});
