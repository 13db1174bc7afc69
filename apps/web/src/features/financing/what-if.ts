import type {
  FinancingKey,
  ReferenceValue,
  UpdateFinancingKeyBody,
  UpdateReferenceValueBody,
  WhatIfBody,
} from '@socplan/contracts';
import {
  parseMoneyInput,
  parsePercentInput,
  type NumberLocale,
} from '../../shared/format/money.ts';

/** One changed reference value as typed; empty amounts keep the saved value. */
export interface OverrideDraft {
  typeCode: string;
  formCode: string;
  /** '' = every year computed */
  year: string;
  costPerUnit: string;
  ownRevenueShare: string;
}

export interface KeyDraft {
  enabled: boolean;
  stateShare: string;
  regionShare: string;
  municipalShare: string;
}

export interface WhatIfDraft {
  overrides: OverrideDraft[];
  key: KeyDraft;
}

export const emptyOverride = (): OverrideDraft => ({
  typeCode: '',
  formCode: '',
  year: '',
  costPerUnit: '',
  ownRevenueShare: '',
});

export type WhatIfErrors = {
  /** Per override line: the fields to correct. */
  overrides: Record<number, Partial<Record<keyof OverrideDraft, 'required' | 'invalid'>>>;
  key?: 'invalid' | 'sum';
  empty?: true;
};

/** "33.33" → 3333: percentages compared as whole hundredths, never as floats. */
export const hundredths = (percent: string): number => {
  const [whole = '0', fraction = '0'] = percent.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
};

/**
 * The what-if request for the draft, or what to correct: every line needs a type and a form
 * and at least one amount; the key's shares must add up to exactly 100 %.
 */
export function toWhatIfBody(
  draft: WhatIfDraft,
  scope: { periodId?: string; year?: number },
  locale: NumberLocale,
): { ok: true; body: WhatIfBody } | { ok: false; errors: WhatIfErrors } {
  const errors: WhatIfErrors = { overrides: {} };
  const referenceValues: NonNullable<WhatIfBody['referenceValues']> = [];
  draft.overrides.forEach((line, index) => {
    const wrong: Partial<Record<keyof OverrideDraft, 'required' | 'invalid'>> = {};
    if (!line.typeCode) wrong.typeCode = 'required';
    if (!line.formCode) wrong.formCode = 'required';
    const cost = line.costPerUnit.trim() ? parseMoneyInput(line.costPerUnit, locale) : undefined;
    const share = line.ownRevenueShare.trim()
      ? parsePercentInput(line.ownRevenueShare, locale)
      : undefined;
    if (cost === null) wrong.costPerUnit = 'invalid';
    if (share === null) wrong.ownRevenueShare = 'invalid';
    if (cost === undefined && share === undefined) wrong.costPerUnit = 'required';
    const year = line.year ? Number(line.year) : undefined;
    if (Object.keys(wrong).length) {
      errors.overrides[index] = wrong;
      return;
    }
    referenceValues.push({
      typeCode: line.typeCode,
      formCode: line.formCode,
      ...(year !== undefined && { year }),
      ...(cost && { costPerUnit: cost }),
      ...(share && { ownRevenueShare: share }),
    });
  });

  let key: WhatIfBody['key'];
  if (draft.key.enabled) {
    const shares = [draft.key.stateShare, draft.key.regionShare, draft.key.municipalShare].map(
      (text) => parsePercentInput(text, locale),
    );
    if (shares.some((s) => s === null)) errors.key = 'invalid';
    else if (shares.reduce((sum, s) => sum + hundredths(s!), 0) !== 10000) errors.key = 'sum';
    else key = { stateShare: shares[0]!, regionShare: shares[1]!, municipalShare: shares[2]! };
  }
  if (
    !referenceValues.length &&
    !key &&
    !draft.key.enabled &&
    !Object.keys(errors.overrides).length
  )
    errors.empty = true;
  if (Object.keys(errors.overrides).length || errors.key || errors.empty)
    return { ok: false, errors };
  return {
    ok: true,
    body: {
      ...(scope.periodId && { periodId: scope.periodId }),
      ...(scope.year !== undefined && { year: scope.year }),
      ...(referenceValues.length && { referenceValues }),
      ...(key && { key }),
    },
  };
}

export type SaveStep =
  | { kind: 'referenceValue'; id: string; version: number; body: UpdateReferenceValueBody }
  | { kind: 'key'; id: string; version: number; body: UpdateFinancingKeyBody };

/**
 * What saving a what-if changes: each saved reference value an override matches (its year, or
 * every year computed) and each key in force in those years. Values that already hold the
 * amounts are left alone.
 */
export function savePlan(
  body: WhatIfBody,
  saved: { referenceValues: ReferenceValue[]; keys: FinancingKey[] },
  years: readonly number[],
): SaveStep[] {
  const steps: SaveStep[] = [];
  for (const override of body.referenceValues ?? []) {
    const matching = saved.referenceValues.filter(
      (rv) =>
        rv.typeCode === override.typeCode &&
        rv.formCode === override.formCode &&
        (override.year !== undefined ? rv.year === override.year : years.includes(rv.year)),
    );
    for (const rv of matching) {
      const change: UpdateReferenceValueBody = {};
      if (override.costPerUnit && override.costPerUnit !== rv.costPerUnit)
        change.costPerUnit = override.costPerUnit;
      if (override.ownRevenueShare && override.ownRevenueShare !== rv.ownRevenueShare)
        change.ownRevenueShare = override.ownRevenueShare;
      if (Object.keys(change).length)
        steps.push({ kind: 'referenceValue', id: rv.id, version: rv.version, body: change });
    }
  }
  if (body.key) {
    const { stateShare, regionShare, municipalShare } = body.key;
    for (const key of saved.keys) {
      const inForce = years.some(
        (y) => key.yearFrom <= y && (key.yearTo === null || y <= key.yearTo),
      );
      const same =
        key.stateShare === stateShare &&
        key.regionShare === regionShare &&
        key.municipalShare === municipalShare;
      if (inForce && !same)
        steps.push({
          kind: 'key',
          id: key.id,
          version: key.version,
          body: { stateShare, regionShare, municipalShare },
        });
    }
  }
  return steps;
}
