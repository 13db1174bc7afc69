import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition } from '@socplan/contracts';
import { queryRows } from '../../db/query-rows.ts';
import { formVersions } from '../../db/schema/index.ts';
import { authHeader, createFacility, createService } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { createCampaign as insertCampaign, createFormVersion } from './collection.test-support.ts';
import { createCampaignWorld, type CampaignWorld } from './campaigns.test-support.ts';

let ctx: TestContext;
let w: CampaignWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  w = await createCampaignWorld(ctx.app);
});
afterAll(() => ctx.close());

const get = (url: string, headers = w.headers) => ctx.app.inject({ method: 'GET', url, headers });
const pointers = (body: { errors?: { pointer: string }[] }) =>
  (body.errors ?? []).map((e) => e.pointer).sort();

describe('creating a campaign', () => {
  it('names every bad setting at once', async () => {
    const { formVersionId } = await createFormVersion(ctx.app.db);
    const res = await w.post({
      formVersionId,
      periodKind: 'quarter',
      periodNumber: null,
      opensOn: '2025-05-01',
      deadline: '2025-04-30',
      orpIds: [w.orp1, w.municipalityA],
      serviceTypes: ['49'],
    });
    expect(res.statusCode).toBe(400);
    expect(pointers(res.json())).toEqual([
      '/deadline',
      '/orpIds/1',
      '/periodNumber',
      '/serviceTypes',
    ]);
  });

  it('refuses a draft form version, a year with a period number and unknown service types', async () => {
    const { formVersionId } = await createFormVersion(ctx.app.db, { respondentKind: 'service' });
    await ctx.app.db
      .update(formVersions)
      .set({ status: 'draft' })
      .where(sql`${formVersions.id} = ${formVersionId}`);
    expect(pointers((await w.post({ formVersionId })).json())).toEqual(['/formVersionId']);

    const { formVersionId: published } = await createFormVersion(ctx.app.db, {
      respondentKind: 'service',
    });
    const year = await w.post({ formVersionId: published, periodNumber: 2 });
    expect(pointers(year.json())).toEqual(['/periodNumber']);
    const half = await w.post({ formVersionId: published, periodKind: 'half', periodNumber: 3 });
    expect(pointers(half.json())).toEqual(['/periodNumber']);
    const types = await w.post({ formVersionId: published, serviceTypes: ['49', 'x99'] });
    expect(types.statusCode).toBe(400);
    expect(pointers(types.json())).toEqual(['/serviceTypes/1']);
  });

  it('stores the period text; one campaign per form and period (409)', async () => {
    const { formVersionId } = await createFormVersion(ctx.app.db);
    const q3 = await w.post({ formVersionId, periodKind: 'quarter', periodNumber: 3 });
    expect(q3.statusCode).toBe(201);
    expect(q3.headers.location).toBe(`/api/campaigns/${q3.json().id}`);
    expect(q3.json()).toMatchObject({
      period: '2025-Q3',
      status: 'draft',
      counts: { expected: 0 },
    });
    const again = await w.post({ formVersionId, periodKind: 'quarter', periodNumber: 3 });
    expect(again.statusCode).toBe(409);
    const h1 = await w.post({ formVersionId, periodKind: 'half', periodNumber: 1 });
    expect(h1.json().period).toBe('2025-H1');
  });

  it('is for collection.manage only', async () => {
    const { formVersionId } = await createFormVersion(ctx.app.db);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: authHeader(await w.token('municipality')),
      payload: {
        name: 'x',
        periodKind: 'year',
        year: 2030,
        opensOn: '2030-01-01',
        deadline: '2030-02-01',
        formVersionId,
      },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('respondents and opening', () => {
  it('municipality form: a draft previews the ORP’s municipalities; opening fixes them', async () => {
    const { formVersionId } = await createFormVersion(ctx.app.db);
    const created = await w.post({ formVersionId, orpIds: [w.orp1], year: 2026 });
    const id = created.json().id;
    const preview = await get(`/api/campaigns/${id}/respondents`);
    expect(preview.json()).toMatchObject({ total: 2 });
    expect(
      preview
        .json()
        .items.map((r: { code: string }) => r.code)
        .sort(),
    ).toEqual([w.codeA, w.codeC].sort());
    expect(preview.json().items[0]).toMatchObject({ orpId: w.orp1, orpName: 'ORP Liberec' });

    const opened = await w.patch(id, { status: 'open' });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ status: 'open', counts: { expected: 2, received: 0 } });
    const rows = await w.submissionsOf(id);
    expect(rows.map((r) => r.respondent_code).sort()).toEqual([w.codeA, w.codeC].sort());
    const a = rows.find((r) => r.respondent_code === w.codeA)!;
    expect(a).toMatchObject({
      municipality_id: w.municipalityA,
      unit_id: w.municipalityA,
      orp_id: w.orp1,
      respondent_name: 'Liberec',
    });
    // Still the fixed list, whatever happens to the territory later.
    expect((await get(`/api/campaigns/${id}/respondents`)).json().total).toBe(2);
  });

  it('provider and service forms: types and ORPs filter, services without identifier are skipped', async () => {
    const db = ctx.app.db;
    const s1 = await createService(db, {
      providerId: w.providerA,
      typeCode: '49',
      identifier: '7000001',
    });
    await createFacility(db, s1, { municipalityCode: w.codeA });
    const s2 = await createService(db, {
      providerId: w.providerB,
      typeCode: '39',
      identifier: '7000002',
    });
    await createFacility(db, s2, { municipalityCode: w.codeC });
    const s3 = await createService(db, { typeCode: '49', identifier: '7000003' });
    await createFacility(db, s3, { municipalityCode: w.codeB });
    const noId = await createService(db, { typeCode: '49', identifier: null });
    await createFacility(db, noId, { municipalityCode: w.codeA });
    const ended = await createService(db, {
      typeCode: '49',
      identifier: '7000004',
      status: 'ended',
    });
    await createFacility(db, ended, { municipalityCode: w.codeA });

    const services = await createFormVersion(db, { respondentKind: 'service' });
    const serviceCampaign = await w.open({
      formVersionId: services.formVersionId,
      serviceTypes: ['49'],
    });
    const serviceRows = await w.submissionsOf(serviceCampaign);
    expect(serviceRows.map((r) => r.respondent_code)).toEqual(['7000001', '7000003']);
    expect(serviceRows[0]).toMatchObject({
      service_id: s1,
      provider_id: w.providerA,
      unit_id: w.municipalityA,
      orp_id: w.orp1,
      service_type: '49',
    });

    const providers = await createFormVersion(db, { respondentKind: 'provider' });
    const providerCampaign = await w.open({
      formVersionId: providers.formVersionId,
      orpIds: [w.orp1],
    });
    const providerRows = await w.submissionsOf(providerCampaign);
    expect(providerRows.map((r) => r.provider_id).sort()).toEqual(
      [w.providerA, w.providerB, ...(await providerOf(noId))].sort(),
    );
    expect(providerRows.find((r) => r.provider_id === w.providerA)).toMatchObject({
      service_id: null,
      orp_id: w.orp1,
      unit_id: w.municipalityA,
    });
  });

  it('once open: only name, deadline and reminders change; no way back to draft; no delete', async () => {
    const { formVersionId } = await createFormVersion(ctx.app.db);
    const id = await w.open({ formVersionId, year: 2027 });
    expect((await w.patch(id, { orpIds: [w.orp2] })).statusCode).toBe(409);
    expect((await w.patch(id, { status: 'draft' })).statusCode).toBe(409);
    const renamed = await w.patch(id, { name: 'Sběr 2027 (prodloužen)', deadline: '2099-06-30' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: 'Sběr 2027 (prodloužen)',
      deadline: '2099-06-30',
    });
    const current = await get(`/api/campaigns/${id}`);
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/campaigns/${id}`,
      headers: { ...w.headers, 'if-match': current.headers.etag as string },
    });
    expect(del.statusCode).toBe(409);
    const closed = await w.patch(id, { status: 'closed' });
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect(closed.json().closedAt).not.toBeNull();
  });

  it('a draft can be deleted; an opened campaign’s respondents are the reader’s own', async () => {
    const { formVersionId } = await createFormVersion(ctx.app.db);
    const draft = (await w.post({ formVersionId, year: 2033 })).json().id;
    const etag = (await get(`/api/campaigns/${draft}`)).headers.etag as string;
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/campaigns/${draft}`,
      headers: { ...w.headers, 'if-match': etag },
    });
    expect(del.statusCode).toBe(204);
    expect((await get(`/api/campaigns/${draft}`)).statusCode).toBe(404);

    const open = await w.open({ formVersionId, year: 2034 });
    const coordinator = authHeader(await w.token('coordinator', true));
    const own = (await get(`/api/campaigns/${open}/respondents`, coordinator)).json();
    expect(own.items.map((r: { code: string }) => r.code).sort()).toEqual(
      [w.codeA, w.codeC].sort(),
    );
    expect((await get(`/api/campaigns/${open}/respondents`)).json().total).toBe(3);
  });

  it('needs If-Match to change and a fresh one (428, 412)', async () => {
    const { formVersionId } = await createFormVersion(ctx.app.db);
    const id = (await w.post({ formVersionId, year: 2028 })).json().id;
    const url = `/api/campaigns/${id}`;
    const missing = await ctx.app.inject({
      method: 'PATCH',
      url,
      headers: w.headers,
      payload: { name: 'x' },
    });
    expect(missing.statusCode).toBe(428);
    const stale = await ctx.app.inject({
      method: 'PATCH',
      url,
      headers: { ...w.headers, 'if-match': '"99"' },
      payload: { name: 'x' },
    });
    expect(stale.statusCode).toBe(412);
  });
});

