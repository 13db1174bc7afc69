import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, Job, List, TerritorialUnit } from '@socplan/contracts';
import { auditLog, territorialUnits } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { importBoundaries } from './import-boundaries.ts';
import { importMunicipalities } from './import-municipalities.ts';
import type { DemoTerritory } from './territory.demo.ts';
import {
  auth,
  finishedJob,
  missingNote,
  seedTerritory,
  sharedFile,
} from './territory.test-support.ts';

const ORP_FILE = 'liberec-orp.geojson';
const KRAJ_FILE = 'liberec-kraj.geojson';
const OBCE_FILE = 'liberec-obce.csv';
const orpGeojson = sharedFile(ORP_FILE);
const krajGeojson = sharedFile(KRAJ_FILE);
const obceCsv = sharedFile(OBCE_FILE);

let ctx: TestContext;
let demo: DemoTerritory;
let admin: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp();
  demo = await seedTerritory(ctx);
  admin = auth(ctx, 'region_admin');
});
afterAll(() => ctx.close());

const BOUNDARIES = '/api/territorial-units/imports/boundaries';
const MUNICIPALITIES = '/api/territorial-units/imports/municipalities';

async function runImport(
  url: string,
  contentType: string,
  payload: string,
  headers = admin,
): Promise<{ job: Job; report: ImportReport }> {
  const res = await ctx.app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'content-type': contentType },
    payload,
  });
  expect(res.statusCode, res.body).toBe(202);
  expect(res.headers.location).toBe(`/api/jobs/${res.json().id}`);
  expect(res.json()).toMatchObject({ status: 'queued', progress: 0 });
  const job = await finishedJob(ctx, headers, res.headers.location as string);
  expect(job.status, job.error ?? '').toBe('succeeded');
  expect(job.progress).toBe(1);
  return { job, report: job.result as ImportReport };
}

const importAudit = async () =>
  (
    await ctx.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'import'))
      .orderBy(auditLog.id)
  ).filter((r) => (r.after as { source: string }).source !== 'demo');
const auditCount = async () => (await ctx.app.db.select({ n: count() }).from(auditLog))[0]!.n;
const geojson = async (kind: string) =>
  (
    await ctx.app.inject({
      method: 'GET',
      url: `/api/territorial-units/geojson?kind=${kind}`,
      headers: admin,
    })
  ).json() as { features: { properties: { code: string }; geometry: { type: string } }[] };

