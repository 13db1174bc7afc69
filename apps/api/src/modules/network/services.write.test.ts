import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facility, ServiceDetail } from '@socplan/contracts';
import { auditLog } from '../../db/schema/index.ts';
import { today } from '../../lib/validity.ts';
import { createProvider, createService } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';
import { serviceDetail, serviceList, type Headers } from './network.test-support.ts';
import { changeServiceState, createService as createServiceFn } from './services.write.ts';

let ctx: TestContext;
let territory: DemoTerritory;
let staff: Headers;
let providerId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  territory = await seedTerritory(ctx);
  staff = auth(ctx, 'region_staff');
  providerId = await createProvider(ctx.app.db, { name: 'Domov Pohoda, p.o.' });
});
afterAll(() => ctx.close());

const post = (payload: object, headers: Headers = staff) =>
  ctx.app.inject({ method: 'POST', url: '/api/services', headers, payload });
const patch = (id: string, payload: object, etag: string | undefined, headers: Headers = staff) =>
  ctx.app.inject({
    method: 'PATCH',
    url: `/api/services/${id}`,
    headers: etag ? { ...headers, 'if-match': etag } : headers,
    payload,
  });
const auditOf = (entityType: string, entityId: string) =>
  ctx.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id));

const home = (count: number) => [{ form: 'pob', capacities: [{ unit: 'luzka', count }] }];
const validBody = () => ({
  providerId,
  identifier: String(1_000_000 + Math.floor(Math.random() * 8_999_999)),
  typeCode: '49',
  name: 'Domov pro seniory Pohoda',
  forms: home(20),
  targetGroups: ['24', '30', '24'],
  ageGroups: ['9', '8'],
  territoryUnitIds: [territory.orpIdsByCode.get('5105')!],
  fteDirect: 14.5,
  email: 'pohoda@example.test',
  effectiveFrom: '2023-01-01',
});

