import { describe, expect, it } from 'vitest';
import { diffValueText } from './version-diff.ts';

describe('diff values', () => {
  it('shows money, lists and costs as a person reads them', () => {
    expect(diffValueText('1200.50', 'cs')).toBe('1\u00a0200,50\u00a0Kč');
    expect(diffValueText(['senioři', 'rodiny'], 'cs')).toBe('senioři; rodiny');
    expect(
      diffValueText(
        [
          { year: 2025, amount: '100.00' },
          { source: 'eu', year: 2026, amount: '5.00' },
        ],
        'en',
      ),
    ).toBe('2025: CZK\u00a0100.00; eu 2026: CZK\u00a05.00');
  });

  it('shows an absent value as a dash', () => {
    expect(diffValueText(null, 'cs')).toBe('—');
    expect(diffValueText([], 'cs')).toBe('—');
    expect(diffValueText('', 'cs')).toBe('—');
  });

  it('keeps plain text and numbers', () => {
    expect(diffValueText('Podpora pečujících', 'cs')).toBe('Podpora pečujících');
    expect(diffValueText(2026, 'cs')).toBe('2026');
  });
});