describe('boundary import', () => {
  it.skipIf(!orpGeojson)(
    orpGeojson
      ? `imports ${ORP_FILE}: 10 matched, then a re-run changes nothing`
      : missingNote(ORP_FILE),
    async () => {
      const before = await geojson('orp');
      expect(before.features.map((f) => f.geometry.type)).toEqual(Array(10).fill('Point'));

      const first = await runImport(BOUNDARIES, 'application/geo+json', orpGeojson!);
      expect(first.report).toEqual({
        created: 0,
        updated: 10,
        unchanged: 0,
        rejected: [],
        unmatched: [],
      });
      const after = await geojson('orp');
      expect(after.features.map((f) => f.geometry.type)).toEqual(Array(10).fill('Polygon'));
      // The ORPs keep their representative points from the seed.
      const liberec = await ctx.app.db.query.territorialUnits.findFirst({
        where: eq(territorialUnits.id, demo.orpIdsByCode.get('5105')!),
      });
      expect(liberec).toMatchObject({ pointLat: 50.767, pointLon: 15.056, version: 2 });
      expect((await importAudit()).map((r) => r.after)).toEqual([
        expect.objectContaining({ source: 'boundaries', updated: 10, unchanged: 0, features: 10 }),
      ]);

      const auditRows = await auditCount();
      const again = await runImport(BOUNDARIES, 'application/json', orpGeojson!);
      expect(again.report).toEqual({
        created: 0,
        updated: 0,
        unchanged: 10,
        rejected: [],
        unmatched: [],
      });
      expect(await auditCount()).toBe(auditRows + 1); // only the import row
      const still = await ctx.app.db.query.territorialUnits.findFirst({
        where: eq(territorialUnits.id, demo.orpIdsByCode.get('5105')!),
      });
      expect(still!.version).toBe(2);
    },
  );

  it.skipIf(!krajGeojson)(
    krajGeojson
      ? `matches the region outline by its RÚIAN code (${KRAJ_FILE})`
      : missingNote(KRAJ_FILE),
    async () => {
      const { report } = await runImport(
        `${BOUNDARIES}?kind=region`,
        'application/geo+json',
        krajGeojson!,
      );
      expect(report).toMatchObject({ updated: 1, unmatched: [], rejected: [] });
      expect((await geojson('region')).features[0]!.geometry.type).toBe('Polygon');
    },
  );

  it('reports unknown codes as unmatched and bad features as rejected', async () => {
    const square = (x: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 50],
          [x + 0.1, 50],
          [x + 0.1, 50.1],
          [x, 50.1],
          [x, 50],
        ],
      ],
    });
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { KOD: '99999', NAZEV: 'Nikde' }, geometry: square(14) },
        { type: 'Feature', properties: { code: '563889' }, geometry: square(15) },
        { type: 'Feature', properties: { code: '563889' }, geometry: square(15.5) },
        {
          type: 'Feature',
          properties: { csu_code: '5106' },
          geometry: { type: 'Point', coordinates: [14, 50] },
        },
        { type: 'Feature', properties: { NAZEV: 'Bez kódu' }, geometry: square(16) },
      ],
    };
    const { report } = await runImport(BOUNDARIES, 'application/geo+json', JSON.stringify(fc));
    expect(report.unmatched).toEqual(['99999']);
    expect(report.updated).toBe(1);
    expect(report.rejected).toEqual([
      { row: 3, code: '563889', reason: expect.stringMatching(/feature 2 already/) },
      { row: 4, code: '5106', reason: expect.stringMatching(/Polygon or MultiPolygon/) },
      { row: 5, code: null, reason: expect.stringMatching(/no code/) },
    ]);
    // The town had a point already; its new boundary does not move it.
    const town = await ctx.app.db.query.territorialUnits.findFirst({
      where: eq(territorialUnits.code, '563889'),
    });
    expect(town).toMatchObject({ pointLat: 50.767, pointLon: 15.056 });
    expect(town!.geometry).toEqual(square(15));
  });

  it('answers 400 to a body that is not a FeatureCollection, 415 to other types', async () => {
    const post = (payload: string, contentType: string) =>
      ctx.app.inject({
        method: 'POST',
        url: BOUNDARIES,
        headers: { ...admin, 'content-type': contentType },
        payload,
      });
    expect((await post('{"type":"Feature"}', 'application/geo+json')).statusCode).toBe(400);
    expect((await post('{not json', 'application/json')).statusCode).toBe(400);
    const wrong = await post('a,b', 'text/plain');
    expect(wrong.statusCode).toBe(415);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await post('code,name', 'text/csv')).statusCode).toBe(415);
    const none = await ctx.app.inject({ method: 'POST', url: BOUNDARIES, headers: admin });
    expect(none.statusCode).toBe(415);
  });

  it('is for region administrators only', async () => {
    const fc = '{"type":"FeatureCollection","features":[]}';
    for (const [headers, status] of [
      [auth(ctx, 'region_staff'), 403],
      [auth(ctx, 'coordinator', demo.orpIdsByCode.get('5105')!), 403],
      [{}, 401],
    ] as const) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: BOUNDARIES,
        headers: { ...headers, 'content-type': 'application/geo+json' },
        payload: fc,
      });
      expect(res.statusCode).toBe(status);
    }
  });

  it('takes large bodies up to the import limit only on the import route', async () => {
    const big = JSON.stringify({
      type: 'FeatureCollection',
      features: [],
      padding: 'x'.repeat(ctx.config.BODY_LIMIT + 10),
    });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `${BOUNDARIES}?kind=orp`,
      headers: { ...admin, 'content-type': 'application/geo+json' },
      payload: big,
    });
    expect(res.statusCode).toBe(202);
    const elsewhere = await ctx.app.inject({
      method: 'POST',
      url: '/api/territorial-units',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: big,
    });
    expect(elsewhere.statusCode).toBe(413);
    await ctx.app.jobs.drain();
  });
});

