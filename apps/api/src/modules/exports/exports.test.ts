import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { sql } from 'drizzle-orm';
import { createDemoApp } from '../../demo/demo.test-support.ts';
import type { TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import { DATASETS, currentVersion } from './exports.registry.ts';
import { allPages, asCsvRow, csv, ndjson, page } from './exports.test-support.ts';

let ctx: TestContext;
let analyst: Record<string, string>;

beforeAll(async () => {
  ctx = await createDemoApp();
  analyst = auth(ctx, 'analyst');
}, 120_000);
afterAll(() => ctx.close());

describe('the catalogue', () => {
  it('lists every dataset with its version, schema link and formats', async () => {
    const res = await ctx.app.inject({ url: '/api/exports', headers: analyst });
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as {
      items: { name: string; schema: string; formats: string[]; updatedSince: boolean }[];
    };
    expect(items.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        'territorial-units',
        'providers',
        'services',
        'network-entries',
        'reference-values',
        'financing-keys',
        'plans',
        'plan-nodes',
        'monitoring-reports',
        'campaigns',
        'submission-values',
        'capacity-by-orp',
      ]),
    );
    const services = items.find((d) => d.name === 'services')!;
    expect(services.schema).toBe('/api/exports/services/schema?version=v1');
    expect(services.formats).toEqual(['json', 'ndjson', 'csv']);
    expect(items.find((d) => d.name === 'capacity-by-orp')!.updatedSince).toBe(false);
  });

  it('serves each schema; an unknown version is a 400 naming it', async () => {
    const res = await ctx.app.inject({ url: '/api/exports/services/schema', headers: analyst });
    expect(res.statusCode).toBe(200);
    expect(res.json().$id).toBe('export-services-v1');
    expect(res.headers['x-schema-version']).toBe('v1');
    const bad = await ctx.app.inject({
      url: '/api/exports/services/schema?version=v9',
      headers: analyst,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('v9');
    const data = await ctx.app.inject({
      url: '/api/exports/services?version=v9',
      headers: analyst,
    });
    expect(data.statusCode).toBe(400);
    expect(data.json().errors[0].pointer).toBe('/version');
  });
});

describe('every format gives the same rows', () => {
  it.each(DATASETS.map((d) => d.name))('%s', async (name) => {
    const url = `/api/exports/${name}`;
    const version = currentVersion(DATASETS.find((d) => d.name === name)!);
    const json = await allPages(ctx, analyst, `${url}?limit=7`);
    // The demo has content in every dataset.
    expect(json.length).toBeGreaterThan(0);
    for (const item of json) expect(Value.Errors(version.schema, item)).toEqual([]);
    expect(new Set(json.map((i) => i.id)).size).toBe(json.length);
    expect(await ndjson(ctx, analyst, url)).toEqual(json);
    const columns = Object.keys(version.schema.properties);
    // Optional columns (a coordinator's e-mail) are absent for an analyst.
    const present = columns.filter((c) => json.some((i) => c in i));
    expect((await csv(ctx, analyst, url)).map((r) => asCsvRow(r, present))).toEqual(
      json.map((i) => asCsvRow(i, present)),
    );
  });
});

describe('JSON pages', () => {
  it('carry schemaVersion, X-Schema-Version and an ETag that If-None-Match turns into 304', async () => {
    const url = '/api/exports/providers?limit=2';
    const res = await ctx.app.inject({ url, headers: analyst });
    expect(res.statusCode).toBe(200);
    expect(res.json().schemaVersion).toBe('v1');
    expect(res.json().items).toHaveLength(2);
    expect(res.headers['x-schema-version']).toBe('v1');
    const etag = res.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await ctx.app.inject({ url, headers: { ...analyst, 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
  });

  it('the Accept header chooses the format', async () => {
    const res = await ctx.app.inject({
      url: '/api/exports/territorial-units',
      headers: { ...analyst, accept: 'text/csv' },
    });
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.body.split('\r\n')[0]).toContain('id,kind,code');
  });
});

describe('bad requests', () => {
  it.each([
    ['/api/exports/nothing', 404],
    ['/api/exports/services?limit=0', 400],
    ['/api/exports/services?limit=10001', 400],
    ['/api/exports/services?format=xml', 400],
    ['/api/exports/services?cursor=garbage', 400],
    ['/api/exports/services?updatedSince=yesterday', 400],
    ['/api/exports/services?asOf=2025-13-40', 400],
    ['/api/exports/providers?asOf=2025-01-01', 400],
    ['/api/exports/capacity-by-orp?updatedSince=2025-01-01T00:00:00Z', 400],
    ['/api/exports/services?format=ndjson&cursor=abc', 400],
  ])('%s → %i', async (url, status) => {
    const res = await ctx.app.inject({ url, headers: analyst });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('a cursor of one mode is refused in the other', async () => {
    const { nextCursor } = await page(ctx, analyst, '/api/exports/providers?limit=1');
    const res = await ctx.app.inject({
      url: `/api/exports/providers?updatedSince=2000-01-01T00:00:00Z&cursor=${nextCursor}`,
      headers: analyst,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/cursor');
  });

  it('401 without a token; 403 without the dataset module’s permission', async () => {
    expect((await ctx.app.inject({ url: '/api/exports/services' })).statusCode).toBe(401);
    const provider = auth(ctx, 'provider', null, '00000000-0000-4000-8000-000000000999');
    expect(
      (await ctx.app.inject({ url: '/api/exports/plans', headers: provider })).statusCode,
    ).toBe(403);
    expect(
      (await ctx.app.inject({ url: '/api/exports/reference-values', headers: provider }))
        .statusCode,
    ).toBe(403);
  });
});

describe('submission values', () => {
  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await ctx.app.db.execute(query)) as unknown as { rows: T[] }).rows;

  it('updatedSince sees a changed value and a deleted one (a tombstone with its id)', async () => {
    const [now] = await rows<{ now: string }>(sql`select clock_timestamp()::text as now`);
    const since = new Date(now!.now.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString();
    const values = await rows<{ submission_id: string; field: string; row: string }>(
      sql`select submission_id, field, row from submission_values order by submission_id, field, row limit 2`,
    );
    const [changed, dropped] = values.map((v) => `${v.submission_id}/${v.field}/${v.row}`);
    await ctx.app.db.execute(sql`update submission_values set value = '12345'::jsonb,
      updated_at = clock_timestamp() where submission_id = ${values[0]!.submission_id}
      and field = ${values[0]!.field} and row = ${values[0]!.row}`);
    await ctx.app.db
      .execute(sql`delete from submission_values where submission_id = ${values[1]!.submission_id}
      and field = ${values[1]!.field} and row = ${values[1]!.row}`);
    const items = await allPages(
      ctx,
      analyst,
      `/api/exports/submission-values?updatedSince=${encodeURIComponent(since)}`,
    );
    expect(items.find((i) => i.id === changed)).toMatchObject({ value: 12345 });
    expect(items.find((i) => i.id === dropped)).toEqual({
      deleted: true,
      id: dropped,
      deletedAt: expect.any(String),
    });
    expect(items).toHaveLength(2);
  });

  it('a municipality exports its own submissions’ values only', async () => {
    const [own] = await rows<{ municipality_id: string }>(
      sql`select s.municipality_id from submissions s join submission_values v on v.submission_id = s.id
        where s.respondent_kind = 'municipality' limit 1`,
    );
    const municipality = auth(ctx, 'municipality', own!.municipality_id);
    const items = await allPages(ctx, municipality, '/api/exports/submission-values');
    const mine = await rows<{ id: string }>(
      sql`select id::text from submissions where municipality_id = ${own!.municipality_id}`,
    );
    expect(items.length).toBeGreaterThan(0);
    const allowed = new Set(mine.map((m) => m.id));
    for (const item of items) expect(allowed.has(item.submissionId as string)).toBe(true);
    const everything = await allPages(ctx, analyst, '/api/exports/submission-values?limit=10000');
    expect(items.length).toBeLessThan(everything.length);
  });

  it('carry no principal’s name or e-mail (personal data) for an analyst', async () => {
    for (const name of ['plans', 'monitoring-reports', 'submission-values', 'campaigns']) {
      const body = JSON.stringify(await allPages(ctx, analyst, `/api/exports/${name}?limit=10000`));
      expect(body).not.toMatch(/ByName|coordinatorEmail|coordinatorPhone/);
    }
    const staff = auth(ctx, 'region_staff');
    const plans = await allPages(ctx, staff, '/api/exports/plans');
    expect(plans.some((p) => 'coordinatorEmail' in p)).toBe(true);
  });

  it('text with quotes, backslashes, tabs, line breaks, control characters and rows of 60 kB is the same in every format', async () => {
    const tricky = 'Dům "U lípy" \\ C:\\tmp\ttab\nřádek\r\u0001 😀 </script>';
    const [one] = await rows<{ submission_id: string; field: string; row: string }>(
      sql`select submission_id, field, row from submission_values order by submission_id desc limit 1`,
    );
    await ctx.app.db.execute(sql`update submission_values set value = to_jsonb(${tricky}::text)
      where submission_id = ${one!.submission_id} and field = ${one!.field} and row = ${one!.row}`);
    await ctx.app.db.execute(
      sql`update submissions set respondent_name = ${tricky} where id = ${one!.submission_id}`,
    );
    // A row longer than the pieces the PostgreSQL stream converts at a time (16 kB).
    const long = `${'Žluťoučký kůň úpěl ďábelské ódy. '.repeat(1200)}konec`;
    const [other] = await rows<{ submission_id: string; field: string; row: string }>(
      sql`select submission_id, field, row from submission_values order by submission_id limit 1`,
    );
    await ctx.app.db.execute(sql`update submission_values set value = to_jsonb(${long}::text)
      where submission_id = ${other!.submission_id} and field = ${other!.field} and row = ${other!.row}`);
    const url = '/api/exports/submission-values';
    const pages = await allPages(ctx, analyst, `${url}?limit=10000`);
    const lines = await ndjson(ctx, analyst, url);
    expect(lines).toEqual(pages);
    expect(
      lines.find((i) => i.id === `${other!.submission_id}/${other!.field}/${other!.row}`),
    ).toMatchObject({ value: long });
    const id = `${one!.submission_id}/${one!.field}/${one!.row}`;
    expect(lines.find((i) => i.id === id)).toMatchObject({ value: tricky, respondentName: tricky });
    const csvRow = (await csv(ctx, analyst, url)).find((r) => r.id === id);
    expect(csvRow).toMatchObject({ value: tricky, respondentName: tricky });
  });
});

describe('plan nodes', () => {
  it('a node deleted softly is left out of a full export and a tombstone with updatedSince, in every format', async () => {
    const {
      rows: [node],
    } = (await ctx.app.db.execute(
      sql`select id::text as id, clock_timestamp()::text as now from plan_nodes
        where deleted_at is null order by id limit 1`,
    )) as unknown as { rows: { id: string; now: string }[] };
    const since = new Date(node!.now.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString();
    await ctx.app.db.execute(sql`update plan_nodes set deleted_at = clock_timestamp(),
      updated_at = clock_timestamp() where id = ${node!.id}`);
    const url = `/api/exports/plan-nodes?updatedSince=${encodeURIComponent(since)}`;
    const items = await allPages(ctx, analyst, url);
    expect(items).toEqual([{ deleted: true, id: node!.id, deletedAt: expect.any(String) }]);
    expect(await ndjson(ctx, analyst, url)).toEqual(items);
    const full = await ndjson(ctx, analyst, '/api/exports/plan-nodes');
    expect(full.length).toBeGreaterThan(0);
    expect(full.map((i) => i.id)).not.toContain(node!.id);
  });
});

describe('collected values by ORP', () => {
  it('sums the counted submissions’ numbers by campaign, ORP, field and row, as the raw values add up', async () => {
    const aggregates = await allPages(ctx, analyst, '/api/exports/collected-values-by-orp');
    const values = await allPages(ctx, analyst, '/api/exports/submission-values?limit=10000');
    const { rows: orps } = (await ctx.app.db.execute(
      sql`select s.id::text as id, coalesce(o.code, '') as orp from submissions s
        left join territorial_units o on o.id = s.orp_id`,
    )) as unknown as { rows: { id: string; orp: string }[] };
    const orpOf = new Map(orps.map((r) => [r.id, r.orp]));
    // The same figures computed here from the raw values.
    const expected = new Map<string, number[]>();
    for (const v of values) {
      if (!['submitted', 'resubmitted', 'approved'].includes(v.status as string)) continue;
      if (typeof v.value !== 'number') continue;
      const key = `${v.campaignId}/${orpOf.get(v.submissionId as string)}/${v.field}/${v.row}`;
      expected.set(key, [...(expected.get(key) ?? []), v.value]);
    }
    expect(aggregates.length).toBe(expected.size);
    for (const a of aggregates) {
      const numbers = expected.get(a.id as string)!;
      expect(numbers, a.id as string).toBeDefined();
      const sum = numbers.reduce((x, y) => x + y, 0);
      expect(a).toMatchObject({
        respondents: numbers.length,
        min: Math.min(...numbers),
        max: Math.max(...numbers),
      });
      expect(a.sum).toBeCloseTo(sum, 6);
      expect(a.mean).toBeCloseTo(sum / numbers.length, 4);
    }
  });

  it('a coordinator gets its own territory’s figures only', async () => {
    const all = await allPages(ctx, analyst, '/api/exports/collected-values-by-orp');
    const {
      rows: [liberec],
    } = (await ctx.app.db.execute(
      sql`select id::text as id, code from territorial_units where kind = 'orp' and name = 'Liberec'`,
    )) as unknown as { rows: { id: string; code: string }[] };
    const coordinator = auth(ctx, 'coordinator', liberec!.id);
    const mine = await allPages(ctx, coordinator, '/api/exports/collected-values-by-orp');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
    for (const item of mine) expect(item.orpCode).toBe(liberec!.code);
  });
});
