import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignReminders } from '../../db/schema/index.ts';
import { authHeader, createUnit } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  createCampaign,
  createCollectionWorld,
  type CollectionWorld,
} from './collection.test-support.ts';

let ctx: TestContext;
let w: CollectionWorld;
let campaignId: string;
let ids: { a: string; b: string; c: string; d: string };
let staff: Record<string, string>;

/**
 * Deadline 31 March 2025 (CEST, UTC+2): A submitted at 23:30 Prague time that day (on time),
 * C at 00:30 the next day (late, then approved); B has entered values but not submitted, D
 * nothing (and got a reminder).
 */
beforeAll(async () => {
  ctx = await createTestApp();
  w = await createCollectionWorld(ctx.app);
  const db = ctx.app.db;
  const municipalityC = await createUnit(db, {
    kind: 'municipality',
    name: 'Chrastava',
    parentId: w.orp1,
  });
  const municipalityD = await createUnit(db, {
    kind: 'municipality',
    name: 'Turnov',
    parentId: w.orp2,
  });
  const created = await createCampaign(db, {
    deadline: '2025-03-31',
    respondents: [
      w.municipality('A', { code: '563889', status: 'submitted' }),
      w.municipality('B', {
        code: '576964',
        values: [{ field: 'capacity', row: '', value: 3 }],
      }),
      {
        kind: 'municipality',
        code: '564044',
        name: 'Chrastava',
        municipalityId: municipalityC,
        orpId: w.orp1,
        status: 'approved',
      },
      {
        kind: 'municipality',
        code: '577626',
        name: 'Turnov; "město"',
        municipalityId: municipalityD,
        orpId: w.orp2,
      },
    ],
  });
  campaignId = created.campaignId;
  const [a, b, c, d] = created.submissionIds as [string, string, string, string];
  ids = { a, b, c, d };
  await db.execute(sql`update submissions set first_submitted_at = case id
      when ${a}::uuid then '2025-03-31T21:30:00Z'::timestamptz
      when ${c}::uuid then '2025-03-31T22:30:00Z'::timestamptz end
    where id in (${a}::uuid, ${c}::uuid)`);
  await db.insert(campaignReminders).values([
    { campaignId, submissionId: d, recipient: 'turnov@example.test', trigger: 'scheduled' },
    { campaignId, submissionId: d, recipient: 'turnov@example.test', trigger: 'manual' },
  ]);
  staff = authHeader(await w.token('region_staff'));
});
afterAll(() => ctx.close());

const completeness = (query = '', headers = staff) =>
  ctx.app.inject({
    method: 'GET',
    url: `/api/campaigns/${campaignId}/completeness${query}`,
    headers,
  });

