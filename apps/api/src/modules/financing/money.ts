/**
 * Exact decimal values of the financing API. Money is integer haléř (1 CZK = 100 haléř),
 * percentages are integer basis points (1 % = 100 bp), FTE and units integer hundredths. The
 * API writes them as decimal strings with two decimals; nothing here ever goes through a float.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** "612345.5" → 61234550; undefined unless a decimal with at most two places. */
export function parseHundredths(text: string): number | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(value)) return undefined;
  return sign ? -value : value;
}

/** 61234550 → "612345.50"; -5 → "-0.05". */
export function formatHundredths(value: number | bigint): string {
  const v = BigInt(value);
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** CZK as the API writes it, from haléř. */
export const formatMoney = formatHundredths;
/** Haléř from the API's CZK string. */
export const parseMoney = parseHundredths;
/** Percent as the API writes it, from basis points. */
export const formatPercent = formatHundredths;
/** Basis points from the API's percent string. */
export const parsePercent = parseHundredths;

/**
 * A JSON number with at most two decimals (FTE) as integer hundredths; undefined when it has
 * more. `3.35 * 100` is 334.99999999999994 in binary floating point, so we go through the
 * shortest decimal text of the number (what the client wrote) instead of multiplying.
 */
export function numberToHundredths(value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  if (/e/i.test(text)) return Number.isInteger(value) ? value * 100 : undefined;
  return parseHundredths(text);
}

/** Integer hundredths → the JSON number with two decimals at most (350 → 3.5). */
export const hundredthsToNumber = (value: number): number => Number(formatHundredths(value));

/**
 * JSON pointers of `fields` that hold a JSON number anywhere in `body`. The API's Ajv coerces a
 * number into a string, so `"costPerUnit": 612345.67` would pass as text; money must come as
 * text, so such a body is refused before validation.
 */
export function numbersIn(body: unknown, fields: ReadonlySet<string>, pointer = ''): string[] {
  if (Array.isArray(body)) return body.flatMap((v, i) => numbersIn(v, fields, `${pointer}/${i}`));
  if (body === null || typeof body !== 'object') return [];
  return Object.entries(body).flatMap(([k, v]) =>
    fields.has(k) && typeof v === 'number'
      ? [`${pointer}/${k}`]
      : numbersIn(v, fields, `${pointer}/${k}`),
  );
}
