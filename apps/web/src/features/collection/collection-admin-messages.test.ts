import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import cs from '../../shared/i18n/locales/collection-admin.cs.ts';
import en from '../../shared/i18n/locales/collection-admin.en.ts';

/** Every message path of a tree. */
function paths(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === 'object' ? paths(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('collection-admin messages', () => {
  afterEach(() => vi.restoreAllMocks());

  // vue-i18n reads "|" as plural cases, "@" as a link and braces as placeholders: a rule
  // hint with "||" once broke the whole rules editor at render time.
  it('all compile in both languages', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const i18n = createI18n({ legacy: false, locale: 'cs', messages: { cs, en } });
    for (const locale of ['cs', 'en'] as const) {
      i18n.global.locale.value = locale;
      for (const path of paths(cs)) {
        const text = i18n.global.t(path, { count: 2, n: 1, year: 2025, part: 1 });
        expect(text, `${locale}: ${path}`).not.toBe(path);
      }
    }
    expect(logged).not.toHaveBeenCalled();
    expect(warned).not.toHaveBeenCalled();
  });
});
