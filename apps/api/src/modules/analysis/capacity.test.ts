import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CapacityAnalysis,
  CapacityCell,
  CapacityServiceList,
  CapacityTarget,
} from '@socplan/contracts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { createAnalysisWorld, type AnalysisWorld } from './analysis.test-support.ts';
import { capacityNetwork } from './capacity.service.ts';

let ctx: TestContext;
let world: AnalysisWorld;
let staff: { authorization: string };

beforeAll(async () => {
  ctx = await createTestApp();
  world = await createAnalysisWorld(ctx.app.db);
  staff = auth(ctx, 'region_staff');
  // 4 beds per 1,000 (home care, residential) and 1 client per 1,000 of any form.
  for (const payload of [
    { typeCode: '49', formCode: 'pob', unit: 'luzka', perThousand: 4 },
    { typeCode: '49', unit: 'klient', perThousand: 1 },
  ]) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/capacity-targets',
      headers: staff,
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => ctx.close());

const capacity = async (query: string, headers = staff) => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/analysis/capacity?${query}`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CapacityAnalysis>();
};
const cell = (
  doc: CapacityAnalysis,
  unitId: string,
  form: string,
  unit: string,
): CapacityCell | undefined =>
  doc.cells.find(
    (c) => c.unitId === unitId && c.typeCode === '49' && c.form === form && c.unit === unit,
  );

describe('capacity per 1,000 inhabitants by ORP', () => {
  it('sums the network of the day per ORP, splits a service over its facilities and compares with the region and the target', async () => {
    const doc = await capacity('asOf=2025-06-01');
    expect(doc.level).toBe('orp');
    expect(doc.referenceYear).toBe(2025);
    // ORP A: 40 beds (A1) + 15 (half of the split home) = 55 per 10,000 → 5.5 per 1,000.
    expect(cell(doc, world.orpA, 'pob', 'luzka')).toMatchObject({
      capacity: 55,
      services: 2,
      population: 10_000,
      perThousand: 5.5,
      // region: 70 beds per 30,000 = 2.333
      regionPerThousand: 2.333,
      target: { perThousand: 4, populationBase: 'total' },
      gapUnits: 0, // 40 needed, 55 there
      costPerUnit: '612345.67',
      gapMoney: '0.00',
    });
    // ORP B: 15 beds per 20,000 = 0.75; 80 needed → 65 missing × 612,345.67 = 39,802,468.55 CZK.
    expect(cell(doc, world.orpB, 'pob', 'luzka')).toMatchObject({
      capacity: 15,
      services: 1,
      perThousand: 0.75,
      gapUnits: 65,
      gapMoney: '39802468.55',
    });
    // The field service serves ORP B: 10 clients, 0.5 per 1,000; the all-forms target of
    // 1 per 1,000 wants 20 → 10 missing, not priced (clients are not beds, no single form).
    expect(cell(doc, world.orpB, 'ter', 'klient')).toMatchObject({
      capacity: 10,
      perThousand: 0.5,
      target: null,
    });
    expect(cell(doc, world.orpB, '', 'klient')).toMatchObject({
      capacity: 10,
      gapUnits: 10,
      gapMoney: null,
      regionPerThousand: 0.333,
    });
    // ORP A has no clients at all: its cell is there with the whole target missing.
    expect(cell(doc, world.orpA, '', 'klient')).toMatchObject({
      capacity: 0,
      services: 0,
      perThousand: 0,
      gapUnits: 10,
    });
    expect(doc.region).toContainEqual({
      typeCode: '49',
      form: 'pob',
      unit: 'luzka',
      capacity: 70,
      population: 30_000,
      perThousand: 2.333,
    });
    expect(doc.totals.gapMoney).toBe('39802468.55');
    expect(doc.unplacedServices).toBe(1); // the region-wide line without a facility
  });

  it('shows a target and a reference value changed by another process on a later request', async () => {
    await capacity('asOf=2025-06-01');
    // Straight in the database, as another API process would: only the triggers can tell.
    await ctx.app.db.execute(
      sql`update capacity_targets set per_thousand = 3 where type_code = '49' and form_code = 'pob'`,
    );
    await ctx.app.db.execute(
      sql`update reference_values set cost_per_unit_haler = 50000000 where year = 2025 and type_code = '49'`,
    );
    const bOf = async () => cell(await capacity('asOf=2025-06-01'), world.orpB, 'pob', 'luzka');
    const changed = async () => (await bOf())?.costPerUnit === '500000.00';
    for (let i = 0; i < 100 && !(await changed()); i++) await new Promise((r) => setTimeout(r, 20));
    // ORP B: 60 beds wanted at 3 per 1,000, 15 there → 45 missing × 500,000 CZK.
    expect(await bOf()).toMatchObject({
      target: { perThousand: 3 },
      gapUnits: 45,
      costPerUnit: '500000.00',
      gapMoney: '22500000.00',
    });
    await ctx.app.db.execute(
      sql`update capacity_targets set per_thousand = 4 where type_code = '49' and form_code = 'pob'`,
    );
    await ctx.app.db.execute(
      sql`update reference_values set cost_per_unit_haler = 61234567 where year = 2025 and type_code = '49'`,
    );
    for (let i = 0; i < 100 && (await changed()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await bOf()).toMatchObject({ gapUnits: 65, gapMoney: '39802468.55' });
  });

  it("keeps a day's attribution for the analyses and drops it when the network changes", async () => {
    // The service itself, without the routes' answer cache: only the kept attribution is reused.
    const principal: AuthPrincipal = {
      id: '00000000-0000-0000-0000-000000000001',
      kind: 'user',
      name: 'Analytik',
      email: null,
      roles: [{ role: 'region_staff', territorialUnitId: null, providerId: null }],
    };
    const bedsIn = async (orp: string) =>
      (await capacityNetwork(ctx.app.db, principal, { asOf: '2025-06-01' })).cells.find(
        (c) => c.unitId === orp && c.form === 'pob' && c.unit === 'luzka',
      )?.capacity;
    expect(await bedsIn(world.orpA)).toBe(55);
    const kept = async () =>
      (
        (await ctx.app.db.execute(
          sql`select count(*)::int as n from capacity_attribution where day = '2025-06-01'`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]!.n;
    expect(await kept()).toBeGreaterThan(0);
    // The home in A1 moves to B1, straight in the database: the kept day is stale at once.
    const move = (service: string, from: string, to: string) =>
      ctx.app.db.execute(sql`update facilities set municipality_code =
          (select code from territorial_units where id = ${to}::uuid)
        where service_id = ${service}::uuid
          and municipality_code = (select code from territorial_units where id = ${from}::uuid)`);
    await move(world.services.home, world.a1, world.b1);
    expect(await bedsIn(world.orpA)).toBe(15);
    expect(await bedsIn(world.orpB)).toBe(55);
    await move(world.services.home, world.b1, world.a1);
    expect(await bedsIn(world.orpA)).toBe(55);
  });

  it('takes the network as of the day asked: the home that opens in July counts from then', async () => {
    const doc = await capacity('asOf=2025-07-01&typeCode=49&form=pob');
    expect(cell(doc, world.orpB, 'pob', 'luzka')?.capacity).toBe(65);
    expect(doc.cells.every((c) => c.form === 'pob')).toBe(true);
    const before = await capacity('asOf=2024-06-01&form=pob');
    // the ended home (100 beds in A1) was still active in 2024
    expect(cell(before, world.orpA, 'pob', 'luzka')?.capacity).toBe(155);
  });

  it('drills down into the municipalities of an ORP and lists the services behind a cell', async () => {
    const doc = await capacity(`asOf=2025-06-01&orpId=${world.orpA}`);
    expect(doc.level).toBe('municipality');
    expect(doc.orp?.id).toBe(world.orpA);
    expect(cell(doc, world.a1, 'pob', 'luzka')).toMatchObject({
      capacity: 40,
      perThousand: 6.667,
      gapUnits: 0,
    });
    // A2: 15 beds per 4,000 = 3.75; 16 needed → 1 missing bed = 612,345.67 CZK.
    expect(cell(doc, world.a2, 'pob', 'luzka')).toMatchObject({
      capacity: 15,
      perThousand: 3.75,
      gapUnits: 1,
      gapMoney: '612345.67',
    });
    expect(doc.cells.some((c) => c.unitId === world.b1)).toBe(false);

    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/analysis/capacity/services?asOf=2025-06-01&unitId=${world.a2}&form=pob&unit=luzka`,
      headers: staff,
    });
    expect(res.statusCode).toBe(200);
    const list = res.json<CapacityServiceList>();
    expect(list.items.map((s) => [s.id, s.share])).toEqual([[world.services.split, 0.5]]);
    expect(list.items[0]!.capacities).toEqual([{ form: 'pob', unit: 'luzka', count: 30 }]);
  });

  it('spreads a service serving a whole ORP over its municipalities in the drill-down only', async () => {
    const doc = await capacity(`asOf=2025-06-01&orpId=${world.orpB}`);
    // the field service serves ORP B as a whole; B1 is its only municipality
    expect(cell(doc, world.b1, 'ter', 'klient')).toMatchObject({ capacity: 10, perThousand: 0.5 });
    for (const unitId of [world.b1, world.orpB]) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/analysis/capacity/services?asOf=2025-06-01&unitId=${unitId}&form=ter`,
        headers: staff,
      });
      expect(res.json<CapacityServiceList>().items.map((s) => [s.id, s.share])).toEqual([
        [world.services.field, 1],
      ]);
    }
  });

  it('shows a coordinator only its own ORP', async () => {
    const coordinator = auth(ctx, 'coordinator', world.orpB);
    const doc = await capacity('asOf=2025-06-01', coordinator);
    expect(new Set(doc.cells.map((c) => c.unitId))).toEqual(new Set([world.orpB]));
    // the region's average is still the whole region's
    expect(cell(doc, world.orpB, 'pob', 'luzka')?.regionPerThousand).toBe(2.333);
    const other = await capacity(`asOf=2025-06-01&orpId=${world.orpA}`, coordinator);
    expect(other.cells).toEqual([]);
    const services = await ctx.app.inject({
      method: 'GET',
      url: `/api/analysis/capacity/services?asOf=2025-06-01&unitId=${world.a2}`,
      headers: coordinator,
    });
    expect(services.json<CapacityServiceList>().total).toBe(0);
  });

  it('refuses bad parameters naming the field, and callers without the permission', async () => {
    for (const [query, pointer] of [
      ['asOf=2025-13-45', '/asOf'],
      ['orpId=nope', '/orpId'],
      ['typeCode=a%20b', '/typeCode'],
    ]) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/analysis/capacity?${query}`,
        headers: staff,
      });
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json().errors)).toContain(pointer);
    }
    const unknown = await ctx.app.inject({
      method: 'GET',
      url: `/api/analysis/capacity?orpId=${world.a1}`,
      headers: staff,
    });
    expect(unknown.statusCode).toBe(404);
    const provider = await ctx.app.inject({
      method: 'GET',
      url: '/api/analysis/capacity',
      headers: auth(ctx, 'provider'),
    });
    expect(provider.statusCode).toBe(403);
  });
});

