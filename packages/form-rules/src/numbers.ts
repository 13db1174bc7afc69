/**
 * Decimal numbers without float surprises, identically in every JavaScript engine: values are
 * read from decimal text (a JSON number through its shortest round-trip text, which the
 * language specifies exactly) and rounded on that text, never by multiplying by 10^n.
 */

/** Most significant digits a value may have: every 15-digit decimal survives a double. */
export const MAX_DIGITS = 15;

/** A number's shortest decimal text without exponent: 1e-7 → "0.0000001". */
export function plainDecimal(n: number): string {
  const text = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign = '', lead = '', rest = '', exp = '0'] = m;
  const digits = lead + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export type DecimalReading =
  { ok: true; value: number } | { ok: false; reason: 'decimals' | 'digits' };

/** Reads `-?\d+(\.\d+)?` text (already checked) with at most `decimals` places. */
export function readDecimalText(text: string, decimals: number): DecimalReading {
  const unsigned = text.startsWith('-') ? text.slice(1) : text;
  const [whole = '', fraction = ''] = unsigned.split('.');
  const places = fraction.replace(/0+$/, '');
  if (places.length > decimals) return { ok: false, reason: 'decimals' };
  if (whole.replace(/^0+/, '').length + places.length > MAX_DIGITS) {
    return { ok: false, reason: 'digits' };
  }
  const value = Number(text);
  return { ok: true, value: value === 0 ? 0 : value }; // no -0
}

/** "0999" + 1 → "1000" (a string of digits). */
function increment(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== '9') {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
    chars[i] = '0';
  }
  return `1${chars.join('')}`;
}

/**
 * Rounds half away from zero to `places` decimals on the number's decimal text, so
 * round(1.005, 2) is 1.01 (as a person expects), not 1 (as 1.005 * 100 would give).
 */
export function roundDecimal(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  const [whole = '0', fraction = ''] = plainDecimal(Math.abs(x)).split('.');
  if (fraction.length <= places) return x === 0 ? 0 : x;
  let digits = whole + fraction.slice(0, places);
  if (fraction.charCodeAt(places) >= 53 /* '5' */) digits = increment(digits);
  const cut = digits.length - places;
  const rounded = Number(places > 0 ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : digits);
  return x < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Arithmetic results are rounded to this many places: 0.1 + 0.2 == 0.3 holds. */
export const ARITHMETIC_PLACES = 10;
export const clean = (x: number): number => roundDecimal(x, ARITHMETIC_PLACES);
