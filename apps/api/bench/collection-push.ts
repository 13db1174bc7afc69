// (collection) The push API under load, on PostgreSQL: 100,000 values in bulk batches of 5,000
// through the real HTTP API (a listening server, fetch, an API client's token), against a
// multi-row INSERT of the same 100,000 rows straight into submission_values in batches of
// 5,000 (fresh submissions), in the same run. Then 20 API clients at once, each pushing its own
// respondents: total values/s, errors (any non-200 or rejected submission) and lost values
// (values stored vs pushed).
import pg from 'pg';
import { round, type Server } from './lib.ts';
import {
  VALUES_PER_RESPONDENT,
  clientToken,
  createBenchCampaign,
  createBenchClient,
  createBenchForm,
  ensureCollectionBuilt,
  openBenchDb,
  respondentRows,
  respondentValues,
  startApi,
  tableRowCodes,
} from './collection-setup.ts';
import { freshDatabase } from './throughput.ts';

export interface CollectionPushResult {
  backend: 'postgres';
  values: number;
  batchValues: number;
  api: { seconds: number; valuesPerSec: number; requests: number };
  insert: { seconds: number; rowsPerSec: number; statements: number };
  ratio: number;
  concurrent: {
    clients: number;
    values: number;
    seconds: number;
    valuesPerSec: number;
    errors: number;
    lostValues: number;
    /** Value changes the history holds (one per pushed value). */
    historyChanges: number;
  };
}

const TOTAL_VALUES = 100_000;
const BATCH_VALUES = 5_000;
const CLIENTS = 20;
const RESPONDENTS = TOTAL_VALUES / VALUES_PER_RESPONDENT; // 2,000
const PER_BATCH = BATCH_VALUES / VALUES_PER_RESPONDENT; // 100

const codes = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);

interface BulkReport {
  totals: { imported: number; rejected: number };
  results: { outcome: string; errors: unknown[] }[];
}

/** One bulk request; counts a non-200 or any rejected submission as errors. */
async function pushBatch(
  server: Server,
  token: string,
  campaignId: string,
  batch: { respondent: string; values: Record<string, unknown> }[],
): Promise<{ errors: number; detail?: string }> {
  const res = await fetch(`${server.url}/api/campaigns/${campaignId}/submissions/bulk`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({ submissions: batch }),
  });
  const text = await res.text();
  if (res.status !== 200)
    return { errors: batch.length, detail: `${res.status} ${text.slice(0, 300)}` };
  const report = JSON.parse(text) as BulkReport;
  const rejected = report.results.filter((r) => r.outcome !== 'imported');
  return rejected.length
    ? { errors: rejected.length, detail: JSON.stringify(rejected[0]).slice(0, 300) }
    : { errors: 0 };
}

