import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { seedCodelistsIfEmpty } from '../src/modules/codelists/codelists.seed.ts';
import { seedDemoTerritory } from '../src/modules/territory/territory.demo.ts';
import { apiDir, round } from './lib.ts';
import { generateNationalRegistry, type GeneratedRegistry } from './registry-generate.ts';

/**
 * The registry import at national size: a generated rpss.json (~7,000 registrations, ~19,000
 * facilities, all 14 regions) imported by the built CLI (`node dist/cli.js import-registry`,
 * analyse + apply) as a child process per run, on PGlite and on PostgreSQL: once keeping the
 * region's registrations (Liberecký kraj, the demo territory), once with the filter off (a
 * ministry-wide deployment), each into an empty network and then again with the same file
 * (which must change nothing). Each run's peak RSS is the child's own `maxRSS` at exit.
 */

export type RegistryScenario = 'region' | 'all-regions';

export interface RegistryRunResult {
  backend: 'pglite' | 'postgres';
  scenario: RegistryScenario;
  run: 'first import' | 're-import';
  seconds: number;
  maxRssMb: number;
  kept: number;
  changes: number;
  /** Load average when the run started (the machine may be shared). */
  load: number;
}

export interface RegistryBenchResult {
  file: Omit<GeneratedRegistry, 'file'> & { megabytes: number };
  runs: RegistryRunResult[];
  postgresSkipped?: string;
}

const cli = path.join(apiDir, 'dist/cli.js');

/** The CLI must know import-registry: build when dist is missing or older than the command. */
function ensureCliBuilt(): void {
  if (existsSync(cli) && readFileSync(cli, 'utf8').includes('import-registry')) return;
  console.log('dist/cli.js lacks import-registry: building the API (tsup)…');
  const run = spawnSync(path.join(apiDir, 'node_modules/.bin/tsup'), [], {
    cwd: apiDir,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('the API build failed');
}

/** The generated file in the temp directory (same seed, same file on every run; removed after). */
async function nationalFile(): Promise<GeneratedRegistry> {
  const dir = path.join(os.tmpdir(), 'socplan-bench-registry');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'rpss-national.json');
  console.log(`generating the national registry file (${file})…`);
  return generateNationalRegistry(file);
}

/** An empty network with the demo territory (Liberecký kraj) and the codelists. */
async function prepare(target: { dataDir?: string; url?: string }) {
  const database = await openDatabase({
    ...(target.url ? { url: target.url } : {}),
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    poolSize: 1,
  });
  try {
    await runMigrations(database);
    await seedCodelistsIfEmpty(database.db);
    await database.db.transaction((tx) => seedDemoTerritory(tx));
  } finally {
    await database.close();
  }
}

/**
 * Reports the child's peak RSS on exit (a data: module, so no file is needed). On Linux the
 * kernel's VmHWM of the process: getrusage's maxRSS survives exec, so a child spawned by this
 * (large) benchmark process would report at least the parent's size. Elsewhere maxRSS.
 */
const RSS_REPORTER = `data:text/javascript,${encodeURIComponent(`
  import { readFileSync } from 'node:fs';
  process.on('exit', () => {
    let kb = process.resourceUsage().maxRSS;
    try {
      const hwm = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
      if (hwm) kb = Number(hwm[1]);
    } catch {}
    process.stderr.write('\\nBENCH_MAX_RSS_KB=' + kb + '\\n');
  });`)}`;

async function runCli(
  file: string,
  scenario: RegistryScenario,
  env: Record<string, string>,
): Promise<{ seconds: number; maxRssMb: number; kept: number; changes: number }> {
  const args = ['--import', RSS_REPORTER, cli, 'import-registry', file];
  if (scenario === 'all-regions') args.push('--all-regions');
  const childEnv: Record<string, string> = { ...process.env, ...env } as Record<string, string>;
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: apiDir, env: childEnv });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-100_000)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0)
    throw new Error(`import-registry exited ${code}:\n${stdout}\n${stderr.slice(-3000)}`);
  const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(stderr);
  const kept = /registrations read, (\d+) kept/.exec(stdout);
  const written = /applied: (\d+) changes/.exec(stdout);
  return {
    seconds,
    maxRssMb: rss ? Number(rss[1]) / 1024 : NaN,
    kept: kept ? Number(kept[1]) : NaN,
    changes: written ? Number(written[1]) : /no changes/.test(stdout) ? 0 : NaN,
  };
}

export async function benchRegistryImport(options: {
  postgresUrl: string | null;
  postgresSkipped?: string;
}): Promise<RegistryBenchResult> {
  ensureCliBuilt();
  const generated = await nationalFile();
  try {
    return await measure(generated, options);
  } finally {
    rmSync(generated.file, { force: true });
  }
}

async function measure(
  generated: GeneratedRegistry,
  options: { postgresUrl: string | null; postgresSkipped?: string },
): Promise<RegistryBenchResult> {
  const { file, ...stats } = generated;
  const result: RegistryBenchResult = {
    file: { ...stats, megabytes: round(stats.bytes / 1048576, 1) },
    runs: [],
    ...(options.postgresSkipped ? { postgresSkipped: options.postgresSkipped } : {}),
  };
  console.log(
    `  ${stats.services} registrations, ${stats.facilities} facilities, ${stats.providers} providers, ` +
      `${result.file.megabytes} MB; ${stats.liberecServices} with a facility in Liberecký kraj`,
  );
  const backends: ('pglite' | 'postgres')[] = options.postgresUrl
    ? ['pglite', 'postgres']
    : ['pglite'];
  let n = 0;
  for (const backend of backends) {
    for (const scenario of ['region', 'all-regions'] as const) {
      n++;
      let env: Record<string, string>;
      let cleanup: () => Promise<void>;
      if (backend === 'pglite') {
        const dataDir = mkdtempSync(path.join(os.tmpdir(), 'socplan-bench-registry-'));
        await prepare({ dataDir });
        env = { DATA_DIR: dataDir };
        cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
      } else {
        const name = `socplan_bench_registry_${process.pid}_${n}`;
        const admin = new pg.Client({ connectionString: options.postgresUrl! });
        await admin.connect();
        await admin.query(`drop database if exists ${name}`);
        await admin.query(`create database ${name}`);
        const url = new URL(options.postgresUrl!);
        url.pathname = `/${name}`;
        await prepare({ url: url.toString() });
        env = { DATABASE_URL: url.toString() };
        cleanup = async () => {
          await admin.query(`drop database if exists ${name} with (force)`);
          await admin.end();
        };
      }
      try {
        for (const run of ['first import', 're-import'] as const) {
          const load = os.loadavg()[0]!;
          console.log(`  ${backend}, ${scenario}, ${run}…`);
          const r = await runCli(file, scenario, env);
          result.runs.push({
            backend,
            scenario,
            run,
            seconds: round(r.seconds, 1),
            maxRssMb: Math.round(r.maxRssMb),
            kept: r.kept,
            changes: r.changes,
            load: round(load, 2),
          });
        }
      } finally {
        await cleanup();
      }
    }
  }
  return result;
}
