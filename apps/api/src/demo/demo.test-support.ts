import { createTestApp, type TestContext } from '../test/test-app.ts';
import { seedCodelistsIfEmpty } from '../modules/codelists/codelists.seed.ts';
import { seedDemoIfEmpty } from './seed-demo.ts';

/** A fresh app whose database holds the codelists and the demo, as a demo server starts. */
export async function createDemoApp(): Promise<TestContext> {
  const ctx = await createTestApp();
  await seedCodelistsIfEmpty(ctx.app.db);
  if (!(await seedDemoIfEmpty(ctx.app.db))) throw new Error('the demo did not seed');
  return ctx;
}
