import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Budget,
  BudgetYear,
  EntryFinancing,
  FinancingKey,
  Problem,
  ReferenceValue,
  WhatIfBudget,
} from '@socplan/contracts';
import { auditLog, networkEntries, networkPeriods } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  seedNetworkWorld,
  type NetworkWorld,
} from '../basic-network/basic-network.test-support.ts';
import { auth } from '../territory/territory.test-support.ts';
import { parseMoney } from './money.ts';

/**
 * The world (basic-network test support): homeP (§49, ORP A, serving a1 = 1 000 and a2 = 3 000
 * inhabitants), fieldP (§40, serving ORP B: b1 = 2 000, b2 = unknown), counselQ (§37, no
 * territory, facility in b1). Period 2024–2026; all three approved. Parameters for 2025:
 * 49/pob 612 345.67 per bed, 62.50 % own revenues; 40/ter 700 000.00 per FTE, 10.00 %;
 * nothing for 37/amb. Key 2024–2026: 55 / 30 / 15.
 */
let ctx: TestContext;
let world: NetworkWorld;
let staff: Headers;
let periodId: string;
const entry: Record<'homeP' | 'fieldP' | 'counselQ' | 'requested', string> = {} as never;

type Headers = Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp();
  world = await seedNetworkWorld(ctx.app.db);
  staff = auth(ctx, 'region_staff');
  const db = ctx.app.db;
  const [period] = await db
    .insert(networkPeriods)
    .values({ name: 'SPRSS 2024–2026', yearFrom: 2024, yearTo: 2026 })
    .returning();
  periodId = period!.id;
  const beds = [{ form: 'pob', unit: 'luzka', count: 40 }];
  const rows = await db
    .insert(networkEntries)
    .values([
      {
        periodId,
        serviceId: world.homeP,
        status: 'approved',
        capacities: beds,
        fte: '21.50',
        entrustment: { number: 'P-1', validFrom: '2024-01-01', validTo: null, capacities: beds },
      },
      {
        periodId,
        serviceId: world.fieldP,
        status: 'changed',
        capacities: [{ form: 'ter', unit: 'klient', count: 60 }],
        fte: '2.00',
        // Entrusted for 2024–2025 only: not financed in 2026.
        entrustment: {
          number: 'P-2',
          validFrom: '2024-01-01',
          validTo: '2025-12-31',
          capacities: [{ form: 'ter', unit: 'klient', count: 60 }],
        },
      },
      {
        periodId,
        serviceId: world.counselQ,
        status: 'approved',
        capacities: [{ form: 'amb', unit: 'kontakt', count: 500 }],
        fte: '1.00',
      },
    ])
    .returning({ id: networkEntries.id, serviceId: networkEntries.serviceId });
  entry.homeP = rows.find((r) => r.serviceId === world.homeP)!.id;
  entry.fieldP = rows.find((r) => r.serviceId === world.fieldP)!.id;
  entry.counselQ = rows.find((r) => r.serviceId === world.counselQ)!.id;

  // A request in another period is only ever a preview.
  const [later] = await db
    .insert(networkPeriods)
    .values({ name: 'SPRSS 2027–2029', yearFrom: 2027, yearTo: 2029 })
    .returning();
  const [requested] = await db
    .insert(networkEntries)
    .values({ periodId: later!.id, serviceId: world.homeP, capacities: beds })
    .returning();
  entry.requested = requested!.id;

  for (const payload of [
    {
      year: 2025,
      typeCode: '49',
      formCode: 'pob',
      unitBasis: 'bed',
      costPerUnit: '612345.67',
      ownRevenueShare: '62.5',
    },
    {
      year: 2025,
      typeCode: '40',
      formCode: 'ter',
      unitBasis: 'fte',
      costPerUnit: '700000',
      ownRevenueShare: '10',
    },
  ])
    expect((await post('/api/financing/reference-values', payload)).statusCode).toBe(201);
  const key = await post('/api/financing/keys', {
    yearFrom: 2024,
    yearTo: 2026,
    stateShare: '55',
    regionShare: '30.00',
    municipalShare: '15',
  });
  expect(key.statusCode, key.body).toBe(201);
});
afterAll(() => ctx.close());

