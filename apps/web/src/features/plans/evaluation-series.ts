import type { EvaluationSeries } from '@socplan/contracts';

/**
 * The chart's lines: the total score as a percentage of the points possible (so evaluations
 * scoring different numbers of areas compare), and the share of checks answered yes.
 */
export function seriesLines(series: EvaluationSeries): {
  scorePercent: (number | null)[];
  yesPercent: (number | null)[];
} {
  const percent = (share: number) => Math.round(share * 1000) / 10;
  return {
    scorePercent: series.points.map((p) => (p.maxTotal ? percent(p.total / p.maxTotal) : null)),
    yesPercent: series.points.map((p) => (p.yesShare === null ? null : percent(p.yesShare))),
  };
}
