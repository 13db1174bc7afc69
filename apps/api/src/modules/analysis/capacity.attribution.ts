import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { validOnSql } from '../../lib/validity.ts';

/**
 * Where the network's capacity sits on a day (docs/decisions/0602), as SQL CTEs:
 *
 * - `unit_pop(id, kind, population)`: every unit's population, an ORP's being its own figure,
 *   else the sum of its municipalities' (computed once, not per row that needs it);
 * - `st`: the service states valid that day with status active;
 * - `att(service_id, municipality_id, orp_id, share)`: each service's capacity split over
 *   territories. A service with facilities operating that day (placed by their municipality
 *   code) splits evenly by facility; one without (field services, shelters with a secret
 *   address) splits over its territory served, weighted by population: its municipalities, its
 *   ORPs as a whole (`municipality_id` null) and a planning area's member municipalities. A
 *   service serving only the whole region has no place and is left out (counted as unplaced):
 *   its capacity does not tell ORPs apart. With `spreadOrp`, the whole-ORP shares of that ORP
 *   are spread over its municipalities by population (the drill-down); elsewhere they stay
 *   whole, which keeps the region-level statement small (no row per municipality and service).
 * - `caps(service_id, type_code, form, unit, count)`: the capacities of `st`;
 * - `unplaced(n)`: how many services of `st` have no place (not with `live`).
 *
 * Shares of a service sum to 1, so capacity summed over territories is the network's.
 * `att_base`, `caps` and `unplaced` are read from the day's kept attribution (keepAttribution)
 * while it is current; otherwise (or `live`) they are computed from the network: PostgreSQL
 * skips the branch not taken.
 */
export function attributionCtes(day: string, spreadOrp?: SQL, live = false): SQL {
  const spread = spreadOrp
    ? sql`,
    att as (
      select service_id, municipality_id, orp_id, share from att_base
      where municipality_id is not null or orp_id is distinct from ${spreadOrp}
      union all
      select a.service_id, m.id, a.orp_id,
        a.share * greatest(coalesce(m.population, 0), 1)
          / sum(greatest(coalesce(m.population, 0), 1)) over (partition by a.service_id)
      from att_base a
      join territorial_units m on m.kind = 'municipality' and m.parent_id = a.orp_id
      where a.municipality_id is null and a.orp_id = ${spreadOrp}
    )`
    : sql`,
    att as (select * from att_base)`;
  return sql`unit_pop as (
      select u.id, u.kind, case when u.kind = 'orp' then coalesce(u.population, m.population)
        else u.population end as population
      from territorial_units u
      left join (select parent_id, sum(population)::int as population from territorial_units
        where kind = 'municipality' group by parent_id) m on u.kind = 'orp' and m.parent_id = u.id
    ),
    st as (
      select ss.service_id, ss.type_code, ss.name, ss.forms, ss.territory_unit_ids
      from service_states ss
      where ss.status = 'active' and ${validOnSql(sql`ss.valid_from`, sql`ss.valid_to`, day)}
    ),
    fac as (
      select f.service_id, m.id as municipality_id, m.parent_id as orp_id, 1::numeric as weight
      from facilities f
      join st on st.service_id = f.service_id
      join territorial_units m on m.kind = 'municipality' and m.code = f.municipality_code
      where ${validOnSql(sql`f.valid_from`, sql`f.valid_to`, day)}
    ),
    served_units as (
      select st.service_id, u.id, u.kind, u.parent_id,
        greatest(coalesce(p.population, 0), 1)::numeric as weight
      from st
      cross join lateral unnest(st.territory_unit_ids) as t(id)
      join territorial_units u on u.id = t.id
      join unit_pop p on p.id = u.id
      where u.kind in ('municipality', 'orp', 'planning_area')
        and not exists (select 1 from fac where fac.service_id = st.service_id)
    ),
    served as (
      select service_id, case when kind = 'municipality' then id end as municipality_id,
        case when kind = 'municipality' then parent_id else id end as orp_id, weight
      from served_units where kind <> 'planning_area'
      union all
      select su.service_id, m.id, m.parent_id, greatest(coalesce(m.population, 0), 1)::numeric
      from served_units su
      join planning_area_members pm on pm.planning_area_id = su.id
      join territorial_units m on m.id = pm.municipality_id
      where su.kind = 'planning_area'
    ),
    places as (
      select service_id, municipality_id, orp_id, sum(weight) as weight
      from (select * from fac union all select * from served) p
      group by service_id, municipality_id, orp_id
    ),
    ${
      live
        ? sql`att_base as (
      select service_id, municipality_id, orp_id,
        weight / sum(weight) over (partition by service_id) as share
      from places
    )`
        : sql`att_kept as (
      select exists (select 1 from capacity_attribution_days d where d.day = ${day}::date
        and d.change_id >= ${latestChange}) as kept
    ),
    att_base as (
      select a.service_id, a.municipality_id, a.orp_id, a.share from capacity_attribution a
      where a.day = ${day}::date and (select kept from att_kept)
      union all
      select service_id, municipality_id, orp_id,
        weight / sum(weight) over (partition by service_id) as share
      from places where not (select kept from att_kept)
    )`
    }${spread},
    ${
      live
        ? sql`caps as (${liveCaps})`
        : sql`caps as (
      select service_id, type_code, form, unit, count from capacity_attribution_caps
      where day = ${day}::date and (select kept from att_kept)
      union all
      ${liveCaps} and not (select kept from att_kept)
    ),
    unplaced as (
      select case when (select kept from att_kept) then (select unplaced_services
        from capacity_attribution_days where day = ${day}::date)
      else (select count(*)::int from st
        where not exists (select 1 from att where att.service_id = st.service_id)) end as n
    )`
    }`;
}

