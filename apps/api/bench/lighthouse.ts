// (e) The public catalogue in Lighthouse: performance and accessibility scores of /catalogue, a
// search from a municipality and a service page, mobile form factor (Lighthouse's default: a
// mid-range phone on slow 4G, simulated), against the built app in demo mode.
//
// Lighthouse's CLI launches Debian's chromium through chrome-launcher (CHROME_PATH); it needs no
// network. Settings: BENCH_LIGHTHOUSE_RUNS (3; the median score of the runs is reported),
// BENCH_WEB_DIST (the built SPA; default apps/web/dist).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiDir, median, serverEntry, startServer, type Server } from './lib.ts';
import { webDist } from './size.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROME_FLAGS = '--headless --no-sandbox --disable-gpu --disable-background-networking';

export interface LighthousePage {
  label: string;
  path: string;
  /** Median over the runs, 0–100. */
  performance: number;
  accessibility: number;
  runs: { performance: number; accessibility: number }[];
  /** Median milliseconds of the main metrics (simulated mobile). */
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Accessibility audits that failed in the last run (id: title). */
  failedAccessibility: string[];
}

export interface LighthouseResult {
  runsPerPage: number;
  pages: LighthousePage[];
}

interface Report {
  categories: Record<string, { score: number | null }>;
  audits: Record<
    string,
    { id: string; title: string; score: number | null; numericValue?: number }
  >;
  runtimeError?: { code: string; message: string };
}

/** One Lighthouse run (its CLI: it brings the Chrome launcher it was built with). */
function runLighthouse(url: string, outFile: string): Promise<Report> {
  const bin = path.join(apiDir, 'node_modules/.bin/lighthouse');
  return new Promise((resolve, reject) => {
    const child = spawn(
      bin,
      [
        url,
        '--only-categories=performance,accessibility',
        '--output=json',
        `--output-path=${outFile}`,
        `--chrome-flags=${CHROME_FLAGS}`,
        '--quiet',
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)),
    );
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`lighthouse exited ${code}: ${stderr}`));
      const report = JSON.parse(readFileSync(outFile, 'utf8')) as Report;
      if (report.runtimeError) {
        return reject(
          new Error(`lighthouse: ${report.runtimeError.code} ${report.runtimeError.message}`),
        );
      }
      resolve(report);
    });
  });
}

const score = (report: Report, category: string) =>
  Math.round((report.categories[category]?.score ?? 0) * 100);
const metric = (report: Report, id: string) => report.audits[id]?.numericValue ?? Number.NaN;

async function measure(
  server: Server,
  label: string,
  pagePath: string,
  runs: number,
  dir: string,
): Promise<LighthousePage> {
  const reports: Report[] = [];
  for (let i = 0; i < runs; i++) {
    const outFile = path.join(dir, `run-${i}.json`);
    reports.push(
      await runLighthouse(server.url + pagePath, outFile).catch((error: Error) => {
        // Lighthouse's own trace recording sometimes fails with headless Chromium (NO_NAVSTART,
        // "run Lighthouse again"): a failed measurement, not a page that failed; run it again once.
        if (!/NO_NAVSTART|Please run Lighthouse again/.test(error.message)) throw error;
        console.warn(`lighthouse ${pagePath}: ${error.message.trim()}; running it again`);
        return runLighthouse(server.url + pagePath, outFile);
      }),
    );
  }
  const last = reports.at(-1)!;
  const of = (fn: (r: Report) => number) => median(reports.map(fn));
  return {
    label,
    path: pagePath,
    performance: of((r) => score(r, 'performance')),
    accessibility: of((r) => score(r, 'accessibility')),
    runs: reports.map((r) => ({
      performance: score(r, 'performance'),
      accessibility: score(r, 'accessibility'),
    })),
    fcpMs: Math.round(of((r) => metric(r, 'first-contentful-paint'))),
    lcpMs: Math.round(of((r) => metric(r, 'largest-contentful-paint'))),
    tbtMs: Math.round(of((r) => metric(r, 'total-blocking-time'))),
    cls: Math.round(of((r) => metric(r, 'cumulative-layout-shift')) * 1000) / 1000,
    failedAccessibility: Object.values(last.audits)
      .filter((a) => a.score === 0 && ACCESSIBILITY_AUDITS.test(a.id))
      .map((a) => `${a.id}: ${a.title}`),
  };
}

// The accessibility category's audits are axe rule ids; these are the common failures.
const ACCESSIBILITY_AUDITS =
  /^(aria-|button-name|color-contrast|document-title|heading-order|html-|image-alt|label|link-name|list|meta-viewport|tabindex|target-size|landmark)/;

export async function benchLighthouse(runs: number): Promise<LighthouseResult> {
  const dist = process.env.BENCH_WEB_DIST || webDist;
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is not installed`);
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`${dist}/index.html is missing: build the web app first (pnpm build)`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'socplan-bench-lighthouse-'));
  const reportDir = mkdtempSync(path.join(tmpdir(), 'socplan-lighthouse-reports-'));
  let server: Server | undefined;
  try {
    server = await startServer({
      args: [serverEntry],
      env: {
        WEB_DIST: dist,
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        SOCPLAN_DEMO: '1',
        LOG_LEVEL: 'warn',
      },
      healthPath: '/api/health',
      timeoutMs: 120_000,
    });
    // A real service and municipality of the demo data (nothing hard-coded).
    const list = (await (await fetch(`${server.url}/api/public/services?limit=1`)).json()) as {
      items: { id: string; nearestFacility: { municipalityCode: string | null } | null }[];
    };
    const service = list.items[0];
    if (!service) throw new Error('the demo catalogue has no service');
    const pages: [string, string][] = [
      ['/catalogue (empty search)', '/catalogue'],
      ['/catalogue/services/:id', `/catalogue/services/${service.id}`],
    ];
    const code = service.nearestFacility?.municipalityCode;
    if (code)
      pages.splice(1, 0, ['/catalogue, from a municipality', `/catalogue?municipality=${code}`]);
    const results: LighthousePage[] = [];
    for (const [label, pagePath] of pages) {
      results.push(await measure(server, label, pagePath, runs, reportDir));
    }
    return { runsPerPage: runs, pages: results };
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(reportDir, { recursive: true, force: true });
  }
}
