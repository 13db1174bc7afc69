import { describe, expect, it } from 'vitest';
import { parseDay, parseTypeKey, parseYear, pinnedTerritory } from './dashboard-params.ts';

const role = (role: string, unit: string | null = null) =>
  ({
    role,
    territorialUnitId: unit,
    territorialUnitName: unit && `ORP ${unit}`,
    providerId: null,
  }) as never;

describe('pinnedTerritory', () => {
  it('pins a coordinator to its own territory', () => {
    expect(pinnedTerritory([role('coordinator', 'lbc')])).toEqual({ id: 'lbc', name: 'ORP lbc' });
  });

  it('leaves region staff and a coordinator who is also an analyst on the whole region', () => {
    expect(pinnedTerritory([role('region_staff')])).toBeNull();
    expect(pinnedTerritory([role('coordinator', 'lbc'), role('analyst')])).toBeNull();
  });
});

describe('URL parameters', () => {
  it('falls back on a missing or implausible year and day', () => {
    expect(parseYear('2025', 2026)).toBe(2025);
    expect(parseYear('25', 2026)).toBe(2026);
    expect(parseYear('', 2026)).toBe(2026);
    expect(parseDay('2026-02-30x')).toBe('');
    expect(parseDay('2026-01-31')).toBe('2026-01-31');
  });

  it('reads the type with its unit', () => {
    expect(parseTypeKey('49:bed')).toEqual({ typeCode: '49', unit: 'bed' });
    expect(parseTypeKey('49')).toBeNull();
  });
});
