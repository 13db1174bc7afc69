// Migration drift check (`pnpm --filter @socplan/api db:check`, run by CI).
//
// Fails when the Drizzle schema (src/db/schema) has changes that the committed migrations
// (src/db/migrations) do not capture. `drizzle-kit check` only checks that the migration files
// agree with each other, so this also runs `drizzle-kit generate` into a temporary copy of the
// migrations folder: if it writes a new migration, the schema has drifted.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const migrationsDir = path.join(apiDir, 'src/db/migrations');
const drizzleKit = path.join(apiDir, 'node_modules/.bin/drizzle-kit');

function run(args, label) {
  const result = spawnSync(drizzleKit, args, {
    cwd: apiDir,
    encoding: 'utf8',
    // No stdin: a generate that would need to ask (e.g. "is this column renamed?") cannot wait
    // for an answer here; it fails or times out, and both mean the schema has drifted.
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  const ok = !result.error && result.status === 0;
  return { ok, output: result.error ? `${label}: ${result.error.message}\n${output}` : output };
}

const journal = (dir) =>
  JSON.parse(readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')).entries.map((e) => e.tag);
const sqlFiles = (dir) => readdirSync(dir).filter((f) => f.endsWith('.sql'));

// 1. The committed migrations are consistent with each other (no colliding snapshots).
const check = run(['check'], 'drizzle-kit check');
if (!check.ok || !/Everything's fine/.test(check.output)) {
  console.error(
    'Migration check FAILED: drizzle-kit check found the committed migrations inconsistent:\n',
  );
  console.error(check.output);
  process.exit(1);
}

// 2. Generating from the schema into a copy of the migrations adds nothing.
// drizzle-kit 0.31 wants `out` relative to the working directory, and exits 0 even when it
// fails: the outcome is read from what it wrote and printed, never from its exit code.
const work = mkdtempSync(path.join(tmpdir(), 'socplan-db-check-'));
let status = 0;
try {
  const out = path.join(work, 'migrations');
  cpSync(migrationsDir, out, { recursive: true });
  const config = path.join(apiDir, `.drizzle-check-${process.pid}.config.ts`);
  // Same settings as drizzle.config.ts, only the output folder differs.
  writeFileSync(
    config,
    "import base from './drizzle.config.ts';\n" +
      `export default { ...base, out: ${JSON.stringify(`./${path.relative(apiDir, out)}`)} };\n`,
  );
  let generate;
  try {
    generate = run(
      ['generate', `--config=${path.basename(config)}`, '--name=drift'],
      'drizzle-kit generate',
    );
  } finally {
    rmSync(config, { force: true });
  }
  const committed = journal(migrationsDir);
  const newSql = sqlFiles(out).filter((f) => !sqlFiles(migrationsDir).includes(f));
  if (newSql.length) {
    console.error(
      '\nMigration drift check FAILED: src/db/schema has changes that the committed migrations in\n' +
        'src/db/migrations do not capture. Generate the migration, review it and commit it:\n\n' +
        '  pnpm --filter @socplan/api db:generate\n',
    );
    console.error(`The missing migration would be (${newSql[0]}):\n`);
    console.error(
      readFileSync(path.join(out, newSql[0]), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    status = 1;
  } else if (generate.ok && /No schema changes/i.test(generate.output)) {
    console.log(
      `db:check: OK: src/db/schema matches the ${committed.length} committed migration(s) ` +
        `(latest ${committed.at(-1)}).`,
    );
  } else {
    const prompt = /interactive prompts|TTY/i.test(generate.output);
    console.error(
      prompt
        ? '\nMigration drift check FAILED: src/db/schema has changes that the committed migrations do not\n' +
            'capture, and drizzle-kit needs an answer to generate them (a table or column renamed or\n' +
            'dropped?). Run `pnpm --filter @socplan/api db:generate` in a terminal, answer, review, commit.'
        : '\nMigration drift check FAILED: drizzle-kit generate did not say "No schema changes" and\n' +
            'wrote no migration. Its output:\n\n' +
            generate.output,
    );
    status = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(status);
