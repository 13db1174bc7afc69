import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createProvider } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import { allPages, csv, ndjson, page, type Item } from './exports.test-support.ts';

let ctx: TestContext;
let analyst: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp();
  analyst = auth(ctx, 'analyst');
});
afterAll(() => ctx.close());

const run = (query: ReturnType<typeof sql>) => ctx.app.db.execute(query);
const rename = (id: string, name: string) =>
  run(sql`update providers set name = ${name}, updated_at = clock_timestamp() where id = ${id}`);
const remove = (id: string) => run(sql`delete from providers where id = ${id}`);
/** The database's clock now, as the API writes it (microseconds). */
const dbNow = async () => {
  const result = (await run(sql`select clock_timestamp()::text as now`)) as unknown as {
    rows: { now: string }[];
  };
  return new Date(result.rows[0]!.now.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString();
};
const makeProviders = (n: number, prefix: string) =>
  Promise.all(
    Array.from({ length: n }, (_, i) => createProvider(ctx.app.db, { name: `${prefix} ${i}` })),
  );

describe('paging while the data changes', () => {
  it('never repeats a row nor skips one that existed throughout', async () => {
    await run(sql`delete from providers`);
    const initial = await makeProviders(30, 'Start');
    const seen: string[] = [];
    const deleted = new Set<string>();
    let cursor: string | null = null;
    let round = 0;
    do {
      const body: { items: Item[]; nextCursor: string | null } = await page(
        ctx,
        analyst,
        `/api/exports/providers?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...body.items.map((i) => i.id as string));
      cursor = body.nextCursor;
      // Between pages: rows come, change (seen and unseen ones) and go.
      round++;
      await makeProviders(2, `Round ${round}`);
      const unseen = initial.filter((id) => !seen.includes(id) && !deleted.has(id));
      if (unseen.length > 1) {
        await rename(unseen[0]!, `Renamed ${round}`);
        await remove(unseen[1]!);
        deleted.add(unseen[1]!);
      }
      await rename(seen[0]!, `Renamed again ${round}`);
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of initial) if (!deleted.has(id)) expect(seen).toContain(id);
    expect(deleted.size).toBeGreaterThan(2);
    for (const id of deleted) expect(seen).not.toContain(id);
  });

  it('with updatedSince: unchanged rows once, a row changed meanwhile again with its new version', async () => {
    const since = await dbNow();
    const ids = await makeProviders(10, 'Fresh');
    const first = await page(ctx, analyst, `/api/exports/providers?limit=3&updatedSince=${since}`);
    const seenFirst = first.items.map((i) => i.id as string);
    expect(seenFirst).toHaveLength(3);
    await rename(seenFirst[0]!, 'Changed while paging');
    const rest = await allPages(
      ctx,
      analyst,
      `/api/exports/providers?limit=3&updatedSince=${since}`,
      first.nextCursor,
    );
    const all = [...first.items, ...rest];
    for (const id of ids.filter((i) => i !== seenFirst[0]))
      expect(all.filter((i) => i.id === id)).toHaveLength(1);
    const versions = all.filter((i) => i.id === seenFirst[0]);
    expect(versions.at(-1)!.name).toBe('Changed while paging');
  });
});

describe('updatedSince', () => {
  it('returns what changed and tombstones of what was deleted, in every format', async () => {
    const [keep, change, drop] = await makeProviders(3, 'Sync');
    const since = await dbNow();
    await rename(change!, 'Synced change');
    await remove(drop!);
    const url = `/api/exports/providers?updatedSince=${encodeURIComponent(since)}`;
    const items = await allPages(ctx, analyst, url);
    // In time order (the clock may give both the same time: then by id).
    expect(items.map((i) => i.id).sort()).toEqual([change, drop].sort());
    const changed = items.find((i) => i.id === change)!;
    const tombstone = items.find((i) => i.id === drop)!;
    expect(changed.name).toBe('Synced change');
    expect(tombstone).toEqual({ deleted: true, id: drop, deletedAt: expect.any(String) });
    expect(Date.parse(tombstone.deletedAt as string)).toBeGreaterThanOrEqual(Date.parse(since));
    expect(items.map((i) => i.id)).not.toContain(keep);
    expect(await ndjson(ctx, analyst, url)).toEqual(items);
    const rows = await csv(ctx, analyst, url);
    expect(rows.map((r) => [r.id, r._deleted])).toEqual(
      items.map((i) => [i.id, i.deleted ? 'true' : 'false']),
    );
    expect(rows.find((r) => r.id === drop)!._deletedAt).toBe(tombstone.deletedAt);
    // A sync from the newest time seen gets only what happened at that very instant (inclusive:
    // a write in the same clock tick is never missed); one from a moment later gets nothing.
    const after = [tombstone.deletedAt as string, changed.updatedAt as string].sort().at(-1)!;
    const sync = (from: string) =>
      page(ctx, analyst, `/api/exports/providers?updatedSince=${encodeURIComponent(from)}`);
    for (const item of (await sync(after)).items)
      expect(Date.parse((item.updatedAt ?? item.deletedAt) as string)).toBe(Date.parse(after));
    expect((await sync(new Date(Date.parse(after) + 1).toISOString())).items).toEqual([]);
  });
});
