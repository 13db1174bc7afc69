/**
 * What a computation needs, loaded set-based: a fixed number of queries whatever the number of
 * entries (entries × years with their service state, the municipalities of every territory
 * served, facility municipalities, ORPs, reference values, keys). Nothing is read per entry.
 */
import { and, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import {
  financingKeys,
  networkEntries,
  networkPeriods,
  referenceValues,
  territorialUnits,
  type Entrustment,
  type IncludedCapacity,
} from '../../db/schema/index.ts';
import type { Municipality } from './financing.calc.ts';

/** A Postgres array literal as one parameter (no parameter per element). */
const intArray = (values: number[]) => sql`${`{${values.join(',')}}`}::int[]`;
const uuidArray = (values: string[]) => sql`${`{${values.join(',')}}`}::uuid[]`;

export interface EntryYearRow {
  entryId: string;
  periodId: string;
  serviceId: string;
  status: string;
  capacities: IncludedCapacity[];
  fte: string | null;
  entrustment: Entrustment | null;
  year: number;
  /** The service state in force on 1 January of the year, else the first one starting in it. */
  stateId: string | null;
  serviceName: string | null;
  typeCode: string | null;
  territoryUnitIds: string[] | null;
}

export interface EntryFilter {
  years: number[];
  periodId?: string;
  entryId?: string;
  statuses?: readonly string[];
  /** Scope condition on the raw column `e.service_id` (undefined: all). */
  scope?: SQL;
}

/** Each entry once per year of `years` its period covers, with the service state of that year. */
export async function loadEntryYears(db: Db, f: EntryFilter): Promise<EntryYearRow[]> {
  if (f.years.length === 0) return [];
  const conditions: SQL[] = [sql`y.year between p.year_from and p.year_to`];
  if (f.periodId) conditions.push(sql`e.period_id = ${f.periodId}`);
  if (f.entryId) conditions.push(sql`e.id = ${f.entryId}`);
  if (f.statuses) conditions.push(sql`e.status = any(${`{${f.statuses.join(',')}}`}::text[])`);
  if (f.scope) conditions.push(f.scope);
  return queryRows<EntryYearRow>(
    db,
    sql`select e.id as "entryId", e.period_id as "periodId", e.service_id as "serviceId",
        e.status, e.capacities, e.fte::text as fte, e.entrustment, y.year,
        st.id as "stateId", st.name as "serviceName", st.type_code as "typeCode",
        st.territory_unit_ids as "territoryUnitIds"
      from network_entries e
      join network_periods p on p.id = e.period_id
      cross join unnest(${intArray(f.years)}) as y(year)
      left join lateral (
        select ss.id, ss.name, ss.type_code, ss.territory_unit_ids from service_states ss
        where ss.service_id = e.service_id
          and ss.valid_from <= make_date(y.year, 12, 31)
          and (ss.valid_to is null or ss.valid_to > make_date(y.year, 1, 1))
        order by ss.valid_from limit 1
      ) st on true
      where ${sql.join(conditions, sql` and `)}
      order by y.year, e.id`,
  );
}

/** The municipalities each unit covers (itself, everything below, planning-area members). */
export async function municipalitiesUnder(
  db: Db,
  rootIds: string[],
): Promise<Map<string, Municipality[]>> {
  const out = new Map<string, Municipality[]>(rootIds.map((id) => [id, []]));
  if (rootIds.length === 0) return out;
  const rows = await queryRows<Municipality & { root: string }>(
    db,
    sql`with recursive edges(parent, child) as (
        select parent_id, id from territorial_units where parent_id is not null
        union all
        select planning_area_id, municipality_id from planning_area_members
      ), covered(root, id) as (
        select r, r from unnest(${uuidArray(rootIds)}) as r
        union
        select c.root, e.child from covered c join edges e on e.parent = c.id
      )
      select c.root, t.id, t.code, t.name, t.parent_id as "orpId", t.population
      from covered c join territorial_units t on t.id = c.id and t.kind = 'municipality'`,
  );
  for (const { root, ...m } of rows) out.get(root)?.push(m);
  return out;
}

export interface FacilityPlace extends Municipality {
  serviceId: string;
  validFrom: string | null;
  validTo: string | null;
}

/** The municipalities of the facilities of these services (with the facilities' validity). */
export function facilityMunicipalities(db: Db, serviceIds: string[]): Promise<FacilityPlace[]> {
  if (serviceIds.length === 0) return Promise.resolve([]);
  return queryRows<FacilityPlace>(
    db,
    sql`select f.service_id as "serviceId", f.valid_from::text as "validFrom",
        f.valid_to::text as "validTo", t.id, t.code, t.name, t.parent_id as "orpId", t.population
      from facilities f
      join territorial_units t on t.kind = 'municipality' and t.code = f.municipality_code
      where f.service_id = any(${uuidArray(serviceIds)})`,
  );
}

export async function orpNames(db: Db): Promise<Map<string, { code: string; name: string }>> {
  const rows = await db
    .select({ id: territorialUnits.id, code: territorialUnits.code, name: territorialUnits.name })
    .from(territorialUnits)
    .where(eq(territorialUnits.kind, 'orp'));
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

export function referenceValuesOf(db: Db, years: number[]) {
  return db.select().from(referenceValues).where(inArray(referenceValues.year, years));
}

export function keysCovering(db: Db, from: number, to: number) {
  return db
    .select()
    .from(financingKeys)
    .where(
      and(
        lte(financingKeys.yearFrom, to),
        or(isNull(financingKeys.yearTo), gte(financingKeys.yearTo, from)),
      ),
    );
}

/** An entry's period years (and that it is visible under `scope`). */
export async function entryPeriod(db: Db, entryId: string, scope?: SQL) {
  const [row] = await db
    .select({
      entryId: networkEntries.id,
      periodId: networkEntries.periodId,
      serviceId: networkEntries.serviceId,
      status: networkEntries.status,
      yearFrom: networkPeriods.yearFrom,
      yearTo: networkPeriods.yearTo,
    })
    .from(networkEntries)
    .innerJoin(networkPeriods, eq(networkPeriods.id, networkEntries.periodId))
    .where(and(eq(networkEntries.id, entryId), scope));
  return row;
}

export async function periodYears(db: Db, periodId: string) {
  const [row] = await db
    .select({ yearFrom: networkPeriods.yearFrom, yearTo: networkPeriods.yearTo })
    .from(networkPeriods)
    .where(eq(networkPeriods.id, periodId));
  return row;
}
