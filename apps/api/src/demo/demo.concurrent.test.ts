import { afterAll, beforeAll, expect, it } from 'vitest';
import { providers, services, territorialUnits } from '../db/schema/index.ts';
import { seedCodelistsIfEmpty } from '../modules/codelists/codelists.seed.ts';
import { createTestApp, type TestContext } from '../test/test-app.ts';
import { DEMO_PROVIDERS } from './providers.data.ts';
import { DEMO_SERVICES } from './services.data.ts';
import { seedDemoIfEmpty } from './seed-demo.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedCodelistsIfEmpty(ctx.app.db);
});
afterAll(() => ctx.close());

it('two processes starting at once seed the demo exactly once', async () => {
  const db = ctx.app.db;
  const results = await Promise.all([seedDemoIfEmpty(db), seedDemoIfEmpty(db)]);
  expect(results.sort()).toEqual([false, true]);
  expect(await db.$count(territorialUnits)).toBeGreaterThan(10);
  expect(await db.$count(providers)).toBe(DEMO_PROVIDERS.length);
  expect(await db.$count(services)).toBe(DEMO_SERVICES.length);
});