describe('POST /api/services', () => {
  it('creates a service with its first state: 201, Location, ETag, audit', async () => {
    const res = await post(validBody());
    expect(res.statusCode, res.body).toBe(201);
    const service = res.json() as ServiceDetail;
    expect(res.headers.location).toBe(`/api/services/${service.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(service.provider).toMatchObject({ id: providerId, name: 'Domov Pohoda, p.o.' });
    expect(service.state).toMatchObject({
      validFrom: '2023-01-01',
      validTo: null,
      status: 'active',
      typeCode: '49',
      targetGroups: ['24', '30'], // deduplicated, sorted
      ageGroups: ['8', '9'],
      fteDirect: 14.5,
      fteOther: null,
    });
    expect(service.history).toHaveLength(1);
    const [row] = await auditOf('service', service.id);
    expect(row).toMatchObject({
      action: 'create',
      after: expect.objectContaining({
        providerId,
        state: expect.objectContaining({ name: 'Domov pro seniory Pohoda' }),
      }),
    });
  });

  it.each([
    ['an unknown service type', { typeCode: '99' }, '/typeCode'],
    [
      'a form the type does not have',
      { forms: [{ form: 'ter', capacities: [] }] },
      '/forms/0/form',
    ],
    ['an unknown form', { forms: [{ form: 'boat', capacities: [] }] }, '/forms/0/form'],
    [
      'an unknown capacity unit',
      { forms: [{ form: 'pob', capacities: [{ unit: 'chairs', count: 3 }] }] },
      '/forms/0/capacities/0/unit',
    ],
    ['a form twice', { forms: [...home(1), ...home(2)] }, '/forms/1/form'],
    ['an unknown target group', { targetGroups: ['24', 'aliens'] }, '/targetGroups/1'],
    ['an unknown age group', { ageGroups: ['99'] }, '/ageGroups/0'],
    [
      'an unknown territorial unit',
      { territoryUnitIds: ['00000000-0000-4000-8000-00000000abcd'] },
      '/territoryUnitIds/0',
    ],
    ['an identifier of 6 digits', { identifier: '123456' }, '/identifier'],
    [
      'a negative capacity',
      { forms: [{ form: 'pob', capacities: [{ unit: 'luzka', count: -1 }] }] },
      '/forms/0/capacities/0/count',
    ],
    ['an unknown field', { colour: 'red' }, '/colour'],
    ['an unknown provider', { providerId: '00000000-0000-4000-8000-00000000abcd' }, '/providerId'],
    ['a malformed effectiveFrom', { effectiveFrom: '1.1.2024' }, '/effectiveFrom'],
  ])('refuses %s with a problem naming %s', async (_what, change, pointer) => {
    const res = await post({ ...validBody(), ...change });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it('checks codes against the codelists valid on effectiveFrom', async () => {
    // §49 has been in the codelist since 1900; a target group added in 2030 is not valid in 2023.
    const item = await ctx.app.inject({
      method: 'POST',
      url: '/api/codelists/target_group/items',
      headers: auth(ctx, 'region_admin'),
      payload: { code: 'future', name: 'budoucí skupina', validFrom: '2030-01-01' },
    });
    expect(item.statusCode).toBe(201);
    const early = await post({ ...validBody(), targetGroups: ['future'] });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].detail).toMatch(/2023-01-01/);
    expect(
      (await post({ ...validBody(), targetGroups: ['future'], effectiveFrom: '2030-01-01' }))
        .statusCode,
    ).toBe(201);
  });

  it('refuses a duplicate identifier (409 naming /identifier)', async () => {
    const body = validBody();
    expect((await post(body)).statusCode).toBe(201);
    const res = await post({ ...validBody(), identifier: body.identifier });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].pointer).toBe('/identifier');
  });

  it('lets a provider create services of its own; analysts get 403', async () => {
    const own = auth(ctx, 'provider', null, providerId);
    expect((await post(validBody(), own)).statusCode).toBe(201);
    expect((await post(validBody(), auth(ctx, 'analyst'))).statusCode).toBe(403);
  });
});

describe('PATCH /api/services/:id: effective-dated history', () => {
  let id: string;
  let etag: string;
  const reread = async () => {
    const read = await serviceDetail(ctx, staff, id);
    etag = read.etag;
    return read.body;
  };

  beforeAll(async () => {
    const res = await post(validBody());
    id = (res.json() as ServiceDetail).id;
    etag = res.headers.etag as string;
  });

  it('a capacity change opens a new state from effectiveFrom and closes the old one', async () => {
    const res = await patch(
      id,
      { forms: home(30), effectiveFrom: '2023-07-01', changeNote: 'rozšíření' },
      etag,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    const body = res.json() as ServiceDetail;
    expect(
      body.history.map((h) => [h.validFrom, h.validTo, h.forms[0]!.capacities[0]!.count]),
    ).toEqual([
      ['2023-07-01', null, 30],
      ['2023-01-01', '2023-07-01', 20],
    ]);
    expect(body.history[0]).toMatchObject({
      changeNote: 'rozšíření',
      fteDirect: 14.5,
      email: 'pohoda@example.test',
    });
    etag = res.headers.etag as string;
  });

  it('a status change makes the third state; asOf=2024-01-01 is one query for the network then', async () => {
    const res = await patch(id, { status: 'suspended', effectiveFrom: '2024-03-01' }, etag);
    expect(res.statusCode, res.body).toBe(200);
    const body = (await reread()) as ServiceDetail;
    expect(body.history).toHaveLength(3);
    expect(body.history[0]!.changes).toEqual([
      { field: 'status', before: 'active', after: 'suspended' },
    ]);

    const then = await serviceList(ctx, staff, `?asOf=2024-01-01&providerId=${providerId}`);
    const mine = then.items.find((s) => s.id === id)!;
    expect(mine.state).toMatchObject({
      status: 'active',
      validFrom: '2023-07-01',
      validTo: '2024-03-01',
    });
    expect(mine.state.forms[0]!.capacities[0]!.count).toBe(30);
    expect(
      (
        await serviceList(ctx, staff, `?asOf=2024-03-01&status=suspended&providerId=${providerId}`)
      ).items.map((s) => s.id),
    ).toContain(id);
  });

  it('on the day the current state began it corrects that state in place', async () => {
    const res = await patch(id, { fteDirect: 12.25, effectiveFrom: '2024-03-01' }, etag);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as ServiceDetail;
    expect(body.history).toHaveLength(3);
    expect(body.history[0]).toMatchObject({
      validFrom: '2024-03-01',
      status: 'suspended',
      fteDirect: 12.25,
    });
    etag = res.headers.etag as string;
  });

  it('refuses an effectiveFrom before the current state began (400 naming /effectiveFrom)', async () => {
    const res = await patch(id, { status: 'active', effectiveFrom: '2024-01-01' }, etag);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        pointer: '/effectiveFrom',
        detail: expect.stringMatching(/2024-03-01/),
      }),
    ]);
  });

  it('corrects name and contacts in place; a change with no difference writes nothing', async () => {
    const res = await patch(id, { name: 'Domov Pohoda', phone: '+420 482 111 222' }, etag);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as ServiceDetail;
    expect(body.history).toHaveLength(3);
    expect(body.state.name).toBe('Domov Pohoda');
    expect(body.history[1]!.name).toBe('Domov pro seniory Pohoda'); // the past keeps its name
    etag = res.headers.etag as string;

    const auditBefore = (await auditOf('service', id)).length;
    const same = await patch(id, { name: 'Domov Pohoda', forms: home(30) }, etag);
    expect(same.statusCode).toBe(200);
    expect(same.headers.etag).toBe(etag);
    expect((await auditOf('service', id)).length).toBe(auditBefore);
  });

  it('a dated change without effectiveFrom takes effect today', async () => {
    const res = await patch(id, { status: 'active' }, etag);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as ServiceDetail;
    expect(body.history[0]).toMatchObject({ validFrom: today(), validTo: null, status: 'active' });
    expect(body.history[1]!.validTo).toBe(today());
    etag = res.headers.etag as string;
  });

  it('needs If-Match: 428 without, 412 when stale; leaves an audit row per change', async () => {
    expect((await patch(id, { phone: '1' }, undefined)).statusCode).toBe(428);
    expect((await patch(id, { phone: '1' }, '"1"')).statusCode).toBe(412);
    const rows = await auditOf('service', id);
    expect(rows.map((r) => r.action)).toEqual([
      'create',
      'update',
      'update',
      'update',
      'update',
      'update',
    ]);
    expect(rows[1]).toMatchObject({
      before: expect.objectContaining({ state: expect.objectContaining({ validTo: null }) }),
      after: expect.objectContaining({ effectiveFrom: '2023-07-01' }),
    });
  });

  it('moves a service to another provider (region staff only)', async () => {
    const other = await createProvider(ctx.app.db, { name: 'Nový zřizovatel' });
    const res = await patch(id, { providerId: other }, etag);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ServiceDetail).provider.id).toBe(other);
  });
});

describe('DELETE /api/services/:id', () => {
  it('deletes with If-Match (region staff), 403 for the provider, then 404', async () => {
    const id = await createService(ctx.app.db, { providerId });
    const del = (headers: Headers) =>
      ctx.app.inject({
        method: 'DELETE',
        url: `/api/services/${id}`,
        headers: { ...headers, 'if-match': '"1"' },
      });
    expect((await del(auth(ctx, 'provider', null, providerId))).statusCode).toBe(403);
    expect((await del(staff)).statusCode).toBe(204);
    expect((await serviceDetail(ctx, staff, id)).status).toBe(404);
    expect((await auditOf('service', id)).map((r) => r.action)).toEqual(['delete']);
  });
});

describe('facilities', () => {
  let serviceId: string;
  beforeAll(async () => {
    serviceId = await createService(ctx.app.db, { providerId });
  });
  const url = (fid = '') => `/api/services/${serviceId}/facilities${fid ? `/${fid}` : ''}`;

  it('adds a facility: the municipality and address point come from the address', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: url(),
      headers: staff,
      payload: {
        name: 'Domov Pohoda – Ruprechtice',
        address: {
          street: 'Domažlická',
          houseNumber: '880',
          orientationNumber: '9',
          postcode: '46014',
          municipalityCode: '563889',
          addressPointCode: 19_001_234,
        },
        point: { lat: 50.78, lon: 15.07 },
        validFrom: '2020-01-01',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const facility = res.json() as Facility;
    expect(res.headers.location).toBe(url(facility.id));
    expect(facility).toMatchObject({
      municipalityCode: '563889',
      municipalityName: 'Liberec',
      orpName: 'Liberec',
      addressPointCode: 19_001_234,
      point: { lat: 50.78, lon: 15.07 },
      secretAddress: false,
      version: 1,
    });
    expect((await auditOf('facility', facility.id))[0]?.action).toBe('create');

    const get = await ctx.app.inject({ url: url(facility.id), headers: staff });
    expect(get.headers.etag).toBe('"1"');
    expect(
      (
        await ctx.app.inject({
          method: 'PATCH',
          url: url(facility.id),
          headers: staff,
          payload: { name: 'x' },
        })
      ).statusCode,
    ).toBe(428);
    const ended = await ctx.app.inject({
      method: 'PATCH',
      url: url(facility.id),
      headers: { ...staff, 'if-match': '"1"' },
      payload: { validTo: '2024-01-01', secretAddress: true },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ validTo: '2024-01-01', secretAddress: true, version: 2 });
    const stale = await ctx.app.inject({
      method: 'PATCH',
      url: url(facility.id),
      headers: { ...staff, 'if-match': '"1"' },
      payload: { name: 'x' },
    });
    expect(stale.statusCode).toBe(412);
    const bad = await ctx.app.inject({
      method: 'PATCH',
      url: url(facility.id),
      headers: { ...staff, 'if-match': '"2"' },
      payload: { validTo: '2019-01-01' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/validTo');

    const del = await ctx.app.inject({
      method: 'DELETE',
      url: url(facility.id),
      headers: { ...staff, 'if-match': '"2"' },
    });
    expect(del.statusCode).toBe(204);
    expect((await auditOf('facility', facility.id)).map((r) => r.action)).toEqual([
      'create',
      'update',
      'delete',
    ]);
    expect((await ctx.app.inject({ url: url(facility.id), headers: staff })).statusCode).toBe(404);
  });

  it('refuses bad facility bodies with pointers', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: url(),
      headers: staff,
      payload: { name: '', municipalityCode: '12', point: { lat: 200, lon: 15 } },
    });
    expect(res.statusCode).toBe(400);
    const pointers = new Set(res.json().errors.map((e: { pointer: string }) => e.pointer));
    for (const pointer of ['/municipalityCode', '/name', '/point/lat'])
      expect(pointers).toContain(pointer);
  });

  it('a facility of another service is not found', async () => {
    const other = await createService(ctx.app.db, { providerId });
    const created = await ctx.app.inject({
      method: 'POST',
      url: url(),
      headers: staff,
      payload: { name: 'A' },
    });
    const fid = (created.json() as Facility).id;
    const res = await ctx.app.inject({
      url: `/api/services/${other}/facilities/${fid}`,
      headers: staff,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('the write functions other modules call', () => {
  it('createService with registry trust keeps unknown codes; changeServiceState dates a change', async () => {
    const created = await createServiceFn(
      ctx.app.db,
      null,
      {
        providerId,
        typeCode: 'DruhSocialniSluzby/11078',
        name: 'Centrum duševního zdraví',
        identifier: '7777777',
        effectiveFrom: '2022-01-01',
      },
      { registry: true },
    );
    expect(created.state.typeCode).toBe('DruhSocialniSluzby/11078');
    // The registry may list one identifier twice (a historical and a current registration).
    await createServiceFn(
      ctx.app.db,
      null,
      { providerId, typeCode: '49', name: 'Dvojník', identifier: '7777777' },
      { registry: true },
    );

    const changed = await changeServiceState(
      ctx.app.db,
      null,
      created.id,
      { forms: [{ form: 'ter', capacities: [{ unit: 'klient', count: 50 }] }] },
      '2024-01-01',
      { registry: true },
    );
    expect(changed.history.map((h) => h.validFrom)).toEqual(['2024-01-01', '2022-01-01']);
    const rows = await auditOf('service', created.id);
    expect(rows.map((r) => [r.action, r.principalId])).toEqual([
      ['create', null],
      ['update', null],
    ]);
    // Without registry trust the unknown code is refused.
    await expect(
      changeServiceState(ctx.app.db, null, created.id, { typeCode: 'nonsense' }, '2025-01-01'),
    ).rejects.toMatchObject({ status: 400 });
  });
});
