import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { PLAN_IMPORT_XLSX, type PlanImportReport } from '@socplan/contracts';
import { auditLog, planNodes } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { seedCodelistsIfEmpty } from '../codelists/codelists.seed.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';
import { createPlan } from './plans.test-support.ts';

let ctx: TestContext;
let territory: DemoTerritory;
let liberec: string;
let coordinator: { authorization: string };
beforeAll(async () => {
  ctx = await createTestApp();
  await seedCodelistsIfEmpty(ctx.app.db);
  territory = await seedTerritory(ctx);
  liberec = territory.orpIdsByCode.get('5105')!;
  coordinator = auth(ctx, 'coordinator', liberec);
});
afterAll(() => ctx.close());

const newPlan = (options: Partial<Parameters<typeof createPlan>[1]> = {}) =>
  createPlan(ctx.app.db, { territoryUnitId: liberec, yearFrom: 2025, yearTo: 2027, ...options });

const upload = (
  planId: string,
  body: string | Buffer,
  options: { type?: string; dryRun?: boolean; headers?: Record<string, string> } = {},
) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/plans/${planId}/import${options.dryRun ? '?dryRun=true' : ''}`,
    headers: { ...(options.headers ?? coordinator), 'content-type': options.type ?? 'text/csv' },
    payload: body,
  });

async function report(planId: string, body: string | Buffer, type?: string) {
  const res = await upload(planId, body, { ...(type ? { type } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PlanImportReport;
}

const liveTree = (planId: string) =>
  ctx.app.db
    .select()
    .from(planNodes)
    .where(and(eq(planNodes.planId, planId), isNull(planNodes.deletedAt)))
    .orderBy(planNodes.code);

const GOOD_CSV = [
  'kód;název;popis;garant;náklady 2025;mpsv 2025;municipality 2025;náklady 2026',
  '1;Senioři;;;;;;',
  '1.1;Pečovatelská služba;;;;;;',
  '1.1.1;Víkendová péče;"Směny; i o svátcích";Spolek Lipová;1 200 000;800 000;250000,50;1300000',
  '2;Rodiny s dětmi;;;;;;',
  '2.1;Sanace rodin;;;;;;',
].join('\r\n');

describe('POST /api/plans/:id/import', () => {
  it('imports a CSV with ; and a BOM: levels, codes, money in haléř, an audit row', async () => {
    const planId = await newPlan();
    const result = await report(planId, `\uFEFF${GOOD_CSV}\r\n`);
    expect(result).toMatchObject({ dryRun: false, imported: 5, rejected: 0, ignoredColumns: [] });
    const nodes = await liveTree(planId);
    expect(nodes.map((n) => [n.code, n.level, n.title])).toEqual([
      ['1', 'priority', 'Senioři'],
      ['1.1', 'measure', 'Pečovatelská služba'],
      ['1.1.1', 'activity', 'Víkendová péče'],
      ['2', 'priority', 'Rodiny s dětmi'],
      ['2.1', 'measure', 'Sanace rodin'],
    ]);
    const activity = nodes[2]!;
    expect(activity).toMatchObject({
      description: 'Směny; i o svátcích',
      responsible: 'Spolek Lipová',
      costs: [
        { year: 2025, amount: 120_000_000 },
        { year: 2026, amount: 130_000_000 },
      ],
      funding: [
        { source: 'mpsv', year: 2025, amount: 80_000_000 },
        { source: 'municipality', year: 2025, amount: 25_000_050 },
      ],
    });
    expect(result.rows.map((r) => r.planCode)).toEqual(['1', '1.1', '1.1.1', '2', '2.1']);
    const audit = await ctx.app.db.select().from(auditLog).where(eq(auditLog.entityId, planId));
    expect(audit.map((a) => a.action)).toEqual(['import']);
  });

  it('appends after the existing nodes: a second import continues the codes', async () => {
    const planId = await newPlan();
    await report(planId, GOOD_CSV);
    const second = await report(planId, 'code,title\n1,Koordinace\n1.1,Pracovní skupiny\n');
    expect(second.rows.map((r) => r.planCode)).toEqual(['3', '3.1']);
    expect((await liveTree(planId)).filter((n) => n.level === 'priority')).toHaveLength(3);
  });

  it('reads an XLSX workbook built by the same library (round trip)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('plán');
    sheet.addRow(['kód', 'název', 'cost 2025', 'region 2025', 'eu 2026']);
    sheet.addRow(['1', 'Bydlení']);
    sheet.addRow(['1.1', 'Bezdomovectví']);
    sheet.addRow(['1.1.1', 'Noclehárna', 1_350_000, 800_000.5, '400 000 Kč']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const planId = await newPlan();
    const result = await report(planId, buffer, PLAN_IMPORT_XLSX);
    expect(result).toMatchObject({ imported: 3, rejected: 0 });
    const [, , activity] = await liveTree(planId);
    expect(activity).toMatchObject({
      code: '1.1.1',
      costs: [{ year: 2025, amount: 135_000_000 }],
      funding: [
        { source: 'region', year: 2025, amount: 80_000_050 },
        { source: 'eu', year: 2026, amount: 40_000_000 },
      ],
    });
  });

  it('rejects bad rows with their row number and reasons and imports the good ones', async () => {
    const csv = [
      'code;title;cost 2025;mpsv 2025;foo 2025;cost 2031;poznámka', // 1
      '1;Dobrá priorita;;;;;x', // 2 imported
      '1.1;Dobré opatření;;;;;', // 3 imported
      '1.1.1;Dobrá aktivita;1000;500;;;', // 4 imported
      'x.1;Špatný kód;;;;;', // 5 bad_code
      '1.1;Zdvojené opatření;;;;;', // 6 duplicate_code
      '1.1.1.1;Příliš hluboko;;;;;', // 7 level_too_deep
      '3.1;Bez rodiče;;;;;', // 8 parent_missing
      '1.1.2;Neznámý zdroj;;;100;;', // 9 unknown_funding_source
      '1.1.3;Špatná částka;12,345;;;;', // 10 bad_amount
      '1.1.4;Mimo období;;;;100;', // 11 year_outside_plan
      '1.2;Opatření s penězi;500;;;;', // 12 money_on_non_activity
      '1.2.1;Dítě odmítnutého;100;;;;', // 13 parent_rejected
      '1.1.5;;;;;;', // 14 title_missing
    ].join('\n');
    const planId = await newPlan();
    const result = await report(planId, csv);
    expect(result).toMatchObject({ imported: 3, rejected: 10, ignoredColumns: ['poznámka'] });
    const reasonsOf = (row: number) =>
      result.rows.find((r) => r.row === row)?.reasons.map((x) => x.reason);
    expect([2, 3, 4].map((row) => result.rows.find((r) => r.row === row)?.status)).toEqual([
      'imported',
      'imported',
      'imported',
    ]);
    expect(reasonsOf(5)).toEqual(['bad_code']);
    expect(reasonsOf(6)).toEqual(['duplicate_code']);
    expect(reasonsOf(7)).toEqual(['level_too_deep']);
    expect(reasonsOf(8)).toEqual(['parent_missing']);
    expect(reasonsOf(9)).toEqual(['unknown_funding_source']);
    expect(reasonsOf(10)).toEqual(['bad_amount']);
    expect(reasonsOf(11)).toEqual(['year_outside_plan']);
    expect(reasonsOf(12)).toEqual(['money_on_non_activity']);
    expect(reasonsOf(13)).toEqual(['parent_rejected']);
    expect(reasonsOf(14)).toEqual(['title_missing']);
    const unknown = result.rows.find((r) => r.row === 9)!.reasons[0]!;
    expect(unknown.column).toBe('foo 2025');
    expect((await liveTree(planId)).map((n) => n.code)).toEqual(['1', '1.1', '1.1.1']);
  });

  it('imports a plan of 2,010 rows (children after their parents in the file or not); refuses over 10,000', async () => {
    const lines = ['code;title;2025'];
    // Activities first: the file's order must not matter.
    for (let p = 1; p <= 10; p++)
      for (let m = 1; m <= 10; m++)
        for (let a = 1; a <= 19; a++) lines.push(`${p}.${m}.${a};Aktivita;1000`);
    for (let p = 1; p <= 10; p++) {
      lines.push(`${p};Priorita;`);
      for (let m = 1; m <= 10; m++) lines.push(`${p}.${m};Opatření;`);
    }
    const planId = await newPlan();
    expect(await report(planId, lines.join('\n'))).toMatchObject({ imported: 2010, rejected: 0 });
    const nodes = await liveTree(planId);
    expect(nodes).toHaveLength(2010);
    expect(nodes.find((n) => n.code === '10.10.19')?.level).toBe('activity');

    const tooMany = ['code;title', ...Array.from({ length: 10_001 }, (_, i) => `${i + 1};P`)];
    const res = await upload(await newPlan(), tooMany.join('\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/10000/);
  });

  it('dry run reports the same and writes nothing', async () => {
    const planId = await newPlan();
    const res = await upload(planId, GOOD_CSV, { dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, imported: 5, rejected: 0 });
    expect(await liveTree(planId)).toEqual([]);
    expect(await ctx.app.db.select().from(auditLog).where(eq(auditLog.entityId, planId))).toEqual(
      [],
    );
  });

  it('says what is wrong with the file itself: no code column 400, other media 415', async () => {
    const planId = await newPlan();
    const noCode = await upload(planId, 'title;2025\nNěco;100\n');
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().detail).toMatch(/code/);
    const notXlsx = await upload(planId, 'not a workbook', { type: PLAN_IMPORT_XLSX });
    expect(notXlsx.statusCode).toBe(400);
    const json = await upload(planId, '{}', { type: 'application/json' });
    expect(json.statusCode).toBe(415);
  });

  it('checks scope: another ORP’s coordinator 404, an analyst 403, an approved plan 409', async () => {
    const planId = await newPlan();
    const other = auth(ctx, 'coordinator', territory.orpIdsByCode.get('5101')!);
    expect((await upload(planId, GOOD_CSV, { headers: other })).statusCode).toBe(404);
    const analyst = auth(ctx, 'analyst');
    expect((await upload(planId, GOOD_CSV, { headers: analyst })).statusCode).toBe(403);
    const approved = await newPlan({ status: 'in_force', approvedVersion: 1, workingVersion: 1 });
    expect((await upload(approved, GOOD_CSV)).statusCode).toBe(409);
    expect((await upload(approved, GOOD_CSV, { dryRun: true })).statusCode).toBe(409);
    expect(await liveTree(planId)).toEqual([]);
  });
});

describe('GET /api/plans/import-template.csv and .xlsx', () => {
  it('serve a template that imports into a plan of the coming years as it is', async () => {
    const csv = await ctx.app.inject({
      url: '/api/plans/import-template.csv',
      headers: coordinator,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFFkód;název;popis;garant;náklady ')).toBe(true);
    const year = new Date().getFullYear();
    const planId = await newPlan({ yearFrom: year - 1, yearTo: year + 3 });
    expect(await report(planId, csv.rawPayload)).toMatchObject({ imported: 3, rejected: 0 });

    const xlsx = await ctx.app.inject({
      url: '/api/plans/import-template.xlsx',
      headers: coordinator,
    });
    expect(xlsx.statusCode).toBe(200);
    const other = await newPlan({ yearFrom: year - 1, yearTo: year + 3 });
    expect(await report(other, xlsx.rawPayload, PLAN_IMPORT_XLSX)).toMatchObject({
      imported: 3,
      rejected: 0,
    });
    const [, , activity] = await liveTree(other);
    expect(activity!.funding.map((f) => f.source)).toEqual(
      expect.arrayContaining(['mpsv', 'municipality']),
    );
  });
});
