import type { PlanTree, PlanTreeNode } from '@socplan/contracts';
import { gridYears } from './cost-grid.ts';

/** One line of the exported tree: a node with its roll-ups (money as API strings). */
export interface ExportRow {
  code: string;
  level: PlanTreeNode['level'];
  depth: number;
  title: string;
  responsible: string;
  timeframe: string;
  costs: string[];
  cost: string;
  funded: string;
  gap: string;
}

/** A funding line of an activity: source and the amount per year. */
export interface ExportFundingRow {
  code: string;
  title: string;
  source: string;
  amounts: string[];
}

export interface PlanExport {
  years: number[];
  rows: ExportRow[];
  funding: ExportFundingRow[];
  total: Pick<ExportRow, 'costs' | 'cost' | 'funded' | 'gap'>;
}

const amountOf = (entries: { year: number; amount: string }[], year: number): string =>
  entries.find((e) => e.year === year)?.amount ?? '0.00';

/**
 * The plan's tree flattened in code order for the printable view and the spreadsheet: each
 * node with its cost per year and totals, each activity's funding by source and year.
 */
export function planExport(tree: PlanTree): PlanExport {
  const years = gridYears(null, tree.plan, tree.plan.totals);
  const rows: ExportRow[] = [];
  const funding: ExportFundingRow[] = [];
  const visit = (nodes: PlanTreeNode[], depth: number) => {
    for (const node of nodes) {
      rows.push({
        code: node.code,
        level: node.level,
        depth,
        title: node.title,
        responsible: node.responsible ?? '',
        timeframe:
          node.yearFrom || node.yearTo ? `${node.yearFrom ?? ''}–${node.yearTo ?? ''}` : '',
        costs: years.map((year) => amountOf(node.totals.costs, year)),
        cost: node.totals.cost,
        funded: node.totals.funded,
        gap: node.totals.gapTotal,
      });
      if (node.level === 'activity') {
        for (const source of new Set(node.funding.map((f) => f.source))) {
          const lines = node.funding.filter((f) => f.source === source);
          funding.push({
            code: node.code,
            title: node.title,
            source,
            amounts: years.map((year) => amountOf(lines, year)),
          });
        }
      }
      visit(node.children, depth + 1);
    }
  };
  visit(tree.nodes, 0);
  const totals = tree.plan.totals;
  return {
    years,
    rows,
    funding,
    total: {
      costs: years.map((year) => amountOf(totals.costs, year)),
      cost: totals.cost,
      funded: totals.funded,
      gap: totals.gapTotal,
    },
  };
}
