import type {
  CapacityAnalysis,
  CapacityCell,
  CollectionAnalysis,
  NeedsAnalysis,
  PlansAnalysis,
} from '@socplan/contracts';
import type { Cell, TableColumn, TableModel } from './table-model.ts';

/**
 * The dashboard's tables from the analysis API's answers. Each chart, its table and its
 * downloads are drawn from one of these, so they always show the same figures. Pure: the
 * texts come in through `Labels`.
 */
export interface Labels {
  t: (key: string, params?: Record<string, unknown>) => string;
  typeName: (code: string) => string;
  formName: (code: string) => string;
  unitName: (code: string) => string;
  sourceName: (code: string) => string;
  /** An age group's name (codelist age_group). */
  ageGroupName: (code: string) => string;
}

/**
 * The population a target is per 1,000 of, in words: null for the whole population, else the
 * age groups' names ('8+9' → "younger seniors (65–80) + older seniors (over 80)").
 */
export function baseName(populationBase: string | null, labels: Labels): string | null {
  if (!populationBase || populationBase === 'total') return null;
  return populationBase
    .split('+')
    .map((code) => labels.ageGroupName(code))
    .join(' + ');
}

const col = (labels: Labels, key: string, kind: TableColumn['kind']): TableColumn => ({
  key,
  label: labels.t(`analysis.columns.${key}`),
  kind,
});

