import { useI18n } from 'vue-i18n';
import {
  formatDecimal,
  formatMoney,
  formatPercent,
  type MoneyFormatOptions,
  type NumberLocale,
} from './money.ts';

/** Money and percentages from the API in the UI language ("1 234 567,89 Kč"). */
export function useMoney() {
  const { locale } = useI18n();
  const current = (): NumberLocale => (locale.value === 'en' ? 'en' : 'cs');
  return {
    money: (amount: string, options?: MoneyFormatOptions) =>
      formatMoney(amount, current(), options),
    percent: (value: string) => formatPercent(value, current()),
    decimal: (value: string) => formatDecimal(value, current()),
    /** An axis tick of a chart ("2,5 mil. Kč"): approximate by nature, so a number is fine. */
    axisMoney: (value: number) =>
      `${new Intl.NumberFormat(current() === 'cs' ? 'cs-CZ' : 'en-GB', {
        notation: 'compact',
        maximumFractionDigits: 1,
      }).format(value)}\u00a0${current() === 'cs' ? 'Kč' : 'CZK'}`,
    locale: current,
  };
}
