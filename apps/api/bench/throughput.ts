// (a) Throughput of GET /api/territorial-units against a bare Fastify route, same run, same
// machine. Both servers are separate child processes started one after the other, so they never
// compete with each other; autocannon (this process) competes with each in the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { apiDir, round, serverEntry, startServer, type Server } from './lib.ts';

export interface Measurement {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface ThroughputResult {
  backend: 'pglite' | 'postgres';
  /** What was measured, for the report. */
  label: string;
  /** The API request measured (path and query). */
  path: string;
  connections: number;
  durationSec: number;
  bare: Measurement;
  api: Measurement & { responseBytes: number; itemsPerPage: number; total: number };
  ratio: number;
}

export interface ThroughputOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
  /** The app's LOG_LEVEL during the run (the bare route logs nothing). */
  logLevel: string;
  /** Seconds before autocannon gives a request up (default 10). */
  timeoutSec?: number;
}

export const BENCH_JWT_SECRET = 'bench-secret-0123456789-0123456789-0123456789';

export async function measure(
  url: string,
  headers: Record<string, string>,
  options: ThroughputOptions,
): Promise<Measurement> {
  const base = {
    url,
    connections: options.connections,
    headers,
    timeout: options.timeoutSec ?? 10,
  };
  if (options.warmupSec > 0) await autocannon({ ...base, duration: options.warmupSec });
  const r: Result = await autocannon({ ...base, duration: options.durationSec });
  return {
    requestsPerSec: round(r.requests.average, 0),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

async function measureBare(options: ThroughputOptions): Promise<Measurement> {
  const server = await startServer({
    args: [path.join(apiDir, 'bench/bare-server.mjs')],
    env: {},
    healthPath: '/bare',
  });
  try {
    return await measure(`${server.url}/bare`, {}, options);
  } finally {
    await server.stop();
  }
}

/** A fresh database for one run: a temp DATA_DIR (PGlite) or a new database on the server. */
export async function freshDatabase(
  backend: 'pglite' | 'postgres',
  serverUrl: string,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (backend === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'socplan-bench-'));
    return {
      env: { DATA_DIR: dir, DATABASE_URL: '' },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `socplan_bench_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

export async function login(server: Server): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'kraj@example.org', password: 'socplan-demo' }),
  });
  if (res.status !== 200) {
    throw new Error(`POST /api/auth/login answered ${res.status}: ${await res.text()}`);
  }
  const body = (await res.json()) as { accessToken: string };
  return body.accessToken;
}

export interface ThroughputCase {
  label: string;
  path: string;
  /** Extra environment of the API server for this case. */
  env?: Record<string, string>;
}

/**
 * The API requests measured against the bare route: the territory list and a filtered service
 * list, both as served (cached, decision 0008), and the service list once more with the read
 * cache off, so the figures also show what a first (or just-invalidated) request costs.
 */
export const THROUGHPUT_CASES: ThroughputCase[] = [
  { label: 'GET /api/territorial-units', path: '/api/territorial-units' },
  {
    label: 'GET /api/services (filtered)',
    path: '/api/services?form=ter&status=active&territoryId=:liberec&sort=name',
  },
  {
    label: 'GET /api/services (filtered, cache off)',
    path: '/api/services?form=ter&status=active&territoryId=:liberec&sort=name',
    env: { READ_CACHE_ENTRIES: '0' },
  },
];

/** Fills `:liberec` with the id of ORP Liberec (ČSÚ 5105) of the demo. */
async function resolvePath(server: Server, headers: Record<string, string>, path: string) {
  if (!path.includes(':liberec')) return path;
  const res = await fetch(`${server.url}/api/territorial-units?kind=orp&q=5105`, { headers });
  const { items } = (await res.json()) as { items: { id: string }[] };
  return path.replace(':liberec', items[0]!.id);
}

export async function benchThroughput(
  backend: 'pglite' | 'postgres',
  options: ThroughputOptions & { postgresUrl: string },
  measured: ThroughputCase = THROUGHPUT_CASES[0]!,
): Promise<ThroughputResult> {
  const bare = await measureBare(options);

  const database = await freshDatabase(backend, options.postgresUrl);
  let server: Server | undefined;
  try {
    server = await startServer({
      args: [serverEntry],
      env: {
        ...database.env,
        NODE_ENV: 'production',
        JWT_SECRET: BENCH_JWT_SECRET,
        SOCPLAN_DEMO: '1',
        LOG_LEVEL: options.logLevel,
        ...measured.env,
      },
      healthPath: '/api/health',
      timeoutMs: 120_000,
    });
    const token = await login(server);
    const headers = { authorization: `Bearer ${token}` };
    const path = await resolvePath(server, headers, measured.path);
    const url = `${server.url}${path}`;
    const probe = await fetch(url, { headers });
    const text = await probe.text();
    if (probe.status !== 200) {
      throw new Error(`GET ${path} answered ${probe.status}: ${text.slice(0, 500)}`);
    }
    const page = JSON.parse(text) as { items: unknown[]; total: number };
    const api = await measure(url, headers, options);
    return {
      backend,
      label: measured.label,
      path: measured.path,
      connections: options.connections,
      durationSec: options.durationSec,
      bare,
      api: {
        ...api,
        responseBytes: Buffer.byteLength(text),
        itemsPerPage: page.items.length,
        total: page.total,
      },
      ratio: round(api.requestsPerSec / bare.requestsPerSec, 3),
    };
  } finally {
    await server?.stop();
    await database.drop();
  }
}
