import type { NumberLocale } from '../../shared/format/money.ts';
import { formatMoney } from '../../shared/format/money.ts';

const MONEY = /^-?\d+\.\d{2}$/;

/**
 * A field's value in a diff as a line of text: money formatted, lists joined, costs and
 * funding as "year: amount", an absent value as a dash.
 */
export function diffValueText(value: unknown, locale: NumberLocale): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return MONEY.test(value) ? formatMoney(value, locale) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (!value.length) return '—';
    return value.map((item) => diffValueText(item, locale)).join('; ');
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('year' in record && 'amount' in record) {
      const source = typeof record.source === 'string' ? `${record.source} ` : '';
      return `${source}${String(record.year)}: ${diffValueText(record.amount, locale)}`;
    }
    if ('name' in record && typeof record.name === 'string') return record.name;
    return JSON.stringify(value);
  }
  return String(value);
}
