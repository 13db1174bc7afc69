import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import { resolveJwtSecret } from './lib/jwt-secret.ts';
import { seedDemoIfEmpty } from './demo/seed-demo.ts';
import { seedCodelistsIfEmpty } from './modules/codelists/codelists.seed.ts';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await runMigrations(database);
  await seedCodelistsIfEmpty(database.db);
  if (config.SOCPLAN_DEMO === '1') await seedDemoIfEmpty(database.db);

  const app = await buildApp({ config, database, jwtSecret: resolveJwtSecret(config) });
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error) => {
  // Configuration and data-directory errors are the operator's to fix: say so plainly.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