/** Money strings summed in haléř (integers), so no float rounding reaches the total. */
export function sumMoney(amounts: (string | null)[]): string | null {
  const present = amounts.filter((a): a is string => a !== null);
  if (present.length === 0) return null;
  const cents = present.reduce((sum, a) => sum + BigInt(Math.round(Number(a) * 100)), 0n);
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One territory's figure for a type and unit (all forms together). */
export interface TerritoryCapacity {
  unitId: string;
  name: string;
  population: number | null;
  capacity: number;
  services: number;
  perThousand: number | null;
  regionPerThousand: number | null;
  target: number | null;
  /** The target's population base ('total', or age groups '8+9'); null without a target. */
  populationBase: string | null;
  /** Capacity per 1,000 of the target's base (of the age groups, where the base is one). */
  basePerThousand: number | null;
  gapUnits: number | null;
  /** Why there is no gap though there is a target (e.g. no population breakdown). */
  gapReason: CapacityCell['gapReason'];
  gapMoney: string | null;
}

/**
 * A territory's capacity of a type in a unit over all forms: the API's all-forms row ('') where
 * it sends one (its target is for all forms), else the forms summed and divided again.
 */
export function territoryCapacity(cells: CapacityCell[], typeCode: string, unit: string) {
  const byUnit = new Map<string, CapacityCell[]>();
  for (const cell of cells) {
    if (cell.typeCode !== typeCode || cell.unit !== unit) continue;
    byUnit.set(cell.unitId, [...(byUnit.get(cell.unitId) ?? []), cell]);
  }
  const result: TerritoryCapacity[] = [];
  for (const [unitId, group] of byUnit) {
    const all = group.find((c) => c.form === '');
    const first = group[0]!;
    const base = { unitId, name: first.unitName, population: first.population };
    if (all) {
      result.push({
        ...base,
        capacity: all.capacity,
        services: all.services,
        perThousand: all.perThousand,
        regionPerThousand: all.regionPerThousand,
        target: all.target?.perThousand ?? null,
        populationBase: all.target?.populationBase ?? null,
        basePerThousand: all.basePerThousand,
        gapUnits: all.gapUnits,
        gapReason: all.gapReason,
        gapMoney: all.gapMoney,
      });
      continue;
    }
    const capacity = round(
      group.reduce((s, c) => s + c.capacity, 0),
      2,
    );
    const gaps = group.map((c) => c.gapUnits).filter((g): g is number => g !== null);
    result.push({
      ...base,
      capacity,
      services: group.reduce((s, c) => s + c.services, 0),
      perThousand: first.population ? round((capacity * 1000) / first.population, 3) : null,
      regionPerThousand: group.length === 1 ? first.regionPerThousand : null,
      target: group.length === 1 ? (first.target?.perThousand ?? null) : null,
      populationBase: group.length === 1 ? (first.target?.populationBase ?? null) : null,
      basePerThousand: group.length === 1 ? first.basePerThousand : null,
      gapReason: group.length === 1 ? first.gapReason : null,
      gapUnits: gaps.length
        ? round(
            gaps.reduce((s, g) => s + g, 0),
            2,
          )
        : null,
      gapMoney: sumMoney(group.map((c) => c.gapMoney)),
    });
  }
  return result.sort((a, b) => a.name.localeCompare(b.name, 'cs'));
}

/** The (type, unit) pairs in the answer by type code, each with its count of services. */
export function typeUnits(
  analysis: CapacityAnalysis,
): { typeCode: string; unit: string; services: number }[] {
  const services = new Map<string, { typeCode: string; unit: string; services: number }>();
  // All-forms rows repeat their forms' services: count a territory's all-forms row only when it
  // has no per-form rows.
  const perForm = new Set(
    analysis.cells.filter((c) => c.form !== '').map((c) => `${c.unitId} ${c.typeCode} ${c.unit}`),
  );
  for (const cell of analysis.cells) {
    if (cell.form === '' && perForm.has(`${cell.unitId} ${cell.typeCode} ${cell.unit}`)) continue;
    const key = `${cell.typeCode} ${cell.unit}`;
    const entry = services.get(key) ?? { typeCode: cell.typeCode, unit: cell.unit, services: 0 };
    entry.services += cell.services;
    services.set(key, entry);
  }
  return [...services.values()].sort(
    (a, b) =>
      a.typeCode.localeCompare(b.typeCode, 'cs', { numeric: true }) || b.services - a.services,
  );
}

/** Capacity by territory (ORPs, or the municipalities of one) for a type and unit. */
export function capacityByTerritoryTable(
  rows: TerritoryCapacity[],
  title: string,
  labels: Labels,
  withRegion: boolean,
): TableModel {
  // A target per 1,000 of an age group: its own column, and the target named by its base.
  const bases = new Set(rows.map((r) => r.populationBase).filter((b) => b !== null));
  const base = bases.size === 1 ? baseName([...bases][0]!, labels) : null;
  const reasons = rows.some((r) => r.gapReason !== null);
  const columns = [
    col(labels, 'territory', 'text'),
    col(labels, 'population', 'count'),
    col(labels, 'services', 'count'),
    col(labels, 'capacity', 'number'),
    col(labels, 'perThousand', 'number'),
    ...(withRegion ? [col(labels, 'regionPerThousand', 'number')] : []),
    ...(base
      ? [
          {
            key: 'basePerThousand',
            label: labels.t('analysis.columns.basePerThousand', { base }),
            kind: 'number' as const,
          },
          {
            key: 'target',
            label: labels.t('analysis.columns.targetOfBase', { base }),
            kind: 'number' as const,
          },
        ]
      : [col(labels, 'target', 'number')]),
    col(labels, 'gapUnits', 'number'),
    col(labels, 'gapMoney', 'money'),
    ...(reasons ? [col(labels, 'gapReason', 'text')] : []),
  ];
  return {
    title,
    columns,
    rows: rows.map((r) => [
      r.name,
      r.population,
      r.services,
      r.capacity,
      r.perThousand,
      ...(withRegion ? [r.regionPerThousand] : []),
      ...(base ? [r.basePerThousand] : []),
      r.target,
      r.gapUnits,
      r.gapMoney,
      ...(reasons ? [r.gapReason ? labels.t(`analysis.gapReasons.${r.gapReason}`) : null] : []),
    ]),
  };
}

/**
 * Capacity against target by service type: for one territory (its cells) or for the region
 * (its figures, the targets and the gaps of all its ORPs). All-forms rows only where present.
 */
export function capacityByTypeTable(
  analysis: CapacityAnalysis,
  unitId: string | null,
  title: string,
  labels: Labels,
): TableModel {
  const rows: Cell[][] = [];
  for (const { typeCode, unit } of typeUnits(analysis)) {
    const territories = territoryCapacity(analysis.cells, typeCode, unit);
    const own = unitId ? territories.find((r) => r.unitId === unitId) : undefined;
    if (unitId && !own) continue;
    const region = analysis.region.find(
      (r) => r.typeCode === typeCode && r.unit === unit && r.form === '',
    );
    const perThousand = own ? own.perThousand : (region?.perThousand ?? null);
    const targets = new Set(territories.map((r) => r.target));
    const gaps = (own ? [own] : territories).map((r) => r.gapUnits);
    const present = gaps.filter((g): g is number => g !== null);
    rows.push([
      `${labels.typeName(typeCode)} (${labels.unitName(unit)})`,
      own
        ? own.capacity
        : (region?.capacity ??
          round(
            territories.reduce((s, r) => s + r.capacity, 0),
            2,
          )),
      perThousand,
      targets.size === 1 ? [...targets][0]! : null,
      present.length
        ? round(
            present.reduce((s, g) => s + g, 0),
            2,
          )
        : null,
      sumMoney((own ? [own] : territories).map((r) => r.gapMoney)),
    ]);
  }
  return {
    title,
    columns: [
      col(labels, 'serviceType', 'text'),
      col(labels, 'capacity', 'number'),
      col(labels, 'perThousand', 'number'),
      col(labels, 'target', 'number'),
      col(labels, 'gapUnits', 'number'),
      col(labels, 'gapMoney', 'money'),
    ],
    rows,
  };
}

/** Needed capacity (municipalities' statements) against the network by service type. */
export function needsTable(
  needs: NeedsAnalysis,
  orpId: string | null,
  title: string,
  labels: Labels,
): TableModel {
  const byType = new Map<string, { needed: number; capacity: number; respondents: number }>();
  for (const row of needs.byOrp) {
    if (orpId && row.orpId !== orpId) continue;
    const sum = byType.get(row.typeCode) ?? { needed: 0, capacity: 0, respondents: 0 };
    sum.needed += row.needed;
    sum.capacity += row.capacity.reduce((s, c) => s + c.count, 0);
    sum.respondents += row.respondents;
    byType.set(row.typeCode, sum);
  }
  return {
    title,
    columns: [
      col(labels, 'serviceType', 'text'),
      col(labels, 'needed', 'number'),
      col(labels, 'capacity', 'number'),
      col(labels, 'respondents', 'count'),
    ],
    rows: [...byType.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, s]) => [
        labels.typeName(type),
        round(s.needed, 2),
        round(s.capacity, 2),
        s.respondents,
      ]),
  };
}