const post = (url: string, payload: object, headers: Headers = staff) =>
  ctx.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Headers = staff) =>
  ctx.app.inject({ method: 'GET', url, headers });
const pointers = (res: { json(): unknown }) =>
  (res.json() as Problem).errors?.map((e) => e.pointer);

async function budgetFor(query: string, headers: Headers = staff): Promise<Budget> {
  const res = await get(`/api/financing/budget?${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Budget;
}

describe('reference values', () => {
  const URL = '/api/financing/reference-values';

  it('stores money exactly and shows it with two decimals', async () => {
    const res = await post(URL, {
      year: 2030,
      typeCode: '39',
      formCode: 'ter',
      unitBasis: 'fte',
      costPerUnit: '650000.1',
      ownRevenueShare: '7.5',
    });
    expect(res.statusCode, res.body).toBe(201);
    const value = res.json() as ReferenceValue;
    expect(value).toMatchObject({ costPerUnit: '650000.10', ownRevenueShare: '7.50', version: 1 });
    expect(res.headers.location).toBe(`${URL}/${value.id}`);
    expect(res.headers.etag).toBe('"1"');
    const list = (await get(`${URL}?year=2030`)).json() as {
      items: ReferenceValue[];
      total: number;
    };
    expect(list.items.map((v) => v.id)).toEqual([value.id]);
  });

  it.each([
    ['a third decimal', { costPerUnit: '1.001' }, '/costPerUnit'],
    ['a number instead of text', { costPerUnit: 1000 }, '/costPerUnit'],
    ['a share above 100 %', { ownRevenueShare: '100.01' }, '/ownRevenueShare'],
    ['an unknown unit basis', { unitBasis: 'client' }, '/unitBasis'],
    ['an unknown field', { colour: 'red' }, '/colour'],
  ])('refuses %s with 400 naming the field', async (_what, change, pointer) => {
    const res = await post(URL, {
      year: 2031,
      typeCode: '39',
      formCode: 'ter',
      unitBasis: 'fte',
      costPerUnit: '1000',
      ownRevenueShare: '5',
      ...change,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(pointers(res)).toContain(pointer);
  });

  it('refuses a second value for one year, type and form (409)', async () => {
    const res = await post(URL, {
      year: 2025,
      typeCode: '49',
      formCode: 'pob',
      unitBasis: 'bed',
      costPerUnit: '1',
      ownRevenueShare: '0',
    });
    expect(res.statusCode).toBe(409);
    expect(pointers(res)).toEqual(['/year', '/typeCode', '/formCode']);
  });

  it('updates and deletes with If-Match (428, 412), leaving audit rows', async () => {
    const created = (
      await post(URL, {
        year: 2032,
        typeCode: '37',
        formCode: 'amb',
        unitBasis: 'fte',
        costPerUnit: '1',
        ownRevenueShare: '0',
      })
    ).json() as ReferenceValue;
    const patch = (headers: Headers, payload: object = { costPerUnit: '2.50' }) =>
      ctx.app.inject({ method: 'PATCH', url: `${URL}/${created.id}`, headers, payload });
    expect((await patch(staff)).statusCode).toBe(428);
    expect((await patch({ ...staff, 'if-match': '"5"' })).statusCode).toBe(412);
    const ok = await patch({ ...staff, 'if-match': '"1"' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ costPerUnit: '2.50', version: 2 });
    expect(ok.headers.etag).toBe('"2"');
    const del = (headers: Headers) =>
      ctx.app.inject({ method: 'DELETE', url: `${URL}/${created.id}`, headers });
    expect((await del({ ...staff, 'if-match': '"1"' })).statusCode).toBe(412);
    expect((await del({ ...staff, 'if-match': '"2"' })).statusCode).toBe(204);
    const audit = await ctx.app.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('is read by analysts but written only by region staff; 401 anonymous', async () => {
    const analyst = auth(ctx, 'analyst');
    expect((await get(URL, analyst)).statusCode).toBe(200);
    const body = {
      year: 2033,
      typeCode: '37',
      formCode: 'amb',
      unitBasis: 'fte',
      costPerUnit: '1',
      ownRevenueShare: '0',
    };
    expect((await post(URL, body, analyst)).statusCode).toBe(403);
    const provider = auth(ctx, 'provider', null, world.providerP);
    expect((await get(URL, provider)).statusCode).toBe(403);
    expect((await post(URL, body, provider)).statusCode).toBe(403);
    expect((await get(URL, {})).statusCode).toBe(401);
  });
});

describe('financing keys', () => {
  const URL = '/api/financing/keys';

  it('refuses shares that do not sum to 100, naming all three', async () => {
    const res = await post(URL, {
      yearFrom: 2040,
      stateShare: '50',
      regionShare: '30',
      municipalShare: '19.99',
    });
    expect(res.statusCode).toBe(400);
    const problem = res.json() as Problem;
    expect(pointers(res)).toEqual(['/stateShare', '/regionShare', '/municipalShare']);
    expect(problem.detail).toMatch(/sum to 100\.00 \(these sum to 99\.99\)/);
  });

  it('refuses overlapping years (409) and years out of order (400)', async () => {
    const overlap = await post(URL, {
      yearFrom: 2026,
      yearTo: 2027,
      stateShare: '100',
      regionShare: '0',
      municipalShare: '0',
    });
    expect(overlap.statusCode).toBe(409);
    const backwards = await post(URL, {
      yearFrom: 2041,
      yearTo: 2040,
      stateShare: '100',
      regionShare: '0',
      municipalShare: '0',
    });
    expect(backwards.statusCode).toBe(400);
    expect(pointers(backwards)).toEqual(['/yearTo']);
  });

  it('creates an open-ended key and updates it with If-Match, checking the merged shares', async () => {
    const res = await post(URL, {
      yearFrom: 2050,
      yearTo: null,
      stateShare: '33.33',
      regionShare: '33.33',
      municipalShare: '33.34',
    });
    expect(res.statusCode, res.body).toBe(201);
    const key = res.json() as FinancingKey;
    expect(key).toMatchObject({ yearTo: null, stateShare: '33.33', municipalSplit: 'population' });
    const patch = (payload: object, version: number) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `${URL}/${key.id}`,
        headers: { ...staff, 'if-match': `"${version}"` },
        payload,
      });
    // Changing one share alone breaks the sum: 400 naming the shares.
    const bad = await patch({ stateShare: '40' }, 1);
    expect(bad.statusCode).toBe(400);
    expect(pointers(bad)).toContain('/stateShare');
    const ok = await patch({ stateShare: '40', regionShare: '26.66' }, 1);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      stateShare: '40.00',
      regionShare: '26.66',
      municipalShare: '33.34',
      version: 2,
    });
    const list = (await get(`${URL}?year=2099`)).json() as { items: FinancingKey[] };
    expect(list.items.map((k) => k.id)).toEqual([key.id]);
  });
});

describe('GET /api/financing/entries/:entryId', () => {
  it('computes the home for the elderly in 2025 (worked example)', async () => {
    const res = await get(`/api/financing/entries/${entry.homeP}?year=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as EntryFinancing;
    expect(result).toMatchObject({
      entryId: entry.homeP,
      status: 'approved',
      serviceName: 'Domov P',
    });
    const [y] = result.years;
    // 40 beds × 612 345.67 = 24 493 826.80; × 62.50 % = 15 308 641.75; payment 9 185 185.05
    expect(y).toMatchObject({
      year: 2025,
      financed: true,
      typeCode: '49',
      costs: '24493826.80',
      revenues: '15308641.75',
      compensation: '9185185.05',
      forms: [
        {
          form: 'pob',
          unitBasis: 'bed',
          units: '40.00',
          costPerUnit: '612345.67',
          ownRevenueShare: '62.50',
          compensation: '9185185.05',
        },
      ],
      // 918 518 505 h / 40 beds = 22 962 962.625 → 22 962 963 h
      perEntrustedUnit: [{ form: 'pob', unit: 'luzka', count: 40, amount: '229629.63' }],
      key: { stateShare: '55.00', regionShare: '30.00', municipalShare: '15.00' },
      // 55 % = 505 185 177.75, 30 % = 275 555 551.5, 15 % = 137 777 775.75; the 2 h left over
      // go to the .75s (state, then municipalities).
      split: {
        state: '5051851.78',
        region: '2755555.51',
        municipalities: '1377777.76',
        unassigned: '0.00',
      },
      issues: [],
    });
    // 137 777 776 h among a1 (1 000) and a2 (3 000): exactly 34 444 444 and 103 333 332.
    const byId = new Map(y!.municipalities.map((m) => [m.municipalityId, m]));
    expect(byId.get(world.a1.id)).toMatchObject({
      amount: '344444.44',
      population: 1000,
      orpId: world.orpA.id,
    });
    expect(byId.get(world.a2.id)).toMatchObject({ amount: '1033333.32', population: 3000 });
  });

  it('computes every year of the period without ?year, saying what is missing', async () => {
    const result = (await get(`/api/financing/entries/${entry.homeP}`)).json() as EntryFinancing;
    expect(result.years.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(result.years[0]!.issues.map((i) => i.code)).toEqual(['missing-reference-value']);
    expect(result.years[0]!.compensation).toBe('0.00');
  });

  it('previews a requested entry without financing it', async () => {
    const result = (
      await get(`/api/financing/entries/${entry.requested}`)
    ).json() as EntryFinancing;
    expect(result.years.map((y) => [y.year, y.financed])).toEqual([
      [2027, false],
      [2028, false],
      [2029, false],
    ]);
    expect(result.years[0]!.issues.map((i) => i.code)).toContain('not-in-network');
  });

  it('answers 400 for a year outside the period, 404 for an unknown entry, 403 to a provider', async () => {
    const res = await get(`/api/financing/entries/${entry.homeP}?year=2030`);
    expect(res.statusCode).toBe(400);
    expect((res.json() as Problem).errors).toEqual([
      { in: 'query', pointer: '/year', detail: expect.stringMatching(/2024–2026/) },
    ]);
    expect(
      (await get('/api/financing/entries/00000000-0000-4000-8000-00000000beef')).statusCode,
    ).toBe(404);
    const provider = auth(ctx, 'provider', null, world.providerP);
    expect((await get(`/api/financing/entries/${entry.homeP}`, provider)).statusCode).toBe(403);
    expect(
      (await get(`/api/financing/entries/${entry.homeP}`, auth(ctx, 'analyst'))).statusCode,
    ).toBe(200);
  });
});

