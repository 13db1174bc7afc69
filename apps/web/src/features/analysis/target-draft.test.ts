import { describe, expect, it } from 'vitest';
import { parsePerThousand } from './target-draft.ts';

describe('parsePerThousand', () => {
  it('reads a decimal comma or point with up to three decimals', () => {
    expect(parsePerThousand(' 2,5 ')).toBe(2.5);
    expect(parsePerThousand('0.125')).toBe(0.125);
    expect(parsePerThousand('12')).toBe(12);
  });

  it('refuses negative numbers, more decimals and text', () => {
    expect(parsePerThousand('-1')).toBeUndefined();
    expect(parsePerThousand('1,2345')).toBeUndefined();
    expect(parsePerThousand('abc')).toBeUndefined();
    expect(parsePerThousand('')).toBeUndefined();
  });
});
