import { sql, type SQL } from 'drizzle-orm';
import type { CampaignRespondent, List, RespondentKind } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { validOnSql } from '../../lib/validity.ts';

/**
 * Who a campaign asks, written once: the preview of a draft and the opening (which stores one
 * submission per respondent) use the same SQL.
 *
 * - municipality forms: the municipalities (of the chosen ORPs); code = ČSÚ code.
 * - service forms: the services whose current state is active (of the chosen types and ORPs);
 *   code = the registry identifier (a service without one cannot be named by the push API and
 *   is left out).
 * - provider forms: the providers with at least one such service; code = IČO.
 *
 * A service is in an ORP when one of its operating facilities is in a municipality of it, or
 * its current territory served names the ORP or a municipality of it. It is placed (unit_id,
 * for scope and completeness) at its first facility's municipality, else the first
 * municipality or ORP of its territory served; a provider at its address's municipality, else
 * where its first service is.
 */
export interface RespondentFilter {
  respondentKind: RespondentKind;
  orpIds: readonly string[];
  serviceTypes: readonly string[];
}

export const uuidArraySql = (ids: readonly string[]): SQL =>
  ids.length
    ? sql`array[${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}]::uuid[]`
    : sql`'{}'::uuid[]`;

export const textArraySql = (values: readonly string[]): SQL =>
  values.length
    ? sql`array[${sql.join(
        values.map((v) => sql`${v}::text`),
        sql`, `,
      )}]::text[]`
    : sql`'{}'::text[]`;

/** The units an ORP filter reaches: the ORPs and their municipalities. */
const orpUnitsSql = (orpIds: readonly string[]) =>
  sql`(select id from territorial_units where id = any(${uuidArraySql(orpIds)})
    union select id from territorial_units where kind = 'municipality' and parent_id = any(${uuidArraySql(orpIds)}))`;

/**
 * The services in the campaign's scope, as a subquery with service_id, provider_id, code,
 * name, service_type, unit_id and capacity (the registered capacity of its current state).
 */
export function scopedServicesSql(filter: RespondentFilter, day: string): SQL {
  const typeFilter = filter.serviceTypes.length
    ? sql` and st.type_code = any(${textArraySql(filter.serviceTypes)})`
    : sql``;
  const orpFilter = filter.orpIds.length
    ? sql` and (st.territory_unit_ids && array${orpUnitsSql(filter.orpIds)}
        or exists (select 1 from facilities f join territorial_units m
          on m.kind = 'municipality' and m.code = f.municipality_code
          where f.service_id = s.id and ${validOnSql(sql`f.valid_from`, sql`f.valid_to`, day)}
            and m.parent_id = any(${uuidArraySql(filter.orpIds)})))`
    : sql``;
  return sql`(
    select s.id as service_id, s.provider_id, s.registry_identifier as code, st.name,
      st.type_code as service_type, coalesce(fac.unit_id, served.unit_id) as unit_id,
      (select coalesce(sum((c ->> 'count')::numeric), 0) from jsonb_array_elements(st.forms) fo,
        jsonb_array_elements(fo -> 'capacities') c) as capacity
    from services s
    join service_states st on st.service_id = s.id and st.valid_to is null and st.status = 'active'
    left join lateral (
      select m.id as unit_id from facilities f
      join territorial_units m on m.kind = 'municipality' and m.code = f.municipality_code
      where f.service_id = s.id and ${validOnSql(sql`f.valid_from`, sql`f.valid_to`, day)}
      order by f.created_at, f.id limit 1
    ) fac on true
    left join lateral (
      select u.id as unit_id from unnest(st.territory_unit_ids) with ordinality t(id, n)
      join territorial_units u on u.id = t.id and u.kind in ('municipality', 'orp')
      order by t.n limit 1
    ) served on true
    where true${typeFilter}${orpFilter}
  )`;
}

