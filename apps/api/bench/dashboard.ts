// (analysis) The dashboard's aggregates on PostgreSQL with a region-sized network and a year of
// collected data: 7,000 services (region, 10 ORPs, 600 municipalities) and 1,000,000 submission
// values, all generated set-based in SQL. Each analysis endpoint is measured under autocannon
// with the read cache on (the default) and off (READ_CACHE_ENTRIES=0). Target: p99 < 200 ms.
import { sql } from 'drizzle-orm';
import type { FormDefinition } from '@socplan/contracts';
import type { Db } from '../src/db/client.ts';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { apiDir, round, serverEntry, type Server } from './lib.ts';
import {
  clientToken,
  createBenchClient,
  ensureCollectionBuilt,
  openBenchDb,
  startApi,
} from './collection-setup.ts';
import { freshDatabase, measure, type Measurement, type ThroughputOptions } from './throughput.ts';

export const DASHBOARD_SERVICES = 7000;
const ORPS = 10;
const MUNICIPALITIES_PER_ORP = 60;
const TYPES = [
  '37',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '50',
  '51',
  '52',
  '54',
];
/** Scalar fields of the services' annual report: 141 × 7,000 + 600 × 15 × 2 ≥ 1,000,000 values. */
const REPORT_FIELDS = 141;

export interface DashboardMeasurement extends Measurement {
  label: string;
  path: string;
  cache: boolean;
  responseBytes: number;
}
export interface DashboardResult {
  services: number;
  values: number;
  connections: number;
  durationSec: number;
  setupSec: number;
  runs: DashboardMeasurement[];
}

const label = { cs: 'Údaj' };
const STATEMENT: FormDefinition = {
  sections: [
    {
      code: 'needs',
      label,
      fields: [
        {
          code: 'service_needs',
          type: 'table',
          label,
          rows: { kind: 'codelist', codelist: 'service_type' },
          columns: [
            { code: 'needed_capacity', type: 'integer', label, measure: 'neededCapacity' },
            { code: 'note', type: 'text', label },
          ],
        },
      ],
    },
  ],
  rules: [],
};
const MEASURED = [
  ['capacity', 'capacity'],
  ['clients_total', 'clientsServed'],
  ['waiting_list', 'waitingList'],
  ['refused', 'refusedApplicants'],
  ['costs_total', 'costs'],
] as const;
const reportFieldCodes = [
  ...MEASURED.map(([code]) => code),
  ...Array.from(
    { length: REPORT_FIELDS - MEASURED.length },
    (_, i) => `f${String(i + 1).padStart(3, '0')}`,
  ),
];
const REPORT: FormDefinition = {
  sections: [
    {
      code: 'report',
      label,
      fields: reportFieldCodes.map((code) => ({
        code,
        type: code === 'costs_total' ? ('money' as const) : ('integer' as const),
        label,
        ...Object.fromEntries(MEASURED.filter(([c]) => c === code).map(([, m]) => ['measure', m])),
      })),
    },
  ],
  rules: [],
};