async function countStored(url: string, campaignId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ values: number; history: number }>(
      `select (select count(*)::int from submission_values v join submissions s on s.id = v.submission_id
                where s.campaign_id = $1) as values,
              (select coalesce(sum(jsonb_array_length(h.changes)), 0)::int
                from submission_value_history h join submissions s on s.id = h.submission_id
                where s.campaign_id = $1) as history`,
      [campaignId],
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

export async function benchCollectionPush(options: {
  postgresUrl: string;
  logLevel: string;
}): Promise<CollectionPushResult> {
  ensureCollectionBuilt();
  const database = await freshDatabase('postgres', options.postgresUrl);
  let server: Server | undefined;
  try {
    // The first start migrates and seeds the codelists; then the fixtures go in.
    await (await startApi(database.env, options.logLevel)).stop();
    const bench = await openBenchDb(database.env);
    let fixtures;
    try {
      const rowCodes = await tableRowCodes(bench.db);
      const form = await createBenchForm(bench.db);
      const respondents = (prefix: string, n: number) => codes(prefix, n).map((code) => ({ code }));
      fixtures = {
        rowCodes,
        api: await createBenchCampaign(bench.db, form, '2024', respondents('A', RESPONDENTS)),
        insert: await createBenchCampaign(bench.db, form, '2025', respondents('I', RESPONDENTS)),
        concurrent: await createBenchCampaign(
          bench.db,
          form,
          '2026',
          respondents('C', RESPONDENTS),
        ),
        warm: await createBenchCampaign(bench.db, form, '2023', [
          ...respondents('W0', PER_BATCH),
          ...respondents('W1', PER_BATCH),
        ]),
        clients: await Promise.all(
          Array.from({ length: CLIENTS }, (_, i) => createBenchClient(bench.db, `is${i + 1}`)),
        ),
      };
    } finally {
      await bench.close();
    }
    const { rowCodes } = fixtures;
    server = await startApi(database.env, options.logLevel);
    const tokens = await Promise.all(fixtures.clients.map((c) => clientToken(server!, c)));

    // Warm-up (JIT, connection pool): two batches into a campaign of its own.
    for (let b = 0; b < 2; b++) {
      const warm = codes(`W${b}`, PER_BATCH).map((respondent, i) => ({
        respondent,
        values: respondentValues(i, rowCodes),
      }));
      const r = await pushBatch(server, tokens[0]!, fixtures.warm.campaignId, warm);
      if (r.errors) throw new Error(`the warm-up push failed: ${r.detail}`);
    }
    const apiCodes = codes('A', RESPONDENTS);
    const batches = Array.from({ length: RESPONDENTS / PER_BATCH }, (_, b) =>
      apiCodes.slice(b * PER_BATCH, (b + 1) * PER_BATCH).map((respondent, i) => ({
        respondent,
        values: respondentValues(b * PER_BATCH + i, rowCodes),
      })),
    );
    // The baseline: the same rows by multi-row INSERT, batches of 5,000, one statement each.
    const insertBatch = async (client: pg.Client, b: number) => {
      const params: unknown[] = [];
      const tuples: string[] = [];
      for (let i = 0; i < PER_BATCH; i++) {
        const seed = b * PER_BATCH + i;
        const submissionId = fixtures.insert.submissionIds[seed]!;
        for (const r of respondentRows(seed, rowCodes)) {
          const n = params.length;
          tuples.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}::jsonb)`);
          params.push(submissionId, r.field, r.row, JSON.stringify(r.value));
        }
      }
      await client.query(
        `insert into submission_values (submission_id, field, row, value) values ${tuples.join(', ')}`,
        params,
      );
    };
    // Batch by batch, API then INSERT, so that both sides meet the same machine load (the
    // load generator and other work share it).
    const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    let apiMs = 0;
    let insertMs = 0;
    try {
      await client.query('select 1');
      for (const [b, batch] of batches.entries()) {
        const t0 = performance.now();
        const r = await pushBatch(server, tokens[0]!, fixtures.api.campaignId, batch);
        const t1 = performance.now();
        if (r.errors) throw new Error(`the sequential push failed: ${r.detail}`);
        await insertBatch(client, b);
        const t2 = performance.now();
        apiMs += t1 - t0;
        insertMs += t2 - t1;
      }
    } finally {
      await client.end();
    }
    const apiSeconds = apiMs / 1000;
    const insertSeconds = insertMs / 1000;
    const statements = batches.length;
    for (const campaign of [fixtures.api, fixtures.insert]) {
      const stored = await countStored(database.env.DATABASE_URL!, campaign.campaignId);
      if (stored.values !== TOTAL_VALUES)
        throw new Error(`stored ${stored.values} of ${TOTAL_VALUES} values`);
    }

    // 20 clients at once, each its own 100 respondents, in batches of 50 (2,500 values).
    const concurrentCodes = codes('C', RESPONDENTS);
    const perClient = RESPONDENTS / CLIENTS;
    const concurrentStart = performance.now();
    const outcomes = await Promise.all(
      tokens.map(async (token, c) => {
        let errors = 0;
        for (let start = 0; start < perClient; start += perClient / 2) {
          const batch = concurrentCodes
            .slice(c * perClient + start, c * perClient + start + perClient / 2)
            .map((respondent, i) => ({
              respondent,
              values: respondentValues(c * perClient + start + i, rowCodes),
            }));
          const r = await pushBatch(server!, token, fixtures.concurrent.campaignId, batch);
          if (r.errors) console.error(`client ${c + 1}: ${r.detail}`);
          errors += r.errors;
        }
        return errors;
      }),
    );
    const concurrentSeconds = (performance.now() - concurrentStart) / 1000;
    const stored = await countStored(database.env.DATABASE_URL!, fixtures.concurrent.campaignId);

    const valuesPerSec = round(TOTAL_VALUES / apiSeconds, 0);
    const rowsPerSec = round(TOTAL_VALUES / insertSeconds, 0);
    return {
      backend: 'postgres',
      values: TOTAL_VALUES,
      batchValues: BATCH_VALUES,
      api: { seconds: round(apiSeconds, 2), valuesPerSec, requests: batches.length },
      insert: { seconds: round(insertSeconds, 2), rowsPerSec, statements },
      ratio: round(valuesPerSec / rowsPerSec, 3),
      concurrent: {
        clients: CLIENTS,
        values: TOTAL_VALUES,
        seconds: round(concurrentSeconds, 2),
        valuesPerSec: round(TOTAL_VALUES / concurrentSeconds, 0),
        errors: outcomes.reduce((a, b) => a + b, 0),
        lostValues: TOTAL_VALUES - stored.values,
        historyChanges: stored.history,
      },
    };
  } finally {
    await server?.stop();
    await database.drop();
  }
}
