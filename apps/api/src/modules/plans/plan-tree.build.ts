import type { PlanNode, PlanNodeLevel, PlanTreeNode, PlanTreeTotals } from '@socplan/contracts';
import type { planNodes } from '../../db/schema/index.ts';
import { formatHundredths, formatMoney } from '../financing/money.ts';
import { bySiblingOrder, compareText } from './plan-tree.codes.ts';

/**
 * The plan's tree built in memory from its node rows, with the roll-ups of cost and funding on
 * every node and the plan. Pure: it reads rows from the database as well as rows out of a
 * frozen version's snapshot (JSON, where timestamps are text), so it looks at no Date.
 *
 * Only activities carry money (what the region's template asks: cost per activity); measures and
 * priorities show the sums of their activities. The gap is counted per activity and year: what
 * no source covers there. Funding beyond an activity's cost is `overfunded` and never fills the
 * gap of another activity or year, since money given for one activity does not pay another.
 */

export type PlanNodeRow = typeof planNodes.$inferSelect;

/** What the builder reads of a node: a database row or a row of a version's snapshot. */
export type TreeSourceNode = Pick<
  PlanNodeRow,
  | 'id'
  | 'parentId'
  | 'level'
  | 'position'
  | 'code'
  | 'title'
  | 'description'
  | 'targetGroups'
  | 'serviceTypes'
  | 'serviceIds'
  | 'responsible'
  | 'partners'
  | 'yearFrom'
  | 'yearTo'
  | 'costs'
  | 'funding'
  | 'indicators'
  | 'templateNodeId'
  | 'version'
> & { deletedAt?: unknown };

export interface BuiltPlanTree {
  nodes: PlanTreeNode[];
  totals: PlanTreeTotals;
}

export interface BuildOptions {
  /** Names of the linked services the reader may see; others are left out of `services`. */
  serviceNames?: ReadonlyMap<string, string>;
}

/** Sums in haléř as bigint: many large amounts must not leave the exact range of a number. */
interface Sums {
  costs: Map<number, bigint>;
  funding: Map<string, Map<number, bigint>>; // source → year → amount
  gap: Map<number, bigint>;
  overfunded: Map<number, bigint>;
  activities: number;
  withCost: number;
  withFunding: number;
}

const emptySums = (): Sums => ({
  costs: new Map(),
  funding: new Map(),
  gap: new Map(),
  overfunded: new Map(),
  activities: 0,
  withCost: 0,
  withFunding: 0,
});

function add<K>(map: Map<K, bigint>, key: K, amount: bigint): void {
  map.set(key, (map.get(key) ?? 0n) + amount);
}

function fundingOf(sums: Sums, source: string): Map<number, bigint> {
  let byYear = sums.funding.get(source);
  if (!byYear) sums.funding.set(source, (byYear = new Map()));
  return byYear;
}

function addInto(target: Sums, part: Sums): void {
  for (const [year, amount] of part.costs) add(target.costs, year, amount);
  for (const [source, byYear] of part.funding)
    for (const [year, amount] of byYear) add(fundingOf(target, source), year, amount);
  for (const [year, amount] of part.gap) add(target.gap, year, amount);
  for (const [year, amount] of part.overfunded) add(target.overfunded, year, amount);
  target.activities += part.activities;
  target.withCost += part.withCost;
  target.withFunding += part.withFunding;
}

/** An activity's own sums: its costs and funding, and per year what is uncovered or beyond. */
function activitySums(node: TreeSourceNode): Sums {
  const sums = emptySums();
  const fundedByYear = new Map<number, bigint>();
  for (const cost of node.costs) add(sums.costs, cost.year, BigInt(cost.amount));
  for (const f of node.funding) {
    add(fundingOf(sums, f.source), f.year, BigInt(f.amount));
    add(fundedByYear, f.year, BigInt(f.amount));
  }
  for (const year of new Set([...sums.costs.keys(), ...fundedByYear.keys()])) {
    const difference = (sums.costs.get(year) ?? 0n) - (fundedByYear.get(year) ?? 0n);
    if (difference > 0n) add(sums.gap, year, difference);
    if (difference < 0n) add(sums.overfunded, year, -difference);
  }
  sums.activities = 1;
  sums.withCost = node.costs.some((c) => c.amount > 0) ? 1 : 0;
  sums.withFunding = node.funding.some((f) => f.amount > 0) ? 1 : 0;
  return sums;
}

/** The plan's years and any other year that holds an amount, in order. */
function yearsOf(sums: Sums, period: { from: number; to: number }): number[] {
  const years = new Set<number>();
  for (let year = period.from; year <= period.to; year++) years.add(year);
  for (const year of sums.costs.keys()) years.add(year);
  for (const byYear of sums.funding.values()) for (const year of byYear.keys()) years.add(year);
  return [...years].sort((a, b) => a - b);
}

