/**
 * The shapes of the plans API the contracts do not publish yet (the tree, monitoring and
 * evaluations). When packages/contracts/src/plan-tree.ts and the others land, these become
 * the contracts' types.
 */
import type { Plan, PlanNodeLevel } from '@socplan/contracts';

export interface NodeCost {
  year: number;
  amount: string;
}
export interface NodeFunding {
  source: string;
  year: number;
  amount: string;
}
export interface NodeIndicator {
  id?: string;
  name: string;
  unit: string;
  baseline: string | null;
  targets: { year: number; value: string }[];
}

export interface YearAmount {
  year: number;
  amount: string;
}

/** Roll-up of costs and funding of a node (or the plan): per year and in all. */
export interface Totals {
  costs: YearAmount[];
  funding: NodeFunding[];
  gap: YearAmount[];
  cost: string;
  funded: string;
  gapTotal: string;
}

export interface PlanNode {
  id: string;
  parentId: string | null;
  level: PlanNodeLevel;
  position: number;
  code: string;
  title: string;
  description: string | null;
  targetGroups: string[];
  serviceTypes: string[];
  serviceIds: string[];
  responsible: string | null;
  partners: string | null;
  yearFrom: number | null;
  yearTo: number | null;
  costs: NodeCost[];
  funding: NodeFunding[];
  indicators: NodeIndicator[];
  version: number;
  children: PlanNode[];
  totals: Totals;
}

export interface PlanTree {
  plan: Plan;
  nodes: PlanNode[];
  totals: Totals;
}

export interface CreateNodeBody {
  parentId: string | null;
  position?: number;
  title: string;
}

export type UpdateNodeBody = Partial<
  Pick<
    PlanNode,
    | 'title'
    | 'description'
    | 'responsible'
    | 'partners'
    | 'yearFrom'
    | 'yearTo'
    | 'costs'
    | 'funding'
    | 'indicators'
    | 'targetGroups'
    | 'serviceTypes'
  >
>;

export interface DeletedNode {
  id: string;
  code: string;
  title: string;
  level: PlanNodeLevel;
  deletedAt: string;
  deletedByName?: string | null;
}

export interface CreateActionPlanBody {
  title: string;
  yearFrom: number;
  yearTo: number;
  nodeIds: string[];
}
