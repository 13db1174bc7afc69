/**
 * IČO (identifikační číslo osoby): 8 digits, the last a check digit over the first seven with
 * weights 8…2, mod 11. Compared as text: leading zeros are significant.
 */
export function icoCheckDigit(firstSeven: string): number {
  const sum = [...firstSeven].reduce((acc, digit, i) => acc + Number(digit) * (8 - i), 0);
  const remainder = sum % 11;
  return remainder === 0 ? 1 : remainder === 1 ? 0 : 11 - remainder;
}

export function isValidIco(ico: string): boolean {
  return /^\d{8}$/.test(ico) && icoCheckDigit(ico.slice(0, 7)) === Number(ico[7]);
}
