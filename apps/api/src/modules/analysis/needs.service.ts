import { sql, type SQL } from 'drizzle-orm';
import type { NeedsAnalysis, NeedsQuery, SubmissionStatus } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { today } from '../../lib/validity.ts';
import { assertMay, unitScopeCondition } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { formatMoney } from '../financing/money.ts';
import { attributionCtes, keepAttribution, withoutJit } from './capacity.attribution.ts';

/**
 * Needs against supply (decision 0602): what respondents reported in the fields their form
 * tags with a `measure`, summed by ORP × service type (neededCapacity) and by service type
 * (what services report: waiting lists, refused applicants…), against the network's capacity.
 *
 * Per form, only the latest campaign of the year that is not a draft counts, and in it only
 * submissions a respondent stands behind: submitted, resubmitted or approved (a returned one
 * is being corrected). Those are locked, so their values change only with their status, which
 * notifies the 'collection' topic: the answer can be cached on it.
 */

export const COUNTED_STATUSES: readonly SubmissionStatus[] = [
  'submitted',
  'resubmitted',
  'approved',
];

export const thisYear = () => Number(today().slice(0, 4));

/** The day the supply is taken on: the year's last day, or today while the year runs. */
export const capacityDayOf = (year: number) => {
  const end = `${year}-12-31`;
  const now = today();
  return now < end ? now : end;
};

/** A stored value as a number: JSON numbers and numeric strings; anything else is null. */
const numberOf = (value: SQL) => sql`case
  when jsonb_typeof(${value}) = 'number' then (${value})::text::numeric
  when jsonb_typeof(${value}) = 'string' and (${value} #>> '{}') ~ '^-?[0-9]+(\\.[0-9]+)?$'
    then (${value} #>> '{}')::numeric end`;

/**
 * The measured values of the counted submissions: (orp, unit, service type, measure, value).
 * A table column's rows name the type when the table lists service types; a scalar field's
 * type is the respondent service's, else the campaign's only type.
 */
function measuredValuesCtes(year: number, scope: SQL[]): SQL {
  return sql`camp as (
      select distinct on (c.form_id) c.id, c.name, c.period, c.form_version_id, c.service_types,
        f.respondent_kind
      from campaigns c join forms f on f.id = c.form_id
      where c.year = ${year} and c.status <> 'draft'
      order by c.form_id, c.period desc, c.id
    ),
    fields as (
      select v.id as version_id, fld
      from form_versions v
      cross join lateral jsonb_array_elements(v.definition->'sections') sec
      cross join lateral jsonb_array_elements(sec->'fields') fld
      where v.id in (select form_version_id from camp)
    ),
    measured as (
      select camp.id as campaign_id, camp.service_types, fld->>'code' as field,
        fld->>'measure' as measure, null::text as rows_codelist
      from camp join fields on fields.version_id = camp.form_version_id
      where fld ? 'measure'
      union all
      select camp.id, camp.service_types, (fld->>'code') || '.' || (col->>'code'),
        col->>'measure', fld->'rows'->>'codelist'
      from camp join fields on fields.version_id = camp.form_version_id
      cross join lateral jsonb_array_elements(coalesce(fld->'columns', '[]'::jsonb)) col
      where col ? 'measure'
    ),
    vals as (
      select s.orp_id, s.id as submission_id, m.measure,
        case when m.rows_codelist = 'service_type' then sv.row
             when m.rows_codelist is null then coalesce(s.service_type,
               case when cardinality(m.service_types) = 1 then m.service_types[1] end)
        end as type_code,
        ${numberOf(sql`sv.value`)} as value
      from measured m
      -- the values of each measured field (index on field: a few thousand rows each, against
      -- one primary-key probe per submission and field), then their counted submissions;
      -- offset 0 keeps it from being flattened into a hash join over every value of the table
      cross join lateral (select sv.submission_id, sv.row, sv.value from submission_values sv
        where sv.field = m.field offset 0) sv
      join submissions s on s.id = sv.submission_id and s.campaign_id = m.campaign_id
        and s.status in (${sql.join(
          COUNTED_STATUSES.map((st) => sql`${st}`),
          sql`, `,
        )})
      where ${sql.join(scope, sql` and `)}
    )`;
}

