import { describe, expect, it } from 'vitest';
import { isPositiveMoney, sumMoney } from './money-sum.ts';

describe('money sums', () => {
  it('adds amounts exactly, haléř included', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(['612345.50', '1200.75', '-0.25'])).toBe('613546.00');
    expect(sumMoney(['99999999999.99', '0.01'])).toBe('100000000000.00');
  });

  it('sums nothing to zero and keeps small negatives', () => {
    expect(sumMoney([])).toBe('0.00');
    expect(sumMoney(['-0.05'])).toBe('-0.05');
  });

  it('tells a gap worth showing', () => {
    expect(isPositiveMoney('0.01')).toBe(true);
    expect(isPositiveMoney('0.00')).toBe(false);
    expect(isPositiveMoney('-12.00')).toBe(false);
  });
});