describe('municipality import', () => {
  it.skipIf(!obceCsv)(
    obceCsv
      ? `imports ${OBCE_FILE}: 215 municipalities, then a re-run is all unchanged`
      : missingNote(OBCE_FILE),
    async () => {
      const { report } = await runImport(
        `${MUNICIPALITIES}?populationDate=2025-01-01`,
        'text/csv; charset=utf-8',
        obceCsv!,
      );
      // The 10 seat towns exist from the seed: they are updated (population), the rest created.
      expect(report).toEqual({
        created: 205,
        updated: 10,
        unchanged: 0,
        rejected: [],
        unmatched: [],
      });

      // prettier-ignore
      const expected: Record<string, number> = {
      '5101': 41, '5102': 18, '5103': 12, '5104': 21, '5105': 28,
      '5106': 16, '5107': 22, '5108': 10, '5109': 36, '5110': 11,
    };
      for (const [code, n] of Object.entries(expected)) {
        const res = await ctx.app.inject({
          method: 'GET',
          url: `/api/territorial-units?kind=municipality&parentId=${demo.orpIdsByCode.get(code)}&limit=1`,
          headers: admin,
        });
        expect((res.json() as List<TerritorialUnit>).total, code).toBe(n);
      }
      // Frýdštejn moved from Turnov to Jablonec nad Nisou in 2021; the file has it right.
      const frydstejn = await ctx.app.db.query.territorialUnits.findFirst({
        where: eq(territorialUnits.code, '563579'),
      });
      expect(frydstejn).toMatchObject({
        name: 'Frýdštejn',
        parentId: demo.orpIdsByCode.get('5103'),
        ruianCode: '563579',
        populationDate: '2025-01-01',
      });
      const total = await ctx.app.db
        .select({ n: count() })
        .from(territorialUnits)
        .where(eq(territorialUnits.kind, 'municipality'));
      expect(total[0]!.n).toBe(215);

      // A coordinator of ORP Liberec now sees its 28 municipalities.
      const coordinator = auth(ctx, 'coordinator', demo.orpIdsByCode.get('5105')!);
      const seen = await ctx.app.inject({
        method: 'GET',
        url: '/api/territorial-units?kind=municipality&limit=1',
        headers: coordinator,
      });
      expect(seen.json().total).toBe(28);

      const auditRows = await auditCount();
      const again = await runImport(
        `${MUNICIPALITIES}?populationDate=2025-01-01`,
        'text/csv',
        obceCsv!,
      );
      expect(again.report).toEqual({
        created: 0,
        updated: 0,
        unchanged: 215,
        rejected: [],
        unmatched: [],
      });
      expect(await auditCount()).toBe(auditRows + 1);
      // Without a date the populations did not change, so they keep theirs: still unchanged.
      const undated = await runImport(MUNICIPALITIES, 'text/csv', obceCsv!);
      expect(undated.report.unchanged).toBe(215);
    },
  );

  it('reports bad rows with their line and imports the good ones', async () => {
    const csv = [
      'code,name,orp_csu_code,population',
      '700001,Dobrá Ves,5105,120',
      '700002,Zlá Ves,9999,50',
      '700003,Nečíselná,5105,hodně',
      '700004,,5105,10',
      '700005,Dvojitá,5105,1',
      '700005,Dvojitá znovu,5105,2',
      '12,Krátký kód,5105,3',
      '700006,Bez počtu,5105,',
      '700007,S mezerou,5106,1 234',
    ].join('\n');
    const { report } = await runImport(MUNICIPALITIES, 'text/csv', csv);
    expect(report.created).toBe(3);
    expect(report.rejected).toEqual([
      { row: 3, code: '700002', reason: 'no ORP has the ČSÚ code 9999' },
      { row: 4, code: '700003', reason: expect.stringMatching(/not a whole number/) },
      { row: 5, code: '700004', reason: 'the name is missing' },
      { row: 6, code: '700005', reason: expect.stringMatching(/more than once.*6, 7/) },
      { row: 7, code: '700005', reason: expect.stringMatching(/more than once/) },
      { row: 8, code: '12', reason: expect.stringMatching(/six-digit/) },
    ]);
    const created = await ctx.app.db.query.territorialUnits.findMany({
      where: (u, { inArray }) => inArray(u.code, ['700001', '700006', '700007']),
      orderBy: (u) => u.code,
    });
    expect(created.map((u) => [u.name, u.population])).toEqual([
      ['Dobrá Ves', 120],
      ['Bez počtu', null],
      ['S mezerou', 1234],
    ]);
    const last = (await importAudit()).at(-1)!;
    expect(last.after).toMatchObject({
      source: 'municipalities',
      created: 3,
      rejected: 6,
      rows: 9,
    });
  });

  it('answers 400 to a CSV without the required columns', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: MUNICIPALITIES,
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: 'kod,nazev\n1,x\n',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/missing: code, name, orp_csu_code, population/);
    const date = await ctx.app.inject({
      method: 'POST',
      url: `${MUNICIPALITIES}?populationDate=yesterday`,
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: 'code,name,orp_csu_code,population\n',
    });
    expect(date.statusCode).toBe(400);
  });
});

describe('plain import functions (as the CLI calls them)', () => {
  it('import without a principal, audited as the system, with progress', async () => {
    const progress: number[] = [];
    const report = await importMunicipalities(
      ctx.app.db,
      null,
      'code,name,orp_csu_code,population\n700100,Konzolová,5110,5\n',
      {},
      (fraction) => void progress.push(fraction),
    );
    expect(report.created).toBe(1);
    expect(progress.at(-1)).toBe(1);
    const last = (await importAudit()).at(-1)!;
    expect(last.principalId).toBeNull();

    await expect(
      importMunicipalities(ctx.app.db, null, 'code,name,orp_csu_code,population\n', {
        populationDate: '2025-02-30',
      }),
    ).rejects.toThrow(/not a date/);

    const fc = { type: 'FeatureCollection', features: [] };
    expect(await importBoundaries(ctx.app.db, null, fc)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: [],
      unmatched: [],
    });
    await expect(importBoundaries(ctx.app.db, null, { type: 'Feature' })).rejects.toThrow(
      /FeatureCollection/,
    );
  });
});
