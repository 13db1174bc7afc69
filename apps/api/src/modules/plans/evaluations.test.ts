import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation, EvaluationList, EvaluationSeries, Problem } from '@socplan/contracts';
import { auditLog, territorialUnits } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';

let ctx: TestContext;
type Headers = Record<string, string>;
let staff: Headers;
let liberec: string;
let jablonec: string;
let liberecCoordinator: Headers;
let jablonecCoordinator: Headers;
let regionId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const territory = await seedTerritory(ctx);
  liberec = territory.orpIdsByCode.get('5105')!;
  jablonec = territory.orpIdsByCode.get('5103')!;
  regionId = territory.regionId;
  staff = auth(ctx, 'region_staff');
  liberecCoordinator = auth(ctx, 'coordinator', liberec);
  jablonecCoordinator = auth(ctx, 'coordinator', jablonec);
});
afterAll(() => ctx.close());

const URL = '/api/evaluations';
const request = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  headers: Headers = staff,
  payload?: object,
) => ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const ifMatch = (version: number, headers: Headers = staff) => ({
  ...headers,
  'if-match': `"${version}"`,
});

const body2011 = (territoryUnitId: string) => ({
  territoryUnitId,
  evaluatedOn: '2011-06-30',
  areas: [
    { area: 'involvement', score: 1, comment: 'Uživatelé chybí' },
    { area: 'legitimacy', score: 3 },
  ],
  checks: [
    { check: 'coordinator_named', value: false },
    { check: 'triad_involved', value: true },
    { check: 'swot_used', value: false },
    { check: 'cost_estimates', value: false },
  ],
  evaluatorName: 'Odbor sociálních věcí',
});

