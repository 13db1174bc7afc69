import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanList, Problem } from '@socplan/contracts';
import { auditLog, planNodes, plans } from '../../db/schema/index.ts';
import { createUser } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';

/**
 * Plan records: create with the rules of kind, territory and parent; the list's filters; the
 * header's edits and deletion. The world: the regional plan 2024–2026, the community plan of ORP
 * Liberec following it (with an action plan 2025 of the town of Liberec), and the community plan
 * of ORP Česká Lípa 2021–2023, in force.
 */
let ctx: TestContext;
let t: DemoTerritory;
let staff: Headers;
const ids = { regional: '', liberec: '', action: '', lipa: '' };

type Headers = Record<string, string>;
const URL = '/api/plans';

const orp = (code: string) => t.orpIdsByCode.get(code)!;
const town = (code: string) => t.municipalityIdsByCode.get(code)!;

const post = (headers: Headers, payload: object) =>
  ctx.app.inject({ method: 'POST', url: URL, headers, payload });
const get = (headers: Headers, id: string) =>
  ctx.app.inject({ method: 'GET', url: `${URL}/${id}`, headers });
const patch = (headers: Headers, id: string, payload: object, version?: number) =>
  ctx.app.inject({
    method: 'PATCH',
    url: `${URL}/${id}`,
    headers: version === undefined ? headers : { ...headers, 'if-match': `"${version}"` },
    payload,
  });
const remove = (headers: Headers, id: string, version?: number) =>
  ctx.app.inject({
    method: 'DELETE',
    url: `${URL}/${id}`,
    headers: version === undefined ? headers : { ...headers, 'if-match': `"${version}"` },
  });
