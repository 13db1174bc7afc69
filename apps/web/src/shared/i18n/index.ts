import { createI18n } from 'vue-i18n';
import cs, { type Messages } from './locales/cs.ts';
import en from './locales/en.ts';

export const LOCALES = ['cs', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const LOCALE_KEY = 'socplan.locale';

const datetimeFormat = {
  // Dates without a time (e.g. populationDate) are calendar days: read them as UTC.
  date: { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' },
  dateTime: {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  },
} as const;

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  return LOCALES.find((l) => l === saved) ?? 'cs';
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'cs',
  messages: { cs, en },
  datetimeFormats: { cs: datetimeFormat, en: datetimeFormat },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  globalThis.localStorage?.setItem(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
}