const total = (map: Map<unknown, bigint>): bigint => {
  let sum = 0n;
  for (const amount of map.values()) sum += amount;
  return sum;
};

function toTotals(sums: Sums, years: number[]): PlanTreeTotals {
  const perYear = (map: Map<number, bigint>) =>
    years.map((year) => ({ year, amount: formatMoney(map.get(year) ?? 0n) }));
  let funded = 0n;
  const funding = [...sums.funding.keys()].sort(compareText).flatMap((source) => {
    const byYear = sums.funding.get(source)!;
    funded += total(byYear);
    return [...byYear.keys()]
      .sort((a, b) => a - b)
      .map((year) => ({ source, year, amount: formatMoney(byYear.get(year)!) }));
  });
  return {
    costs: perYear(sums.costs),
    funding,
    gap: perYear(sums.gap),
    overfunded: perYear(sums.overfunded),
    cost: formatMoney(total(sums.costs)),
    funded: formatMoney(funded),
    gapTotal: formatMoney(total(sums.gap)),
    overfundedTotal: formatMoney(total(sums.overfunded)),
    activities: sums.activities,
    activitiesWithCost: sums.withCost,
    activitiesWithFunding: sums.withFunding,
  };
}

/** The node's own fields as the API shows them (no roll-ups, no children). */
export function presentNodeFields(
  node: TreeSourceNode,
  serviceNames?: ReadonlyMap<string, string>,
): Omit<PlanNode, 'planId' | 'updatedAt'> {
  return {
    id: node.id,
    parentId: node.parentId,
    level: node.level as PlanNodeLevel,
    position: node.position,
    code: node.code,
    title: node.title,
    description: node.description,
    targetGroups: node.targetGroups,
    serviceTypes: node.serviceTypes,
    serviceIds: node.serviceIds,
    services: node.serviceIds.flatMap((id) => {
      const name = serviceNames?.get(id);
      return name === undefined ? [] : [{ id, name }];
    }),
    responsible: node.responsible,
    partners: node.partners,
    yearFrom: node.yearFrom,
    yearTo: node.yearTo,
    costs: [...node.costs]
      .sort((a, b) => a.year - b.year)
      .map((c) => ({ year: c.year, amount: formatMoney(c.amount) })),
    funding: [...node.funding]
      .sort((a, b) => compareText(a.source, b.source) || a.year - b.year)
      .map((f) => ({ source: f.source, year: f.year, amount: formatMoney(f.amount) })),
    indicators: node.indicators.map((indicator) => ({
      id: indicator.id,
      name: indicator.name,
      unit: indicator.unit,
      baseline: indicator.baseline === null ? null : formatHundredths(indicator.baseline),
      targets: [...indicator.targets]
        .sort((a, b) => a.year - b.year)
        .map((t) => ({ year: t.year, value: formatHundredths(t.value) })),
    })),
    templateNodeId: node.templateNodeId,
    version: node.version,
  };
}

/**
 * Orders the live nodes (deletedAt empty) into priorities → measures → activities by position,
 * with roll-ups over `years` (plus any other year holding an amount). Nodes whose parent is not
 * among the live ones are left out (they belong to a deleted subtree).
 */
export function buildPlanTree(
  rows: readonly TreeSourceNode[],
  years: { from: number; to: number },
  options: BuildOptions = {},
): BuiltPlanTree {
  const childrenOf = new Map<string | null, TreeSourceNode[]>();
  for (const row of rows) {
    if (row.deletedAt !== null && row.deletedAt !== undefined) continue;
    const siblings = childrenOf.get(row.parentId);
    if (siblings) siblings.push(row);
    else childrenOf.set(row.parentId, [row]);
  }
  for (const siblings of childrenOf.values()) siblings.sort(bySiblingOrder);

  const sumsById = new Map<string, Sums>();
  const sum = (row: TreeSourceNode): Sums => {
    const sums = row.level === 'activity' ? activitySums(row) : emptySums();
    for (const child of childrenOf.get(row.id) ?? []) addInto(sums, sum(child));
    sumsById.set(row.id, sums);
    return sums;
  };
  const roots = childrenOf.get(null) ?? [];
  const planSums = emptySums();
  for (const root of roots) addInto(planSums, sum(root));
  // One column set for the whole plan, so every node's grid lines up with the plan's.
  const planYears = yearsOf(planSums, years);

  const present = (row: TreeSourceNode): PlanTreeNode => {
    const sums = sumsById.get(row.id)!;
    return {
      ...presentNodeFields(row, options.serviceNames),
      totals: toTotals(sums, planYears),
      hasCostEstimate: sums.activities > 0 && sums.withCost === sums.activities,
      hasFunding: sums.activities > 0 && sums.withFunding === sums.activities,
      children: (childrenOf.get(row.id) ?? []).map(present),
    };
  };
  return { nodes: roots.map(present), totals: toTotals(planSums, planYears) };
}
