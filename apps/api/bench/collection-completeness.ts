// (collection) The completeness view of a campaign with 1,000 respondents in 10 ORPs and every
// status (drafts started and not, submitted on time and late, returned, resubmitted, approved):
// GET /api/campaigns/:id/completeness under autocannon, on PGlite and on PostgreSQL.
import { round, type Server } from './lib.ts';
import {
  clientToken,
  createBenchCampaign,
  createBenchClient,
  createBenchForm,
  createOrps,
  ensureCollectionBuilt,
  openBenchDb,
  startApi,
  type BenchRespondent,
} from './collection-setup.ts';
import { freshDatabase, measure, type Measurement, type ThroughputOptions } from './throughput.ts';

export interface CompletenessResult extends Measurement {
  backend: 'pglite' | 'postgres';
  respondents: number;
  connections: number;
  durationSec: number;
  responseBytes: number;
  /** One request at a time: the view's own latency, without queueing behind others. */
  serial: Measurement;
}

const RESPONDENTS = 1000;
const ORPS = 10;
/** Out of every 20 respondents: 6 drafts (3 started), 5 submitted, 2 returned, 2 resubmitted, 5 approved. */
const MIX: BenchRespondent['status'][] = [
  ...Array<'draft'>(6).fill('draft'),
  ...Array<'submitted'>(5).fill('submitted'),
  ...Array<'returned'>(2).fill('returned'),
  ...Array<'resubmitted'>(2).fill('resubmitted'),
  ...Array<'approved'>(5).fill('approved'),
];

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

export async function benchCollectionCompleteness(
  backend: 'pglite' | 'postgres',
  options: ThroughputOptions & { postgresUrl: string },
): Promise<CompletenessResult> {
  ensureCollectionBuilt();
  const database = await freshDatabase(backend, options.postgresUrl);
  let server: Server | undefined;
  try {
    await (await startApi(database.env, options.logLevel)).stop();
    const bench = await openBenchDb(database.env);
    let campaignId: string;
    let client;
    try {
      const orps = await createOrps(bench.db, ORPS);
      const form = await createBenchForm(bench.db);
      const respondents = Array.from({ length: RESPONDENTS }, (_, i) => {
        const status = MIX[i % MIX.length]!;
        return {
          code: `S${String(i + 1).padStart(5, '0')}`,
          status,
          orpId: orps[i % ORPS]!,
          // Half of the drafts started, every submitted one complete.
          values: status === 'draft' ? (i % 2 ? 5 : 0) : 40,
        };
      });
      // The deadline three days ago: first submissions 0–6 days ago are partly late.
      const year = daysAgo(3).slice(0, 4);
      ({ campaignId } = await createBenchCampaign(bench.db, form, year, respondents, {
        deadline: daysAgo(3),
      }));
      client = await createBenchClient(bench.db, 'completeness');
    } finally {
      await bench.close();
    }
    server = await startApi(database.env, options.logLevel);
    const headers = { authorization: `Bearer ${await clientToken(server, client)}` };
    const url = `${server.url}/api/campaigns/${campaignId}/completeness`;
    const probe = await fetch(url, { headers });
    const text = await probe.text();
    if (probe.status !== 200)
      throw new Error(`GET …/completeness answered ${probe.status}: ${text.slice(0, 500)}`);
    const body = JSON.parse(text) as { totals: { expected: number } };
    if (body.totals.expected !== RESPONDENTS)
      throw new Error(`completeness expected ${body.totals.expected}, not ${RESPONDENTS}`);
    const serial = await measure(url, headers, {
      ...options,
      connections: 1,
      durationSec: Math.min(options.durationSec, 5),
      warmupSec: 1,
      timeoutSec: 30,
    });
    const run = await measure(url, headers, { ...options, timeoutSec: 30 });
    return {
      ...run,
      backend,
      respondents: RESPONDENTS,
      connections: options.connections,
      durationSec: options.durationSec,
      responseBytes: Buffer.byteLength(text),
      p99Ms: round(run.p99Ms, 1),
      serial,
    };
  } finally {
    await server?.stop();
    await database.drop();
  }
}
