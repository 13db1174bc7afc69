import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { submissions, submissionValues } from '../../db/schema/index.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { createCampaign, unrolledHistory } from './collection.test-support.ts';
import { diffValues, loadFlatValues, writeValueChanges } from './submission-values.ts';
import { lockSubmissions } from './submissions.repo.ts';

const principal = (name: string): AuthPrincipal => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'client',
  name,
  email: null,
  roles: [],
});

describe('diffValues', () => {
  const current = [
    { field: 'capacity', row: '', value: 10 },
    { field: 'note', row: '', value: 'x' },
    { field: 'clients.count', row: '1', value: 3 },
  ];
  it('writes only what changed and counts every kind', () => {
    const { upserts, deletes, counts } = diffValues(
      current,
      [
        { field: 'capacity', row: '', value: 10 },
        { field: 'note', row: '', value: 'y' },
        { field: 'clients.count', row: '2', value: 4 },
      ],
      [
        { field: 'clients.count', row: '1' },
        { field: 'occupied', row: '' },
      ],
    );
    expect(upserts).toEqual([
      { field: 'note', row: '', value: 'y' },
      { field: 'clients.count', row: '2', value: 4 },
    ]);
    expect(deletes).toEqual([{ field: 'clients.count', row: '1' }]);
    expect(counts).toEqual({ inserted: 1, updated: 1, cleared: 1, unchanged: 2 });
  });
  it('clears every stored cell of a table sent as null, and nothing else', () => {
    const stored = [...current, { field: 'clients.note', row: '7', value: 'n' }];
    const { deletes, counts } = diffValues(stored, [], [], ['clients']);
    expect(deletes).toEqual([
      { field: 'clients.count', row: '1' },
      { field: 'clients.note', row: '7' },
    ]);
    expect(counts).toEqual({ inserted: 0, updated: 0, cleared: 2, unchanged: 0 });
  });
  it('treats equal multi-choice values as unchanged', () => {
    const { upserts } = diffValues(
      [{ field: 'm', row: '', value: ['a', 'b'] }],
      [{ field: 'm', row: '', value: ['a', 'b'] }],
      [],
    );
    expect(upserts).toEqual([]);
  });
});

describe('writeValueChanges', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  const stored = async (id: string) =>
    ctx.app.db
      .select({
        field: submissionValues.field,
        row: submissionValues.row,
        value: submissionValues.value,
      })
      .from(submissionValues)
      .where(eq(submissionValues.submissionId, id))
      .orderBy(asc(submissionValues.field), asc(submissionValues.row));
  const history = (id: string) => unrolledHistory(ctx.app.db, id);

  it('upserts, clears and records history for many submissions at once', async () => {
    const { submissionIds } = await createCampaign(ctx.app.db, {
      respondents: [
        { values: [{ field: 'capacity', row: '', value: 5, prefilled: true }] },
        { values: [{ field: 'note', row: '', value: 'it\'s "quoted" \\ ok' }] },
        {},
      ],
    });
    const [a, b, c] = submissionIds as [string, string, string];
    await ctx.app.db.transaction(async (tx) => {
      await lockSubmissions(tx, submissionIds);
      const current = await loadFlatValues(tx, submissionIds);
      expect(current.get(a)).toEqual([{ field: 'capacity', row: '', value: 5, prefilled: true }]);
      const writes = [
        { id: a, set: [{ field: 'capacity', row: '', value: 7 }], cleared: [] },
        {
          id: b,
          set: [{ field: 'clients.count', row: '1', value: 2 }],
          cleared: [{ field: 'note', row: '' }],
        },
        { id: c, set: [], cleared: [{ field: 'note', row: '' }] },
      ];
      await writeValueChanges(
        tx,
        { principal: principal('Liberec IS'), channel: 'api' },
        writes.map((w) => ({
          submissionId: w.id,
          current: current.get(w.id)!,
          ...diffValues(current.get(w.id)!, w.set, w.cleared),
        })),
      );
    });
    expect(await stored(a)).toEqual([{ field: 'capacity', row: '', value: 7 }]);
    expect(await stored(b)).toEqual([{ field: 'clients.count', row: '1', value: 2 }]);
    const [prefilled] = await ctx.app.db
      .select({ prefilled: submissionValues.prefilled })
      .from(submissionValues)
      .where(eq(submissionValues.submissionId, a));
    expect(prefilled!.prefilled).toBe(false);
    expect(
      (await history(b)).map((h) => [h.field, h.row, h.oldValue, h.newValue, h.channel]),
    ).toEqual([
      ['clients.count', '1', null, 2, 'api'],
      ['note', '', 'it\'s "quoted" \\ ok', null, 'api'],
    ]);
    const [ha] = await history(a);
    expect(ha).toMatchObject({
      oldValue: 5,
      newValue: 7,
      principalName: 'Liberec IS',
      principalKind: 'client',
    });
    const rows = await ctx.app.db
      .select({
        id: submissions.id,
        valueCount: submissions.valueCount,
        version: submissions.version,
      })
      .from(submissions)
      .where(sql`${submissions.id} in (${a}, ${b}, ${c})`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a)).toMatchObject({ valueCount: 1, version: 2 });
    expect(byId.get(b)).toMatchObject({ valueCount: 1, version: 2 });
    // Nothing to clear: no write, no version bump, no history.
    expect(byId.get(c)).toMatchObject({ valueCount: 0, version: 1 });
    expect(await history(c)).toEqual([]);
  });

  it('two concurrent writers of one submission lose no value and chain the history', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, { respondents: [{}] });
    const write = (field: string, value: number) =>
      ctx.app.db.transaction(async (tx) => {
        await lockSubmissions(tx, [id!]);
        const current = (await loadFlatValues(tx, [id!])).get(id!)!;
        const set = [
          { field, row: '', value },
          { field: 'shared', row: '', value },
        ];
        await writeValueChanges(tx, { principal: principal(field), channel: 'api' }, [
          { submissionId: id!, current, ...diffValues(current, set, []) },
        ]);
      });
    await Promise.all(Array.from({ length: 6 }, (_, i) => write(`f${i}`, i + 1)));
    const values = await stored(id!);
    expect(values.filter((v) => v.field.startsWith('f'))).toHaveLength(6);
    const shared = (await history(id!)).filter((h) => h.field === 'shared');
    // Each writer's old value is the previous writer's new one: nothing was overwritten unseen.
    expect(shared[0]!.oldValue).toBeNull();
    for (let i = 1; i < shared.length; i++)
      expect(shared[i]!.oldValue).toEqual(shared[i - 1]!.newValue);
    expect(values.find((v) => v.field === 'shared')!.value).toEqual(shared.at(-1)!.newValue);
    const [row] = await ctx.app.db
      .select({ valueCount: submissions.valueCount, version: submissions.version })
      .from(submissions)
      .where(eq(submissions.id, id!));
    expect(row).toEqual({ valueCount: 7, version: 7 });
  });
});
