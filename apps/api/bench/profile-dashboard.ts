// (analysis) Times the analysis statements in-process on the database profile-dashboard-setup.ts
// keeps: `tsx bench/profile-dashboard.ts [repeats] [only]`. With PROFILE_EXPLAIN=1 each
// statement's plan (auto_explain, ANALYZE + BUFFERS) is printed. Not part of the bench.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import type { AuthPrincipal } from '../src/modules/auth/principal.ts';
import { capacityAnalysis, capacityNetwork } from '../src/modules/analysis/capacity.service.ts';
import { needsAnalysis } from '../src/modules/analysis/needs.service.ts';
import { plansAnalysis } from '../src/modules/analysis/plans-analysis.service.ts';
import { collectionAnalysis } from '../src/modules/analysis/collection-analysis.service.ts';

const url =
  process.env.PROFILE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/socplan_profile';
const repeats = Number(process.argv[2] ?? 5);
const only = process.argv[3];
if (process.env.PROFILE_EXPLAIN) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(
    `alter database ${new URL(url).pathname.slice(1)} set session_preload_libraries = 'auto_explain'`,
  );
  await admin.end();
}
const database = await openDatabase({ url, poolSize: 1 });
const db = database.db;
if (process.env.PROFILE_EXPLAIN) {
  await db.execute(
    sql.raw(`set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on;
    set auto_explain.log_buffers = on; set auto_explain.log_nested_statements = on;
    set auto_explain.log_timing = on`),
  );
}
const principal: AuthPrincipal = {
  id: '00000000-0000-0000-0000-000000000000',
  kind: 'client',
  name: 'profile',
  email: null,
  roles: [{ role: 'region_staff', territorialUnitId: null, providerId: null }],
};
const year = new Date().getFullYear();
const asOf = `${year}-06-30`;
const orp = (
  (await db.execute(
    sql`select id from territorial_units where kind = 'orp' order by code limit 1`,
  )) as unknown as { rows: { id: string }[] }
).rows[0]!.id;
const cases: [string, () => Promise<unknown>][] = [
  ['capacity', async () => capacityAnalysis(db, await capacityNetwork(db, principal, { asOf }))],
  [
    'drilldown',
    async () => capacityAnalysis(db, await capacityNetwork(db, principal, { asOf, orpId: orp })),
  ],
  ['needs', () => needsAnalysis(db, principal, { year })],
  ['plans', () => plansAnalysis(db, principal, { year })],
  ['collection', () => collectionAnalysis(db, principal, { year })],
];
const outputs: Record<string, string> = {};
for (const [name, run] of cases) {
  if (only && !only.split(',').includes(name)) continue;
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    const result = await run();
    times.push(performance.now() - t);
    outputs[name] = JSON.stringify(result);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name}: min ${times[0]!.toFixed(1)} ms, median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms`,
  );
}
if (process.env.PROFILE_OUT) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.env.PROFILE_OUT, JSON.stringify(outputs, null, 1));
}
await database.close();
