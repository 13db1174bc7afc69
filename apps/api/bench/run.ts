// socplan benchmarks: they print figures and never gate CI.
//
//   pnpm bench                                  # from the repo root: builds, then runs all
//   pnpm --filter @socplan/api bench -- size    # only some: throughput, startup, size, registry, plans,
//                                               # collection-push, collection-completeness, dashboard,
//                                               # lighthouse
//
// Settings (env): BENCH_CONNECTIONS (50), BENCH_DURATION (10 s), BENCH_WARMUP (3 s),
// BENCH_LOG_LEVEL (warn: the API without request logs, like the bare route), BENCH_STARTUP_RUNS (3),
// BENCH_DATABASE_URL (else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres).
// Results: a table on stdout and JSON in apps/api/bench/results/ (gitignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { apiDir, ensureBuilt } from './lib.ts';
import { benchCollectionCompleteness, type CompletenessResult } from './collection-completeness.ts';
import { benchDashboard, type DashboardResult } from './dashboard.ts';
import { benchLighthouse, type LighthouseResult } from './lighthouse.ts';
import { benchCollectionPush, type CollectionPushResult } from './collection-push.ts';
import { benchExportValues, type ExportValuesResult } from './export-values.ts';
import { benchPlanTree, type PlanTreeResult } from './plan-tree.ts';
import { benchRegistryImport, type RegistryBenchResult } from './registry-import.ts';
import { benchSize, type SizeResult } from './size.ts';
import { benchStartup, type StartupResult } from './startup.ts';
import { benchThroughput, THROUGHPUT_CASES, type ThroughputResult } from './throughput.ts';

const SUITES = [
  'throughput',
  'startup',
  'size',
  'registry',
  'plans',
  'collection-push',
  'collection-completeness',
  'export-values',
  'dashboard',
  'lighthouse',
] as const;
type Suite = (typeof SUITES)[number];

const TARGETS = {
  ratio: 0.4,
  p99Ms: 50,
  coldStartMs: 15_000,
  warmStartMs: 3_000,
  loginGzipBytes: 200 * 1024,
  registryImportSec: 30,
  registryReimportSec: 10,
  registryRssMb: 500,
  planTreeP99Ms: 100,
  collectionPushRatio: 0.5,
  completenessP99Ms: 100,
  exportRatio: 0.3,
  exportRssMb: 200,
  dashboardP99Ms: 200,
  lighthouseScore: 90,
};
/** Region staff looking at completeness at once (a handful; the plan tree's 20 is a ceiling). */
const COMPLETENESS_CONNECTIONS = 10;
/** Region staff and coordinators opening dashboards at once. */
const DASHBOARD_CONNECTIONS = 10;
/** The plan tree is measured at 20 connections (issue 4), whatever BENCH_CONNECTIONS says. */
const PLAN_TREE_CONNECTIONS = 20;

const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const requested = process.argv.slice(2).filter((a) => a !== '--');
const unknown = requested.filter((a) => !SUITES.includes(a as Suite));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')}; choose from ${SUITES.join(', ')}`);
  process.exit(2);
}
const suites: Suite[] = requested.length ? (requested as Suite[]) : [...SUITES];
const postgresUrl =
  process.env.BENCH_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';

function reachable(connectionString: string): Promise<boolean> {
  const { hostname, port } = new URL(connectionString);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const pad = (s: string, n: number) => s.padEnd(n);

interface Results {
  at: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    platform: string;
    loadAverageAtStart: number[];
  };
  settings: Record<string, unknown>;
  targets: typeof TARGETS;
  throughput: ThroughputResult[];
  throughputSkipped?: string;
  startup?: StartupResult;
  size?: SizeResult;
  registry?: RegistryBenchResult;
  plans: PlanTreeResult[];
  plansSkipped?: string;
  collectionPush?: CollectionPushResult;
  collectionPushSkipped?: string;
  completeness: CompletenessResult[];
  completenessSkipped?: string;
  exportValues?: ExportValuesResult;
  exportValuesSkipped?: string;
  dashboard?: DashboardResult;
  dashboardSkipped?: string;
  lighthouse?: LighthouseResult;
  errors: { suite: string; message: string }[];
}

