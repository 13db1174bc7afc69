import { describe, expect, it } from 'vitest';
import { coverageByOrp, sliderYears } from './coverage.ts';

describe('coverage map', () => {
  const parentOf = new Map([
    ['m1', 'orp2'],
    ['m2', 'orp1'],
  ]);

  it('colours an ORP by its own plan, else by a municipality plan inside it', () => {
    const coverage = coverageByOrp(
      ['orp1', 'orp2', 'orp3'],
      [
        { territory: { id: 'orp1', kind: 'orp' } },
        { territory: { id: 'm1', kind: 'municipality' } },
        { territory: { id: 'm2', kind: 'municipality' } },
        { territory: { id: 'pa', kind: 'planning_area' } },
      ],
      parentOf,
    );
    expect(Object.fromEntries(coverage)).toEqual({ orp1: 'orp', orp2: 'part', orp3: 'none' });
  });

  it('offers the years from the first plans to three ahead', () => {
    expect(sliderYears(2026, 2020)).toEqual([
      2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029,
    ]);
  });
});