describe('the budget', () => {
  it('adds up 2025 by service type, ORP and source (hand-computed)', async () => {
    const { years } = await budgetFor('year=2025');
    const [y] = years as [BudgetYear];
    // homeP 9 185 185.05 + fieldP (2 FTE × 700 000 = 1 400 000, −10 % = 1 260 000.00) + counselQ 0
    expect(y.entries).toBe(3);
    expect(y.totals).toEqual({
      costs: '25893826.80',
      revenues: '15448641.75',
      compensation: '10445185.05',
      state: '5744851.78', // 5 051 851.78 + 693 000.00
      region: '3133555.51', // 2 755 555.51 + 378 000.00
      municipalities: '1566777.76', // 1 377 777.76 + 189 000.00
      unassigned: '0.00',
    });
    expect(y.byServiceType.map((t) => [t.typeCode, t.entries, t.compensation])).toEqual([
      ['37', 1, '0.00'],
      ['40', 1, '1260000.00'],
      ['49', 1, '9185185.05'],
    ]);
    const orps = new Map(y.byOrp.map((o) => [o.orpId, o]));
    expect(orps.get(world.orpA.id)).toMatchObject({
      orpName: 'ORP A',
      compensation: '9185185.05',
      municipalities: '1377777.76',
    });
    expect(orps.get(world.orpB.id)).toMatchObject({
      orpName: 'ORP B',
      compensation: '1260000.00',
      municipalities: '189000.00',
    });
    expect(y.byOrp.map((o) => o.orpCode)).toEqual([world.orpA.code, world.orpB.code].sort());
    expect(y.bySource).toEqual([
      { source: 'state', amount: '5744851.78' },
      { source: 'region', amount: '3133555.51' },
      { source: 'municipalities', amount: '1566777.76' },
      { source: 'unassigned', amount: '0.00' },
    ]);
    expect(y.issues).toEqual([
      expect.objectContaining({
        entryId: entry.counselQ,
        code: 'missing-reference-value',
        form: 'amb',
      }),
    ]);
  });

  it('equals the sum of the per-entry results, part by part', async () => {
    const [y] = (await budgetFor(`year=2025&periodId=${periodId}`)).years as [BudgetYear];
    const sums = { costs: 0, revenues: 0, compensation: 0, state: 0, region: 0, municipalities: 0 };
    for (const id of [entry.homeP, entry.fieldP, entry.counselQ]) {
      const [e] = ((await get(`/api/financing/entries/${id}?year=2025`)).json() as EntryFinancing)
        .years;
      sums.costs += parseMoney(e!.costs)!;
      sums.revenues += parseMoney(e!.revenues)!;
      sums.compensation += parseMoney(e!.compensation)!;
      for (const part of ['state', 'region', 'municipalities'] as const)
        sums[part] += parseMoney(e!.split[part])!;
      // Within an entry too: the municipalities' shares sum to the municipal part.
      const municipal = e!.municipalities.reduce((a, m) => a + parseMoney(m.amount)!, 0);
      expect(municipal).toBe(parseMoney(e!.split.municipalities));
    }
    for (const [k, v] of Object.entries(sums))
      expect(parseMoney(y.totals[k as keyof typeof y.totals]), k).toBe(v);
    // Rows sum to the totals whichever way the budget is cut.
    for (const rows of [y.byServiceType, y.byOrp])
      expect(rows.reduce((a, r) => a + parseMoney(r.compensation)!, 0)).toBe(sums.compensation);
  });

  it('covers every year of a period, listing entries the year does not finance', async () => {
    const { years } = await budgetFor(`periodId=${periodId}`);
    expect(years.map((y) => [y.year, y.entries])).toEqual([
      [2024, 3],
      [2025, 3],
      [2026, 2], // fieldP's entrustment ends with 2025
    ]);
    expect(years[2]!.issues.map((i) => [i.entryId, i.code])).toContainEqual([
      entry.fieldP,
      'entrustment-outside-year',
    ]);
  });

  it('answers 400 without a year or period, and 403 to providers and coordinators', async () => {
    const res = await get('/api/financing/budget');
    expect(res.statusCode).toBe(400);
    expect((res.json() as Problem).errors?.[0]).toMatchObject({ in: 'query', pointer: '/year' });
    expect(
      (await get(`/api/financing/budget?year=2025`, auth(ctx, 'provider', null, world.providerP)))
        .statusCode,
    ).toBe(403);
    expect(
      (await get(`/api/financing/budget?year=2025`, auth(ctx, 'coordinator', world.orpA.id)))
        .statusCode,
    ).toBe(403);
    expect((await get(`/api/financing/budget?year=2025`, {})).statusCode).toBe(401);
  });
});

