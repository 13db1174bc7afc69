import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodelistItem } from '@socplan/contracts';
import { auditLog, codelistItems } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import { seedCodelistsIfEmpty } from './codelists.seed.ts';
import { codelistsOn, loadCodelistLookup, resolveRegistryId } from './codelists.service.ts';

let ctx: TestContext;
let admin: { authorization: string };

beforeAll(async () => {
  ctx = await createTestApp();
  admin = auth(ctx, 'region_admin');
});
afterAll(() => ctx.close());

type Headers = Record<string, string>;
const get = (url: string, headers: Headers = admin) =>
  ctx.app.inject({ method: 'GET', url, headers });
const items = async (url: string, headers: Headers = admin) => {
  const res = await get(url, headers);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: CodelistItem[] }).items;
};
const post = (codelist: string, payload: object, headers: Headers = admin) =>
  ctx.app.inject({ method: 'POST', url: `/api/codelists/${codelist}/items`, headers, payload });
const patch = (item: CodelistItem, payload: object, headers: Headers = admin) =>
  ctx.app.inject({
    method: 'PATCH',
    url: `/api/codelists/${item.codelist}/items/${item.id}`,
    headers: { ...headers, 'if-match': `"${item.version}"` },
    payload,
  });

describe('the seeded codelists', () => {
  it('has all 33 service types by §, with category, forms and registry id', async () => {
    const types = await items('/api/codelists/service_type');
    expect(types).toHaveLength(33);
    const byCode = new Map(types.map((t) => [t.code, t]));
    expect(byCode.get('49')).toMatchObject({
      name: 'domovy pro seniory',
      registryId: 'DruhSocialniSluzby/13',
      attributes: { paragraph: '49', category: 'C', forms: ['pob'] },
    });
    expect(byCode.get('37')?.registryId).toBe('DruhSocialniSluzby/1');
    expect(byCode.get('60a')).toMatchObject({
      registryId: 'DruhSocialniSluzby/34',
      attributes: { category: 'V', forms: expect.arrayContaining(['amb', 'ter', 'pob']) },
    });
    expect(byCode.get('44')?.attributes.forms).toEqual(['ter', 'amb', 'pob']);
    // Ordered by the Act: §60 before §60a before §61.
    const codes = types.map((t) => t.code);
    expect(codes.indexOf('60a')).toBe(codes.indexOf('60') + 1);
    expect(new Set(types.map((t) => t.registryId)).size).toBe(33);
    expect(types.every((t) => ['P', 'C', 'V'].includes(t.attributes.category as string))).toBe(
      true,
    );
  });

  it('has forms, capacity units, target and age groups with registry ids, and funding sources', async () => {
    expect((await items('/api/codelists/form')).map((f) => [f.code, f.registryId])).toEqual([
      ['pob', 'FormaSocialniSluzby/pob'],
      ['amb', 'FormaSocialniSluzby/amb'],
      ['ter', 'FormaSocialniSluzby/ter'],
    ]);
    const units = await items('/api/codelists/capacity_unit');
    expect(units.map((u) => u.code).sort()).toEqual([
      'hovor',
      'interv',
      'klient',
      'kontakt',
      'luzka',
    ]);
    expect(units.find((u) => u.code === 'luzka')).toMatchObject({
      name: 'počet lůžek',
      registryId: 'TypKapacitySocialniSluzby/luzka',
    });
    const groups = await items('/api/codelists/target_group');
    expect(groups.find((g) => g.registryId === 'CilovaSkupinaOsoby/24')?.name).toBe('senioři');
    expect(groups.find((g) => g.registryId === 'CilovaSkupinaOsoby/30')?.name).toBe(
      'osoby žijící s demencí',
    );
    expect(await items('/api/codelists/age_group')).toHaveLength(10);
    const funding = await items('/api/codelists/funding_source');
    expect(funding.map((f) => f.code)).toEqual(
      expect.arrayContaining([
        'mpsv',
        'region',
        'municipality',
        'eu',
        'user_fees',
        'care_allowance',
        'health_insurance',
        'other',
      ]),
    );
  });

  it('summarises the codelists', async () => {
    const res = await get('/api/codelists');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual({ codelist: 'service_type', items: 33 });
  });

  it('seeds only codelists that are empty, once', async () => {
    const db = ctx.app.db;
    expect(await seedCodelistsIfEmpty(db)).toBe(0);
    await db.delete(codelistItems).where(eq(codelistItems.codelist, 'age_group'));
    expect(await seedCodelistsIfEmpty(db)).toBe(10);
    expect(await seedCodelistsIfEmpty(db)).toBe(0);
    expect(await items('/api/codelists/age_group')).toHaveLength(10);
  });

  it('maps registry ids to codes for the importer', async () => {
    const lookup = await loadCodelistLookup(ctx.app.db);
    expect(lookup.code('service_type', 'DruhSocialniSluzby/13')).toBe('49');
    expect(lookup.code('service_type', 'DruhSocialniSluzby/2')).toBeUndefined();
    expect(lookup.code('capacity_unit', 'TypKapacitySocialniSluzby/luzka')).toBe('luzka');
    expect(lookup.item('form', 'ter')?.name).toBe('terénní');
    expect(await resolveRegistryId(ctx.app.db, 'target_group', 'CilovaSkupinaOsoby/24')).toBe('24');
    expect(await resolveRegistryId(ctx.app.db, 'target_group', 'CilovaSkupinaOsoby/99')).toBeNull();
  });

  it('is readable by every role, and 401 without a token', async () => {
    for (const role of ['analyst', 'coordinator', 'municipality', 'provider'] as const)
      expect((await get('/api/codelists/form', auth(ctx, role))).statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/api/codelists/form' })).statusCode).toBe(401);
  });

  it('refuses an unknown codelist with a problem naming it', async () => {
    const res = await get('/api/codelists/colours');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ in: 'params', pointer: '/codelist' }),
    );
  });
});