const cpus = os.cpus();
const results: Results = {
  at: new Date().toISOString(),
  machine: {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  },
  settings: {
    suites,
    connections: env('BENCH_CONNECTIONS', 50),
    durationSec: env('BENCH_DURATION', 10),
    warmupSec: env('BENCH_WARMUP', 3),
    logLevel: process.env.BENCH_LOG_LEVEL || 'warn',
    startupRuns: env('BENCH_STARTUP_RUNS', 3),
    postgres: new URL(postgresUrl).host,
  },
  targets: TARGETS,
  throughput: [],
  plans: [],
  completeness: [],
  errors: [],
};

async function attempt(suite: string, fn: () => Promise<void>) {
  console.log(`\n… ${suite}`);
  try {
    await fn();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.errors.push({ suite, message });
    console.error(`${suite} failed: ${message}`);
  }
}

ensureBuilt();
console.log(
  `socplan benchmarks on ${results.machine.cpus} × ${results.machine.cpuModel}, ` +
    `Node ${process.version}; the load generator shares the machine with the server.`,
);
if (results.machine.loadAverageAtStart[0]! > cpus.length / 2) {
  console.log(
    `WARNING: load average ${results.machine.loadAverageAtStart[0]} on ${cpus.length} CPUs: ` +
      'other work is running, the figures will be low and noisy.',
  );
}

if (suites.includes('throughput')) {
  const options = {
    connections: results.settings.connections as number,
    durationSec: results.settings.durationSec as number,
    warmupSec: results.settings.warmupSec as number,
    logLevel: results.settings.logLevel as string,
    postgresUrl,
  };
  const pgUp = await reachable(postgresUrl);
  for (const measured of THROUGHPUT_CASES) {
    await attempt(`throughput of ${measured.label} on PGlite`, async () => {
      results.throughput.push(await benchThroughput('pglite', options, measured));
    });
    if (pgUp) {
      await attempt(
        `throughput of ${measured.label} on PostgreSQL (${new URL(postgresUrl).host})`,
        async () => {
          results.throughput.push(await benchThroughput('postgres', options, measured));
        },
      );
    }
  }
  if (!pgUp) {
    results.throughputSkipped = `PostgreSQL not reachable at ${new URL(postgresUrl).host}`;
    console.log(`PostgreSQL is not reachable at ${new URL(postgresUrl).host}: skipped that half.`);
  }
}
if (suites.includes('startup')) {
  await attempt('startup', async () => {
    results.startup = await benchStartup(results.settings.startupRuns as number);
  });
}
if (suites.includes('size')) {
  await attempt('size', async () => {
    results.size = await benchSize();
  });
}

if (suites.includes('registry')) {
  const pgUp = await reachable(postgresUrl);
  await attempt('registry import (national file)', async () => {
    results.registry = await benchRegistryImport({
      postgresUrl: pgUp ? postgresUrl : null,
      ...(pgUp
        ? {}
        : { postgresSkipped: `PostgreSQL not reachable at ${new URL(postgresUrl).host}` }),
    });
  });
}

if (suites.includes('plans')) {
  const options = {
    connections: PLAN_TREE_CONNECTIONS,
    durationSec: results.settings.durationSec as number,
    warmupSec: results.settings.warmupSec as number,
    logLevel: results.settings.logLevel as string,
    postgresUrl,
  };
  await attempt('plan tree on PGlite', async () => {
    results.plans.push(await benchPlanTree('pglite', options));
  });
  if (await reachable(postgresUrl)) {
    await attempt(`plan tree on PostgreSQL (${new URL(postgresUrl).host})`, async () => {
      results.plans.push(await benchPlanTree('postgres', options));
    });
  } else {
    results.plansSkipped = `PostgreSQL not reachable at ${new URL(postgresUrl).host}`;
  }
}

