import { expect } from 'vitest';
import { createTestApp, type TestContext } from '../test/test-app.ts';
import { auth } from '../modules/territory/territory.test-support.ts';
import { seedCodelistsIfEmpty } from '../modules/codelists/codelists.seed.ts';
import { seedDemoIfEmpty } from './seed-demo.ts';

/** A fresh app whose database holds the codelists and the demo, as a demo server starts. */
export async function createDemoApp(): Promise<TestContext> {
  const ctx = await createTestApp();
  await seedCodelistsIfEmpty(ctx.app.db);
  if (!(await seedDemoIfEmpty(ctx.app.db))) throw new Error('the demo did not seed');
  return ctx;
}

/** GET as region staff; anything but 200 fails the test with the answer's body. */
export const staffGet =
  (ctx: TestContext) =>
  async <T>(url: string): Promise<T> => {
    const res = await ctx.app.inject({ method: 'GET', url, headers: auth(ctx, 'region_staff') });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
