import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icoCheckDigit, isValidIco } from './ico.ts';

describe('IČO check digit', () => {
  it('accepts known valid numbers, with leading zeros', () => {
    // Liberecký kraj, Statutární město Liberec, and an IČO with a leading zero.
    for (const ico of ['70891508', '00262978', '00064581']) expect(isValidIco(ico)).toBe(true);
  });

  it('rejects a wrong check digit, wrong length and non-digits', () => {
    for (const ico of ['70891509', '7089150', '708915080', '7089150a', ''])
      expect(isValidIco(ico)).toBe(false);
  });

  it('every seven digits have exactly one valid eighth', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7}$/), (seven) => {
        const valid = [...'0123456789'].filter((d) => isValidIco(seven + d));
        expect(valid).toEqual([String(icoCheckDigit(seven))]);
      }),
    );
  });
});
