import type { ProgressSource } from '@socplan/contracts';
import type { IndicatorActual, NodeCost, NodeIndicator } from '../../db/schema/index.ts';

/**
 * Progress of a monitoring round, as pure functions: an activity's from its indicators where
 * they have a target for the round's year and an actual, else the entered figure; every other
 * node (and the plan) is the mean of its children weighted by their cost in that year. Values
 * are percentages 0–100 as floats (progress is not money); callers round for display.
 */

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * How far an indicator got from its baseline to its target, 0–100. An indicator may fall
 * (fewer people waiting: target below baseline); one whose target equals its baseline is done
 * once the actual reaches it (at or above).
 */
export function indicatorProgress(baseline: number, target: number, actual: number): number {
  if (target === baseline) return actual >= target ? 100 : 0;
  return clamp(((actual - baseline) / (target - baseline)) * 100, 0, 100);
}

export interface ActivityProgress {
  progress: number | null;
  source: ProgressSource | null;
}

/** An indicator's target in a year (hundredths), or null. */
export const targetIn = (indicator: NodeIndicator, year: number): number | null =>
  indicator.targets.find((t) => t.year === year)?.value ?? null;

/**
 * An activity's progress in a year: the mean over its indicators that have a target that year
 * and an actual in the report (a missing baseline counts as 0); else the entered progress.
 */
export function activityProgress(
  indicators: readonly NodeIndicator[],
  year: number,
  actuals: readonly IndicatorActual[],
  entered: number | null,
): ActivityProgress {
  const actualOf = new Map(actuals.map((a) => [a.indicatorId, a.value]));
  const measured = indicators.flatMap((indicator) => {
    const target = targetIn(indicator, year);
    const actual = actualOf.get(indicator.id);
    return target === null || actual === undefined
      ? []
      : [indicatorProgress(indicator.baseline ?? 0, target, actual)];
  });
  if (measured.length > 0)
    return {
      progress: measured.reduce((a, b) => a + b, 0) / measured.length,
      source: 'indicators',
    };
  return entered === null
    ? { progress: null, source: null }
    : { progress: entered, source: 'entered' };
}

/**
 * The mean of the known values weighted by cost; equal weights when the known ones all cost
 * nothing. Unknown values (no report) stay out rather than count as 0; null when none is known.
 */
export function weightedProgress(
  children: readonly { cost: number; progress: number | null }[],
): number | null {
  const known = children.filter(
    (c): c is { cost: number; progress: number } => c.progress !== null,
  );
  if (known.length === 0) return null;
  const weight = known.reduce((sum, c) => sum + c.cost, 0);
  if (weight === 0) return known.reduce((sum, c) => sum + c.progress, 0) / known.length;
  return known.reduce((sum, c) => sum + c.cost * c.progress, 0) / weight;
}

export interface ProgressTreeNode {
  id: string;
  parentId: string | null;
  /** The node's own cost in the year (activities carry the costs; others 0). */
  cost: number;
  /** An activity's progress (activityProgress); ignored on nodes with children. */
  own: number | null;
}

export interface RolledUpProgress {
  /** Per node: its cost (own, or the sum of its children's) and its progress. */
  nodes: Map<string, { cost: number; progress: number | null }>;
  /** The plan's: its top-level nodes' weighted by cost. */
  plan: number | null;
}

/** Costs summed and progress weighted from the leaves up; a node whose parent is absent is a root. */
export function rollUpProgress(tree: readonly ProgressTreeNode[]): RolledUpProgress {
  const ids = new Set(tree.map((n) => n.id));
  const children = new Map<string | null, ProgressTreeNode[]>();
  for (const node of tree) {
    const parent = node.parentId !== null && ids.has(node.parentId) ? node.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const nodes = new Map<string, { cost: number; progress: number | null }>();
  const visit = (node: ProgressTreeNode): { cost: number; progress: number | null } => {
    const below = (children.get(node.id) ?? []).map(visit);
    const result =
      below.length === 0
        ? { cost: node.cost, progress: node.own }
        : { cost: below.reduce((sum, c) => sum + c.cost, 0), progress: weightedProgress(below) };
    nodes.set(node.id, result);
    return result;
  };
  const roots = (children.get(null) ?? []).map(visit);
  return { nodes, plan: weightedProgress(roots) };
}

/** An activity's cost in a year (integer haléř). */
export const costIn = (costs: readonly NodeCost[], year: number): number =>
  costs.reduce((sum, c) => (c.year === year ? sum + c.amount : sum), 0);

export interface ProgressNodeInput {
  id: string;
  parentId: string | null;
  level: string;
  costs: readonly NodeCost[];
  indicators: readonly NodeIndicator[];
}

export interface ProgressReportInput {
  nodeId: string;
  progress: number | null;
  indicatorActuals: readonly IndicatorActual[];
}

/** The progress of a plan's live nodes in a round of `year`, from the round's reports. */
export function progressInRound(
  nodes: readonly ProgressNodeInput[],
  reports: readonly ProgressReportInput[],
  year: number,
): { activities: Map<string, ActivityProgress>; rolledUp: RolledUpProgress } {
  const reportOf = new Map(reports.map((report) => [report.nodeId, report]));
  const activities = new Map<string, ActivityProgress>();
  const tree = nodes.map((node): ProgressTreeNode => {
    if (node.level !== 'activity')
      return { id: node.id, parentId: node.parentId, cost: 0, own: null };
    const report = reportOf.get(node.id);
    const own = report
      ? activityProgress(node.indicators, year, report.indicatorActuals, report.progress)
      : { progress: null, source: null };
    activities.set(node.id, own);
    return {
      id: node.id,
      parentId: node.parentId,
      cost: costIn(node.costs, year),
      own: own.progress,
    };
  });
  return { activities, rolledUp: rollUpProgress(tree) };
}

/** One decimal for the API. */
export const displayProgress = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;