async function create(payload: object): Promise<Evaluation> {
  const res = await request('POST', URL, staff, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Evaluation;
}

describe('planning-process evaluations', () => {
  it('records an evaluation: 201, Location, ETag, totals, areas in criteria order, audit', async () => {
    const res = await request('POST', URL, staff, body2011(liberec));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as Evaluation;
    expect(res.headers.location).toBe(`${URL}/${created.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(created).toMatchObject({
      territory: { id: liberec, kind: 'orp', code: '5105' },
      evaluatedOn: '2011-06-30',
      areas: [
        { area: 'legitimacy', score: 3, comment: null },
        { area: 'involvement', score: 1, comment: 'Uživatelé chybí' },
      ],
      total: 4,
      yesShare: 0.25,
    });
    const audit = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'process_evaluation'), eq(auditLog.entityId, created.id)));
    expect(audit).toMatchObject([{ action: 'create' }]);
  });

  it('refuses an area or check given twice, a score above 3 and the region as territory', async () => {
    const base = body2011(liberec);
    const twice = await request('POST', URL, staff, {
      ...base,
      areas: [...base.areas, { area: 'legitimacy', score: 1 }],
    });
    expect(twice.statusCode).toBe(400);
    expect((twice.json() as Problem).errors?.[0]?.pointer).toBe('/areas/2/area');
    const check = await request('POST', URL, staff, {
      ...base,
      checks: [...base.checks, { check: 'swot_used', value: true }],
    });
    expect((check.json() as Problem).errors?.[0]?.pointer).toBe('/checks/4/check');
    const score = await request('POST', URL, staff, {
      ...base,
      areas: [{ area: 'information', score: 4 }],
    });
    expect(score.statusCode).toBe(400);
    const nul = await request('POST', URL, staff, { ...base, note: 'a\u0000b' });
    expect((nul.json() as Problem).errors?.[0]?.pointer).toBe('/note');
    const region = await request('POST', URL, staff, body2011(regionId));
    expect((region.json() as Problem).errors?.[0]?.pointer).toBe('/territoryUnitId');
  });

  it('lets region staff write; coordinators read their territory’s; municipalities nothing', async () => {
    const created = await create({ ...body2011(jablonec), evaluatedOn: '2012-05-01' });
    expect((await request('POST', URL, liberecCoordinator, body2011(liberec))).statusCode).toBe(
      403,
    );
    expect((await request('POST', URL, auth(ctx, 'analyst'), body2011(liberec))).statusCode).toBe(
      403,
    );
    expect((await request('GET', URL, auth(ctx, 'municipality', liberec))).statusCode).toBe(403);
    expect((await request('GET', `${URL}/${created.id}`, liberecCoordinator)).statusCode).toBe(404);
    const own = await request('GET', `${URL}/${created.id}`, jablonecCoordinator);
    expect(own.statusCode).toBe(200);
    expect(own.headers.etag).toBe('"1"');
    const mine = (await request('GET', URL, jablonecCoordinator)).json() as EvaluationList;
    expect(mine.items.every((e) => e.territory.id === jablonec)).toBe(true);
    expect(mine.total).toBe(mine.items.length);
    // Visible but not writable: 403; out of scope: 404.
    expect(
      (
        await request('PATCH', `${URL}/${created.id}`, ifMatch(1, jablonecCoordinator), {
          note: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await request('DELETE', `${URL}/${created.id}`, ifMatch(1, liberecCoordinator))).statusCode,
    ).toBe(404);
  });

  it('filters by territory and dates, paginated, newest first', async () => {
    const a = await create({ ...body2011(liberec), evaluatedOn: '2013-01-15' });
    const b = await create({ ...body2011(liberec), evaluatedOn: '2013-09-15' });
    const res = await request(
      'GET',
      `${URL}?territoryId=${liberec}&from=2013-01-01&to=2013-12-31&limit=1`,
    );
    const page = res.json() as EvaluationList;
    expect(page.total).toBe(2);
    expect(page.items.map((e) => e.id)).toEqual([b.id]);
    const second = (
      await request(
        'GET',
        `${URL}?territoryId=${liberec}&from=2013-01-01&to=2013-12-31&limit=1&offset=1`,
      )
    ).json() as EvaluationList;
    expect(second.items.map((e) => e.id)).toEqual([a.id]);
    expect((await request('GET', `${URL}?sort=-nonsense`)).statusCode).toBe(400);
  });

  it('updates with If-Match (428, 412) and deletes', async () => {
    const created = await create({ ...body2011(liberec), evaluatedOn: '2014-03-01' });
    const url = `${URL}/${created.id}`;
    const change = { areas: [{ area: 'information', score: 2 }], note: 'Nový web' };
    expect((await request('PATCH', url, staff, change)).statusCode).toBe(428);
    expect((await request('PATCH', url, ifMatch(7), change)).statusCode).toBe(412);
    const res = await request('PATCH', url, ifMatch(1), change);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({
      areas: [{ area: 'information', score: 2 }],
      checks: created.checks,
      note: 'Nový web',
      total: 2,
      evaluatorName: 'Odbor sociálních věcí',
    });
    expect((await request('DELETE', url, staff)).statusCode).toBe(428);
    expect((await request('DELETE', url, ifMatch(2))).statusCode).toBe(204);
    expect((await request('GET', url)).statusCode).toBe(404);
  });

  it('gives a territory’s time series oldest first: area scores, total, share of yes', async () => {
    const planningArea = await seedSeriesTerritory();
    await create({
      territoryUnitId: planningArea,
      evaluatedOn: '2012-06-30',
      areas: [
        { area: 'legitimacy', score: 3 },
        { area: 'involvement', score: 2 },
      ],
      checks: [
        { check: 'coordinator_named', value: true },
        { check: 'triad_involved', value: true },
      ],
    });
    await create({
      territoryUnitId: planningArea,
      evaluatedOn: '2011-06-30',
      areas: [{ area: 'legitimacy', score: 1 }],
      checks: [
        { check: 'coordinator_named', value: false },
        { check: 'triad_involved', value: true },
        { check: 'swot_used', value: false },
      ],
    });
    const res = await request('GET', `${URL}/series?territoryId=${planningArea}`);
    expect(res.statusCode, res.body).toBe(200);
    const series = res.json() as EvaluationSeries;
    expect(series.points.map((p) => [p.evaluatedOn, p.total, p.maxTotal, p.yesShare])).toEqual([
      ['2011-06-30', 1, 3, 0.3333],
      ['2012-06-30', 5, 6, 1],
    ]);
    expect(series.points[0]!.scores).toMatchObject({ legitimacy: 1, involvement: null });
    expect(series.points[1]!.scores).toMatchObject({ legitimacy: 3, involvement: 2 });
    expect(
      (await request('GET', `${URL}/series?territoryId=${planningArea}`, liberecCoordinator))
        .statusCode,
    ).toBe(404);
  });
});

/** A territory of its own, so the series is not mixed with the other tests' evaluations. */
async function seedSeriesTerritory(): Promise<string> {
  const [row] = await ctx.app.db
    .insert(territorialUnits)
    .values({
      kind: 'planning_area',
      code: 'TEST-SERIES',
      name: 'Svazek pro řadu',
      parentId: jablonec,
    })
    .returning({ id: territorialUnits.id });
  return row!.id;
}
