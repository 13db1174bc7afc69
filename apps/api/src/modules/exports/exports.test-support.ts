import { expect } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import type { TestContext } from '../../test/test-app.ts';

export type Headers = Record<string, string>;
export type Item = Record<string, unknown>;

/** GET a JSON page; throws on anything but 200. */
export async function page(ctx: TestContext, headers: Headers, url: string) {
  const res = await ctx.app.inject({ url, headers });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as { items: Item[]; nextCursor: string | null; schemaVersion: string };
}

const withParam = (url: string, name: string, value: string) =>
  `${url}${url.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;

/** Every JSON page of `url` (which may carry a query), concatenated. */
export async function allPages(
  ctx: TestContext,
  headers: Headers,
  url: string,
  from: string | null = null,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor = from;
  for (let i = 0; i < 10_000; i++) {
    const body = await page(ctx, headers, cursor ? withParam(url, 'cursor', cursor) : url);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('the pages never ended');
}

export async function ndjson(ctx: TestContext, headers: Headers, url: string): Promise<Item[]> {
  const res = await ctx.app.inject({ url: withParam(url, 'format', 'ndjson'), headers });
  if (res.statusCode !== 200) throw new Error(`GET ${url} ndjson: ${res.statusCode} ${res.body}`);
  expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
  return res.body
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Item);
}

export async function csv(ctx: TestContext, headers: Headers, url: string) {
  const res = await ctx.app.inject({ url: withParam(url, 'format', 'csv'), headers });
  if (res.statusCode !== 200) throw new Error(`GET ${url} csv: ${res.statusCode} ${res.body}`);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  return parseCsv(res.body, { columns: true }) as Record<string, string>[];
}

/** A JSON item as its CSV line reads back: null → '', nested values as JSON text. */
export const asCsvRow = (item: Item, columns: string[]): Record<string, string> =>
  Object.fromEntries(
    columns.map((c) => {
      const v = item[c];
      return [
        c,
        v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
      ];
    }),
  );