describe('capacity targets', () => {
  it('region staff create, change (If-Match) and delete targets, each leaving an audit row; codes are checked', async () => {
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/capacity-targets',
      headers: staff,
      payload: { typeCode: '999', unit: 'luzka', perThousand: 1.2345 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/perThousand', '/typeCode']);
    const duplicate = await ctx.app.inject({
      method: 'POST',
      url: '/api/capacity-targets',
      headers: staff,
      payload: { typeCode: '49', formCode: 'pob', unit: 'luzka', perThousand: 5 },
    });
    expect(duplicate.statusCode).toBe(409);

    const createdRes = await ctx.app.inject({
      method: 'POST',
      url: '/api/capacity-targets',
      headers: staff,
      payload: { typeCode: '49', formCode: 'ter', unit: 'klient', perThousand: 0.5, note: 'KPSS' },
    });
    expect(createdRes.statusCode).toBe(201);
    const target = createdRes.json<CapacityTarget>();
    expect(createdRes.headers.location).toBe(`/api/capacity-targets/${target.id}`);

    const analyst = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/capacity-targets/${target.id}`,
      headers: { ...auth(ctx, 'analyst'), 'if-match': '"1"' },
      payload: { perThousand: 2 },
    });
    expect(analyst.statusCode).toBe(403);
    const noMatch = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/capacity-targets/${target.id}`,
      headers: staff,
      payload: { perThousand: 2 },
    });
    expect(noMatch.statusCode).toBe(428);
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/capacity-targets/${target.id}`,
      headers: { ...staff, 'if-match': '"1"' },
      payload: { perThousand: 0.75 },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<CapacityTarget>()).toMatchObject({ perThousand: 0.75, version: 2 });
    // the analysis picks the new target up at once: B has 10 clients per 20,000 → 15 wanted
    const doc = await capacity('asOf=2025-06-01');
    expect(cell(doc, world.orpB, 'ter', 'klient')).toMatchObject({
      gapUnits: 5,
      target: { perThousand: 0.75 },
    });

    const stale = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/capacity-targets/${target.id}`,
      headers: { ...staff, 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    const deleted = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/capacity-targets/${target.id}`,
      headers: { ...staff, 'if-match': '"2"' },
    });
    expect(deleted.statusCode).toBe(204);
    const audit = await ctx.app.db.execute(
      `select action from audit_log where entity_type = 'capacity_target' and entity_id = '${target.id}' order by at`,
    );
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual([
      'create',
      'update',
      'delete',
    ]);
  });
});
