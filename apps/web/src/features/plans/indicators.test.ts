import { describe, expect, it } from 'vitest';
import {
  emptyIndicator,
  indicatorDraftOf,
  parseDecimalText,
  parseIndicators,
} from './indicators.ts';

describe('indicators editor', () => {
  it('reads numbers in the UI notation', () => {
    expect(parseDecimalText('1 234,5', 'cs')).toBe('1234.5');
    expect(parseDecimalText('1,234.5', 'en')).toBe('1234.5');
    expect(parseDecimalText('12,345', 'cs')).toBeNull();
    expect(parseDecimalText('many', 'en')).toBeNull();
  });

  it('keeps the ids of existing indicators and sends targets by year', () => {
    const draft = indicatorDraftOf(
      {
        id: 'i1',
        name: 'Klienti',
        unit: 'osoby',
        baseline: '120.00',
        targets: [{ year: 2025, value: '150.50' }],
      },
      'cs',
    );
    expect(draft.baseline).toBe('120,00');
    draft.targets[2026] = '160';
    const added = { ...emptyIndicator(), name: ' Lůžka ', unit: 'lůžka' };
    expect(parseIndicators([draft, added], [2025, 2026], 'cs')).toEqual([
      {
        id: 'i1',
        name: 'Klienti',
        unit: 'osoby',
        baseline: '120.00',
        targets: [
          { year: 2025, value: '150.50' },
          { year: 2026, value: '160' },
        ],
      },
      { name: 'Lůžka', unit: 'lůžka', baseline: null, targets: [] },
    ]);
  });

  it('refuses an indicator without a name or with a value that is no number', () => {
    expect(parseIndicators([emptyIndicator()], [2025], 'cs')).toBeNull();
    const bad = { ...emptyIndicator(), name: 'X', targets: { 2025: 'hodně' } };
    expect(parseIndicators([bad], [2025], 'cs')).toBeNull();
  });
});
