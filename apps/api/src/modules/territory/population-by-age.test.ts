import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PopulationByAge, PopulationByAgeImportReport, Problem } from '@socplan/contracts';
import { auditLog, populationByAge, territorialUnits } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import type { DemoTerritory } from './territory.demo.ts';
import { auth, seedTerritory } from './territory.test-support.ts';

let ctx: TestContext;
let demo: DemoTerritory;
let admin: Record<string, string>;

const URL = '/api/territorial-units/population-by-age';
// Demo seat towns: Liberec (ORP 5105), Jablonec nad Nisou (ORP 5103), Český Dub is added below.
const LIBEREC = '563889';
const JABLONEC = '563510';
const CESKY_DUB = '563901';

beforeAll(async () => {
  ctx = await createTestApp();
  demo = await seedTerritory(ctx);
  admin = auth(ctx, 'region_admin');
  // A second municipality in ORP Liberec, so the ORP's figure is a sum.
  await ctx.app.db.insert(territorialUnits).values({
    kind: 'municipality',
    code: CESKY_DUB,
    name: 'Český Dub',
    parentId: demo.orpIdsByCode.get('5105')!,
    population: 2_700,
  });
});
afterAll(() => ctx.close());

const upload = (csv: string | Buffer, date = '2024-01-01', headers = admin) =>
  ctx.app.inject({
    method: 'POST',
    url: `${URL}?populationDate=${date}`,
    headers: { ...headers, 'content-type': 'text/csv' },
    payload: csv,
  });