if (suites.includes('collection-push')) {
  if (await reachable(postgresUrl)) {
    await attempt(`collection push on PostgreSQL (${new URL(postgresUrl).host})`, async () => {
      results.collectionPush = await benchCollectionPush({
        postgresUrl,
        logLevel: results.settings.logLevel as string,
      });
    });
  } else {
    results.collectionPushSkipped = `PostgreSQL not reachable at ${new URL(postgresUrl).host}`;
  }
}

if (suites.includes('collection-completeness')) {
  const options = {
    connections: COMPLETENESS_CONNECTIONS,
    durationSec: results.settings.durationSec as number,
    warmupSec: results.settings.warmupSec as number,
    logLevel: results.settings.logLevel as string,
    postgresUrl,
  };
  await attempt('completeness on PGlite', async () => {
    results.completeness.push(await benchCollectionCompleteness('pglite', options));
  });
  if (await reachable(postgresUrl)) {
    await attempt(`completeness on PostgreSQL (${new URL(postgresUrl).host})`, async () => {
      results.completeness.push(await benchCollectionCompleteness('postgres', options));
    });
  } else {
    results.completenessSkipped = `PostgreSQL not reachable at ${new URL(postgresUrl).host}`;
  }
}

if (suites.includes('dashboard')) {
  if (await reachable(postgresUrl)) {
    await attempt(`dashboard aggregates on PostgreSQL (${new URL(postgresUrl).host})`, async () => {
      results.dashboard = await benchDashboard({
        connections: DASHBOARD_CONNECTIONS,
        durationSec: results.settings.durationSec as number,
        warmupSec: results.settings.warmupSec as number,
        logLevel: results.settings.logLevel as string,
        postgresUrl,
      });
    });
  } else {
    results.dashboardSkipped = `PostgreSQL not reachable at ${new URL(postgresUrl).host}`;
  }
}

if (suites.includes('lighthouse')) {
  await attempt('lighthouse (public catalogue, mobile)', async () => {
    results.lighthouse = await benchLighthouse(env('BENCH_LIGHTHOUSE_RUNS', 3));
  });
}

if (suites.includes('export-values')) {
  if (await reachable(postgresUrl)) {
    await attempt(`NDJSON export of submission values on PostgreSQL`, async () => {
      results.exportValues = await benchExportValues({
        postgresUrl,
        logLevel: results.settings.logLevel as string,
      });
    });
  } else {
    results.exportValuesSkipped = `PostgreSQL not reachable at ${new URL(postgresUrl).host}`;
  }
}

// --- report ---
const rows: [string, string, string, string][] = [];
for (const t of results.throughput) {
  const db = t.backend === 'pglite' ? 'PGlite' : 'PostgreSQL';
  rows.push([`bare Fastify GET /bare (${db} run)`, `${t.bare.requestsPerSec} req/s`, '', '']);
  rows.push([
    `${t.label} on ${db}`,
    `${t.api.requestsPerSec} req/s`,
    '',
    t.api.non2xx || t.api.errors ? `${t.api.non2xx} non-2xx, ${t.api.errors} errors!` : '',
  ]);
  rows.push([
    `  ratio api / bare (${db})`,
    t.ratio.toFixed(3),
    `≥ ${TARGETS.ratio}`,
    mark(t.ratio >= TARGETS.ratio),
  ]);
  rows.push([
    `  p99 latency (${db})`,
    ms(t.api.p99Ms),
    `< ${TARGETS.p99Ms} ms`,
    mark(t.api.p99Ms < TARGETS.p99Ms),
  ]);
  rows.push([`  p99 latency bare (${db})`, ms(t.bare.p99Ms), '', '']);
}
if (results.throughputSkipped)
  rows.push(['throughput on PostgreSQL', 'skipped', '', results.throughputSkipped]);
