import type { PlanNodeIndicator, PlanNodeIndicatorInput } from '@socplan/contracts';
import { formatDecimal, type NumberLocale } from '../../shared/format/money.ts';

/** An indicator as typed: name, unit, baseline and a target per year (UI notation). */
export interface IndicatorDraft {
  id: string | undefined;
  name: string;
  unit: string;
  baseline: string;
  targets: Record<number, string>;
}

const inputText = (value: string, locale: NumberLocale) =>
  formatDecimal(value, locale)
    .replace(/[\s\u00a0]/g, '')
    .replace('\u2212', '-');

export const indicatorDraftOf = (
  indicator: PlanNodeIndicator,
  locale: NumberLocale,
): IndicatorDraft => ({
  id: indicator.id,
  name: indicator.name,
  unit: indicator.unit,
  baseline: indicator.baseline === null ? '' : inputText(indicator.baseline, locale),
  targets: Object.fromEntries(indicator.targets.map((t) => [t.year, inputText(t.value, locale)])),
});

export const emptyIndicator = (): IndicatorDraft => ({
  id: undefined,
  name: '',
  unit: '',
  baseline: '',
  targets: {},
});

const DECIMAL = /^-?\d{1,11}(\.\d{1,2})?$/;

/** "1 234,5" (cs) or "1,234.5" (en) → "1234.5"; null when it is no number with ≤ 2 decimals. */
export function parseDecimalText(text: string, locale: NumberLocale): string | null {
  let plain = text.replace(/[\s\u00a0\u202f]/g, '').replace('\u2212', '-');
  plain = locale === 'cs' ? plain.replace(',', '.') : plain.replace(/,/g, '');
  return DECIMAL.test(plain) ? plain : null;
}

/**
 * The indicators to send (ids kept, so monitoring's actuals still refer to them), or null
 * when one lacks a name or holds a value that is not a number.
 */
export function parseIndicators(
  drafts: IndicatorDraft[],
  years: number[],
  locale: NumberLocale,
): PlanNodeIndicatorInput[] | null {
  const result: PlanNodeIndicatorInput[] = [];
  for (const draft of drafts) {
    if (!draft.name.trim()) return null;
    const baseline = draft.baseline.trim() ? parseDecimalText(draft.baseline, locale) : null;
    if (draft.baseline.trim() && baseline === null) return null;
    const targets: { year: number; value: string }[] = [];
    for (const year of years) {
      const text = (draft.targets[year] ?? '').trim();
      if (!text) continue;
      const value = parseDecimalText(text, locale);
      if (value === null) return null;
      targets.push({ year, value });
    }
    result.push({
      ...(draft.id ? { id: draft.id } : {}),
      name: draft.name.trim(),
      unit: draft.unit.trim(),
      baseline,
      targets,
    });
  }
  return result;
}