/** The capacities of `st` (jsonb arrays unnested), for `caps`. */
const liveCaps = sql`select st.service_id, st.type_code, f->>'form' as form, c->>'unit' as unit,
        (c->>'count')::numeric as count
      from st
      cross join lateral jsonb_array_elements(st.forms) f
      cross join lateral jsonb_array_elements(f->'capacities') c
      where true`;

/** Any fixed number: the advisory lock between network writes and filling the attribution. */
const ATTRIBUTION_LOCK = 7_318_420_602;

/** The latest change of the network or territory (migration 0013); 0 before any. */
const latestChange = sql`(select coalesce(max(id), 0) from capacity_attribution_changes)`;

/** At most this many days are kept (the least recently filled go first). */
const KEPT_DAYS = 16;

/**
 * Makes sure the day's attribution is kept and current (decision 0602), so the analyses read
 * it instead of computing it: one indexed lookup when it is. Otherwise it is computed once and
 * stored, unless a network write is in progress (its trigger holds the lock shared until it
 * commits): then the analysis computes it inline, as it would anyway for a stale day.
 */
export async function keepAttribution(db: Db, day: string): Promise<void> {
  const [current] = await queryRows<{ day: string }>(
    db,
    sql`select day from capacity_attribution_days where day = ${day}::date
      and change_id >= ${latestChange}`,
  );
  if (current) return;
  await withoutJit(db, async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${ATTRIBUTION_LOCK}) as locked`,
    );
    if (!lock?.locked) return;
    // No network write is in progress: what follows sees every change up to the latest row.
    await tx.execute(sql`delete from capacity_attribution_days
      where day = ${day}::date or change_id < ${latestChange}
        or day not in (select day from capacity_attribution_days
          order by filled_at desc limit ${KEPT_DAYS - 1})`);
    await tx.execute(sql`delete from capacity_attribution_changes where id < (select max(id)
      from capacity_attribution_changes)`);
    const live = attributionCtes(day, undefined, true);
    await tx.execute(sql`insert into capacity_attribution_days (day, change_id, unplaced_services)
      select ${day}::date, ${latestChange}, n from (with ${live}
        select count(*)::int as n from st
        where not exists (select 1 from att where att.service_id = st.service_id)) u`);
    await tx.execute(sql`insert into capacity_attribution (day, service_id, municipality_id, orp_id, share)
      select ${day}::date, service_id, municipality_id, orp_id, share
      from (with ${live} select * from att_base) a`);
    await tx.execute(sql`insert into capacity_attribution_caps (day, service_id, type_code, form, unit, count)
      select ${day}::date, service_id, type_code, form, unit, count
      from (with ${live} select * from caps) c`);
  });
}

/**
 * Runs an analysis statement with PostgreSQL's JIT off. The planner cannot estimate rows of
 * jsonb_array_elements (it assumes 100 per call), so these statements look billions of rows
 * big and JIT compilation — over a second — would cost far more than the query's real work.
 * `set local` lasts for the transaction only.
 */
export async function withoutJit<T>(db: Db, run: (db: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return run(tx);
  });
}