/** Waiting lists and refused applicants the services reported, by service type. */
export function waitingTable(needs: NeedsAnalysis, title: string, labels: Labels): TableModel {
  return {
    title,
    columns: [
      col(labels, 'serviceType', 'text'),
      col(labels, 'services', 'count'),
      col(labels, 'waitingList', 'number'),
      col(labels, 'refusedApplicants', 'number'),
      col(labels, 'clientsServed', 'number'),
      col(labels, 'costs', 'money'),
    ],
    rows: needs.byType.map((r) => [
      labels.typeName(r.typeCode),
      r.services,
      r.waitingList,
      r.refusedApplicants,
      r.clientsServed,
      r.costs,
    ]),
  };
}

export function activityStatusTable(
  plans: PlansAnalysis,
  title: string,
  labels: Labels,
): TableModel {
  return {
    title,
    columns: [col(labels, 'status', 'text'), col(labels, 'activities', 'count')],
    rows: plans.activitiesByStatus.map((r) => [
      labels.t(`analysis.activityStatus.${r.status}`),
      r.count,
    ]),
  };
}

export function fundingTable(plans: PlansAnalysis, title: string, labels: Labels): TableModel {
  return {
    title,
    columns: [
      col(labels, 'source', 'text'),
      col(labels, 'planned', 'money'),
      col(labels, 'actual', 'money'),
    ],
    rows: plans.funding.map((r) => [labels.sourceName(r.source), r.planned, r.actual]),
  };
}

/** The region's improvement targets: the share of activities with a cost estimate and funding. */
export function costingTable(plans: PlansAnalysis, title: string, labels: Labels): TableModel {
  const { totals } = plans;
  const percent = (share: number | null) => (share === null ? null : round(share * 100, 2));
  return {
    title,
    columns: [
      col(labels, 'measure', 'text'),
      col(labels, 'activities', 'count'),
      col(labels, 'share', 'percent'),
    ],
    rows: [
      [labels.t('analysis.costing.withCost'), totals.withCost, percent(totals.costShare)],
      [labels.t('analysis.costing.withFunding'), totals.withFunding, percent(totals.fundingShare)],
    ],
  };
}

/** Completeness and timeliness by campaign × ORP (percent of the expected respondents). */
export function collectionTable(
  collection: CollectionAnalysis,
  orpId: string | null,
  title: string,
  labels: Labels,
): TableModel {
  const percent = (share: number | null) => (share === null ? null : round(share * 100, 2));
  const rows: Cell[][] = [];
  for (const campaign of collection.campaigns) {
    for (const line of campaign.byOrp) {
      if (orpId && line.orpId !== orpId) continue;
      rows.push([
        `${campaign.name} · ${line.orpName ?? labels.t('analysis.noOrp')}`,
        line.expected,
        line.received,
        line.onTime,
        line.missing,
        percent(line.completeness),
        percent(line.timeliness),
      ]);
    }
  }
  return {
    title,
    columns: [
      col(labels, 'campaignOrp', 'text'),
      col(labels, 'expected', 'count'),
      col(labels, 'received', 'count'),
      col(labels, 'onTime', 'count'),
      col(labels, 'missing', 'count'),
      col(labels, 'completeness', 'percent'),
      col(labels, 'timeliness', 'percent'),
    ],
    rows,
  };
}

/** Completeness or timeliness per ORP over all campaigns of the year (share 0–1). */
export function collectionByOrp(
  collection: CollectionAnalysis,
  measure: 'completeness' | 'timeliness',
): Map<string, number | null> {
  const sums = new Map<string, { expected: number; counted: number }>();
  for (const campaign of collection.campaigns) {
    for (const line of campaign.byOrp) {
      if (!line.orpId) continue;
      const sum = sums.get(line.orpId) ?? { expected: 0, counted: 0 };
      sum.expected += line.expected;
      sum.counted += measure === 'completeness' ? line.received : line.onTime;
      sums.set(line.orpId, sum);
    }
  }
  return new Map(
    [...sums].map(([id, s]) => [id, s.expected ? round((s.counted / s.expected) * 100, 2) : null]),
  );
}

/** Needed capacity of a type per ORP. */
export function neededByOrp(needs: NeedsAnalysis, typeCode: string): Map<string, number | null> {
  const result = new Map<string, number | null>();
  for (const row of needs.byOrp) {
    if (row.typeCode !== typeCode) continue;
    result.set(row.orpId, round((result.get(row.orpId) ?? 0) + row.needed, 2));
  }
  return result;
}
