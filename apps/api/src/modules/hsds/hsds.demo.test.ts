import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HsdsPage, PublicMap, PublicServiceList } from '@socplan/contracts';
import { facilities } from '../../db/schema/index.ts';
import { createDemoApp } from '../../demo/demo.test-support.ts';
import type { TestContext } from '../../test/test-app.ts';
import { hsdsErrors } from './hsds-schemas.test-support.ts';

/** The public catalogue and HSDS on the demo data: real content, valid, shelters withheld. */
let ctx: TestContext;
let secretIds: string[];
beforeAll(async () => {
  ctx = await createDemoApp();
  secretIds = (
    await ctx.app.db
      .select({ id: facilities.id })
      .from(facilities)
      .where(eq(facilities.secretAddress, true))
  ).map((f) => f.id);
});
afterAll(() => ctx.close());

const get = async <T>(url: string): Promise<{ body: T; text: string }> => {
  const res = await ctx.app.inject({ url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return { body: res.json(), text: res.body };
};

describe('the demo catalogue', () => {
  it('has secret facilities to withhold', () => {
    expect(secretIds.length).toBeGreaterThanOrEqual(2);
  });

  it('finds services near Liberec, nearest first, and maps them without shelters', async () => {
    const { body: list } = await get<PublicServiceList>('/api/public/services?municipality=563889');
    expect(list.total).toBeGreaterThanOrEqual(10);
    const distances = list.items
      .map((s) => s.nearestFacility?.distanceKm)
      .filter((d): d is number => d !== null && d !== undefined);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const { body: map, text } = await get<PublicMap>('/api/public/map');
    expect(map.items.length).toBeGreaterThanOrEqual(50);
    for (const id of secretIds) expect(text).not.toContain(id);
  });

  it('every HSDS service is valid against the official schema, no secret location in it', async () => {
    const { body, text } = await get<HsdsPage<unknown>>(
      '/api/hsds/services?full=true&per_page=500',
    );
    expect(body.total_items).toBeGreaterThanOrEqual(80);
    expect(body.size).toBe(body.total_items);
    for (const service of body.contents) expect(hsdsErrors('service', service)).toEqual([]);
    for (const id of secretIds) expect(text).not.toContain(id);
    const { body: orgs } = await get<HsdsPage<unknown>>('/api/hsds/organizations?per_page=500');
    for (const org of orgs.contents) expect(hsdsErrors('organization', org)).toEqual([]);
  });
});