describe('versions and validity', () => {
  it('adds a new version: the old one ends that day, asOf picks the right one', async () => {
    const [old] = (await items('/api/codelists/funding_source')).filter((f) => f.code === 'eu');
    const res = await post('funding_source', {
      code: 'eu',
      name: 'Evropské fondy (OPZ+)',
      validFrom: '2030-01-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as CodelistItem;
    expect(res.headers.location).toBe(`/api/codelists/funding_source/items/${created.id}`);
    expect(created).toMatchObject({
      validFrom: '2030-01-01',
      validTo: null,
      sortOrder: old!.sortOrder,
      nameEn: 'EU / ESF',
    });

    const name = async (asOf: string) =>
      (await items(`/api/codelists/funding_source?asOf=${asOf}`)).find((f) => f.code === 'eu')
        ?.name;
    expect(await name('2029-12-31')).toBe('EU / ESF');
    expect(await name('2030-01-01')).toBe('Evropské fondy (OPZ+)');
    const all = (await items('/api/codelists/funding_source?all=true')).filter(
      (f) => f.code === 'eu',
    );
    expect(all.map((v) => [v.validFrom, v.validTo])).toEqual([
      ['1900-01-01', '2030-01-01'],
      ['2030-01-01', null],
    ]);

    // Audit: the old version ended, the new one created.
    const audit = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'codelist_item'), eq(auditLog.entityId, old!.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'update',
      after: expect.objectContaining({ validTo: '2030-01-01' }),
    });
  });

  it('refuses a version that does not start after the existing ones (409 naming /validFrom)', async () => {
    const res = await post('funding_source', { code: 'eu', name: 'X', validFrom: '2029-06-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].pointer).toBe('/validFrom');
  });

  it('adds a brand-new item and ends it with PATCH validTo (If-Match)', async () => {
    const res = await post('target_group', {
      code: 'CDZ',
      name: 'osoby v péči center duševního zdraví',
      validFrom: '2024-01-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json() as CodelistItem;
    expect(res.headers.etag).toBe('"1"');

    const noIfMatch = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/codelists/target_group/items/${item.id}`,
      headers: admin,
      payload: { validTo: '2026-01-01' },
    });
    expect(noIfMatch.statusCode).toBe(428);

    const ended = await patch(item, { validTo: '2026-01-01' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.headers.etag).toBe('"2"');
    expect((await patch(item, { name: 'stale' })).statusCode).toBe(412);

    const codes = async (asOf: string) =>
      (await items(`/api/codelists/target_group?asOf=${asOf}`)).map((g) => g.code);
    expect(await codes('2025-12-31')).toContain('CDZ');
    expect(await codes('2026-01-01')).not.toContain('CDZ');
    expect(await codes('2023-12-31')).not.toContain('CDZ');
    // The validation of services sees the codes valid on the day in question.
    const on = (day: string) => codelistsOn(ctx.app.db, ['target_group'], day);
    expect((await on('2025-06-01')).get('target_group')!.has('CDZ')).toBe(true);
    expect((await on('2027-06-01')).get('target_group')!.has('CDZ')).toBe(false);
  });

  it('refuses validTo that runs into the next version or precedes validFrom', async () => {
    const [v1] = (await items('/api/codelists/funding_source?all=true')).filter(
      (f) => f.code === 'eu',
    );
    const res = await patch(v1!, { validTo: null });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({
      pointer: '/validTo',
      detail: expect.stringMatching(/2030-01-01/),
    });
    expect((await patch(v1!, { validTo: '1899-01-01' })).statusCode).toBe(400);
  });

  it('checks a service type’s attributes and registry ids', async () => {
    const bad = await post('service_type', {
      code: '71',
      name: 'nový druh',
      attributes: { paragraph: '71', category: 'X', forms: ['pob', 'boat'], colour: 'red' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/attributes/category', '/attributes/colour', '/attributes/forms/1']);
    const taken = await post('service_type', {
      code: '71',
      name: 'nový druh',
      registryId: 'DruhSocialniSluzby/13',
      attributes: { paragraph: '71', category: 'V', forms: ['amb'] },
    });
    expect(taken.statusCode).toBe(409);
    const ok = await post('service_type', {
      code: '71',
      name: 'centra duševního zdraví',
      registryId: 'DruhSocialniSluzby/11078',
      attributes: { paragraph: '71', category: 'C', forms: ['amb', 'ter'] },
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses bad bodies with pointers', async () => {
    const res = await post('form', { code: 'has space', name: '', extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(
      res
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/code', '/extra', '/name']);
  });

  it('lets only region administrators write (403), others read', async () => {
    const [form] = await items('/api/codelists/form');
    for (const role of ['region_staff', 'analyst', 'provider'] as const) {
      expect((await post('form', { code: 'x', name: 'x' }, auth(ctx, role))).statusCode).toBe(403);
      expect((await patch(form!, { name: 'x' }, auth(ctx, role))).statusCode).toBe(403);
    }
    const one = await get(`/api/codelists/form/items/${form!.id}`, auth(ctx, 'provider'));
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe(`"${form!.version}"`);
    // An item looked up under another codelist does not exist.
    expect((await get(`/api/codelists/age_group/items/${form!.id}`)).statusCode).toBe(404);
  });
});
