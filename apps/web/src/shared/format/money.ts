/**
 * Money and percentages as the API writes them: decimal strings with two decimals
 * ("612345.00", "-1200.50", "15.00"), never JSON numbers. They are formatted digit by digit,
 * so no amount ever passes through a float on its way to the screen.
 */

const NBSP = '\u00a0';
const MINUS = '\u2212';
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

export type NumberLocale = 'cs' | 'en';

interface Parts {
  negative: boolean;
  whole: string;
  fraction: string;
}

function parts(value: string, decimals: number): Parts | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const [, sign, digits = '0', fraction = ''] = match;
  const whole = digits.replace(/^0+(?=\d)/, '');
  const padded = fraction.padEnd(decimals, '0');
  // More decimals than shown would need rounding: the API never sends them, so refuse.
  if (padded.length > decimals) return null;
  const zero = /^0*$/.test(whole + padded);
  return { negative: sign === '-' && !zero, whole, fraction: padded };
}

function groupThousands(whole: string, separator: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function formatNumberParts(p: Parts, locale: NumberLocale): string {
  const [group, decimal] = locale === 'cs' ? [NBSP, ','] : [',', '.'];
  const whole = groupThousands(p.whole, group);
  return p.fraction ? `${whole}${decimal}${p.fraction}` : whole;
}

export interface MoneyFormatOptions {
  /** Show "+" before a positive amount (differences). */
  signed?: boolean;
  /** Leave out the haléř when they are zero ("1 234 Kč"), for charts and summaries. */
  wholeCrowns?: boolean;
}

/**
 * "1234567.89" → "1 234 567,89 Kč" (Czech, non-breaking spaces) or "CZK 1,234,567.89"
 * (English). A value that is not a decimal string is returned as it came.
 */
export function formatMoney(
  amount: string,
  locale: NumberLocale = 'cs',
  options: MoneyFormatOptions = {},
): string {
  const p = parts(amount, 2);
  if (!p) return amount;
  if (options.wholeCrowns && p.fraction === '00') p.fraction = '';
  const sign = p.negative ? MINUS : options.signed && !/^0*$/.test(p.whole + p.fraction) ? '+' : '';
  const number = formatNumberParts(p, locale);
  return locale === 'cs' ? `${sign}${number}${NBSP}Kč` : `${sign}CZK${NBSP}${number}`;
}

/** "15.00" → "15 %", "33.33" → "33,33 %" (Czech) or "33.33%" (English). */
export function formatPercent(value: string, locale: NumberLocale = 'cs'): string {
  const p = parts(value, 2);
  if (!p) return value;
  if (p.fraction === '00') p.fraction = '';
  else p.fraction = p.fraction.replace(/0$/, '');
  const number = `${p.negative ? MINUS : ''}${formatNumberParts(p, locale)}`;
  return locale === 'cs' ? `${number}${NBSP}%` : `${number}%`;
}

/** A decimal string such as FTE "4.80" in the UI's notation ("4,80"), digit by digit. */
export function formatDecimal(value: string, locale: NumberLocale = 'cs'): string {
  const p = parts(value, (value.split('.')[1] ?? '').length);
  return p ? `${p.negative ? MINUS : ''}${formatNumberParts(p, locale)}` : value;
}

/** A decimal string with two decimals for the API, or null when `text` is not an amount. */
function parseDecimalInput(text: string, locale: NumberLocale, maxWholeDigits: number) {
  let plain = text.replace(/[\s\u00a0\u202f]/g, '').replace(/(Kč|CZK|%)$/i, '');
  plain = locale === 'cs' ? plain.replace(',', '.') : plain.replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(plain);
  if (!match) return null;
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  if (whole.length > maxWholeDigits) return null;
  return `${whole}.${(match[2] ?? '').padEnd(2, '0')}`;
}

/** What a user typed as an amount ("612 345,5") → "612345.50"; null if it is not one. */
export const parseMoneyInput = (text: string, locale: NumberLocale = 'cs'): string | null =>
  parseDecimalInput(text, locale, 13);

/** What a user typed as a percentage ("33,3") → "33.30"; null outside 0–100. */
export function parsePercentInput(text: string, locale: NumberLocale = 'cs'): string | null {
  const value = parseDecimalInput(text, locale, 3);
  if (value === null) return null;
  const [whole = '0', fraction = '00'] = value.split('.');
  return Number(whole) < 100 || (whole === '100' && fraction === '00') ? value : null;
}

/** An amount as an editable text in the user's notation ("612345.50" → "612345,50"). */
export function moneyInputText(amount: string, locale: NumberLocale = 'cs'): string {
  return locale === 'cs' ? amount.replace('.', ',') : amount;
}

/**
 * An amount as a number for drawing (chart bar heights) only: never for arithmetic or for
 * text — labels and tooltips show the exact string through `formatMoney`.
 */
export const moneyForChart = (amount: string): number => Number(amount);
