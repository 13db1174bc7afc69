// Browser journeys against the built API serving the built SPA.
// Usage: pnpm build (API and web) && pnpm --filter @socplan/web e2e
// E2E_BASE_URL=http://localhost:5173 runs them against an already running app instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const apiDir = resolve(here, '../../api');
const serverEntry = join(apiDir, 'dist/server.js');
const webDist = resolve(here, '../dist/index.html');
const artifacts = join(here, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const freePort = () =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });

/** Starts the built API on a free port with a fresh data directory and the demo data. */
async function startApi() {
  for (const [file, hint] of [
    [serverEntry, 'pnpm --filter @socplan/api build'],
    [webDist, 'pnpm --filter @socplan/web build'],
  ]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`${hint}\` first`);
  }
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'socplan-e2e-'));
  const log = [];
  const child = spawn(process.execPath, [serverEntry], {
    cwd: apiDir,
    env: {
      ...process.env,
      SOCPLAN_DEMO: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // Every journey logs its users in from this one address within a minute or two: more
      // than the default 10 logins a minute allows (the limit itself is tested in the API).
      LOGIN_RATE_LIMIT: '60',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => log.push(chunk.toString()));
  }
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, exited);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- API output ---\n${log.join('')}`, { cause: error });
  }
  return { baseUrl, stop };
}

async function waitForHealth(baseUrl, exited, timeoutMs = 60_000) {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('the API exited during start-up');
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET ${baseUrl}/api/health did not answer 200 within ${timeoutMs / 1000} s`);
}

async function main() {
  const only = process.argv[2];
  const journeys = (await readdir(here))
    .filter((f) => f.endsWith('.journey.mjs') && (!only || f.includes(only)))
    .sort();
  await mkdir(artifacts, { recursive: true });

  const api = process.env.E2E_BASE_URL
    ? { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => {} }
    : await startApi();
  let browser;
  const results = [];
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    for (const file of journeys) {
      const { default: journey } = await import(join(here, file));
      const name = file.replace(/\.journey\.mjs$/, '');
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
      const started = Date.now();
      try {
        await journey({ page, baseUrl: api.baseUrl, artifacts, name });
        if (pageErrors.length)
          throw new Error(`uncaught errors in the page:\n${pageErrors.join('\n')}`);
        results.push({ name, ok: true });
        console.log(`✓ ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        results.push({ name, ok: false });
        console.log(`✗ ${name}: ${error.stack ?? error}`);
        await page
          .screenshot({ path: join(artifacts, `${name}-failure.png`), fullPage: true })
          .catch(() => {});
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser?.close();
    await api.stop();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && results.length > 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(`e2e: could not run: ${error.message}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
