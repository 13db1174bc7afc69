import { sql, type SQL } from 'drizzle-orm';
import { validOnSql } from '../../lib/validity.ts';

/**
 * Where the network's capacity sits on a day (docs/decisions/0602), as SQL CTEs:
 *
 * - `st`: the service states valid that day with status active;
 * - `att(service_id, municipality_id, orp_id, share)`: each service's capacity split over
 *   municipalities. A service with facilities operating that day (placed by their municipality
 *   code) splits evenly by facility; one without (field services, shelters with a secret
 *   address) splits over the municipalities of its territory served, an ORP there standing for
 *   its municipalities, weighted by population. A service serving only the whole region has no
 *   place and is left out (counted as unplaced): its capacity does not tell ORPs apart.
 * - `caps(service_id, type_code, form, unit, count)`: the capacities of `st`.
 *
 * Shares of a service sum to 1, so capacity summed over municipalities or ORPs is the network's.
 */
export function attributionCtes(day: string): SQL {
  return sql`st as (
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
      select st.service_id, u.id, u.kind
      from st
      cross join lateral unnest(st.territory_unit_ids) as t(id)
      join territorial_units u on u.id = t.id
      where u.kind in ('municipality', 'orp', 'planning_area')
        and not exists (select 1 from fac where fac.service_id = st.service_id)
    ),
    served as (
      select su.service_id, m.id as municipality_id, m.parent_id as orp_id,
        greatest(coalesce(m.population, 0), 1)::numeric as weight
      from served_units su
      join territorial_units m on m.kind = 'municipality' and (
        (su.kind = 'municipality' and m.id = su.id)
        or (su.kind = 'orp' and m.parent_id = su.id)
        or (su.kind = 'planning_area' and m.id in (
          select pm.municipality_id from planning_area_members pm where pm.planning_area_id = su.id)))
    ),
    places as (
      select service_id, municipality_id, orp_id, sum(weight) as weight
      from (select * from fac union all select * from served) p
      group by service_id, municipality_id, orp_id
    ),
    att as (
      select service_id, municipality_id, orp_id,
        weight / sum(weight) over (partition by service_id) as share
      from places
    ),
    caps as (
      select st.service_id, st.type_code, f->>'form' as form, c->>'unit' as unit,
        (c->>'count')::numeric as count
      from st
      cross join lateral jsonb_array_elements(st.forms) f
      cross join lateral jsonb_array_elements(f->'capacities') c
    )`;
}

/** An ORP's population: its own figure, else the sum of its municipalities'. */
export const orpPopulationSql = (orp: SQL): SQL =>
  sql`coalesce(${orp}.population, (select sum(m.population)::int from territorial_units m
    where m.kind = 'municipality' and m.parent_id = ${orp}.id))`;
