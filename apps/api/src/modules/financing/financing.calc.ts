/**
 * The arithmetic of the compensation payment (vyrovnávací platba), without a database.
 * All amounts are integer haléř in `bigint`; shares are basis points (10000 = 100 %); units
 * (FTE, beds) are integer hundredths.
 *
 * Rules (docs/decisions/0200-financing-arithmetic.md):
 * 1. Per form of the entry: units × normative cost per unit → optimal costs, rounded once to
 *    the haléř, half up (the rounding of Excel's ROUND, which the region's staff check with).
 *    Units: beds for a `bed` reference value (the entry's included capacity in a bed unit),
 *    FTE for an `fte` one (the entry's FTE included, divided equally among its FTE-priced
 *    forms to the hundredth by the largest-remainder method).
 * 2. Optimal revenues = costs × own revenue share, rounded half up; compensation = costs −
 *    revenues (never negative, since the share is at most 100 %). Entry totals are sums.
 * 3. The key splits the compensation into state, region and municipalities by the
 *    largest-remainder method: each part is its exact share rounded down, and the haléř left
 *    over go one each to the parts with the largest fractions (ties: state, region,
 *    municipalities). The parts sum exactly to the compensation.
 * 4. The municipal part divides among the municipalities served by population, by the same
 *    method (ties: by municipality code); all populations unknown/zero → equal shares.
 */

import type { FinancingIssueCode, UnitBasis } from '@socplan/contracts';

export type { UnitBasis };

export interface RefValue {
  id: string | null;
  unitBasis: UnitBasis;
  costPerUnitHaler: number;
  ownRevenueShareBp: number;
}

export interface KeyShares {
  id: string | null;
  stateBp: number;
  regionBp: number;
  municipalBp: number;
}

export interface Capacity {
  form: string;
  unit: string;
  count: number;
}

export interface Municipality {
  id: string;
  code: string;
  name: string;
  orpId: string | null;
  population: number | null;
}

export interface EntryInput {
  typeCode: string;
  capacities: readonly Capacity[];
  /** FTE included, in hundredths (350 = 3.50 FTE). */
  fteHundredths: number | null;
  entrustedCapacities: readonly Capacity[];
  /** The municipalities of the territory served. */
  municipalities: readonly Municipality[];
}

export interface CalcParameters {
  referenceValue(typeCode: string, form: string): RefValue | undefined;
  key: KeyShares | null;
  /** Capacity unit codes that count beds. */
  bedUnits: ReadonlySet<string>;
}

export interface Issue {
  code: FinancingIssueCode;
  detail: string;
  form?: string;
}

export interface FormResult {
  form: string;
  ref: RefValue | null;
  unitsHundredths: number;
  costs: bigint;
  revenues: bigint;
  compensation: bigint;
}

export interface Split {
  state: bigint;
  region: bigint;
  municipalities: bigint;
  /** The whole compensation when no key is in force, else 0. */
  unassigned: bigint;
}

export interface MunicipalShare {
  municipality: Municipality | null;
  amount: bigint;
}

export interface EntryResult {
  forms: FormResult[];
  costs: bigint;
  revenues: bigint;
  compensation: bigint;
  perEntrustedUnit: { form: string; unit: string; count: number; amount: bigint }[];
  split: Split;
  municipalShares: MunicipalShare[];
  issues: Issue[];
}

// --- primitives ---

/** num / den rounded to the nearest integer, halves up; both non-negative, den > 0. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  if (num < 0n || den <= 0n) throw new RangeError('roundHalfUp takes num >= 0 and den > 0');
  return (2n * num + den) / (2n * den);
}

/**
 * Divides `total` (≥ 0) in proportion to `weights` (≥ 0) into integers that sum exactly to
 * `total`, each within one of its exact share (largest-remainder / Hamilton method). Ties of
 * the remainder go to the earlier weight. All weights zero → equal weights.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError('allocate takes a non-negative total');
  if (weights.length === 0) {
    if (total !== 0n) throw new RangeError('nothing to allocate to');
    return [];
  }
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must be non-negative');
  let sum = weights.reduce((a, b) => a + b, 0n);
  const w = sum === 0n ? weights.map(() => 1n) : weights;
  if (sum === 0n) sum = BigInt(weights.length);
  const parts = w.map((x) => (total * x) / sum);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  if (left > 0n) {
    const order = w
      .map((x, i) => ({ i, remainder: (total * x) % sum }))
      .sort((a, b) =>
        a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1,
      );
    for (const { i } of order) {
      if (left === 0n) break;
      parts[i]! += 1n;
      left -= 1n;
    }
  }
  return parts;
}

/** Optimal costs of `unitsHundredths` units at `costPerUnitHaler` each, rounded half up. */
export const costsOf = (unitsHundredths: number, costPerUnitHaler: number): bigint =>
  roundHalfUp(BigInt(unitsHundredths) * BigInt(costPerUnitHaler), 100n);

