import { describe, expect, it } from 'vitest';
import { formatCell } from './cell-format.ts';

describe('formatCell', () => {
  it('shows numbers in the reader’s notation and a dash for no value', () => {
    expect(formatCell(1.256, 'number', 'cs')).toBe('1,26');
    expect(formatCell(1234, 'count', 'en')).toBe('1,234');
    expect(formatCell(null, 'count', 'cs')).toBe('—');
    expect(formatCell('87.50', 'percent', 'en')).toBe('87.5\u00a0%');
  });

  it('writes money exactly from the API’s decimal string', () => {
    expect(formatCell('-1200.00', 'money', 'cs')).toBe('\u22121\u00a0200\u00a0Kč');
  });
});