const list = async (headers: Headers, query = '') => {
  const res = await ctx.app.inject({ method: 'GET', url: `${URL}${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PlanList>();
};
const titles = (l: PlanList) => l.items.map((p) => p.title);
const pointers = (body: string) => (JSON.parse(body) as Problem).errors?.map((e) => e.pointer);

async function created(headers: Headers, payload: object): Promise<Plan> {
  const res = await post(headers, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Plan>();
}

const current = async (id: string) => (await get(staff, id)).json<Plan>();

beforeAll(async () => {
  ctx = await createTestApp();
  t = await seedTerritory(ctx);
  staff = auth(ctx, 'region_staff');
  ids.regional = (
    await created(staff, {
      kind: 'regional',
      title: 'Střednědobý plán rozvoje sociálních služeb Libereckého kraje',
      territoryId: t.regionId,
      yearFrom: 2024,
      yearTo: 2026,
    })
  ).id;
  ids.liberec = (
    await created(staff, {
      kind: 'community',
      title: 'Komunitní plán ORP Liberec',
      territoryId: orp('5105'),
      yearFrom: 2024,
      yearTo: 2026,
      parentPlanId: ids.regional,
    })
  ).id;
  ids.action = (
    await created(staff, {
      kind: 'action',
      title: 'Akční plán města Liberec 2025',
      territoryId: town('563889'),
      yearFrom: 2025,
      yearTo: 2025,
      parentPlanId: ids.liberec,
    })
  ).id;
  ids.lipa = (
    await created(staff, {
      kind: 'community',
      title: 'Komunitní plán Česká Lípa',
      territoryId: orp('5101'),
      yearFrom: 2021,
      yearTo: 2023,
    })
  ).id;
  // Approved and in force, as the status workflow would leave it (tested in plan-versions).
  await ctx.app.db
    .update(plans)
    .set({ status: 'in_force', approvedVersion: 1 })
    .where(eq(plans.id, ids.lipa));
});
afterAll(() => ctx.close());

describe('creating a plan', () => {
  it('answers 201 with Location, ETag and the plan with its territory and parent', async () => {
    const res = await post(staff, {
      kind: 'community',
      title: '  Komunitní plán Frýdlantska ',
      territoryId: orp('5102'),
      yearFrom: 2025,
      yearTo: 2027,
      parentPlanId: ids.regional,
      coordinator: { name: 'Jana Nováková', email: 'novakova@example.test', phone: '+420 123' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json<Plan>();
    expect(res.headers.location).toBe(`/api/plans/${plan.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(plan).toMatchObject({
      kind: 'community',
      title: 'Komunitní plán Frýdlantska',
      territory: { id: orp('5102'), kind: 'orp', name: 'Frýdlant', code: '5102' },
      parentPlan: { id: ids.regional, kind: 'regional' },
      status: 'draft',
      workingVersion: 1,
      approvedVersion: null,
      amendmentOpen: false,
      editable: true,
      canWrite: true,
      coordinator: { userId: null, name: 'Jana Nováková', email: 'novakova@example.test' },
    });
    const [audit] = await ctx.app.db.select().from(auditLog).where(eq(auditLog.entityId, plan.id));
    expect(audit).toMatchObject({ action: 'create', entityType: 'plan' });
  });

  it('names a coordinator by user account, taking the name and e-mail from it', async () => {
    const user = await createUser(ctx.app.db, {
      name: 'Petr Svoboda',
      email: 'svoboda@example.test',
    });
    const plan = await created(staff, {
      kind: 'community',
      title: 'Komunitní plán Jilemnicka',
      territoryId: orp('5104'),
      yearFrom: 2024,
      yearTo: 2026,
      coordinator: { userId: user.id, phone: '777' },
    });
    expect(plan.coordinator).toEqual({
      userId: user.id,
      name: 'Petr Svoboda',
      email: 'svoboda@example.test',
      phone: '777',
    });
    const unknown = await post(staff, {
      kind: 'community',
      title: 'X',
      territoryId: orp('5104'),
      yearFrom: 2024,
      yearTo: 2026,
      coordinator: { userId: '00000000-0000-4000-8000-999999999999' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(pointers(unknown.body)).toEqual(['/coordinator/userId']);
  });

  it.each([
    ['a regional plan on an ORP', { kind: 'regional', territory: 'orp' }, '/territoryId'],
    ['a community plan on the region', { kind: 'community', territory: 'region' }, '/territoryId'],
    ['an action plan without its parent', { kind: 'action', parent: null }, '/parentPlanId'],
    ['years in the wrong order', { yearFrom: 2026, yearTo: 2024 }, '/yearTo'],
    [
      'an action plan beyond its parent’s period',
      { kind: 'action', parent: 'liberec', yearFrom: 2026, yearTo: 2027 },
      '/yearTo',
    ],
    [
      'an action plan outside its parent’s territory',
      { kind: 'action', parent: 'lipa', territory: 'liberec-town', yearFrom: 2022, yearTo: 2022 },
      '/parentPlanId',
    ],
    [
      'a community plan following a community plan',
      { kind: 'community', parent: 'lipa' },
      '/parentPlanId',
    ],
    [
      'a regional plan with a parent',
      { kind: 'regional', territory: 'region', parent: 'regional' },
      '/parentPlanId',
    ],
    ['a unit that does not exist', { territory: 'none' }, '/territoryId'],
  ] as const)('refuses %s (400 naming the field)', async (_name, spec, pointer) => {
    const s = spec as {
      kind?: string;
      territory?: string;
      parent?: keyof typeof ids | null;
      yearFrom?: number;
      yearTo?: number;
    };
    const territory = {
      orp: orp('5105'),
      region: t.regionId,
      'liberec-town': town('563889'),
      none: '00000000-0000-4000-8000-999999999999',
    }[s.territory ?? 'orp'];
    const res = await post(staff, {
      kind: s.kind ?? 'community',
      title: 'Plán',
      territoryId: territory,
      yearFrom: s.yearFrom ?? 2024,
      yearTo: s.yearTo ?? 2026,
      ...(s.parent !== undefined ? { parentPlanId: s.parent && ids[s.parent] } : {}),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(pointers(res.body)).toContain(pointer);
  });

  it('lets a coordinator create plans in its territory only (403 elsewhere)', async () => {
    const coordinator = auth(ctx, 'coordinator', orp('5105'));
    const payload = { kind: 'community', title: 'KP', yearFrom: 2024, yearTo: 2026 };
    const own = await post(coordinator, { ...payload, territoryId: town('563889') });
    expect(own.statusCode, own.body).toBe(201);
    expect((await post(coordinator, { ...payload, territoryId: orp('5101') })).statusCode).toBe(
      403,
    );
    const regional = { ...payload, kind: 'regional', territoryId: t.regionId };
    expect((await post(coordinator, regional)).statusCode).toBe(403);
    // An action plan of a plan it cannot read: the parent is named as wrong, not revealed.
    const foreignParent = await post(coordinator, {
      ...payload,
      kind: 'action',
      territoryId: orp('5105'),
      yearFrom: 2022,
      yearTo: 2022,
      parentPlanId: ids.lipa,
    });
    expect(foreignParent.statusCode).toBe(400);
    expect(pointers(foreignParent.body)).toEqual(['/parentPlanId']);
    await ctx.app.db.delete(plans).where(eq(plans.id, own.json<Plan>().id));
  });

  it.each([
    ['municipality', 403],
    ['analyst', 403],
    ['provider', 403],
  ] as const)('refuses a %s (%i)', async (role, status) => {
    const unit = role === 'municipality' ? town('563889') : null;
    const res = await post(auth(ctx, role, unit), {
      kind: 'community',
      title: 'KP',
      territoryId: town('563889'),
      yearFrom: 2024,
      yearTo: 2026,
    });
    expect(res.statusCode).toBe(status);
  });

  it('refuses anonymous callers (401)', async () => {
    expect((await post({}, { kind: 'community' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
  });
});

describe('the list', () => {
  it('filters by territory, including everything inside it', async () => {
    expect(titles(await list(staff, `?territoryId=${orp('5105')}`))).toEqual([
      'Akční plán města Liberec 2025',
      'Komunitní plán ORP Liberec',
    ]);
    expect((await list(staff, `?territoryId=${t.regionId}`)).total).toBeGreaterThanOrEqual(4);
    expect(titles(await list(staff, `?territoryId=${town('561380')}`))).toEqual([]);
  });

  it('filters by kind and status (repeatable) and by parent plan', async () => {
    const l = await list(staff, '?kind=action&kind=regional');
    expect(titles(l)).toEqual([
      'Akční plán města Liberec 2025',
      'Střednědobý plán rozvoje sociálních služeb Libereckého kraje',
    ]);
    expect(titles(await list(staff, '?status=in_force'))).toEqual(['Komunitní plán Česká Lípa']);
    expect(titles(await list(staff, `?parentPlanId=${ids.regional}`))).toContain(
      'Komunitní plán ORP Liberec',
    );
  });

  it('finds plans in force in a year: approved, and the year within their period', async () => {
    expect(titles(await list(staff, '?year=2022'))).toEqual(['Komunitní plán Česká Lípa']);
    expect(titles(await list(staff, '?year=2024'))).toEqual([]); // the rest are drafts
    expect(titles(await list(staff, '?year=2020'))).toEqual([]);
  });

  it('searches titles ignoring case and diacritics', async () => {
    expect(titles(await list(staff, '?q=ceska%20lipa'))).toEqual(['Komunitní plán Česká Lípa']);
    expect(titles(await list(staff, `?q=${encodeURIComponent('ČESKÁ')}`))).toEqual([
      'Komunitní plán Česká Lípa',
    ]);
    expect(titles(await list(staff, '?q=akcni'))).toEqual(['Akční plán města Liberec 2025']);
  });

  it('sorts titles in Czech order, and by years; pages with a total', async () => {
    const byTitle = titles(
      await list(staff, `?territoryId=${t.regionId}&kind=community&kind=regional`),
    );
    expect(byTitle.indexOf('Komunitní plán Česká Lípa')).toBeLessThan(
      byTitle.indexOf('Komunitní plán ORP Liberec'),
    );
    expect(byTitle.at(-1)).toBe('Střednědobý plán rozvoje sociálních služeb Libereckého kraje');
    const newest = await list(staff, '?sort=-yearFrom&limit=1');
    expect(newest.items).toHaveLength(1);
    expect(newest.items[0]!.yearFrom).toBe(2025);
    expect(newest.total).toBeGreaterThan(1);
    expect(
      (await ctx.app.inject({ method: 'GET', url: `${URL}?sort=foo`, headers: staff })).statusCode,
    ).toBe(400);
  });
});

describe('who reads and writes which plan', () => {
  it('shows a municipality the plans covering it, and none of others (404)', async () => {
    const liberec = auth(ctx, 'municipality', town('563889'));
    expect(titles(await list(liberec))).toEqual([
      'Akční plán města Liberec 2025',
      'Komunitní plán ORP Liberec',
      'Střednědobý plán rozvoje sociálních služeb Libereckého kraje',
    ]);
    expect((await list(liberec)).items.every((p) => !p.canWrite)).toBe(true);
    expect((await get(liberec, ids.lipa)).statusCode).toBe(404);
  });

  it('tells a coordinator which plans it may write', async () => {
    const coordinator = auth(ctx, 'coordinator', orp('5105'));
    const l = await list(coordinator);
    const canWrite = Object.fromEntries(l.items.map((p) => [p.title, p.canWrite]));
    expect(canWrite).toEqual({
      'Akční plán města Liberec 2025': true,
      'Komunitní plán ORP Liberec': true,
      'Střednědobý plán rozvoje sociálních služeb Libereckého kraje': false,
    });
    const one = await get(coordinator, ids.liberec);
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe(`"${one.json<Plan>().version}"`);
  });

  it('shows analysts every plan, writable by none; providers none (403)', async () => {
    const l = await list(auth(ctx, 'analyst'));
    expect(l.total).toBeGreaterThanOrEqual(4);
    expect(l.items.some((p) => p.canWrite)).toBe(false);
    const provider = await ctx.app.inject({
      method: 'GET',
      url: URL,
      headers: auth(ctx, 'provider'),
    });
    expect(provider.statusCode).toBe(403);
  });

  /** Each write, tried on `id` at its current version by `headers`. */
  const writes: [
    string,
    (headers: Headers, id: string, v: number) => Promise<{ statusCode: number }>,
  ][] = [
    ['PATCH', (h, id, v) => patch(h, id, { title: 'Nový název' }, v)],
    ['DELETE', (h, id, v) => remove(h, id, v)],
    [
      'status',
      (h, id, v) =>
        ctx.app.inject({
          method: 'POST',
          url: `${URL}/${id}/status`,
          headers: { ...h, 'if-match': `"${v}"` },
          payload: { status: 'consultation' },
        }),
    ],
    [
      'amendment',
      (h, id, v) =>
        ctx.app.inject({
          method: 'POST',
          url: `${URL}/${id}/amendments`,
          headers: { ...h, 'if-match': `"${v}"` },
          payload: { changeLog: 'Změna' },
        }),
    ],
    [
      'attachment',
      (h, id) =>
        ctx.app.inject({
          method: 'POST',
          url: `${URL}/${id}/attachments`,
          headers: h,
          payload: { kind: 'link', name: 'Web', url: 'https://example.test' },
        }),
    ],
  ];

  it.each(writes)(
    '%s: 403 on a plan one reads but may not write, 404 out of scope, 401 anonymous',
    async (_name, write) => {
      const cases: [Headers, keyof typeof ids, number][] = [
        [auth(ctx, 'coordinator', orp('5105')), 'regional', 403],
        [auth(ctx, 'coordinator', orp('5105')), 'lipa', 404],
        [auth(ctx, 'coordinator', orp('5101')), 'liberec', 404],
        [auth(ctx, 'municipality', town('563889')), 'action', 403],
        [auth(ctx, 'municipality', town('563889')), 'lipa', 404],
        [auth(ctx, 'analyst'), 'liberec', 403],
        [auth(ctx, 'provider'), 'liberec', 403],
        [{}, 'liberec', 401],
      ];
      for (const [headers, plan, status] of cases) {
        const { version } = await current(ids[plan]);
        const res = await write(headers, ids[plan], version);
        expect(res.statusCode, `${plan}`).toBe(status);
      }
    },
  );
});

describe('changing a plan', () => {
  it('needs If-Match: 428 without, 412 when stale; the coordinator of the territory may', async () => {
    const coordinator = auth(ctx, 'coordinator', orp('5105'));
    const before = await current(ids.liberec);
    expect((await patch(coordinator, ids.liberec, { title: 'X' })).statusCode).toBe(428);
    expect(
      (await patch(coordinator, ids.liberec, { title: 'X' }, before.version - 1)).statusCode,
    ).toBe(412);
    const res = await patch(
      coordinator,
      ids.liberec,
      { description: 'Plán pro ORP Liberec', coordinator: { name: 'Eva Malá' } },
      before.version,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe(`"${before.version + 1}"`);
    expect(res.json<Plan>()).toMatchObject({
      description: 'Plán pro ORP Liberec',
      coordinator: { name: 'Eva Malá', userId: null },
      title: before.title,
    });
    const cleared = await patch(
      coordinator,
      ids.liberec,
      { coordinator: null },
      before.version + 1,
    );
    expect(cleared.json<Plan>().coordinator).toBeNull();
  });

  it('refuses narrowing the period below an action plan’s or a node’s years (409)', async () => {
    const plan = await current(ids.liberec);
    const res = await patch(staff, ids.liberec, { yearTo: 2024 }, plan.version);
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().detail).toContain('Akční plán města Liberec 2025');
    await ctx.app.db.insert(planNodes).values({
      planId: ids.liberec,
      level: 'priority',
      position: 1,
      code: '1',
      title: 'Senioři',
      yearFrom: 2024,
      yearTo: 2026,
    });
    const nodes = await patch(staff, ids.liberec, { yearFrom: 2025 }, plan.version);
    expect(nodes.statusCode).toBe(409);
    expect(nodes.json<Problem>().detail).toContain('nodes 1');
    const widened = await patch(staff, ids.liberec, { yearTo: 2027 }, plan.version);
    expect(widened.statusCode, widened.body).toBe(200);
    expect(widened.json<Plan>()).toMatchObject({ yearFrom: 2024, yearTo: 2027 });
  });

  it('keeps the content of an approved version (409) but lets its coordinator change', async () => {
    const plan = await current(ids.lipa);
    expect(plan.editable).toBe(false);
    const title = await patch(staff, ids.lipa, { title: 'Jiný název' }, plan.version);
    expect(title.statusCode).toBe(409);
    expect(title.json<Problem>().detail).toContain('amendment');
    const same = await patch(
      staff,
      ids.lipa,
      { title: plan.title, coordinator: { name: 'Karel Dvořák', phone: '605 000 000' } },
      plan.version,
    );
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json<Plan>().coordinator).toMatchObject({
      name: 'Karel Dvořák',
      phone: '605 000 000',
    });
  });

  it('checks the parent plan named later like on create', async () => {
    const plan = await current(ids.liberec);
    const res = await patch(staff, ids.liberec, { parentPlanId: ids.lipa }, plan.version);
    expect(res.statusCode).toBe(400);
    expect(pointers(res.body)).toEqual(['/parentPlanId']);
    const unlinked = await patch(staff, ids.liberec, { parentPlanId: null }, plan.version);
    expect(unlinked.json<Plan>().parentPlan).toBeNull();
  });
});

describe('deleting a plan', () => {
  it('deletes a draft with its tree (If-Match), and it is gone', async () => {
    const plan = await created(staff, {
      kind: 'community',
      title: 'Omyl',
      territoryId: orp('5110'),
      yearFrom: 2024,
      yearTo: 2026,
    });
    const [priority] = await ctx.app.db
      .insert(planNodes)
      .values({ planId: plan.id, level: 'priority', position: 1, code: '1', title: 'P' })
      .returning();
    await ctx.app.db.insert(planNodes).values({
      planId: plan.id,
      parentId: priority!.id,
      level: 'measure',
      position: 1,
      code: '1.1',
      title: 'M',
    });
    expect((await remove(staff, plan.id)).statusCode).toBe(428);
    const res = await remove(staff, plan.id, plan.version);
    expect(res.statusCode, res.body).toBe(204);
    expect((await get(staff, plan.id)).statusCode).toBe(404);
    expect(await ctx.app.db.select().from(planNodes).where(eq(planNodes.planId, plan.id))).toEqual(
      [],
    );
  });

  it('refuses (409, saying why) a plan with child plans or an approved version', async () => {
    const parent = await current(ids.liberec);
    const withChild = await remove(staff, ids.liberec, parent.version);
    expect(withChild.statusCode).toBe(409);
    expect(withChild.json<Problem>().detail).toContain('parent');
    const approved = await current(ids.lipa);
    const res = await remove(staff, ids.lipa, approved.version);
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().detail).toContain('approved version');
  });
});
