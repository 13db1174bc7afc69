import { sql, type SQL } from 'drizzle-orm';
import type {
  CapacityAnalysis,
  CapacityCell,
  GapReason,
  CapacityQuery,
  CapacityServiceList,
  CapacityServicesQuery,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { today } from '../../lib/validity.ts';
import { assertMay, unitScopeCondition } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { BED_UNITS } from '../financing/financing.params.ts';
import { formatMoney } from '../financing/money.ts';
import { attributionCtes, keepAttribution, withoutJit } from './capacity.attribution.ts';

/**
 * Capacity per 1,000 inhabitants by territory × service type × form × unit (decision 0602).
 * The network part (capacity, population, the region's figures) depends on the network and
 * territory only, so it is one statement whose document the read cache keeps; targets and
 * reference values (two small tables) complete it, and their edits notify their own topic
 * ('capacity-parameters', migration 0012) so the completed analysis is kept too.
 */

/** The network part of the analysis: what the read cache keeps. */
export interface CapacityNetwork {
  asOf: string;
  level: 'orp' | 'municipality';
  orp: { id: string; code: string; name: string } | null;
  cells: Omit<
    CapacityCell,
    | 'regionPerThousand'
    | 'target'
    | 'basePopulation'
    | 'basePerThousand'
    | 'regionBasePerThousand'
    | 'gapUnits'
    | 'gapReason'
    | 'costPerUnit'
    | 'gapMoney'
  >[];
  region: CapacityAnalysis['region'];
  /** The territories of the level in scope, so one without any capacity still shows its gap. */
  units: Pick<CapacityCell, 'unitId' | 'unitCode' | 'unitName' | 'unitKind' | 'population'>[];
  /** Services with capacity placed in each territory shown (by unit id). */
  servicesByUnit: Record<string, number>;
  /** Distinct services placed in the territories shown (one in two ORPs counts once). */
  servicesTotal: number;
  /** The query's filters, which also narrow the targets shown for empty territories. */
  typeCode: string | null;
  form: string | null;
  unplacedServices: number;
  /**
   * Population by age group of each territory shown (by unit id, then age group code): the sum
   * over its municipalities (a municipality: its own figure), for the groups every one of them
   * has a figure for; a group missing anywhere is left out, so no base is ever partial.
   */
  agePopulation: Record<string, Record<string, number>>;
  /** The same for the region: the sum of its ORPs, for the groups every ORP has whole. */
  regionAgePopulation: Record<string, number>;
}

const formOf = sql`case when grouping(f.form) = 1 then '' else f.form end`;

/** The network part as one JSON document (null when `orpId` names no ORP). */
export async function capacityNetwork(
  db: Db,
  principal: AuthPrincipal,
  query: CapacityQuery,
): Promise<CapacityNetwork> {
  assertMay(principal, 'analysis.read');
  const asOf = query.asOf ?? today();
  await keepAttribution(db, asOf);
  const level = query.orpId ? 'municipality' : 'orp';
  const filters: SQL[] = [sql`true`];
  if (query.typeCode) filters.push(sql`c.type_code = ${query.typeCode}`);
  if (query.form) filters.push(sql`c.form = ${query.form}`);
  const unitColumn = level === 'orp' ? sql`f.orp_id` : sql`f.municipality_id`;
  const cellFilters: SQL[] = [sql`true`];
  if (query.orpId) cellFilters.push(sql`f.orp_id = ${query.orpId}`);
  const scope = unitScopeCondition(principal, 'analysis.read', unitColumn);
  if (scope) cellFilters.push(scope);
  const unitFilters: SQL[] = [
    level === 'orp'
      ? sql`tu.kind = 'orp'`
      : sql`tu.kind = 'municipality' and tu.parent_id = ${query.orpId!}::uuid`,
  ];
  const unitScope = unitScopeCondition(principal, 'analysis.read', sql`tu.id`);
  if (unitScope) unitFilters.push(unitScope);
  // Without a form filter, each type × unit also gets an all-forms row (form '').
  const sets = query.form
    ? sql`(${unitColumn}, f.type_code, f.form, f.unit)`
    : sql`(${unitColumn}, f.type_code, f.form, f.unit), (${unitColumn}, f.type_code, f.unit)`;
  const regionSets = query.form
    ? sql`(f.type_code, f.form, f.unit)`
    : sql`(f.type_code, f.form, f.unit), (f.type_code, f.unit)`;

  const [row] = await withoutJit(db, (tx) =>
    queryRows<{ doc: CapacityNetwork | string }>(
      tx,
      sql`with ${attributionCtes(asOf, query.orpId ? sql`${query.orpId}::uuid` : undefined)},
    flat as (
      select a.orp_id, a.municipality_id, c.service_id, c.type_code, c.form, c.unit,
        c.count * a.share as count
      from caps c join att a on a.service_id = c.service_id
      where ${sql.join(filters, sql` and `)}
    ),
    cells as (
      select ${unitColumn} as u, f.type_code, ${formOf} as form, f.unit,
        sum(f.count) as capacity, count(distinct f.service_id)::int as services
      from flat f
      where ${sql.join(cellFilters, sql` and `)}
      group by grouping sets (${sets})
    ),
    region_population as (
      select sum(population)::bigint as population from unit_pop where kind = 'orp'
    ),
    region as (
      select f.type_code, ${formOf} as form, f.unit, sum(f.count) as capacity
      from flat f
      group by grouping sets (${regionSets})
    ),
    orp as (
      select id, code, name from territorial_units where kind = 'orp' and id = ${query.orpId ?? null}::uuid
    ),
    -- Age-group bases (decision 0602): each territory shown with its municipalities, and the
    -- groups all of them have a figure for.
    age_units as (
      select tu.id as unit_id, m.id as municipality_id
      from territorial_units tu
      join territorial_units m on m.kind = 'municipality' and (m.id = tu.id or m.parent_id = tu.id)
      where ${sql.join(unitFilters, sql` and `)}
    ),
    age_counts as (select unit_id, count(*) as n from age_units group by unit_id),
    age_pop as (
      select au.unit_id, p.age_group, sum(p.population)::bigint as population, count(*) as n
      from age_units au join population_by_age p on p.unit_id = au.municipality_id
      group by au.unit_id, p.age_group
    ),
    region_age as (
      select p.age_group, sum(p.population)::bigint as population, count(*) as n
      from population_by_age p
      join territorial_units m on m.id = p.unit_id and m.kind = 'municipality'
      join territorial_units o on o.id = m.parent_id and o.kind = 'orp'
      group by p.age_group
    ),
    region_municipalities as (
      select count(*) as n,
        not exists (select 1 from territorial_units o where o.kind = 'orp' and not exists (
          select 1 from territorial_units m where m.kind = 'municipality' and m.parent_id = o.id)) as every_orp
      from territorial_units m join territorial_units o on o.id = m.parent_id and o.kind = 'orp'
      where m.kind = 'municipality'
    )
    select json_build_object(
      'orpFound', ${query.orpId ? sql`exists (select 1 from orp)` : sql`true`},
      'orp', (select json_build_object('id', id, 'code', code, 'name', name) from orp),
      'cells', coalesce((
        select json_agg(json_build_object(
            'unitId', tu.id, 'unitCode', tu.code, 'unitName', tu.name, 'unitKind', tu.kind,
            'population', x.population, 'typeCode', x.type_code, 'form', x.form, 'unit', x.unit,
            'capacity', round(x.capacity, 2), 'services', x.services,
            'perThousand', case when x.population > 0 then round(x.capacity * 1000 / x.population, 3) end)
          order by tu.code, x.type_code, x.form, x.unit)
        from (select cells.*, p.population from cells join unit_pop p on p.id = cells.u) x
        join territorial_units tu on tu.id = x.u), '[]'::json),
      'region', coalesce((
        select json_agg(json_build_object(
            'typeCode', r.type_code, 'form', r.form, 'unit', r.unit,
            'capacity', round(r.capacity, 2), 'population', rp.population,
            'perThousand', case when rp.population > 0 then round(r.capacity * 1000 / rp.population, 3) end)
          order by r.type_code, r.form, r.unit)
        from region r cross join region_population rp), '[]'::json),
      'servicesByUnit', coalesce((select json_object_agg(u, n) from (
          select ${unitColumn} as u, count(distinct f.service_id)::int as n from flat f
          where ${sql.join(cellFilters, sql` and `)} group by 1) per_unit), '{}'::json),
      'servicesTotal', (select count(distinct f.service_id)::int from flat f
          where ${sql.join(cellFilters, sql` and `)}),
      'units', coalesce((
        select json_agg(json_build_object('unitId', tu.id, 'unitCode', tu.code, 'unitName', tu.name,
            'unitKind', tu.kind, 'population', p.population) order by tu.code)
        from territorial_units tu join unit_pop p on p.id = tu.id where ${sql.join(unitFilters, sql` and `)}), '[]'::json),
      'unplacedServices', (select n from unplaced),
      'agePopulation', coalesce((
        select json_object_agg(unit_id, groups) from (
          select a.unit_id, json_object_agg(a.age_group, a.population) as groups
          from age_pop a join age_counts c on c.unit_id = a.unit_id and c.n = a.n
          group by a.unit_id) per_unit), '{}'::json),
      'regionAgePopulation', coalesce((
        select json_object_agg(r.age_group, r.population)
        from region_age r cross join region_municipalities rm
        where rm.every_orp and r.n = rm.n), '{}'::json)
    ) as doc`,
    ),
  );
  const doc = (
    typeof row!.doc === 'string' ? JSON.parse(row!.doc) : row!.doc
  ) as CapacityNetwork & {
    orpFound: boolean;
  };
  if (!doc.orpFound) throw new NotFoundError('No ORP with this id.');
  return {
    asOf,
    level,
    orp: doc.orp,
    cells: doc.cells,
    region: doc.region,
    units: doc.units,
    servicesByUnit: doc.servicesByUnit,
    servicesTotal: doc.servicesTotal,
    typeCode: query.typeCode ?? null,
    form: query.form ?? null,
    unplacedServices: doc.unplacedServices,
    agePopulation: doc.agePopulation,
    regionAgePopulation: doc.regionAgePopulation,
  };
}

interface TargetRow {
  id: string;
  typeCode: string;
  formCode: string;
  unit: string;
  /** Thousandths of a unit per 1,000 inhabitants (numeric(10,3) as an exact integer). */
  perThousandMilli: string;
  populationBase: string;
}
interface ReferenceRow {
  typeCode: string;
  formCode: string;
  unitBasis: string;
  costPerUnitHaler: string;
}

/** Targets and the year's reference values: two small tables, read when the analysis is built. */
async function targetsAndReferences(db: Db, year: number) {
  const [targets, references] = await Promise.all([
    queryRows<TargetRow>(
      db,
      sql`select id, type_code as "typeCode", form_code as "formCode", unit,
        (per_thousand * 1000)::bigint::text as "perThousandMilli", population_base as "populationBase"
        from capacity_targets`,
    ),
    queryRows<ReferenceRow>(
      db,
      sql`select type_code as "typeCode", form_code as "formCode", unit_basis as "unitBasis",
        cost_per_unit_haler::text as "costPerUnitHaler" from reference_values where year = ${year}`,
    ),
  ]);
  return { targets, references };
}

/** Integer division rounding half away from zero (haléř and hundredths are never negative here). */
const divRound = (a: bigint, b: bigint) => (a * 2n + b) / (2n * b);

/** Hundredths of a unit from the JSON number SQL rounded to 2 decimals. */
const toHundredths = (value: number) => BigInt(Math.round(value * 100));
const fromHundredths = (value: bigint) => Number(value) / 100;

/**
 * The population a target is per 1,000 of (decision 0602): the total for base 'total', else the
 * sum of the base's age groups ('8+9') where the territory has every one of them whole; without
 * it the gap is not computed (never on the total instead) and the reason says why.
 */
function basePopulationOf(
  populationBase: string,
  total: number | null,
  ageGroups: Record<string, number> | undefined,
): { population: number | null; reason: GapReason | null } {
  if (populationBase === 'total')
    return { population: total, reason: total === null ? 'no_population' : null };
  let sum = 0;
  for (const group of populationBase.split('+')) {
    const population = ageGroups?.[group];
    if (population === undefined) return { population: null, reason: 'no_population_breakdown' };
    sum += population;
  }
  return { population: sum, reason: null };
}

/** Capacity per 1,000 of `population`, to 3 decimals (half away from zero, as SQL's round). */
const perThousandOf = (capacity: number, population: number | null) =>
  population ? Number(divRound(toHundredths(capacity) * 10_000n, BigInt(population))) / 1000 : null;

/** A reference value prices a capacity unit when it counts what the unit counts (beds). */
const prices = (basis: string, unit: string) => basis === 'bed' && BED_UNITS.has(unit);

/** The analysis: the cached network part completed with averages, targets, gaps and money. */
export async function capacityAnalysis(
  db: Db,
  network: CapacityNetwork,
): Promise<CapacityAnalysis> {
  const referenceYear = Number(network.asOf.slice(0, 4));
  const { targets, references } = await targetsAndReferences(db, referenceYear);
  const key = (type: string, form: string, unit: string) => `${type}|${form}|${unit}`;
  const targetOf = new Map(targets.map((t) => [key(t.typeCode, t.formCode, t.unit), t]));
  const referenceOf = new Map(references.map((r) => [`${r.typeCode}|${r.formCode}`, r]));
  const regionOf = new Map(network.region.map((r) => [key(r.typeCode, r.form, r.unit), r]));
  let totalGapHaler = 0n;

  // A territory with no capacity of a targeted type has the largest gap of all: add its cell.
  const present = new Set(
    network.cells.map((c) => `${c.unitId}|${key(c.typeCode, c.form, c.unit)}`),
  );
  const wanted = targets.filter(
    (t) =>
      (!network.typeCode || t.typeCode === network.typeCode) &&
      (!network.form || t.formCode === network.form),
  );
  const wantedKeys = wanted.map((t) => ({ t, k: key(t.typeCode, t.formCode, t.unit) }));
  const empty: (typeof network.cells)[number][] = [];
  for (const unit of network.units)
    for (const { t, k } of wantedKeys)
      if (!present.has(`${unit.unitId}|${k}`))
        empty.push({
          unitId: unit.unitId,
          unitCode: unit.unitCode,
          unitName: unit.unitName,
          unitKind: unit.unitKind,
          population: unit.population,
          typeCode: t.typeCode,
          form: t.formCode,
          unit: t.unit,
          capacity: 0,
          services: 0,
          perThousand: unit.population ? 0 : null,
        });
  // Codes are ASCII: plain comparison (localeCompare over thousands of cells costs seconds).
  const order = (c: (typeof empty)[number]) =>
    [c.unitCode, c.typeCode, c.form, c.unit].join('\u0000');
  // (objects, not destructured pairs: destructuring in the comparator cost tens of ms)
  const all = [...network.cells, ...empty]
    .map((c) => ({ k: order(c), c }))
    .sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0))
    .map((x) => x.c);

  const cells = all.map((cell): CapacityCell => {
    const target = targetOf.get(key(cell.typeCode, cell.form, cell.unit));
    const reference = cell.form ? referenceOf.get(`${cell.typeCode}|${cell.form}`) : undefined;
    const priced = reference && prices(reference.unitBasis, cell.unit) ? reference : undefined;
    let gapUnits: number | null = null;
    let gapMoney: string | null = null;
    const region = regionOf.get(key(cell.typeCode, cell.form, cell.unit));
    const base = target
      ? basePopulationOf(target.populationBase, cell.population, network.agePopulation[cell.unitId])
      : { population: null, reason: null };
    const regionBase = target
      ? basePopulationOf(
          target.populationBase,
          region?.population ?? null,
          network.regionAgePopulation,
        ).population
      : null;
    if (target && base.population !== null) {
      // needed = perThousand × base population / 1000, in hundredths of a unit
      const needed = divRound(BigInt(target.perThousandMilli) * BigInt(base.population), 10_000n);
      const gap = needed - toHundredths(cell.capacity);
      const positive = gap > 0n ? gap : 0n;
      gapUnits = fromHundredths(positive);
      if (priced) {
        const haler = divRound(positive * BigInt(priced.costPerUnitHaler), 100n);
        totalGapHaler += haler;
        gapMoney = formatMoney(haler);
      }
    }
    return {
      ...cell,
      regionPerThousand: region?.perThousand ?? null,
      target: target
        ? {
            id: target.id,
            perThousand: Number(target.perThousandMilli) / 1000,
            populationBase: target.populationBase,
          }
        : null,
      basePopulation: base.population,
      basePerThousand: target ? perThousandOf(cell.capacity, base.population) : null,
      regionBasePerThousand: target && region ? perThousandOf(region.capacity, regionBase) : null,
      gapUnits,
      gapReason: base.reason,
      costPerUnit: priced ? formatMoney(BigInt(priced.costPerUnitHaler)) : null,
      gapMoney,
    };
  });
  return {
    asOf: network.asOf,
    level: network.level,
    orp: network.orp,
    referenceYear,
    cells,
    region: network.region,
    totals: { gapMoney: formatMoney(totalGapHaler) },
    unplacedServices: network.unplacedServices,
  };
}

