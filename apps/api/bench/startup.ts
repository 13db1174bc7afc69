// (b) Start-up: cold (empty DATA_DIR: create the embedded database, migrate, seed the demo) and
// warm (the same DATA_DIR again) — from spawning `node dist/server.js` to the first 200 from
// GET /api/health.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median, round, serverEntry, startServer } from './lib.ts';

export interface StartupResult {
  runs: number;
  coldMs: number[];
  warmMs: number[];
  coldMedianMs: number;
  warmMedianMs: number;
}

async function start(dataDir: string): Promise<number> {
  const server = await startServer({
    args: [serverEntry],
    env: { DATA_DIR: dataDir, SOCPLAN_DEMO: '1', NODE_ENV: 'development', DATABASE_URL: '' },
    healthPath: '/api/health',
    timeoutMs: 120_000,
  });
  await server.stop();
  return round(server.readyMs, 0);
}

export async function benchStartup(runs: number): Promise<StartupResult> {
  const coldMs: number[] = [];
  const warmMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'socplan-bench-start-'));
    try {
      coldMs.push(await start(dir));
      warmMs.push(await start(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    runs,
    coldMs,
    warmMs,
    coldMedianMs: median(coldMs),
    warmMedianMs: median(warmMs),
  };
}