/** The respondents before placing: code, name, what they are and where they are. */
function unplacedSql(filter: RespondentFilter, day: string): SQL {
  switch (filter.respondentKind) {
    case 'municipality':
      return sql`(
        select m.code, m.name, m.id as municipality_id, null::uuid as provider_id,
          null::uuid as service_id, m.id as unit_id, null::text as service_type
        from territorial_units m
        where m.kind = 'municipality'${
          filter.orpIds.length ? sql` and m.parent_id = any(${uuidArraySql(filter.orpIds)})` : sql``
        }
      )`;
    case 'service':
      return sql`(
        select distinct on (ss.code) ss.code, ss.name, null::uuid as municipality_id,
          ss.provider_id, ss.service_id, ss.unit_id, ss.service_type
        from ${scopedServicesSql(filter, day)} ss
        where ss.code is not null and ss.code <> ''
        order by ss.code, ss.service_id
      )`;
    case 'provider':
      return sql`(
        select distinct on (p.id) p.ico as code, p.name, null::uuid as municipality_id,
          p.id as provider_id, null::uuid as service_id, coalesce(pm.id, ss.unit_id) as unit_id,
          null::text as service_type
        from ${scopedServicesSql(filter, day)} ss
        join providers p on p.id = ss.provider_id
        left join territorial_units pm
          on pm.kind = 'municipality' and pm.code = p.address ->> 'municipalityCode'
        order by p.id, ss.unit_id nulls last, ss.service_id
      )`;
  }
}

/**
 * Every respondent with its place: unit_id and the ORP above it (a municipality's parent, or
 * the unit itself when a service is placed at an ORP).
 */
export function respondentsSql(filter: RespondentFilter, day: string): SQL {
  return sql`(
    select r.code, r.name, r.municipality_id, r.provider_id, r.service_id, r.unit_id,
      case when u.kind = 'orp' then u.id when up.kind = 'orp' then up.id end as orp_id,
      r.service_type
    from ${unplacedSql(filter, day)} r
    left join territorial_units u on u.id = r.unit_id
    left join territorial_units up on up.id = u.parent_id
  )`;
}

/** Stores one submission per respondent (one statement); returns how many. */
export async function insertSubmissions(
  tx: Db,
  campaignId: string,
  filter: RespondentFilter,
  day: string,
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`with inserted as (
      insert into submissions (campaign_id, respondent_kind, respondent_code, respondent_name,
        municipality_id, provider_id, service_id, unit_id, orp_id, service_type)
      select ${campaignId}::uuid, ${filter.respondentKind}, r.code, r.name, r.municipality_id,
        r.provider_id, r.service_id, r.unit_id, r.orp_id, r.service_type
      from ${respondentsSql(filter, day)} r
      on conflict (campaign_id, respondent_code) do nothing
      returning 1
    ) select count(*)::int as n from inserted`,
  );
  return Number(rows[0]?.n ?? 0);
}

interface RespondentRow {
  code: string;
  name: string;
  orp_id: string | null;
  orp_name: string | null;
  service_type: string | null;
  total: number;
}

/**
 * A page of respondents, by name: those a draft would ask (live from its filters), or those
 * an opened campaign asks (its submissions, within `scope` when given).
 */
export async function listRespondents(
  db: Db,
  source: { filter: RespondentFilter; day: string } | { campaignId: string; scope?: SQL },
  pageOf: { limit: number; offset: number },
): Promise<List<CampaignRespondent>> {
  const from =
    'filter' in source
      ? sql`${respondentsSql(source.filter, source.day)} r`
      : sql`(select respondent_code as code, respondent_name as name, orp_id, service_type
          from submissions where campaign_id = ${source.campaignId}${
            source.scope ? sql` and ${source.scope}` : sql``
          }) r`;
  const rows = await queryRows<RespondentRow>(
    db,
    sql`select r.code, r.name, r.orp_id, o.name as orp_name, r.service_type,
        count(*) over ()::int as total
      from ${from}
      left join territorial_units o on o.id = r.orp_id
      order by r.name, r.code
      limit ${pageOf.limit} offset ${pageOf.offset}`,
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && pageOf.offset > 0) {
    // Past the last page: count without a window.
    const [counted] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${from}`,
    );
    total = Number(counted?.n ?? 0);
  }
  return {
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      orpId: r.orp_id,
      orpName: r.orp_name,
      serviceType: r.service_type,
    })),
    total,
  };
}
