// (c) Production build size: the JavaScript a browser loads for the login route, gzipped.
//
// Static: index.html's module script + its modulepreload links, and (to miss nothing) every chunk
// those import statically. When Debian's chromium is installed, also the real thing: every .js
// response while opening /login on the built app. Either way: Leaflet must not be among them.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoDir, serverEntry, startServer, type Server } from './lib.ts';

export const webDist = path.join(repoDir, 'apps/web/dist');
const CHROMIUM = '/usr/bin/chromium';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  leaflet: boolean;
}

export interface SizeResult {
  /** index.html script + modulepreload + their static imports. */
  initial: ChunkSize[];
  initialGzipBytes: number;
  /** Every .js the browser fetched for /login (undefined when chromium is unavailable). */
  loginRoute?: ChunkSize[];
  loginRouteGzipBytes?: number;
  loginRouteNote?: string;
  leafletInInitial: boolean;
  /** The chunk(s) Leaflet lives in (to show it was found at all). */
  leafletChunks: string[];
}

// Leaflet's own marks that survive minification: the property it stamps on every layer and map,
// and the link in its attribution control.
const LEAFLET = /_leaflet_id|leafletjs\.com/;
const isLeaflet = (code: string) => LEAFLET.test(code);

function chunk(file: string, code: Buffer): ChunkSize {
  return {
    file,
    bytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    leaflet: isLeaflet(code.toString('utf8')),
  };
}

/** Static `import … from "./x.js"` / `import "./x.js"` (not dynamic `import("./x.js")`). */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  const re = /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;
  for (const m of code.matchAll(re)) found.add(m[1]!);
  return [...found];
}

function initialChunks(): string[] {
  const html = readFileSync(path.join(webDist, 'index.html'), 'utf8');
  const refs = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!),
  ];
  const files = new Set<string>();
  const visit = (ref: string, from: string) => {
    const file = path.posix.normalize(path.posix.join(path.posix.dirname(from), ref));
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(path.join(webDist, file), 'utf8');
    for (const next of staticImports(code)) visit(next, file);
  };
  for (const ref of refs) visit(ref.replace(/^\//, ''), 'index.html');
  return [...files];
}

/** The little of playwright-core used here. */
interface Chromium {
  launch(options: { executablePath: string; args: string[] }): Promise<{
    newPage(): Promise<{
      on(event: 'response', fn: (res: { url(): string; body(): Promise<Buffer> }) => void): void;
      goto(url: string, options: { waitUntil: 'networkidle' }): Promise<unknown>;
      waitForSelector(selector: string, options: { timeout: number }): Promise<unknown>;
    }>;
    close(): Promise<void>;
  }>;
}

async function browserLoginRoute(): Promise<{ chunks?: ChunkSize[]; note?: string }> {
  if (!existsSync(CHROMIUM)) return { note: `${CHROMIUM} not installed` };
  let chromium: Chromium;
  try {
    // playwright-core is the web app's (its browser journeys); the API does not depend on it.
    const require = createRequire(path.join(repoDir, 'apps/web/package.json'));
    const mod = (await import(require.resolve('playwright-core'))) as {
      chromium?: Chromium;
      default?: { chromium: Chromium };
    };
    chromium = (mod.chromium ?? mod.default?.chromium)!;
  } catch {
    return { note: 'playwright-core (apps/web) not installed' };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'socplan-bench-size-'));
  let server: Server | undefined;
  let browser: Awaited<ReturnType<Chromium['launch']>> | undefined;
  try {
    server = await startServer({
      args: [serverEntry],
      env: { WEB_DIST: webDist, DATABASE_URL: '', DATA_DIR: dataDir },
      healthPath: '/api/health',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage();
    const scripts = new Map<string, Promise<Buffer>>();
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (url.pathname.endsWith('.js')) {
        scripts.set(
          url.pathname,
          res.body().catch(() => Buffer.alloc(0)),
        );
      }
    });
    await page.goto(`${server.url}/login`, { waitUntil: 'networkidle' });
    await page.waitForSelector('input[type="password"]', { timeout: 10_000 }).catch(() => {});
    const chunks: ChunkSize[] = [];
    for (const [file, body] of scripts) chunks.push(chunk(file.replace(/^\//, ''), await body));
    return { chunks: chunks.sort((a, b) => b.gzipBytes - a.gzipBytes) };
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchSize(): Promise<SizeResult> {
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(`${webDist}/index.html is missing: build the web app first (pnpm build)`);
  }
  const initial = initialChunks()
    .map((file) => chunk(file, readFileSync(path.join(webDist, file))))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const assets = path.join(webDist, 'assets');
  const leafletChunks = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .filter((f) => isLeaflet(readFileSync(path.join(assets, f), 'utf8')))
    .map((f) => `assets/${f}`);
  const browser = await browserLoginRoute();
  const sum = (chunks: ChunkSize[]) => chunks.reduce((n, c) => n + c.gzipBytes, 0);
  return {
    initial,
    initialGzipBytes: sum(initial),
    ...(browser.chunks
      ? { loginRoute: browser.chunks, loginRouteGzipBytes: sum(browser.chunks) }
      : { loginRouteNote: browser.note }),
    leafletInInitial:
      initial.some((c) => c.leaflet) || Boolean(browser.chunks?.some((c) => c.leaflet)),
    leafletChunks,
  };
}
