// (plans) The tree of a large plan in one request: GET /api/plans/:id/tree of a plan with
// 2,010 nodes (10 priorities × 10 measures × 19 activities) and five years of costing and
// funding, and of a plan of 22 nodes, on PGlite and on PostgreSQL, at 20 connections. The
// server answers X-Query-Count (QUERY_COUNT_HEADER=1): the statements per request must not
// grow with the tree.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { planNodes, plans, territorialUnits } from '../src/db/schema/index.ts';
import { apiDir, serverEntry, startServer, type Server } from './lib.ts';
import {
  BENCH_JWT_SECRET,
  freshDatabase,
  login,
  measure,
  type Measurement,
  type ThroughputOptions,
} from './throughput.ts';

export interface PlanTreeMeasurement extends Measurement {
  nodes: number;
  responseBytes: number;
  /** Bytes on the wire for a client that accepts gzip (as every browser does). */
  gzipBytes: number;
  /** Statements of the first read, which builds the tree (later reads are served from cache). */
  queriesPerRequest: number;
}

export interface PlanTreeResult {
  backend: 'pglite' | 'postgres';
  connections: number;
  durationSec: number;
  large: PlanTreeMeasurement;
  small: PlanTreeMeasurement;
}

const YEARS = [2025, 2026, 2027, 2028, 2029];
const SHAPES = { large: [10, 10, 19], small: [2, 2, 4] } as const;

/** The server must have the tree route and the query-count header: rebuild a stale dist. */
function ensureTreeBuilt(): void {
  if (existsSync(serverEntry)) {
    const built = readFileSync(serverEntry, 'utf8');
    if (built.includes('/tree') && built.includes('x-query-count')) return;
  }
  console.log('dist/server.js lacks the plan tree or the query count: building the API (tsup)…');
  const run = spawnSync(path.join(apiDir, 'node_modules/.bin/tsup'), [], {
    cwd: apiDir,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('the API build failed');
}

/** A regional plan 2025–2029 of `shape` (priorities, measures each, activities each), costed. */
async function insertPlan(
  url: string | undefined,
  dataDir: string | undefined,
  title: string,
  [priorities, measures, activities]: readonly [number, number, number],
): Promise<{ id: string; nodes: number }> {
  const database = await openDatabase({ url, ...(dataDir ? { dataDir } : {}) });
  try {
    const db = database.db;
    const [region] = await db
      .select({ id: territorialUnits.id })
      .from(territorialUnits)
      .where(eq(territorialUnits.kind, 'region'));
    const [plan] = await db
      .insert(plans)
      .values({
        kind: 'regional',
        title,
        territoryUnitId: region!.id,
        yearFrom: YEARS[0]!,
        yearTo: YEARS.at(-1)!,
      })
      .returning({ id: plans.id });
    const rows: (typeof planNodes.$inferInsert)[] = [];
    const node = (parentId: string | null, code: string, level: string, position: number) => {
      const id = crypto.randomUUID();
      const activity = level === 'activity';
      rows.push({
        id,
        planId: plan!.id,
        parentId,
        level,
        position,
        code,
        title: `${level} ${code}`,
        description: `Popis uzlu ${code}: co se udělá, kdo za to odpovídá a s kým.`,
        targetGroups: ['24', '17'],
        serviceTypes: ['40'],
        responsible: 'odbor sociálních věcí',
        costs: activity ? YEARS.map((year, i) => ({ year, amount: 100_000_00 * (i + 1) })) : [],
        funding: activity
          ? YEARS.flatMap((year, i) => [
              { source: 'mpsv', year, amount: 60_000_00 * (i + 1) },
              { source: 'municipality', year, amount: 30_000_00 * (i + 1) },
            ])
          : [],
        indicators: activity
          ? [
              {
                id: crypto.randomUUID(),
                name: 'Klienti',
                unit: 'osoby',
                baseline: 1000,
                targets: YEARS.map((year) => ({ year, value: 2000 })),
              },
            ]
          : [],
      });
      return id;
    };
    for (let p = 1; p <= priorities; p++) {
      const pid = node(null, `${p}`, 'priority', p);
      for (let m = 1; m <= measures; m++) {
        const mid = node(pid, `${p}.${m}`, 'measure', m);
        for (let a = 1; a <= activities; a++) node(mid, `${p}.${m}.${a}`, 'activity', a);
      }
    }
    // Parents come before their children, so each chunk's parents already exist.
    for (let i = 0; i < rows.length; i += 500)
      await db.insert(planNodes).values(rows.slice(i, i + 500));
    return { id: plan!.id, nodes: rows.length };
  } finally {
    await database.close();
  }
}

async function measureTree(
  server: Server,
  headers: Record<string, string>,
  plan: { id: string; nodes: number },
  options: ThroughputOptions,
): Promise<PlanTreeMeasurement> {
  const url = `${server.url}/api/plans/${plan.id}/tree`;
  const probe = await fetch(url, { headers });
  const text = await probe.text();
  const gzipped = await fetch(url, { headers: { ...headers, 'accept-encoding': 'gzip' } });
  if (probe.status !== 200)
    throw new Error(`GET /api/plans/:id/tree answered ${probe.status}: ${text.slice(0, 500)}`);
  const queries = probe.headers.get('x-query-count');
  if (queries === null) throw new Error('the server sent no X-Query-Count');
  // Like a browser: asks for gzip. (autocannon counts the compressed bytes and never inflates.)
  const run = await measure(url, { ...headers, 'accept-encoding': 'gzip' }, options);
  return {
    ...run,
    nodes: plan.nodes,
    responseBytes: Buffer.byteLength(text),
    gzipBytes:
      gzipped.headers.get('content-encoding') === 'gzip'
        ? Number(gzipped.headers.get('content-length'))
        : Buffer.byteLength(text),
    queriesPerRequest: Number(queries),
  };
}

export async function benchPlanTree(
  backend: 'pglite' | 'postgres',
  options: ThroughputOptions & { postgresUrl: string },
): Promise<PlanTreeResult> {
  ensureTreeBuilt();
  const database = await freshDatabase(backend, options.postgresUrl);
  const env = {
    ...database.env,
    NODE_ENV: 'production',
    JWT_SECRET: BENCH_JWT_SECRET,
    SOCPLAN_DEMO: '1',
    LOG_LEVEL: options.logLevel,
    QUERY_COUNT_HEADER: '1',
  };
  const start = () =>
    startServer({
      args: [serverEntry],
      env,
      healthPath: '/api/health',
      timeoutMs: 120_000,
    });
  let server: Server | undefined;
  try {
    // First start migrates and seeds the demo; the plans go in while no server holds PGlite.
    await (await start()).stop();
    const url = database.env.DATABASE_URL || undefined;
    const dataDir = database.env.DATA_DIR;
    const large = await insertPlan(url, dataDir, 'Benchmark: 2 000 uzlů', SHAPES.large);
    const small = await insertPlan(url, dataDir, 'Benchmark: 20 uzlů', SHAPES.small);
    server = await start();
    const headers = { authorization: `Bearer ${await login(server)}` };
    // The small tree first: requests of the large one still in flight when its run ends would
    // slow the next run down. A slow large tree is reported as slow, not as timed-out errors.
    const measured = { ...options, timeoutSec: 60 };
    const smallRun = await measureTree(server, headers, small, measured);
    const largeRun = await measureTree(server, headers, large, measured);
    return {
      backend,
      connections: options.connections,
      durationSec: options.durationSec,
      large: largeRun,
      small: smallRun,
    };
  } finally {
    await server?.stop();
    await database.drop();
  }
}
