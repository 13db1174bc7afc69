// The analysts' NDJSON export of 1,000,000 submission values on PostgreSQL, streamed by the built
// API (an API client's token, as an analyst's script would), against psql's COPY … TO STDOUT of
// the same rows in the same run; the server's peak RSS is read from /proc (VmHWM), so it is
// the process's own high-water mark, not a sample that could miss a spike.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { sql } from 'drizzle-orm';
import {
  clientToken,
  createBenchCampaign,
  createBenchClient,
  createBenchForm,
  ensureCollectionBuilt,
  openBenchDb,
  startApi,
} from './collection-setup.ts';
import { round, type Server } from './lib.ts';
import { freshDatabase } from './throughput.ts';

export interface ExportValuesResult {
  values: number;
  api: { seconds: number; rowsPerSec: number; megabytes: number };
  copy: { seconds: number; rowsPerSec: number; megabytes: number };
  ratio: number;
  /** The server's peak resident memory (VmHWM) before and after the exports. */
  rssBeforeMb: number;
  peakRssMb: number;
}

const VALUES = Number(process.env.BENCH_EXPORT_VALUES || 1_000_000);
const PER_SUBMISSION = 50;

/** The rows the export reads, in its order, as psql copies them (one text line per value). */
const COPY_QUERY = `select sv.submission_id, s.campaign_id, c.period, fo.code, s.respondent_kind,
    s.respondent_code, s.respondent_name, s.status, sv.field, sv.row, sv.value,
    greatest(sv.updated_at, s.updated_at)
  from submission_values sv
  join submissions s on s.id = sv.submission_id
  join campaigns c on c.id = s.campaign_id
  join forms fo on fo.id = c.form_id
  order by sv.submission_id, sv.field, sv.row`;

/** Line ends in a chunk, counted natively (a byte loop in JS would cost the CPUs both sides share). */
function countLines(chunk: Uint8Array): number {
  let lines = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  return lines;
}

/** kB of a /proc/<pid>/status field → MB. */
function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return round(Number(match[1]) / 1024);
}

/** The export read with node:http (undici's web streams would spend the shared CPUs). */
function streamExport(server: Server, token: string) {
  return new Promise<{ lines: number; bytes: number; seconds: number }>((resolve, reject) => {
    const started = performance.now();
    const req = http.get(
      `${server.url}/api/exports/submission-values?format=ndjson`,
      { headers: { authorization: `Bearer ${token}` } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`export: ${res.statusCode}`));
        let lines = 0;
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          lines += countLines(chunk);
        });
        res.once('error', reject);
        res.once('end', () =>
          resolve({ lines, bytes, seconds: (performance.now() - started) / 1000 }),
        );
      },
    );
    req.once('error', reject);
  });
}

function psqlCopy(url: string): Promise<{ lines: number; bytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('psql', [url, '-X', '-q', '-c', `\\copy (${COPY_QUERY}) to stdout`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lines = 0;
    let bytes = 0;
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      lines += countLines(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve({ lines, bytes, seconds: (performance.now() - started) / 1000 })
        : reject(new Error(`psql exited ${code}: ${errors}`)),
    );
  });
}

export async function benchExportValues(options: {
  postgresUrl: string;
  logLevel: string;
}): Promise<ExportValuesResult> {
  ensureCollectionBuilt();
  const database = await freshDatabase('postgres', options.postgresUrl);
  let server: Server | undefined;
  try {
    // The first start migrates and seeds the codelists; then the values go in, set-based.
    await (await startApi(database.env, options.logLevel)).stop();
    const bench = await openBenchDb(database.env);
    let client;
    try {
      const form = await createBenchForm(bench.db);
      const { campaignId } = await createBenchCampaign(bench.db, form, '2024', []);
      const submissions = Math.ceil(VALUES / PER_SUBMISSION);
      await bench.db.execute(sql`insert into submissions
          (campaign_id, respondent_kind, respondent_code, respondent_name, service_type, status, value_count)
        select ${campaignId}::uuid, 'service', 'S' || lpad(i::text, 7, '0'), 'Služba č. ' || i, '49',
          'submitted', ${PER_SUBMISSION}
        from generate_series(1, ${submissions}) i`);
      await bench.db.execute(sql`insert into submission_values (submission_id, field, row, value)
        select s.id, 'f' || lpad(k::text, 2, '0'), '', to_jsonb((k * 37 + length(s.respondent_code)) % 1000)
        from submissions s cross join generate_series(1, ${PER_SUBMISSION}) k
        where s.campaign_id = ${campaignId}::uuid`);
      await bench.db.execute(sql`analyze`);
      client = await createBenchClient(bench.db, 'export', 'region_staff');
    } finally {
      await bench.close();
    }
    server = await startApi(database.env, options.logLevel);
    const pid = server.child.pid!;
    const token = await clientToken(server, client);
    const rssBeforeMb = procStatusMb(pid, 'VmHWM');
    const url = database.env.DATABASE_URL!;

    // Each side twice, alternating (caches warm for both); the faster run of each counts.
    const apiRuns = [];
    const copyRuns = [];
    for (let i = 0; i < 2; i++) {
      copyRuns.push(await psqlCopy(url));
      apiRuns.push(await streamExport(server, token));
    }
    const api = apiRuns.sort((a, b) => a.seconds - b.seconds)[0]!;
    const copy = copyRuns.sort((a, b) => a.seconds - b.seconds)[0]!;
    if (api.lines !== copy.lines)
      throw new Error(`the export gave ${api.lines} rows, COPY ${copy.lines}`);
    const peakRssMb = procStatusMb(pid, 'VmHWM');
    const rate = (r: { lines: number; seconds: number }) => Math.round(r.lines / r.seconds);
    return {
      values: api.lines,
      api: {
        seconds: round(api.seconds, 2),
        rowsPerSec: rate(api),
        megabytes: round(api.bytes / 2 ** 20),
      },
      copy: {
        seconds: round(copy.seconds, 2),
        rowsPerSec: rate(copy),
        megabytes: round(copy.bytes / 2 ** 20),
      },
      ratio: round(copy.seconds / api.seconds, 3),
      rssBeforeMb,
      peakRssMb,
    };
  } finally {
    await server?.stop();
    await database.drop();
  }
}
