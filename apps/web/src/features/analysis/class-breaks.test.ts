import { describe, expect, it } from 'vitest';
import { CLASS_COLORS, classBreaks, classify } from './class-breaks.ts';

describe('classBreaks', () => {
  it('cuts equal intervals between the smallest and the largest value', () => {
    expect(classBreaks([0, 3, 10], 5, 'equal')).toEqual([2, 4, 6, 8]);
  });

  it('cuts quantiles so each class holds about as many values', () => {
    expect(classBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 'quantile')).toEqual([
      3.6666666666666665, 6.333333333333333,
    ]);
  });

  it('collapses classes when values tie', () => {
    expect(classBreaks([5, 5, 5, 5], 5, 'quantile')).toEqual([]);
    expect(classBreaks([1, 1, 1, 1, 9], 4, 'quantile')).toEqual([1]);
  });

  it('has no breaks without values', () => {
    expect(classBreaks([], 5, 'equal')).toEqual([]);
  });
});

describe('classify', () => {
  it('puts each value into the class whose range holds it and counts them', () => {
    const { ranges, classOf } = classify([0, 2.5, 5, 7.5, 10, null], 'equal');
    expect(ranges.map((r) => [r.from, r.to, r.count])).toEqual([
      [0, 2, 1],
      [2, 4, 1],
      [4, 6, 1],
      [6, 8, 1],
      [8, 10, 1],
    ]);
    expect(classOf(0)).toBe(0);
    expect(classOf(2)).toBe(0);
    expect(classOf(10)).toBe(4);
    expect(ranges.map((r) => r.color)).toEqual([...CLASS_COLORS]);
  });

  it('makes no more classes than there are distinct values', () => {
    const { ranges } = classify([0.12, 0.17, 0.18, 0.38], 'quantile');
    expect(ranges.map((r) => r.count)).toEqual([1, 1, 1, 1]);
  });

  it('leaves a missing value without a class', () => {
    const { classOf } = classify([1, 2, null], 'quantile');
    expect(classOf(null)).toBeNull();
  });

  it('gives one class the lightest colour and two classes the palette ends', () => {
    expect(classify([4, 4], 'equal').ranges).toEqual([
      { from: 4, to: 4, color: CLASS_COLORS[0], count: 2 },
    ]);
    const two = classify([1, 1, 1, 1, 9], 'quantile', 4).ranges;
    expect(two.map((r) => r.color)).toEqual([CLASS_COLORS[0], CLASS_COLORS[4]]);
    expect(two.map((r) => r.count)).toEqual([4, 1]);
  });

  it('has no ranges when no ORP has a value', () => {
    expect(classify([null, null], 'equal').ranges).toEqual([]);
  });
});