if (results.startup) {
  const s = results.startup;
  rows.push([
    'cold start (empty DATA_DIR, migrate + demo seed)',
    ms(s.coldMedianMs),
    `< ${TARGETS.coldStartMs / 1000} s`,
    `${mark(s.coldMedianMs < TARGETS.coldStartMs)} (runs: ${s.coldMs.join(', ')} ms)`,
  ]);
  rows.push([
    'warm start (same DATA_DIR)',
    ms(s.warmMedianMs),
    `< ${TARGETS.warmStartMs / 1000} s`,
    `${mark(s.warmMedianMs < TARGETS.warmStartMs)} (runs: ${s.warmMs.join(', ')} ms)`,
  ]);
}
if (results.size) {
  const z = results.size;
  rows.push([
    `initial JS gzip (index.html + preloads, ${z.initial.length} files)`,
    kb(z.initialGzipBytes),
    `≤ ${kb(TARGETS.loginGzipBytes)}`,
    mark(z.initialGzipBytes <= TARGETS.loginGzipBytes),
  ]);
  if (z.loginRoute && z.loginRouteGzipBytes !== undefined) {
    rows.push([
      `login route JS gzip (chromium, ${z.loginRoute.length} files)`,
      kb(z.loginRouteGzipBytes),
      `≤ ${kb(TARGETS.loginGzipBytes)}`,
      mark(z.loginRouteGzipBytes <= TARGETS.loginGzipBytes),
    ]);
  } else {
    rows.push(['login route JS gzip (chromium)', 'skipped', '', z.loginRouteNote ?? '']);
  }
  rows.push([
    'Leaflet in the initial chunks',
    z.leafletInInitial ? 'yes' : 'no',
    'no',
    `${mark(!z.leafletInInitial)} (Leaflet is in ${z.leafletChunks.join(', ') || 'no chunk found'})`,
  ]);
}
if (results.registry) {
  const f = results.registry.file;
  rows.push([
    `registry file: ${f.services} registrations, ${f.facilities} facilities`,
    `${f.megabytes} MB`,
    '',
    `${f.liberecServices} in Liberecký kraj`,
  ]);
  for (const r of results.registry.runs) {
    const db = r.backend === 'pglite' ? 'PGlite' : 'PostgreSQL';
    const limit =
      r.run === 'first import' ? TARGETS.registryImportSec : TARGETS.registryReimportSec;
    rows.push([
      `registry ${r.run}, ${r.scenario} (${r.kept} kept) on ${db}`,
      `${r.seconds} s`,
      `< ${limit} s`,
      `${mark(r.seconds < limit)} (${r.changes} changes, load ${r.load})`,
    ]);
    rows.push([
      `  peak RSS of that run`,
      `${r.maxRssMb} MB`,
      `< ${TARGETS.registryRssMb} MB`,
      mark(r.maxRssMb < TARGETS.registryRssMb),
    ]);
  }
  if (results.registry.postgresSkipped)
    rows.push(['registry import on PostgreSQL', 'skipped', '', results.registry.postgresSkipped]);
}
for (const p of results.plans) {
  const db = p.backend === 'pglite' ? 'PGlite' : 'PostgreSQL';
  for (const t of [p.large, p.small]) {
    const errors = t.non2xx || t.errors ? `, ${t.non2xx} non-2xx, ${t.errors} errors!` : '';
    rows.push([
      `GET /api/plans/:id/tree, ${t.nodes} nodes on ${db} (${p.connections} conn.)`,
      `${t.requestsPerSec} req/s`,
      '',
      `p50 ${ms(t.p50Ms)}, ${kb(t.responseBytes)} (${kb(t.gzipBytes)} gzipped)${errors}`,
    ]);
    rows.push([
      `  p99 latency (${t.nodes} nodes, ${db})`,
      ms(t.p99Ms),
      `< ${TARGETS.planTreeP99Ms} ms`,
      mark(t.p99Ms < TARGETS.planTreeP99Ms),
    ]);
  }
  rows.push([
    `  SQL statements per tree build (${db})`,
    `${p.large.queriesPerRequest} / ${p.small.queriesPerRequest}`,
    'equal',
    `${mark(p.large.queriesPerRequest === p.small.queriesPerRequest)} (${p.large.nodes} / ${p.small.nodes} nodes)`,
  ]);
}
if (results.plansSkipped)
  rows.push(['plan tree on PostgreSQL', 'skipped', '', results.plansSkipped]);