describe('what if', () => {
  const URL = '/api/financing/budget/what-if';

  it('shows the effect of a higher reference value without saving it', async () => {
    const res = await post(URL, {
      year: 2025,
      referenceValues: [{ typeCode: '49', formCode: 'pob', costPerUnit: '700000' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as WhatIfBudget;
    // 40 × 700 000 = 28 000 000.00; −62.50 % = 10 500 000.00; was 9 185 185.05
    const [diff] = result.difference.years;
    expect(diff!.totals.compensation).toBe('1314814.95');
    expect(diff!.totals.costs).toBe('3506173.20');
    expect(diff!.byServiceType.find((t) => t.typeCode === '49')!.compensation).toBe('1314814.95');
    expect(diff!.byServiceType.find((t) => t.typeCode === '40')!.compensation).toBe('0.00');
    expect(result.years[0]!.totals.compensation).toBe('11760000.00'); // 10 500 000 + 1 260 000
    // Parts of the difference add up like the budget's.
    const parts = diff!.bySource.reduce((a, s) => a + parseMoney(s.amount)!, 0);
    expect(parts).toBe(parseMoney(diff!.totals.compensation));
    // Nothing was saved.
    const saved = (await get('/api/financing/reference-values?year=2025&typeCode=49')).json() as {
      items: ReferenceValue[];
    };
    expect(saved.items[0]!.costPerUnit).toBe('612345.67');
    const [again] = (await budgetFor('year=2025')).years;
    expect(again!.totals.compensation).toBe('10445185.05');
  });

  it('moves money between sources with another key, the total unchanged', async () => {
    const res = await post(URL, {
      year: 2025,
      key: { stateShare: '100', regionShare: '0', municipalShare: '0' },
    });
    const result = res.json() as WhatIfBudget;
    const [diff] = result.difference.years;
    expect(diff!.totals.compensation).toBe('0.00');
    expect(diff!.totals.state).toBe('4700333.27'); // 10 445 185.05 − 5 744 851.78
    expect(diff!.totals.region).toBe('-3133555.51');
    expect(diff!.totals.municipalities).toBe('-1566777.76');
    expect(result.years[0]!.key).toMatchObject({ id: null, stateShare: '100.00' });
  });

  it('adds a reference value that is missing (counselling) and shows what it brings', async () => {
    const res = await post(URL, {
      year: 2025,
      referenceValues: [
        {
          typeCode: '37',
          formCode: 'amb',
          unitBasis: 'fte',
          costPerUnit: '600000',
          ownRevenueShare: '0',
        },
      ],
    });
    const [diff] = (res.json() as WhatIfBudget).difference.years;
    expect(diff!.totals.compensation).toBe('600000.00'); // 1 FTE × 600 000
    expect((res.json() as WhatIfBudget).years[0]!.issues).toEqual([]);
  });

  it('refuses incomplete overrides and bad keys, naming the fields', async () => {
    const incomplete = await post(URL, {
      year: 2025,
      referenceValues: [{ typeCode: '37', formCode: 'amb', costPerUnit: '1' }],
    });
    expect(incomplete.statusCode).toBe(400);
    expect(pointers(incomplete)).toEqual([
      '/referenceValues/0/unitBasis',
      '/referenceValues/0/ownRevenueShare',
    ]);
    const badKey = await post(URL, {
      year: 2025,
      key: { stateShare: '50', regionShare: '40', municipalShare: '0' },
    });
    expect(badKey.statusCode).toBe(400);
    expect(pointers(badKey)).toEqual([
      '/key/stateShare',
      '/key/regionShare',
      '/key/municipalShare',
    ]);
    const numeric = await post(URL, {
      year: 2025,
      key: { stateShare: 100, regionShare: '0', municipalShare: '0' },
    });
    expect(numeric.statusCode).toBe(400);
    expect(pointers(numeric)).toEqual(['/key/stateShare']);
    const wrongYear = await post(URL, {
      periodId,
      referenceValues: [{ year: 2030, typeCode: '49', formCode: 'pob', costPerUnit: '1' }],
    });
    expect(wrongYear.statusCode).toBe(400);
    expect(pointers(wrongYear)).toContain('/referenceValues/0/year');
  });

  it('is open to analysts (read-only computation) and closed to providers', async () => {
    expect((await post(URL, { year: 2025 }, auth(ctx, 'analyst'))).statusCode).toBe(200);
    expect(
      (await post(URL, { year: 2025 }, auth(ctx, 'provider', null, world.providerQ))).statusCode,
    ).toBe(403);
  });
});
