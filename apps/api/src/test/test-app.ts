import { loadConfig, type Config } from '../config.ts';
import { buildApp, type App } from '../app.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestContext {
  app: App;
  testDb: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/** The real app on a fresh database; jobs are polled quickly so 202 flows finish in tests. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const testDb = await createTestDatabase();
  // Tests log in often from one address; a test of the login limit passes its own LOGIN_RATE_LIMIT.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JOB_POLL_MS: '20',
    LOGIN_RATE_LIMIT: '10000',
    ...env,
  });
  const app = await buildApp({
    config,
    database: testDb.database,
    jwtSecret: TEST_JWT_SECRET,
    closeDatabase: false,
  });
  await app.ready();
  return {
    app,
    testDb,
    config,
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}
