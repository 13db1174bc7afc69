import type { PlanTreeNode, PlanTreeTotals, UpdatePlanNodeBody } from '@socplan/contracts';
import { moneyInputText, parseMoneyInput, type NumberLocale } from '../../shared/format/money.ts';
import { sumMoney } from './money-sum.ts';

type YearAmounts = Record<number, string>;

/** One line of the grid: amounts by year and their total. */
export interface GridLine {
  byYear: YearAmounts;
  total: string;
}

/** What the costing grid shows: cost, each source, funded, gap (and overfunding) by year. */
export interface GridView {
  cost: GridLine;
  sources: (GridLine & { source: string })[];
  funded: GridLine;
  gap: GridLine;
  overfunded: GridLine | null;
}

/** The years of the grid: the node's timeframe (else the plan's) and any year holding money. */
export function gridYears(
  node: Pick<PlanTreeNode, 'yearFrom' | 'yearTo'> | null,
  plan: { yearFrom: number; yearTo: number },
  totals: PlanTreeTotals,
): number[] {
  const from = node?.yearFrom ?? plan.yearFrom;
  const to = node?.yearTo ?? plan.yearTo;
  const years = new Set<number>();
  for (let year = from; year <= to && years.size < 50; year++) years.add(year);
  for (const { year } of [...totals.costs, ...totals.funding]) years.add(year);
  return [...years].sort((a, b) => a - b);
}

const line = (entries: { year: number; amount: string }[], years: number[]): GridLine => {
  const byYear: YearAmounts = {};
  for (const year of years) {
    byYear[year] = sumMoney(entries.filter((e) => e.year === year).map((e) => e.amount));
  }
  return { byYear, total: sumMoney(entries.map((e) => e.amount)) };
};

/** The grid of a node's (or the plan's) roll-ups; totals come from the API as they are. */
export function gridView(totals: PlanTreeTotals, years: number[]): GridView {
  const sources = [...new Set(totals.funding.map((f) => f.source))];
  const overfunded = totals.overfunded.some((o) => o.amount !== '0.00')
    ? { ...line(totals.overfunded, years), total: totals.overfundedTotal }
    : null;
  return {
    cost: { ...line(totals.costs, years), total: totals.cost },
    sources: sources.map((source) => ({
      source,
      ...line(
        totals.funding.filter((f) => f.source === source),
        years,
      ),
    })),
    funded: { ...line(totals.funding, years), total: totals.funded },
    gap: { ...line(totals.gap, years), total: totals.gapTotal },
    overfunded,
  };
}

/** The grid being edited: amounts as typed, by year, for the cost and each source. */
export interface GridDraft {
  cost: Record<number, string>;
  sources: { source: string; amounts: Record<number, string> }[];
}

const texts = (
  entries: { year: number; amount: string }[],
  locale: NumberLocale,
): Record<number, string> =>
  Object.fromEntries(entries.map((e) => [e.year, moneyInputText(e.amount, locale)]));

export function gridDraftOf(
  node: Pick<PlanTreeNode, 'costs' | 'funding'>,
  locale: NumberLocale,
): GridDraft {
  const sources = [...new Set(node.funding.map((f) => f.source))];
  return {
    cost: texts(node.costs, locale),
    sources: sources.map((source) => ({
      source,
      amounts: texts(
        node.funding.filter((f) => f.source === source),
        locale,
      ),
    })),
  };
}

/** A cell that is not an amount: which line (`cost` or the source) and which year. */
export interface InvalidCell {
  line: string;
  year: number;
}

/**
 * The costs and funding to send: empty cells are left out, amounts parsed in the UI's notation;
 * or the cells that are not amounts.
 */
export function parseGridDraft(
  draft: GridDraft,
  years: number[],
  locale: NumberLocale,
):
  | { ok: true; value: Required<Pick<UpdatePlanNodeBody, 'costs' | 'funding'>> }
  | { ok: false; invalid: InvalidCell[] } {
  const invalid: InvalidCell[] = [];
  const read = (lineName: string, amounts: Record<number, string>) =>
    years.flatMap((year) => {
      const text = (amounts[year] ?? '').trim();
      if (!text) return [];
      const amount = parseMoneyInput(text, locale);
      if (amount === null) invalid.push({ line: lineName, year });
      return amount === null ? [] : [{ year, amount }];
    });
  const costs = read('cost', draft.cost);
  const funding = draft.sources
    .filter((s) => s.source)
    .flatMap((s) => read(s.source, s.amounts).map((entry) => ({ source: s.source, ...entry })));
  return invalid.length ? { ok: false, invalid } : { ok: true, value: { costs, funding } };
}