const textArray = (values: readonly string[]) =>
  sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]::text[]`);

/** The region, its network, targets, reference values, campaigns with values, and plans. */
export async function generate(db: Db, year: number): Promise<number> {
  const run = (statement: ReturnType<typeof sql>) => db.execute(statement);
  const types = textArray(TYPES);
  await run(
    sql`insert into territorial_units (kind, code, name) values ('region', 'BR', 'Benchmarkový kraj')`,
  );
  await run(sql`insert into territorial_units (kind, code, name, parent_id)
    select 'orp', 'BO' || lpad(i::text, 2, '0'), 'ORP ' || i,
      (select id from territorial_units where kind = 'region' and code = 'BR')
    from generate_series(1, ${ORPS}) i`);
  await run(sql`insert into territorial_units (kind, code, name, parent_id, population)
    select 'municipality', o.code || '-' || lpad(m::text, 3, '0'), 'Obec ' || o.code || '/' || m, o.id,
      200 + (abs(hashtext(o.code || m)) % 20000)
    from territorial_units o, generate_series(1, ${MUNICIPALITIES_PER_ORP}) m
    where o.kind = 'orp' and o.code like 'BO%'`);
  await run(sql`insert into providers (ico, name)
    select lpad(i::text, 8, '0'), 'Poskytovatel ' || i from generate_series(1, 2000) i`);
  await run(sql`with p as (select id, row_number() over (order by ico) - 1 as n from providers)
    insert into services (provider_id, registry_identifier)
    select p.id, (1000000 + i)::text from generate_series(0, ${DASHBOARD_SERVICES - 1}) i
    join p on p.n = i % 2000`);
  // Thirds: residential (beds), field (clients; half of them without a facility, placed by the
  // ORP they serve), outpatient + field. Every 50th has ended.
  const cap = (form: string, unit: string, count: ReturnType<typeof sql>) =>
    sql`jsonb_build_object('form', ${form}::text, 'capacities', jsonb_build_array(jsonb_build_object('unit', ${unit}::text, 'count', ${count})))`;
  await run(sql`with s as (select id, row_number() over (order by registry_identifier) - 1 as n from services),
    o as (select array_agg(id order by code) as ids from territorial_units where kind = 'orp')
    insert into service_states (service_id, valid_from, type_code, name, status, forms, territory_unit_ids)
    select s.id, '2020-01-01', (${types})[1 + s.n % ${TYPES.length}], 'Služba ' || s.n,
      case when s.n % 50 = 0 then 'ended' else 'active' end,
      case s.n % 3
        when 0 then jsonb_build_array(${cap('pob', 'luzka', sql`10 + s.n % 90`)})
        when 1 then jsonb_build_array(${cap('ter', 'klient', sql`5 + s.n % 60`)})
        else jsonb_build_array(${cap('amb', 'klient', sql`5 + s.n % 40`)}, ${cap('ter', 'klient', sql`3 + s.n % 20`)})
      end,
      array[o.ids[1 + s.n % ${ORPS}]]
    from s, o`);
  await run(sql`with s as (select id, row_number() over (order by registry_identifier) - 1 as n from services),
    m as (select code, row_number() over (order by code) - 1 as k from territorial_units where kind = 'municipality')
    insert into facilities (service_id, name, municipality_code)
    select s.id, 'Zařízení ' || s.n, m.code from s join m on m.k = (s.n * 7) % ${ORPS * MUNICIPALITIES_PER_ORP}
    where s.n % 6 <> 1
    union all
    select s.id, 'Pobočka ' || s.n, m.code from s join m on m.k = (s.n * 13) % ${ORPS * MUNICIPALITIES_PER_ORP}
    where s.n % 7 = 0`);
  await run(sql`insert into capacity_targets (type_code, form_code, unit, per_thousand)
    select t, x.f, x.u, 1.5 from unnest(${types}) t
    cross join (values ('pob', 'luzka'), ('ter', 'klient'), ('amb', 'klient'), ('', 'klient')) x(f, u)`);
  await run(sql`insert into reference_values (year, type_code, form_code, unit_basis, cost_per_unit_haler, own_revenue_share_bp)
    select ${year}, t, x.f, x.b, 50000000 + abs(hashtext(t || x.f)) % 50000000, 3000 from unnest(${types}) t
    cross join (values ('pob', 'bed'), ('ter', 'fte'), ('amb', 'fte')) x(f, b)`);

  // Data collection: the municipalities' statements and the services' annual reports.
  const form = async (code: string, kind: string, definition: FormDefinition, deadline: string) => {
    await run(
      sql`insert into forms (code, name, respondent_kind) values (${code}, ${code}, ${kind})`,
    );
    await run(sql`insert into form_versions (form_id, number, status, definition, published_at)
      select id, 1, 'published', ${JSON.stringify(definition)}::jsonb, now() from forms where code = ${code}`);
    await run(sql`insert into campaigns (name, form_id, form_version_id, period_kind, year, period, opens_on, deadline, status, opened_at)
      select ${code}, f.id, v.id, 'year', ${year}, ${String(year)}, ${`${year}-01-01`}, ${deadline}, 'open', now()
      from forms f join form_versions v on v.form_id = f.id where f.code = ${code}`);
  };
  await form('bench-statement', 'municipality', STATEMENT, `${year}-03-31`);
  await form('bench-report', 'service', REPORT, `${year}-04-30`);
  const statuses = textArray([
    'draft',
    'submitted',
    'approved',
    'approved',
    'resubmitted',
    'returned',
  ]);
  await run(sql`insert into submissions (campaign_id, respondent_kind, respondent_code, respondent_name,
      municipality_id, unit_id, orp_id, status, first_submitted_at)
    select c.id, 'municipality', m.code, m.name, m.id, m.id, m.parent_id, st.status,
      case when st.status <> 'draft' then ${`${year}-03-20`}::timestamptz + (abs(hashtext(m.code)) % 30) * interval '1 day' end
    from territorial_units m
    join campaigns c on c.name = 'bench-statement'
    cross join lateral (select (${statuses})[1 + abs(hashtext(m.code)) % 6] as status) st
    where m.kind = 'municipality'`);
  await run(sql`insert into submissions (campaign_id, respondent_kind, respondent_code, respondent_name,
      service_id, provider_id, unit_id, orp_id, service_type, status, first_submitted_at)
    select c.id, 'service', s.registry_identifier, ss.name, s.id, s.provider_id, ss.territory_unit_ids[1],
      ss.territory_unit_ids[1], ss.type_code, st.status,
      case when st.status <> 'draft' then ${`${year}-04-20`}::timestamptz + (abs(hashtext(s.registry_identifier)) % 30) * interval '1 day' end
    from services s join service_states ss on ss.service_id = s.id
    join campaigns c on c.name = 'bench-report'
    cross join lateral (select (${statuses})[1 + abs(hashtext(s.registry_identifier)) % 6] as status) st`);
  await run(sql`insert into submission_values (submission_id, field, row, value)
    select s.id, col.field, t, case when col.field = 'service_needs.note' then to_jsonb('poznámka'::text)
      else to_jsonb(abs(hashtext(s.respondent_code || t)) % 40) end
    from submissions s join campaigns c on c.id = s.campaign_id and c.name = 'bench-statement'
    cross join unnest(${types}) t
    cross join (values ('service_needs.needed_capacity'), ('service_needs.note')) col(field)`);
  await run(sql`insert into submission_values (submission_id, field, row, value)
    select s.id, f, '', to_jsonb(abs(hashtext(s.respondent_code || f)) % 1000)
    from submissions s join campaigns c on c.id = s.campaign_id and c.name = 'bench-report'
    cross join unnest(${textArray(reportFieldCodes)}) f`);
  await run(sql`update submissions s set value_count = v.n
    from (select submission_id, count(*)::int as n from submission_values group by 1) v
    where v.submission_id = s.id`);

  // Plans: a community plan per ORP in force, 5 measures × 10 activities, reported on in the year.
  await run(sql`insert into plans (kind, title, territory_unit_id, year_from, year_to, status, approved_version)
    select 'community', 'KPSS ' || o.name, o.id, ${year - 1}, ${year + 1}, 'in_force', 1
    from territorial_units o where o.kind = 'orp'`);
  await run(sql`insert into plan_nodes (plan_id, level, position, code, title)
    select p.id, 'measure', m, m::text, 'Opatření ' || m from plans p, generate_series(1, 5) m`);
  await run(sql`insert into plan_nodes (plan_id, parent_id, level, position, code, title, costs, funding)
    select n.plan_id, n.id, 'activity', 10 * n.position + a, n.code || '.' || a, 'Aktivita ' || a,
      jsonb_build_array(jsonb_build_object('year', ${year}::int, 'amount', 100000 * a)),
      case when a % 3 = 0 then '[]'::jsonb else jsonb_build_array(
        jsonb_build_object('source', 'region', 'year', ${year}::int, 'amount', 60000 * a),
        jsonb_build_object('source', 'state', 'year', ${year}::int, 'amount', 40000 * a)) end
    from plan_nodes n, generate_series(1, 10) a where n.level = 'measure'`);
  await run(
    sql`insert into monitoring_rounds (plan_id, period, year) select id, ${String(year)}, ${year} from plans`,
  );
  await run(sql`insert into monitoring_reports (round_id, node_id, status, review_status, spend)
    select r.id, n.id, (${textArray(['not_started', 'in_progress', 'done'])})[1 + n.position % 3], 'accepted',
      jsonb_build_array(jsonb_build_object('source', 'region', 'amount', 50000 * (n.position % 7)))
    from plan_nodes n join monitoring_rounds r on r.plan_id = n.plan_id where n.level = 'activity'`);
  await run(sql`analyze`);
  const [count] = (
    (await db.execute(sql`select count(*)::int as n from submission_values`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows;
  return count!.n;
}

/** The server must have the analysis routes: rebuild a stale dist. */
function ensureAnalysisBuilt(): void {
  ensureCollectionBuilt();
  if (
    existsSync(serverEntry) &&
    readFileSync(serverEntry, 'utf8').includes('/api/analysis/dashboard')
  )
    return;
  console.log('dist/server.js lacks the analysis routes: building the API (tsup)…');
  const build = spawnSync(path.join(apiDir, 'node_modules/.bin/tsup'), [], {
    cwd: apiDir,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the API build failed');
}

export async function benchDashboard(
  options: ThroughputOptions & { postgresUrl: string },
): Promise<DashboardResult> {
  ensureAnalysisBuilt();
  const database = await freshDatabase('postgres', options.postgresUrl);
  const year = new Date().getFullYear();
  const started = performance.now();
  try {
    await (await startApi(database.env, options.logLevel)).stop();
    const bench = await openBenchDb(database.env);
    let client;
    let values: number;
    let orpId: string;
    try {
      values = await generate(bench.db, year);
      client = await createBenchClient(bench.db, 'dashboard');
      const rows = (await bench.db.execute(
        sql`select id from territorial_units where kind = 'orp' order by code limit 1`,
      )) as unknown as { rows: { id: string }[] };
      orpId = rows.rows[0]!.id;
    } finally {
      await bench.close();
    }
    const setupSec = round((performance.now() - started) / 1000, 1);
    console.log(`  generated ${values.toLocaleString('en')} values in ${setupSec} s`);
    const asOf = `${year}-06-30`;
    const cases = [
      ['capacity by ORP', `/api/analysis/capacity?asOf=${asOf}`],
      ['capacity of an ORP by municipality', `/api/analysis/capacity?asOf=${asOf}&orpId=${orpId}`],
      ['needs vs supply', `/api/analysis/needs?year=${year}`],
      ['plans', `/api/analysis/plans?year=${year}`],
      ['collection completeness', `/api/analysis/collection?year=${year}`],
      ['dashboard (all at once)', `/api/analysis/dashboard?year=${year}&asOf=${asOf}`],
    ] as const;
    const runs: DashboardMeasurement[] = [];
    for (const cache of [true, false]) {
      let server: Server | undefined;
      try {
        server = await startApi(
          { ...database.env, ...(cache ? {} : { READ_CACHE_ENTRIES: '0' }) },
          options.logLevel,
        );
        const headers = { authorization: `Bearer ${await clientToken(server, client)}` };
        for (const [what, path] of cases) {
          const url = server.url + path;
          const probe = await fetch(url, { headers });
          const text = await probe.text();
          if (probe.status !== 200)
            throw new Error(`GET ${path} answered ${probe.status}: ${text.slice(0, 500)}`);
          // Without the cache, also one request at a time: the statement's own latency,
          // without queueing behind nine others on the same cores.
          const variants = cache
            ? [{ suffix: '', connections: options.connections }]
            : [
                { suffix: '', connections: options.connections },
                { suffix: ', one at a time', connections: 1 },
              ];
          for (const variant of variants) {
            const run = await measure(url, headers, {
              ...options,
              connections: variant.connections,
              timeoutSec: 30,
            });
            runs.push({
              ...run,
              label: what + variant.suffix,
              path,
              cache,
              responseBytes: Buffer.byteLength(text),
              p99Ms: round(run.p99Ms, 1),
            });
            console.log(
              `  ${what + variant.suffix} (cache ${cache ? 'on' : 'off'}): ${run.requestsPerSec} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms`,
            );
          }
        }
      } finally {
        await server?.stop();
      }
    }
    return {
      services: DASHBOARD_SERVICES,
      values,
      connections: options.connections,
      durationSec: options.durationSec,
      setupSec,
      runs,
    };
  } finally {
    await database.drop();
  }
}
