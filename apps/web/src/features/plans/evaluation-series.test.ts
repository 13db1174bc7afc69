import type { EvaluationSeries } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import { seriesLines } from './evaluation-series.ts';

const point = (total: number, maxTotal: number, yesShare: number | null) =>
  ({
    evaluationId: 'e',
    evaluatedOn: '2012-01-01',
    scores: {},
    total,
    maxTotal,
    yesShare,
  }) as unknown as EvaluationSeries['points'][number];

describe('evaluation time series', () => {
  it('compares evaluations of different reach as shares of the points possible', () => {
    const lines = seriesLines({
      territory: { id: 't', kind: 'orp', code: '5105', name: 'Liberec' },
      points: [point(12, 24, 0.5), point(9, 12, null), point(0, 0, 1)],
    });
    expect(lines.scorePercent).toEqual([50, 75, null]);
    expect(lines.yesPercent).toEqual([50, null, 100]);
  });
});
