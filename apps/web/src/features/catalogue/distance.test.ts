import { describe, expect, it } from 'vitest';
import { formatDistance, roundCoordinate } from './distance.ts';

describe('formatDistance', () => {
  it('shows metres below a kilometre, rounded to tens and never zero', () => {
    expect(formatDistance(0.347, 'cs')).toBe('350 m');
    expect(formatDistance(0, 'cs')).toBe('10 m');
  });

  it('shows one decimal below ten kilometres, in the locale’s notation', () => {
    expect(formatDistance(1.24, 'cs')).toBe('1,2 km');
    expect(formatDistance(1.24, 'en')).toBe('1.2 km');
    expect(formatDistance(9.96, 'en')).toBe('10.0 km');
  });

  it('shows whole kilometres beyond ten', () => {
    expect(formatDistance(12.6, 'cs')).toBe('13 km');
    expect(formatDistance(1234.4, 'en')).toBe('1,234 km');
  });

  it('shows nothing for a missing or nonsensical distance', () => {
    expect(formatDistance(Number.NaN, 'cs')).toBe('');
    expect(formatDistance(-1, 'cs')).toBe('');
  });
});

describe('roundCoordinate', () => {
  it('keeps five decimals', () => {
    expect(roundCoordinate(50.7663123456)).toBe('50.76631');
    expect(roundCoordinate(15.05)).toBe('15.05');
  });
});