/** The services behind a cell: those with a share of their capacity in `unitId`. */
export async function capacityServices(
  db: Db,
  principal: AuthPrincipal,
  query: CapacityServicesQuery,
): Promise<CapacityServiceList> {
  assertMay(principal, 'analysis.read');
  const asOf = query.asOf ?? today();
  const conditions: SQL[] = [sql`true`];
  const scope = unitScopeCondition(principal, 'analysis.read', sql`${query.unitId}::uuid`);
  if (scope) conditions.push(scope);
  if (query.typeCode) conditions.push(sql`st.type_code = ${query.typeCode}`);
  const capacityMatch: SQL[] = [sql`true`];
  if (query.form) capacityMatch.push(sql`c.form = ${query.form}`);
  if (query.unit) capacityMatch.push(sql`c.unit = ${query.unit}`);
  await keepAttribution(db, asOf);
  const rows = await withoutJit(db, (tx) =>
    queryRows<{
      id: string;
      name: string;
      typeCode: string;
      providerName: string;
      share: string;
      capacities: { form: string; unit: string; count: number }[];
    }>(
      tx,
      sql`with ${attributionCtes(
        asOf,
        sql`(select parent_id from territorial_units where id = ${query.unitId}::uuid and kind = 'municipality')`,
      )},
    here as (
      select service_id, sum(share) as share from att
      where orp_id = ${query.unitId}::uuid or municipality_id = ${query.unitId}::uuid
      group by service_id
    )
    select st.service_id as id, st.name, st.type_code as "typeCode", p.name as "providerName",
      round(here.share, 4)::text as share,
      (select json_agg(json_build_object('form', c.form, 'unit', c.unit, 'count', c.count)
         order by c.form, c.unit)
       from caps c where c.service_id = st.service_id and ${sql.join(capacityMatch, sql` and `)}) as capacities
    from here
    join st on st.service_id = here.service_id
    join services s on s.id = st.service_id
    join providers p on p.id = s.provider_id
    where ${sql.join(conditions, sql` and `)}
      and exists (select 1 from caps c where c.service_id = st.service_id and ${sql.join(capacityMatch, sql` and `)})
    order by st.name, st.service_id`,
    ),
  );
  const items = rows.map((r) => ({
    ...r,
    share: Number(r.share),
    capacities: typeof r.capacities === 'string' ? JSON.parse(r.capacities) : r.capacities,
  }));
  return { items, total: items.length };
}