if (results.collectionPush) {
  const p = results.collectionPush;
  const n = p.values.toLocaleString('en');
  rows.push([
    `push API: ${n} values, bulk batches of ${p.batchValues} (PostgreSQL)`,
    `${p.api.valuesPerSec} values/s`,
    '',
    `${p.api.seconds} s, ${p.api.requests} requests`,
  ]);
  rows.push([
    `  multi-row INSERT of the same rows, batches of ${p.batchValues}`,
    `${p.insert.rowsPerSec} rows/s`,
    '',
    `${p.insert.seconds} s, ${p.insert.statements} statements`,
  ]);
  rows.push([
    '  ratio push API / INSERT',
    p.ratio.toFixed(3),
    `≥ ${TARGETS.collectionPushRatio}`,
    mark(p.ratio >= TARGETS.collectionPushRatio),
  ]);
  const c = p.concurrent;
  rows.push([
    `push API, ${c.clients} clients at once (${c.values.toLocaleString('en')} values)`,
    `${c.valuesPerSec} values/s`,
    '',
    `${c.seconds} s, ${c.historyChanges} value changes in the history`,
  ]);
  rows.push([`  errors`, String(c.errors), '0', mark(c.errors === 0)]);
  rows.push([`  lost values`, String(c.lostValues), '0', mark(c.lostValues === 0)]);
}
if (results.collectionPushSkipped)
  rows.push(['push API on PostgreSQL', 'skipped', '', results.collectionPushSkipped]);
for (const c of results.completeness) {
  const db = c.backend === 'pglite' ? 'PGlite' : 'PostgreSQL';
  const errors = c.non2xx || c.errors ? `, ${c.non2xx} non-2xx, ${c.errors} errors!` : '';
  rows.push([
    `GET …/completeness, ${c.respondents} respondents on ${db} (${c.connections} conn.)`,
    `${c.requestsPerSec} req/s`,
    '',
    `p50 ${ms(c.p50Ms)}, ${kb(c.responseBytes)}${errors}`,
  ]);
  rows.push([
    `  p99 latency (${db})`,
    ms(c.p99Ms),
    `< ${TARGETS.completenessP99Ms} ms`,
    mark(c.p99Ms < TARGETS.completenessP99Ms),
  ]);
  rows.push([
    `  p99 latency, one request at a time (${db})`,
    ms(c.serial.p99Ms),
    `< ${TARGETS.completenessP99Ms} ms`,
    `${mark(c.serial.p99Ms < TARGETS.completenessP99Ms)} (p50 ${ms(c.serial.p50Ms)}, ${c.serial.requestsPerSec} req/s)`,
  ]);
}
if (results.completenessSkipped)
  rows.push(['completeness on PostgreSQL', 'skipped', '', results.completenessSkipped]);
