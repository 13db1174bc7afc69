import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapacityAnalysis, CapacityCell } from '@socplan/contracts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import { createAnalysisWorld, type AnalysisWorld } from './analysis.test-support.ts';

/**
 * Targets per 1,000 of an age group (decision 0602), on the analysis world
 * (analysis.test-support.ts) with this population breakdown (codelist age_group):
 *
 * | municipality | 8 (65–79) | 9 (80+) |
 * |--------------|----------:|--------:|
 * | A1 (ORP A)   |       900 |     300 |
 * | A2 (ORP A)   |       600 |     200 |
 * | B1 (ORP B)   |     3,000 |       – |  (loaded later in the last test: 1,000)
 *
 * Targets: 49/pob/beds 50 per 1,000 of '8+9' (65 and over); 49/all forms/clients 5 per 1,000 of '8'.
 */
let ctx: TestContext;
let world: AnalysisWorld;
let staff: { authorization: string };
let admin: { authorization: string };

const codeOf = async (id: string) => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/territorial-units/${id}`,
    headers: admin,
  });
  return (res.json() as { code: string }).code;
};
const loadBreakdown = async (csv: string) => {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/territorial-units/population-by-age?populationDate=2025-01-01',
    headers: { ...admin, 'content-type': 'text/csv' },
    payload: csv,
  });
  expect(res.statusCode, res.body).toBe(200);
};

beforeAll(async () => {
  ctx = await createTestApp();
  world = await createAnalysisWorld(ctx.app.db);
  staff = auth(ctx, 'region_staff');
  admin = auth(ctx, 'region_admin');
  for (const payload of [
    { typeCode: '49', formCode: 'pob', unit: 'luzka', perThousand: 50, populationBase: '8+9' },
    { typeCode: '49', unit: 'klient', perThousand: 5, populationBase: '8' },
  ]) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/capacity-targets',
      headers: staff,
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const [a1, a2, b1] = [await codeOf(world.a1), await codeOf(world.a2), await codeOf(world.b1)];
  await loadBreakdown(
    `code;ageGroup;population\n${a1};8;900\n${a1};9;300\n${a2};8;600\n${a2};9;200\n${b1};8;3000\n`,
  );
});
afterAll(() => ctx.close());

const capacity = async (query: string) => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/analysis/capacity?${query}`,
    headers: staff,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CapacityAnalysis>();
};
const cell = (doc: CapacityAnalysis, unitId: string, form: string, unit: string) =>
  doc.cells.find(
    (c) => c.unitId === unitId && c.typeCode === '49' && c.form === form && c.unit === unit,
  ) as CapacityCell;

describe('capacity against a target per 1,000 of an age group', () => {
  it('divides by the age groups of the ORP’s municipalities, and prices the gap', async () => {
    const doc = await capacity('asOf=2025-06-01');
    // ORP A: 55 beds; 65+ = 900 + 300 + 600 + 200 = 2,000 → 27.5 per 1,000; 50 per 1,000
    // wants 100 → 45 missing × 612,345.67 CZK = 27,555,555.15 CZK.
    expect(cell(doc, world.orpA, 'pob', 'luzka')).toMatchObject({
      capacity: 55,
      population: 10_000,
      perThousand: 5.5, // per 1,000 of all inhabitants, as before
      target: { perThousand: 50, populationBase: '8+9' },
      basePopulation: 2_000,
      basePerThousand: 27.5,
      gapUnits: 45,
      gapMoney: '27555555.15',
      gapReason: null,
    });
    // ORP A has no clients: 5 per 1,000 of group 8 (1,500) wants 7.5.
    expect(cell(doc, world.orpA, '', 'klient')).toMatchObject({
      capacity: 0,
      basePopulation: 1_500,
      basePerThousand: 0,
      gapUnits: 7.5,
    });
    // ORP B: 10 clients per 3,000 in group 8 = 3.333; 15 wanted → 5 missing. Region: 10 per 4,500.
    expect(cell(doc, world.orpB, '', 'klient')).toMatchObject({
      basePopulation: 3_000,
      basePerThousand: 3.333,
      regionBasePerThousand: 2.222,
      gapUnits: 5,
      gapReason: null,
    });
    expect(doc.totals.gapMoney).toBe('27555555.15');
  });

  it('gives no gap where a municipality lacks a group, never one computed on the total', async () => {
    const doc = await capacity('asOf=2025-06-01');
    // B1 has no figure for 80+: ORP B's base '8+9' is unknown, and so is the region's.
    expect(cell(doc, world.orpB, 'pob', 'luzka')).toMatchObject({
      capacity: 15,
      perThousand: 0.75,
      target: { perThousand: 50, populationBase: '8+9' },
      basePopulation: null,
      basePerThousand: null,
      regionBasePerThousand: null,
      gapUnits: null,
      gapMoney: null,
      gapReason: 'no_population_breakdown',
    });
    expect(cell(doc, world.orpA, 'pob', 'luzka').regionBasePerThousand).toBeNull();
  });

  it('drills down to municipalities with their own figures', async () => {
    const a = await capacity('asOf=2025-06-01&orpId=' + world.orpA);
    // A1: 40 beds per 1,200 → 33.333; 60 wanted → 20 missing. A2: 15 per 800 → 18.75; 40 → 25.
    expect(cell(a, world.a1, 'pob', 'luzka')).toMatchObject({
      basePopulation: 1_200,
      basePerThousand: 33.333,
      gapUnits: 20,
    });
    expect(cell(a, world.a2, 'pob', 'luzka')).toMatchObject({
      basePopulation: 800,
      basePerThousand: 18.75,
      gapUnits: 25,
    });
    const b = await capacity('asOf=2025-06-01&orpId=' + world.orpB);
    expect(cell(b, world.b1, 'pob', 'luzka')).toMatchObject({
      gapUnits: null,
      gapReason: 'no_population_breakdown',
    });
  });

  it('computes the gap once the missing figures are loaded', async () => {
    await loadBreakdown(`code;ageGroup;population\n${await codeOf(world.b1)};9;1000\n`);
    const doc = await capacity('asOf=2025-06-01');
    // ORP B: 15 beds per 4,000 → 3.75; 200 wanted → 185 missing. Region: 70 per 6,000.
    expect(cell(doc, world.orpB, 'pob', 'luzka')).toMatchObject({
      basePopulation: 4_000,
      basePerThousand: 3.75,
      regionBasePerThousand: 11.667,
      gapUnits: 185,
      gapReason: null,
    });
  });

  it('takes a base of several age groups joined by +, each one known', async () => {
    const post = (populationBase: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/capacity-targets',
        headers: staff,
        payload: { typeCode: '50', unit: 'luzka', perThousand: 1, populationBase },
      });
    for (const bad of ['8+99', '8+8', 'total+8'])
      expect((await post(bad)).json()).toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ pointer: '/populationBase' })],
      });
    expect((await post('7+8+9')).statusCode).toBe(201);
  });
});
