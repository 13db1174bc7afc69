import { cpSync, existsSync, rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

/**
 * The production build of the API: `node dist/server.js` (and `node dist/cli.js`).
 *
 * - `@socplan/contracts` and `@socplan/form-rules` are TypeScript source (exports ./src/index.ts),
 *   so they are inlined, with form-rules' one dependency (jsep, which apps/api does not list);
 *   every real dependency stays external and is loaded from node_modules at run time
 *   (PGlite finds its wasm and data files beside its own package, argon2 its native binary).
 * - The SQL migrations are copied to dist/migrations: src/db/migrate.ts resolves
 *   `new URL('./migrations', import.meta.url)`, which in the bundle is beside the bundle files.
 * - The SPA is found from dist/ as ../../web/dist (= apps/web/dist), as from src/.
 */
export default defineConfig({
  entry: ['src/server.ts', 'src/cli.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  splitting: true,
  treeshake: true,
  dts: false,
  noExternal: ['@socplan/contracts', '@socplan/form-rules', 'jsep'],
  removeNodeProtocol: false,
  async onSuccess() {
    const target = 'dist/migrations';
    rmSync(target, { recursive: true, force: true });
    cpSync('src/db/migrations', target, { recursive: true });
    if (!existsSync(`${target}/meta/_journal.json`)) {
      throw new Error('build: src/db/migrations/meta/_journal.json is missing');
    }
  },
});