if (results.dashboard) {
  const d = results.dashboard;
  rows.push([
    `dashboard data: ${d.services} services, ${d.values.toLocaleString('en')} values (PostgreSQL)`,
    `${d.setupSec} s setup`,
    '',
    `${d.connections} connections`,
  ]);
  for (const r of d.runs) {
    const errors = r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors!` : '';
    rows.push([
      `GET ${r.label}, cache ${r.cache ? 'on' : 'off'}`,
      `${r.requestsPerSec} req/s`,
      '',
      `p50 ${ms(r.p50Ms)}, ${kb(r.responseBytes)}${errors}`,
    ]);
    rows.push([
      `  p99 latency`,
      ms(r.p99Ms),
      `< ${TARGETS.dashboardP99Ms} ms`,
      mark(r.p99Ms < TARGETS.dashboardP99Ms),
    ]);
  }
}
if (results.dashboardSkipped)
  rows.push(['dashboard on PostgreSQL', 'skipped', '', results.dashboardSkipped]);

for (const p of results.lighthouse?.pages ?? []) {
  const runs = p.runs.map((r) => `${r.performance}/${r.accessibility}`).join(', ');
  rows.push([
    `Lighthouse performance, ${p.label} (mobile)`,
    String(p.performance),
    `≥ ${TARGETS.lighthouseScore}`,
    `${mark(p.performance >= TARGETS.lighthouseScore)} (FCP ${ms(p.fcpMs)}, LCP ${ms(p.lcpMs)}, TBT ${ms(p.tbtMs)}, CLS ${p.cls}; runs perf/a11y: ${runs})`,
  ]);
  rows.push([
    `  accessibility`,
    String(p.accessibility),
    `≥ ${TARGETS.lighthouseScore}`,
    `${mark(p.accessibility >= TARGETS.lighthouseScore)}${p.failedAccessibility.length ? ` (failed: ${p.failedAccessibility.join('; ')})` : ''}`,
  ]);
}

if (results.exportValues) {
  const e = results.exportValues;
  rows.push([
    `NDJSON export, ${e.values.toLocaleString('en')} values (PostgreSQL)`,
    `${e.api.rowsPerSec} rows/s`,
    '',
    `${e.api.seconds} s, ${e.api.megabytes} MB`,
  ]);
  rows.push([
    '  psql COPY … TO STDOUT of the same rows',
    `${e.copy.rowsPerSec} rows/s`,
    '',
    `${e.copy.seconds} s, ${e.copy.megabytes} MB`,
  ]);
  rows.push([
    '  ratio export / COPY',
    e.ratio.toFixed(3),
    `≥ ${TARGETS.exportRatio}`,
    mark(e.ratio >= TARGETS.exportRatio),
  ]);
  rows.push([
    '  server peak RSS (VmHWM)',
    `${e.peakRssMb} MB`,
    `< ${TARGETS.exportRssMb} MB`,
    `${mark(e.peakRssMb < TARGETS.exportRssMb)} (${e.rssBeforeMb} MB before the exports)`,
  ]);
}
if (results.exportValuesSkipped)
  rows.push(['NDJSON export on PostgreSQL', 'skipped', '', results.exportValuesSkipped]);

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), 8));
console.log(
  '\n' + ['figure', 'value', 'target', ''].map((h, i) => pad(h, widths[i] ?? 0)).join('  '),
);
console.log(widths.map((w) => '-'.repeat(w)).join('  ') + '  ' + '-'.repeat(10));
for (const r of rows)
  console.log(
    r
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
if (results.size) {
  console.log(`\n${results.size.loginRoute ? 'login route' : 'initial'} chunks (gzip):`);
  for (const c of results.size.loginRoute ?? results.size.initial) {
    console.log(`  ${pad(c.file, 48)} ${kb(c.gzipBytes).padStart(10)}  (${kb(c.bytes)} raw)`);
  }
}
for (const e of results.errors) console.log(`\nERROR in ${e.suite}: ${e.message}`);

const dir = path.join(apiDir, 'bench/results');
mkdirSync(dir, { recursive: true });
const json = JSON.stringify(results, null, 2);
const file = path.join(dir, `bench-${results.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, json);
writeFileSync(path.join(dir, 'latest.json'), json);
console.log(`\nJSON: ${path.relative(process.cwd(), file)} (and bench/results/latest.json)`);
process.exit(results.errors.length ? 1 : 0);