const breakdown = async (unitId: string, headers = admin) => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/territorial-units/${unitId}/population-by-age`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PopulationByAge;
};
const stored = () =>
  ctx.app.db
    .select()
    .from(populationByAge)
    .orderBy(populationByAge.unitId, populationByAge.ageGroup);
const groupOf = (b: PopulationByAge, code: string) => b.groups.find((g) => g.ageGroup === code);

describe('population by age: import', () => {
  it('loads a Czech Excel file (semicolons, BOM, spaced thousands) and reports every row', async () => {
    const csv =
      '\uFEFFKód;Věková skupina;Počet obyvatel\r\n' +
      `${LIBEREC};8;"17 250"\r\n${LIBEREC};9;5 120\r\n${CESKY_DUB};8;480\r\n${CESKY_DUB};9;150\r\n` +
      `${JABLONEC};8;8 400\r\n`;
    const res = await upload(csv);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as PopulationByAgeImportReport;
    expect(report).toMatchObject({
      populationDate: '2024-01-01',
      municipalities: 3,
      created: 5,
      updated: 0,
      unchanged: 0,
    });
    expect(report.rows.map((r) => [r.line, r.code, r.ageGroup, r.population, r.status])).toEqual([
      [2, LIBEREC, '8', 17_250, 'created'],
      [3, LIBEREC, '9', 5_120, 'created'],
      [4, CESKY_DUB, '8', 480, 'created'],
      [5, CESKY_DUB, '9', 150, 'created'],
      [6, JABLONEC, '8', 8_400, 'created'],
    ]);
    expect(report.rows[0]!.name).toBe('Liberec');
    expect(await stored()).toHaveLength(5);
  });

  it('a comma-separated re-upload updates what changed and leaves the rest', async () => {
    const res = await upload(
      `code,ageGroup,population\n${LIBEREC},8,17250\n${LIBEREC},9,5200\n`,
      '2024-01-01',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 1, unchanged: 1, municipalities: 1 });
    const [row] = await ctx.app.db
      .select()
      .from(populationByAge)
      .where(
        and(
          eq(populationByAge.unitId, demo.municipalityIdsByCode.get(LIBEREC)!),
          eq(populationByAge.ageGroup, '9'),
        ),
      );
    expect(row).toMatchObject({ population: 5_200, populationDate: '2024-01-01' });
    // Not in the file: Český Dub's and Jablonec's figures stay.
    expect(await stored()).toHaveLength(5);
    const audit = await ctx.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, demo.municipalityIdsByCode.get(LIBEREC)!));
    expect(audit.at(-1)).toMatchObject({
      action: 'update',
      before: { populationByAge: { '8': 17_250, '9': 5_120 } },
      after: { populationByAge: { '8': 17_250, '9': 5_200 } },
    });
  });

  it('rejects the whole file, naming each bad line and field, and stores nothing', async () => {
    const before = await stored();
    const csv =
      'code;ageGroup;population\n' +
      `${LIBEREC};8;99999\n` + // good, but the file fails: not stored
      `${LIBEREC};9;-5\n` +
      `12 345;9;10\n` +
      `${JABLONEC};;10\n` +
      `${JABLONEC};8;1\n` +
      `${JABLONEC};8;2\n`;
    const res = await upload(csv);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = res.json() as Problem;
    expect(problem.detail).toMatch(/nothing was imported/);
    expect(problem.errors).toEqual([
      expect.objectContaining({ pointer: '/lines/3/population', in: 'body' }),
      expect.objectContaining({
        pointer: '/lines/4/code',
        detail: expect.stringMatching(/is not a municipality code/),
      }),
      expect.objectContaining({
        pointer: '/lines/5/ageGroup',
        detail: expect.stringMatching(/missing/),
      }),
      expect.objectContaining({
        pointer: '/lines/7/ageGroup',
        detail: expect.stringMatching(/line 6/),
      }),
    ]);
    expect(await stored()).toEqual(before);
  });

  it('rejects unknown municipality codes and age groups, all or nothing', async () => {
    const before = await stored();
    const res = await upload(
      `code;ageGroup;population\n${LIBEREC};8;1\n999999;8;10\n${JABLONEC};65+;10\n`,
    );
    expect(res.statusCode).toBe(400);
    const problem = res.json() as Problem;
    expect(problem.errors).toEqual([
      {
        in: 'body',
        pointer: '/lines/3/code',
        detail: 'no municipality has the code 999999',
      },
      expect.objectContaining({
        pointer: '/lines/4/ageGroup',
        detail: expect.stringMatching(/"65\+" is not an age group/),
      }),
    ]);
    expect(await stored()).toEqual(before);
  });

  it('says what is wrong with the file itself and the date', async () => {
    const noColumn = await upload('code;population\n563889;10\n');
    expect(noColumn.statusCode).toBe(400);
    expect(noColumn.json().detail).toMatch(/missing: ageGroup/);
    const empty = await upload('code;ageGroup;population\n');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toMatch(/no rows/);
    const badDate = await upload(`code;ageGroup;population\n${LIBEREC};8;1\n`, '2024-02-30');
    expect(badDate.statusCode).toBe(400);
    expect(JSON.stringify(badDate.json())).toMatch(/populationDate/);
  });

  it('only whoever may write territory loads it', async () => {
    const csv = `code;ageGroup;population\n${LIBEREC};8;1\n`;
    expect((await upload(csv, '2024-01-01', auth(ctx, 'region_staff'))).statusCode).toBe(403);
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: `${URL}?populationDate=2024-01-01`,
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('population by age: per unit', () => {
  it('a municipality has its own figures; an ORP and the region sum their municipalities', async () => {
    const liberec = await breakdown(demo.municipalityIdsByCode.get(LIBEREC)!);
    expect(liberec).toMatchObject({ kind: 'municipality', municipalities: 1 });
    expect(liberec.groups.map((g) => [g.ageGroup, g.population, g.complete])).toEqual([
      ['8', 17_250, true],
      ['9', 5_200, true],
    ]);

    const orp = await breakdown(demo.orpIdsByCode.get('5105')!);
    expect(orp.municipalities).toBe(2);
    expect(groupOf(orp, '8')).toMatchObject({
      population: 17_250 + 480,
      municipalities: 2,
      complete: true,
      earliestDate: '2024-01-01',
      latestDate: '2024-01-01',
    });
    expect(groupOf(orp, '9')!.population).toBe(5_200 + 150);

    const region = await breakdown(demo.regionId);
    expect(region.municipalities).toBe(11);
    expect(groupOf(region, '8')).toMatchObject({
      population: 17_250 + 480 + 8_400,
      municipalities: 3,
      complete: false,
    });

    const empty = await breakdown(demo.orpIdsByCode.get('5101')!);
    expect(empty).toMatchObject({ municipalities: 1, groups: [] });
  });

  it('a unit outside the scope is not found', async () => {
    const coordinator = auth(ctx, 'coordinator', demo.orpIdsByCode.get('5101')!);
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/territorial-units/${demo.orpIdsByCode.get('5105')!}/population-by-age`,
      headers: coordinator,
    });
    expect(res.statusCode).toBe(404);
    expect((await breakdown(demo.orpIdsByCode.get('5101')!, coordinator)).groups).toEqual([]);
  });
});
