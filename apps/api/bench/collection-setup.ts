// Data-collection bench fixtures: a published form, open campaigns with many respondents and
// API clients, written straight into a database the server has migrated (the server is not
// running meanwhile when the database is PGlite). Also the server these benches measure.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { FormDefinition, SubmissionStatus } from '@socplan/contracts';
import { openDatabase, type Db } from '../src/db/client.ts';
import {
  apiClients,
  campaigns,
  codelistItems,
  formVersions,
  forms,
  roleAssignments,
  submissionValues,
  submissions,
  territorialUnits,
} from '../src/db/schema/index.ts';
import { hashClientSecret } from '../src/modules/auth/api-clients.service.ts';
import { apiDir, serverEntry, startServer, type Server } from './lib.ts';
import { BENCH_JWT_SECRET } from './throughput.ts';

/** The server must have the push and completeness routes: rebuild a stale dist. */
export function ensureCollectionBuilt(): void {
  if (existsSync(serverEntry)) {
    const built = readFileSync(serverEntry, 'utf8');
    if (built.includes('/submissions/bulk') && built.includes('/completeness')) return;
  }
  console.log('dist/server.js lacks the collection routes: building the API (tsup)…');
  const run = spawnSync(path.join(apiDir, 'node_modules/.bin/tsup'), [], {
    cwd: apiDir,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('the API build failed');
}

/** The built server on a database (env from freshDatabase), without the demo. */
export const startApi = (env: Record<string, string>, logLevel: string): Promise<Server> =>
  startServer({
    args: [serverEntry],
    env: {
      ...env,
      NODE_ENV: 'production',
      JWT_SECRET: BENCH_JWT_SECRET,
      SOCPLAN_DEMO: '',
      LOG_LEVEL: logLevel,
      // Every bench client asks for its token once, from one address.
      LOGIN_RATE_LIMIT: '100000',
    },
    healthPath: '/api/health',
    timeoutMs: 120_000,
  });

export const SCALAR_FIELDS = 40;
export const TABLE_ROWS = 10;
/** Values per respondent: the scalar fields and one column of the table's rows. */
export const VALUES_PER_RESPONDENT = SCALAR_FIELDS + TABLE_ROWS;

const pad = (n: number) => String(n).padStart(2, '0');

/** A provider's annual report of 40 numbers and clients by target group (10 rows). */
export const BENCH_DEFINITION: FormDefinition = {
  sections: [
    {
      code: 'report',
      label: { cs: 'Výkaz' },
      fields: [
        ...Array.from({ length: SCALAR_FIELDS }, (_, i) => ({
          code: `f${pad(i + 1)}`,
          type: (i % 4 === 3 ? 'money' : 'integer') as 'money' | 'integer',
          label: { cs: `Údaj ${i + 1}` },
          min: 0,
        })),
        {
          code: 'clients',
          type: 'table' as const,
          label: { cs: 'Klienti podle cílové skupiny' },
          rows: { kind: 'codelist' as const, codelist: 'target_group' },
          columns: [{ code: 'count', type: 'integer' as const, label: { cs: 'Počet' }, min: 0 }],
        },
      ],
    },
  ],
  rules: [
    {
      code: 'f02_le_f01',
      assert: 'f02 <= f01',
      message: { cs: 'Údaj 2 nesmí převýšit údaj 1.', en: 'Item 2 must not exceed item 1.' },
    },
  ],
};

export interface BenchDb {
  db: Db;
  close(): Promise<void>;
}

export async function openBenchDb(env: Record<string, string>): Promise<BenchDb> {
  const database = await openDatabase({
    url: env.DATABASE_URL || undefined,
    ...(env.DATA_DIR ? { dataDir: env.DATA_DIR } : {}),
  });
  return { db: database.db, close: () => database.close() };
}

/** The first `TABLE_ROWS` codes of the target group codelist (the table's rows). */
export async function tableRowCodes(db: Db): Promise<string[]> {
  const rows = await db
    .select({ code: codelistItems.code })
    .from(codelistItems)
    .where(eq(codelistItems.codelist, 'target_group'))
    .orderBy(asc(codelistItems.sortOrder), asc(codelistItems.code))
    .limit(TABLE_ROWS);
  if (rows.length < TABLE_ROWS) throw new Error('the target_group codelist is not seeded');
  return rows.map((r) => r.code);
}

/** The bench form, published; returns its ids. */
export async function createBenchForm(db: Db): Promise<{ formId: string; formVersionId: string }> {
  const [form] = await db
    .insert(forms)
    .values({
      code: `bench-${randomBytes(3).toString('hex')}`,
      name: 'Benchmark: roční výkaz',
      respondentKind: 'service',
    })
    .returning({ id: forms.id });
  const [version] = await db
    .insert(formVersions)
    .values({
      formId: form!.id,
      number: 1,
      status: 'published',
      definition: BENCH_DEFINITION,
      publishedAt: new Date(),
    })
    .returning({ id: formVersions.id });
  return { formId: form!.id, formVersionId: version!.id };
}

/** Region + `count` ORPs (completeness groups by ORP). */
export async function createOrps(db: Db, count: number): Promise<string[]> {
  const [region] = await db
    .insert(territorialUnits)
    .values({
      kind: 'region',
      code: `R${randomBytes(2).toString('hex')}`,
      name: 'Benchmarkový kraj',
    })
    .returning({ id: territorialUnits.id });
  const rows = await db
    .insert(territorialUnits)
    .values(
      Array.from({ length: count }, (_, i) => ({
        kind: 'orp',
        code: `9${randomBytes(2).toString('hex')}${i}`,
        name: `ORP ${i + 1}`,
        parentId: region!.id,
      })),
    )
    .returning({ id: territorialUnits.id });
  return rows.map((r) => r.id);
}

export interface BenchRespondent {
  code: string;
  status?: SubmissionStatus;
  orpId?: string | null;
  /** Values stored already (a started draft, a submitted report). */
  values?: number;
}

/**
 * An open campaign (period `period`, deadline far ahead unless given) of the bench form with
 * one service respondent per entry; returns the submission ids in order.
 */
export async function createBenchCampaign(
  db: Db,
  form: { formId: string; formVersionId: string },
  period: string,
  respondents: readonly BenchRespondent[],
  options: { deadline?: string; rowCodes?: string[] } = {},
): Promise<{ campaignId: string; submissionIds: string[] }> {
  const year = Number(period.slice(0, 4));
  const [campaign] = await db
    .insert(campaigns)
    .values({
      name: `Benchmark ${period}`,
      formId: form.formId,
      formVersionId: form.formVersionId,
      periodKind: 'year',
      year,
      period,
      // Not after the deadline (a deadline early in January).
      opensOn: [`${year}-01-01`, options.deadline ?? '2099-12-31'].sort()[0]!,
      deadline: options.deadline ?? '2099-12-31',
      status: 'open',
      openedAt: new Date(),
    })
    .returning({ id: campaigns.id });
  const campaignId = campaign!.id;
  const submissionIds: string[] = [];
  const now = Date.now();
  // 17 columns a row: stay well below the 65,535 parameters of one statement.
  for (let i = 0; i < respondents.length; i += 1000) {
    const chunk = respondents.slice(i, i + 1000);
    const rows = await db
      .insert(submissions)
      .values(
        chunk.map((r, j) => {
          const status = r.status ?? 'draft';
          const submitted = status !== 'draft';
          // Some first submissions after the deadline (late), most before.
          const at = new Date(now - ((i + j) % 7) * 86_400_000);
          return {
            campaignId,
            respondentKind: 'service',
            respondentCode: r.code,
            respondentName: `Služba ${r.code}`,
            orpId: r.orpId ?? null,
            unitId: r.orpId ?? null,
            serviceType: '49',
            status,
            valueCount: r.values ?? 0,
            firstSubmittedAt: submitted ? at : null,
            submittedAt: submitted ? at : null,
            approvedAt: status === 'approved' ? new Date() : null,
          };
        }),
      )
      .returning({ id: submissions.id });
    submissionIds.push(...rows.map((r) => r.id));
  }
  const values = respondents.flatMap((r, i) =>
    Array.from({ length: Math.min(r.values ?? 0, SCALAR_FIELDS) }, (_, k) => ({
      submissionId: submissionIds[i]!,
      field: `f${pad(k + 1)}`,
      row: '',
      value: k === 0 ? 1000 : k,
    })),
  );
  for (let i = 0; i < values.length; i += 5000)
    await db.insert(submissionValues).values(values.slice(i, i + 5000));
  return { campaignId, submissionIds };
}

/** An API client with a region-wide role and a known secret. */
export async function createBenchClient(
  db: Db,
  name: string,
  role: 'region_staff' | 'region_admin' = 'region_staff',
): Promise<{ clientId: string; clientSecret: string }> {
  const clientId = `bench-${name}-${randomBytes(3).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');
  const [row] = await db
    .insert(apiClients)
    .values({ clientId, name: `Benchmark ${name}`, secretHash: hashClientSecret(clientSecret) })
    .returning({ id: apiClients.id });
  await db.insert(roleAssignments).values({ apiClientId: row!.id, role });
  return { clientId, clientSecret };
}

/** Client credentials → access token, through the API. */
export async function clientToken(
  server: Server,
  client: { clientId: string; clientSecret: string },
): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(client),
  });
  if (res.status !== 200)
    throw new Error(`POST /api/auth/token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** The values of one respondent in the push's JSON shape (varied by `seed`). */
export function respondentValues(seed: number, rowCodes: readonly string[]) {
  const values: Record<string, unknown> = {};
  for (let i = 1; i <= SCALAR_FIELDS; i++)
    values[`f${pad(i)}`] =
      i === 1 ? 100_000 + seed : i % 4 === 0 ? (seed % 1000) + i + 0.5 : (seed + i) % 500;
  values.clients = rowCodes.map((row, i) => ({ row, count: (seed + i) % 40 }));
  return values;
}

/** The same values as rows of submission_values (field, row, JSON value): the baseline's rows. */
export function respondentRows(seed: number, rowCodes: readonly string[]) {
  const values = respondentValues(seed, rowCodes);
  const rows: { field: string; row: string; value: unknown }[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (Array.isArray(value))
      for (const r of value as { row: string; count: number }[])
        rows.push({ field: `${field}.count`, row: r.row, value: r.count });
    else rows.push({ field, row: '', value });
  }
  return rows;
}
