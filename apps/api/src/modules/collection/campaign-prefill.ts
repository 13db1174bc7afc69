import { sql, type SQL } from 'drizzle-orm';
import type { FormDefinition, PrefillSource } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import type { CampaignRow } from './campaign-form.ts';
import { scopedServicesSql, textArraySql, type RespondentFilter } from './campaign-respondents.ts';

/**
 * The stored field names that a prefill source fills: a scalar field's code, a table column's
 * `table.column` (every row of it).
 */
export function prefilledFields(
  definition: FormDefinition,
  source: PrefillSource,
): { scalars: string[]; columns: string[] } {
  const scalars: string[] = [];
  const columns: string[] = [];
  for (const section of definition.sections)
    for (const field of section.fields) {
      if (field.type !== 'table') {
        if (field.prefill === source) scalars.push(field.code);
        continue;
      }
      for (const column of field.columns ?? [])
        if (column.prefill === source) columns.push(`${field.code}.${column.code}`);
    }
  return { scalars, columns };
}

/**
 * Last period's values: for every submission, the respondent's approved submission of the
 * most recent earlier campaign of the same form and period kind (one per respondent: a newer
 * approved period wins even where it left a field empty), restricted to fields the new
 * version still prefills from it.
 */
function previousPeriodSql(campaign: CampaignRow, fields: string[]): SQL {
  return sql`select cur.id as submission_id, v.field, v."row", v.value
    from submissions cur
    cross join lateral (
      select ps.id from submissions ps
      join campaigns pc on pc.id = ps.campaign_id
      where pc.form_id = ${campaign.formId} and pc.period_kind = ${campaign.periodKind}
        and pc.period < ${campaign.period} and pc.id <> ${campaign.id}
        and ps.respondent_code = cur.respondent_code and ps.respondent_kind = cur.respondent_kind
        and ps.status = 'approved'
      order by pc.period desc
      limit 1
    ) prev
    join submission_values v on v.submission_id = prev.id and v.field = any(${textArraySql(fields)})
    where cur.campaign_id = ${campaign.id}`;
}

/**
 * The network's registered capacity (sum over the forms of the current state): a service's
 * own, a provider's over its services in the campaign's scope. Scalar fields only.
 */
function networkCapacitySql(
  campaign: CampaignRow,
  filter: RespondentFilter,
  day: string,
  fields: string[],
): SQL {
  return sql`select cur.id as submission_id, f.field, '' as "row", to_jsonb(cap.capacity) as value
    from submissions cur
    cross join lateral (
      select sum(ss.capacity) as capacity from ${scopedServicesSql(filter, day)} ss
      where ss.service_id = cur.service_id
        or (cur.service_id is null and ss.provider_id = cur.provider_id)
    ) cap
    cross join unnest(${textArraySql(fields)}) as f(field)
    where cur.campaign_id = ${campaign.id} and cur.respondent_kind in ('service', 'provider')
      and cap.capacity is not null`;
}

/**
 * Prefills a just-opened campaign's submissions in one statement: values marked prefilled, a
 * history row per submission (channel 'prefill') and the submissions' value counts. Returns how many
 * values were written.
 */
export async function prefillSubmissions(
  tx: Db,
  principal: AuthPrincipal | null,
  campaign: CampaignRow,
  definition: FormDefinition,
  filter: RespondentFilter,
  day: string,
): Promise<number> {
  const previous = prefilledFields(definition, 'previousPeriod');
  const capacity = prefilledFields(definition, 'networkCapacity');
  const previousFields = [...previous.scalars, ...previous.columns];
  const sources: SQL[] = [];
  if (previousFields.length) sources.push(previousPeriodSql(campaign, previousFields));
  if (capacity.scalars.length && filter.respondentKind !== 'municipality')
    sources.push(networkCapacitySql(campaign, filter, day, capacity.scalars));
  if (sources.length === 0) return 0;
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`with source as (${sql.join(sources, sql` union all `)}),
    inserted as (
      insert into submission_values (submission_id, field, "row", value, prefilled)
      select submission_id, field, "row", value, true from source
      on conflict do nothing
      returning submission_id, field, "row", value
    ),
    history as (
      insert into submission_value_history (submission_id, changes,
        principal_id, principal_kind, principal_name, channel)
      select submission_id,
        jsonb_agg(jsonb_build_object('field', field, 'row', "row", 'old', null, 'new', value)
          order by field, "row"),
        ${principal?.id ?? null}::uuid, ${principal?.kind ?? null}::text,
        ${principal?.name ?? null}::text, 'prefill'
      from inserted group by submission_id
      returning 1
    ),
    counted as (
      update submissions s set value_count = s.value_count + c.n
      from (select submission_id, count(*)::int as n from inserted group by submission_id) c
      where s.id = c.submission_id
      returning c.n
    )
    select coalesce(sum(n), 0)::int as n from counted`,
  );
  return Number(rows[0]?.n ?? 0);
}