/** Optimal own revenues: `shareBp` basis points of the costs, rounded half up. */
export const revenuesOf = (costs: bigint, shareBp: number): bigint =>
  roundHalfUp(costs * BigInt(shareBp), 10_000n);

/** The key's split of a compensation payment; the parts sum exactly to it. */
export function splitByKey(compensation: bigint, key: KeyShares | null): Split {
  if (!key) return { state: 0n, region: 0n, municipalities: 0n, unassigned: compensation };
  const [state, region, municipalities] = allocate(compensation, [
    BigInt(key.stateBp),
    BigInt(key.regionBp),
    BigInt(key.municipalBp),
  ]) as [bigint, bigint, bigint];
  return { state, region, municipalities, unassigned: 0n };
}

const byCode = (a: Municipality, b: Municipality) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The municipal part among the municipalities served, by population (ordered by code). */
export function splitAmongMunicipalities(
  amount: bigint,
  municipalities: readonly Municipality[],
): MunicipalShare[] {
  if (municipalities.length === 0) return [{ municipality: null, amount }];
  const sorted = [...municipalities].sort(byCode);
  const parts = allocate(
    amount,
    sorted.map((m) => BigInt(Math.max(0, m.population ?? 0))),
  );
  return sorted.map((municipality, i) => ({ municipality, amount: parts[i]! }));
}

// --- one entry ---

/** The entry's forms in the order they first appear in its capacities. */
function formsOf(capacities: readonly Capacity[]): string[] {
  return [...new Set(capacities.map((c) => c.form))];
}

/** The compensation payment of one entry in one year and its split. */
export function computeEntry(input: EntryInput, params: CalcParameters): EntryResult {
  const issues: Issue[] = [];
  const forms = formsOf(input.capacities);
  const refs = new Map(forms.map((f) => [f, params.referenceValue(input.typeCode, f)]));

  // FTE is divided equally among the FTE-priced forms (to the hundredth, largest remainder).
  const fteForms = forms.filter((f) => refs.get(f)?.unitBasis === 'fte');
  const fteShares = new Map<string, number>();
  if (fteForms.length) {
    const fte = input.fteHundredths ?? 0;
    const shares = allocate(
      BigInt(Math.max(0, fte)),
      fteForms.map(() => 1n),
    );
    fteForms.forEach((f, i) => fteShares.set(f, Number(shares[i])));
  }

  const formResults: FormResult[] = forms.map((form) => {
    const ref = refs.get(form);
    if (!ref) {
      issues.push({
        code: 'missing-reference-value',
        form,
        detail: `No reference value for service type ${input.typeCode} and form ${form}.`,
      });
      return { form, ref: null, unitsHundredths: 0, costs: 0n, revenues: 0n, compensation: 0n };
    }
    let units: number;
    if (ref.unitBasis === 'bed') {
      units =
        100 *
        input.capacities
          .filter((c) => c.form === form && params.bedUnits.has(c.unit))
          .reduce((sum, c) => sum + c.count, 0);
      if (units === 0)
        issues.push({
          code: 'no-beds',
          form,
          detail: `Form ${form} is priced per bed, but the entry includes no beds in it.`,
        });
    } else {
      units = fteShares.get(form) ?? 0;
      if (!input.fteHundredths)
        issues.push({
          code: 'no-fte',
          form,
          detail: `Form ${form} is priced per FTE, but the entry includes no FTE.`,
        });
    }
    const costs = costsOf(units, ref.costPerUnitHaler);
    const revenues = revenuesOf(costs, ref.ownRevenueShareBp);
    return { form, ref, unitsHundredths: units, costs, revenues, compensation: costs - revenues };
  });

  const sum = (pick: (f: FormResult) => bigint) =>
    formResults.reduce((total, f) => total + pick(f), 0n);
  const costs = sum((f) => f.costs);
  const revenues = sum((f) => f.revenues);
  const compensation = costs - revenues;

  const compensationOf = new Map(formResults.map((f) => [f.form, f.compensation]));
  const perEntrustedUnit = input.entrustedCapacities
    .filter((c) => c.count > 0 && compensationOf.has(c.form))
    .map((c) => ({
      form: c.form,
      unit: c.unit,
      count: c.count,
      amount: roundHalfUp(compensationOf.get(c.form)!, BigInt(c.count)),
    }));

  if (!params.key)
    issues.push({ code: 'no-financing-key', detail: 'No financing key is in force in the year.' });
  const split = splitByKey(compensation, params.key);
  if (input.municipalities.length === 0 && split.municipalities > 0n)
    issues.push({
      code: 'no-territory',
      detail: 'The service names no territory served and has no facility in a known municipality.',
    });
  const municipalShares =
    split.municipalities > 0n || input.municipalities.length
      ? splitAmongMunicipalities(split.municipalities, input.municipalities)
      : [];

  return {
    forms: formResults,
    costs,
    revenues,
    compensation,
    perEntrustedUnit,
    split,
    municipalShares,
    issues,
  };
}