export async function needsAnalysis(
  db: Db,
  principal: AuthPrincipal,
  query: NeedsQuery,
): Promise<NeedsAnalysis> {
  assertMay(principal, 'analysis.read');
  const year = query.year ?? thisYear();
  const day = capacityDayOf(year);
  await keepAttribution(db, day);
  const submissionScope: SQL[] = [sql`true`];
  const capacityScope: SQL[] = [sql`true`];
  const unitScope = unitScopeCondition(principal, 'analysis.read', sql`s.unit_id`);
  if (unitScope) submissionScope.push(unitScope);
  const orpScope = unitScopeCondition(principal, 'analysis.read', sql`a.orp_id`);
  if (orpScope) capacityScope.push(orpScope);
  if (query.orpId) {
    submissionScope.push(sql`s.orp_id = ${query.orpId}::uuid`);
    capacityScope.push(sql`a.orp_id = ${query.orpId}::uuid`);
  }

  const [row] = await withoutJit(db, (tx) =>
    queryRows<{ doc: unknown }>(
      tx,
      sql`with ${measuredValuesCtes(year, submissionScope)}, ${attributionCtes(day)},
    needs as (
      select orp_id, type_code, sum(value) as needed, count(distinct submission_id)::int as respondents
      from vals where measure = 'neededCapacity' and type_code is not null and orp_id is not null
        and value is not null
      group by orp_id, type_code
    ),
    supply as (
      select a.orp_id, c.type_code, c.unit, round(sum(c.count * a.share), 2) as count
      from caps c join att a on a.service_id = c.service_id
      where ${sql.join(capacityScope, sql` and `)}
      group by a.orp_id, c.type_code, c.unit
    ),
    pairs as (
      select orp_id, type_code from needs union select orp_id, type_code from supply
    ),
    access as (
      select type_code, count(distinct submission_id)::int as services,
        coalesce(sum(value) filter (where measure = 'waitingList'), 0) as waiting_list,
        coalesce(sum(value) filter (where measure = 'refusedApplicants'), 0) as refused,
        coalesce(sum(value) filter (where measure = 'clientsServed'), 0) as clients,
        coalesce(sum(value) filter (where measure = 'capacity'), 0) as capacity,
        round(coalesce(sum(value) filter (where measure = 'costs'), 0) * 100)::bigint::text as costs
      from vals
      where measure in ('waitingList', 'refusedApplicants', 'clientsServed', 'capacity', 'costs')
        and type_code is not null
      group by type_code
    )
    select json_build_object(
      'campaigns', coalesce((select json_agg(json_build_object('id', id, 'name', name,
          'period', period, 'respondentKind', respondent_kind) order by period, name)
        from camp where id in (select campaign_id from measured)), '[]'::json),
      'byOrp', coalesce((select json_agg(json_build_object(
          'orpId', o.id, 'orpCode', o.code, 'orpName', o.name, 'typeCode', p.type_code,
          'needed', coalesce(n.needed, 0), 'respondents', coalesce(n.respondents, 0),
          'capacity', coalesce((select json_agg(json_build_object('unit', sp.unit, 'count', sp.count)
              order by sp.unit) from supply sp
            where sp.orp_id = p.orp_id and sp.type_code = p.type_code), '[]'::json))
          order by o.code, p.type_code)
        from pairs p join territorial_units o on o.id = p.orp_id
        left join needs n on n.orp_id = p.orp_id and n.type_code = p.type_code), '[]'::json),
      'byType', coalesce((select json_agg(json_build_object('typeCode', type_code,
          'services', services, 'waitingList', waiting_list, 'refusedApplicants', refused,
          'clientsServed', clients, 'capacity', capacity, 'costs', costs) order by type_code)
        from access), '[]'::json)
    ) as doc`,
    ),
  );
  const doc = (typeof row!.doc === 'string' ? JSON.parse(row!.doc) : row!.doc) as Omit<
    NeedsAnalysis,
    'year' | 'capacityAsOf' | 'statuses'
  >;
  return {
    year,
    capacityAsOf: day,
    statuses: [...COUNTED_STATUSES],
    campaigns: doc.campaigns,
    byOrp: doc.byOrp.map((r) => ({ ...r, needed: Number(r.needed) })),
    byType: doc.byType.map((r) => ({
      ...r,
      waitingList: Number(r.waitingList),
      refusedApplicants: Number(r.refusedApplicants),
      clientsServed: Number(r.clientsServed),
      capacity: Number(r.capacity),
      costs: formatMoney(BigInt(r.costs)),
    })),
  };
}
