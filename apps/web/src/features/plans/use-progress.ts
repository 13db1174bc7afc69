import { useI18n } from 'vue-i18n';

/** A progress percentage from the API (a number, one decimal) in the UI's notation: "67,5 %". */
export function useProgress() {
  const { locale } = useI18n();
  return (value: number): string =>
    new Intl.NumberFormat(locale.value === 'en' ? 'en-GB' : 'cs-CZ', {
      maximumFractionDigits: 1,
    }).format(value) + '\u00a0%';
}
