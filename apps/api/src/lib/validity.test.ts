import { describe, expect, it } from 'vitest';
import { isValidOn, nextDay, today } from './validity.ts';

describe('today', () => {
  it('is the date in Prague, turning at Prague midnight in winter and summer time', () => {
    expect(today(new Date('2026-01-14T22:59:59.999Z'))).toBe('2026-01-14');
    expect(today(new Date('2026-01-14T23:00:00Z'))).toBe('2026-01-15');
    expect(today(new Date('2026-06-30T21:59:59.999Z'))).toBe('2026-06-30');
    expect(today(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('never answers a day remembered from another minute', () => {
    const before = new Date('2026-12-31T22:59:30Z');
    const after = new Date('2026-12-31T23:00:10Z');
    expect([today(before), today(after), today(before)]).toEqual([
      '2026-12-31',
      '2027-01-01',
      '2026-12-31',
    ]);
  });
});

describe('validity ranges', () => {
  it('are half-open: valid from the first day, no longer on the end day', () => {
    const range = { validFrom: '2024-01-01', validTo: '2025-01-01' };
    expect(
      ['2023-12-31', '2024-01-01', '2024-12-31', '2025-01-01'].map((d) => isValidOn(range, d)),
    ).toEqual([false, true, true, false]);
    expect(isValidOn({ validFrom: null, validTo: null }, '1990-05-05')).toBe(true);
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
  });
});