async function providerOf(serviceId: string): Promise<string[]> {
  const rows = await queryRows<{ provider_id: string }>(
    ctx.app.db,
    sql`select provider_id from services where id = ${serviceId}`,
  );
  return rows.map((r) => r.provider_id);
}

const PREFILL_DEFINITION: FormDefinition = {
  sections: [
    {
      code: 'main',
      label: { cs: 'Hlavní' },
      fields: [
        {
          code: 'capacity',
          type: 'integer',
          label: { cs: 'Kapacita' },
          prefill: 'networkCapacity',
        },
        { code: 'waiting', type: 'integer', label: { cs: 'Čekatelé' }, prefill: 'previousPeriod' },
        { code: 'note', type: 'text', label: { cs: 'Poznámka' } },
        {
          code: 'clients',
          type: 'table',
          label: { cs: 'Klienti' },
          rows: { kind: 'codelist', codelist: 'target_group' },
          columns: [
            { code: 'count', type: 'integer', label: { cs: 'Počet' }, prefill: 'previousPeriod' },
          ],
        },
      ],
    },
  ],
  rules: [],
};

describe('prefill on opening', () => {
  it('copies last period’s approved values (not unapproved ones) and the network capacity, marked prefilled', async () => {
    const db = ctx.app.db;
    const sA = await createService(db, {
      identifier: '8000001',
      forms: [
        { form: 'pob', capacities: [{ unit: 'luzka', count: 40 }] },
        { form: 'amb', capacities: [{ unit: 'klienti', count: 5 }] },
      ],
    });
    await createFacility(db, sA, { municipalityCode: w.codeA });
    const sB = await createService(db, { identifier: '8000002' });
    await createFacility(db, sB, { municipalityCode: w.codeB });
    const form = await createFormVersion(db, {
      respondentKind: 'service',
      definition: PREFILL_DEFINITION,
    });
    // Two earlier years: A approved in both (2023's value must lose to 2024's), B only submitted.
    for (const [year, waiting] of [
      [2023, 1],
      [2024, 12],
    ] as const)
      await insertCampaign(db, {
        ...form,
        year,
        status: 'closed',
        respondents: [
          {
            kind: 'service',
            code: '8000001',
            status: 'approved',
            values: [
              { field: 'waiting', row: '', value: waiting },
              { field: 'note', row: '', value: 'nepřenáší se' },
              { field: 'clients.count', row: '24', value: 30 + year - 2023 },
            ],
          },
          {
            kind: 'service',
            code: '8000002',
            status: 'submitted',
            values: [{ field: 'waiting', row: '', value: 99 }],
          },
        ],
      });

    const id = await w.open({ formVersionId: form.formVersionId, serviceTypes: ['49'] });
    const rows = await queryRows<{
      code: string;
      field: string;
      row: string;
      value: unknown;
      prefilled: boolean;
    }>(
      db,
      sql`select s.respondent_code as code, v.field, v."row", v.value, v.prefilled
        from submission_values v join submissions s on s.id = v.submission_id
        where s.campaign_id = ${id} and s.respondent_code in ('8000001', '8000002')
        order by 1, 2, 3`,
    );
    expect(rows).toEqual([
      { code: '8000001', field: 'capacity', row: '', value: 45, prefilled: true },
      { code: '8000001', field: 'clients.count', row: '24', value: 31, prefilled: true },
      { code: '8000001', field: 'waiting', row: '', value: 12, prefilled: true },
      { code: '8000002', field: 'capacity', row: '', value: 40, prefilled: true },
    ]);
    const history = await queryRows<{ n: number; channels: string[] }>(
      db,
      sql`select sum(jsonb_array_length(h.changes))::int as n,
          array_agg(distinct h.channel) as channels
        from submission_value_history h join submissions s on s.id = h.submission_id
        where s.campaign_id = ${id} and s.respondent_code in ('8000001', '8000002')`,
    );
    expect(history[0]).toEqual({ n: 4, channels: ['prefill'] });
    const counts = (await w.submissionsOf(id)).filter((r) => r.respondent_code.startsWith('8'));
    expect(counts.map((r) => r.value_count)).toEqual([3, 1]);
  });

  it('a provider’s capacity is the sum over its services in the campaign’s scope', async () => {
    const db = ctx.app.db;
    const provider = (
      await queryRows<{ id: string }>(
        db,
        sql`insert into providers (ico, name) values ('27074358', 'Prefill s.r.o.') returning id`,
      )
    )[0]!.id;
    for (const [identifier, count, type] of [
      ['8100001', 10, '49'],
      ['8100002', 7, '49'],
      ['8100003', 100, '39'],
    ] as const) {
      const s = await createService(db, {
        providerId: provider,
        identifier,
        typeCode: type,
        forms: [{ form: 'pob', capacities: [{ unit: 'luzka', count }] }],
      });
      await createFacility(db, s, { municipalityCode: w.codeB });
    }
    const form = await createFormVersion(db, {
      respondentKind: 'provider',
      definition: PREFILL_DEFINITION,
    });
    const id = await w.open({
      formVersionId: form.formVersionId,
      serviceTypes: ['49'],
      orpIds: [w.orp2],
    });
    const [row] = await queryRows<{ value: unknown }>(
      db,
      sql`select v.value from submission_values v join submissions s on s.id = v.submission_id
        where s.campaign_id = ${id} and s.provider_id = ${provider} and v.field = 'capacity'`,
    );
    expect(row?.value).toBe(17);
  });
});

describe('who sees campaigns', () => {
  it('scoped readers see opened campaigns reaching them, with counts of their own', async () => {
    const { formVersionId } = await createFormVersion(ctx.app.db);
    const open = await w.open({ formVersionId, orpIds: [w.orp2], year: 2031 });
    const draft = (await w.post({ formVersionId, year: 2032 })).json().id;
    const inB = authHeader(await w.token('municipality', false));
    const inA = authHeader(await w.token('municipality', true));
    expect((await get(`/api/campaigns/${open}`, inB)).json()).toMatchObject({
      counts: { expected: 1 },
    });
    expect((await get(`/api/campaigns/${open}`, inA)).statusCode).toBe(404);
    expect((await get(`/api/campaigns/${draft}`, inB)).statusCode).toBe(404);
    const list = (await get('/api/campaigns?limit=500', inB)).json();
    const ids = list.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(open);
    expect(ids).not.toContain(draft);
    const analyst = authHeader(await w.token('analyst'));
    expect((await get(`/api/campaigns/${draft}`, analyst)).statusCode).toBe(200);
  });
});