describe('GET /api/campaigns/:id/completeness', () => {
  it('counts expected, received on time vs late across Prague midnight, approved, missing and started', async () => {
    const res = await completeness();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.totals).toEqual({
      expected: 4,
      received: 2,
      onTime: 1,
      late: 1,
      approved: 1,
      returned: 0,
      missing: 2,
      started: 1,
    });
    expect(body.byOrp).toEqual([
      expect.objectContaining({
        orpId: w.orp1,
        orpName: 'ORP Liberec',
        expected: 2,
        received: 2,
        onTime: 1,
        late: 1,
        missing: 0,
      }),
      expect.objectContaining({
        orpId: w.orp2,
        orpName: 'ORP Semily',
        expected: 2,
        received: 0,
        missing: 2,
        started: 1,
      }),
    ]);
    expect(body.byOrp[0].orpCode).toEqual(expect.any(String));
    const byId = Object.fromEntries(
      body.respondents.map((r: { submissionId: string }) => [r.submissionId, r]),
    );
    expect(byId[ids.a]).toMatchObject({
      code: '563889',
      onTime: true,
      started: false,
      firstSubmittedAt: '2025-03-31T21:30:00.000Z',
    });
    expect(byId[ids.c]).toMatchObject({ onTime: false, status: 'approved' });
    expect(byId[ids.b]).toMatchObject({ onTime: null, started: true, status: 'draft' });
    expect(byId[ids.d]).toMatchObject({ remindersSent: 2, started: false });
  });

  it('filters: orpId narrows everything, status and missing the respondents', async () => {
    const orp2 = (await completeness(`?orpId=${w.orp2}`)).json();
    expect(orp2.totals.expected).toBe(2);
    expect(orp2.byOrp).toHaveLength(1);
    const missing = (await completeness('?missing=true')).json();
    expect(missing.totals.expected).toBe(4);
    expect(missing.respondents.map((r: { submissionId: string }) => r.submissionId).sort()).toEqual(
      [ids.b, ids.d].sort(),
    );
    const approved = (await completeness('?status=approved')).json();
    expect(approved.respondents.map((r: { submissionId: string }) => r.submissionId)).toEqual([
      ids.c,
    ]);
  });

  it('is scoped: a coordinator sees its ORP, a municipality itself, others nothing (404)', async () => {
    const coordinator = (
      await completeness('', authHeader(await w.token('coordinator', true)))
    ).json();
    expect(coordinator.totals.expected).toBe(2);
    expect(
      coordinator.respondents.map((r: { submissionId: string }) => r.submissionId).sort(),
    ).toEqual([ids.a, ids.c].sort());
    const municipalityB = (
      await completeness('', authHeader(await w.token('municipality', false)))
    ).json();
    expect(municipalityB.respondents.map((r: { submissionId: string }) => r.submissionId)).toEqual([
      ids.b,
    ]);
    expect(municipalityB.byOrp).toEqual([expect.objectContaining({ orpId: w.orp2, expected: 1 })]);
    const provider = await completeness('', authHeader(await w.token('provider')));
    expect(provider.statusCode).toBe(404);
  });
});

describe('GET /api/campaigns/:id/missing', () => {
  const missing = (query: string, headers: Record<string, string> = staff) =>
    ctx.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/missing${query}`, headers });

  it('lists who has not submitted as JSON', async () => {
    const res = await missing('');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(2);
    expect(
      res
        .json()
        .items.map((r: { code: string }) => r.code)
        .sort(),
    ).toEqual(['576964', '577626']);
  });

  it('exports CSV for Excel: BOM, ; separated, quoted where needed, Czech status', async () => {
    for (const res of [
      await missing('?format=csv'),
      await missing('', { ...staff, accept: 'text/csv' }),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toMatch(/attachment/);
      const text = res.rawPayload.toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).trimEnd().split('\r\n');
      expect(lines).toEqual([
        'kód;název;ORP;stav;rozpracováno;upomínek',
        '576964;Semily;ORP Semily;neodesláno;ano;0',
        '577626;"Turnov; ""město""";ORP Semily;neodesláno;ne;2',
      ]);
    }
  });
});

// Last: it changes the data the other tests read.
describe('the kept completeness', () => {
  async function eventually(check: () => Promise<boolean>) {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
    return check();
  }

  it('answers 304 to its ETag and shows a change committed by another process', async () => {
    const first = await completeness();
    const again = await completeness('', {
      ...staff,
      'if-none-match': first.headers.etag as string,
    });
    expect(again.statusCode).toBe(304);
    // Another API process approves D: only the trigger's notification can tell this one.
    await ctx.app.db.execute(
      sql`update submissions set status = 'approved', first_submitted_at = now(), approved_at = now()
          where id = ${ids.d}::uuid`,
    );
    expect(await eventually(async () => (await completeness()).json().totals.approved === 2)).toBe(
      true,
    );
    // An autosave elsewhere (values of a started draft) changes no count and keeps the answer.
    const kept = await completeness();
    await ctx.app.db.execute(
      sql`update submissions set value_count = value_count + 1, version = version + 1
          where id = ${ids.b}::uuid`,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect((await completeness()).headers.etag).toBe(kept.headers.etag);
  });
});
