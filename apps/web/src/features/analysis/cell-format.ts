import { formatMoney, type NumberLocale } from '../../shared/format/money.ts';
import { cellNumber, type Cell, type CellKind } from './table-model.ts';

/** A cell as the tables, tooltips and map labels show it; '—' for no value. */
export function formatCell(cell: Cell, kind: CellKind, locale: NumberLocale): string {
  if (kind === 'text') return String(cell ?? '');
  const value = cellNumber(cell);
  if (value === null) return '—';
  if (kind === 'money' && typeof cell === 'string')
    return formatMoney(cell, locale, { wholeCrowns: true });
  const digits = kind === 'count' ? 0 : 2;
  const text = value.toLocaleString(locale === 'cs' ? 'cs-CZ' : 'en-GB', {
    maximumFractionDigits: digits,
  });
  return kind === 'percent' ? `${text}\u00a0%` : text;
}
