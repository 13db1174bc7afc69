/**
 * Financing parameters of the years computed: the saved reference values and keys, or the same
 * with what-if overrides applied (never saved).
 */
import type { WhatIfBody } from '@socplan/contracts';
import type { financingKeys, referenceValues } from '../../db/schema/index.ts';
import { InvalidError, type FieldError } from '../../lib/errors.ts';
import type { KeyShares, RefValue } from './financing.calc.ts';
import { parseMoney, parsePercent } from './money.ts';

/**
 * Capacity units that count beds: the registry's `TypKapacitySocialniSluzby/luzka`, code `luzka`
 * in the capacity-unit codelist. A `bed` reference value prices these; other units (clients,
 * contacts…) are never taken for beds.
 */
export const BED_UNITS: ReadonlySet<string> = new Set(['luzka']);

export interface YearParameters {
  referenceValue(typeCode: string, form: string): RefValue | undefined;
  key: KeyShares | null;
}

export interface Parameters {
  years: number[];
  /** `${year}|${typeCode}|${form}` → value. */
  refs: Map<string, RefValue>;
  keys: Map<number, KeyShares | null>;
}

const refKey = (year: number, typeCode: string, form: string) => `${year}|${typeCode}|${form}`;

export function savedParameters(
  years: number[],
  refRows: (typeof referenceValues.$inferSelect)[],
  keyRows: (typeof financingKeys.$inferSelect)[],
): Parameters {
  const refs = new Map<string, RefValue>();
  for (const r of refRows)
    refs.set(refKey(r.year, r.typeCode, r.formCode), {
      id: r.id,
      unitBasis: r.unitBasis as RefValue['unitBasis'],
      costPerUnitHaler: r.costPerUnitHaler,
      ownRevenueShareBp: r.ownRevenueShareBp,
    });
  const keys = new Map<number, KeyShares | null>();
  for (const year of years) {
    const k = keyRows.find((r) => r.yearFrom <= year && (r.yearTo === null || r.yearTo >= year));
    keys.set(
      year,
      k
        ? {
            id: k.id,
            stateBp: k.stateShareBp,
            regionBp: k.regionShareBp,
            municipalBp: k.municipalShareBp,
          }
        : null,
    );
  }
  return { years, refs, keys };
}

export function forYear(params: Parameters, year: number): YearParameters {
  return {
    referenceValue: (typeCode, form) => params.refs.get(refKey(year, typeCode, form)),
    key: params.keys.get(year) ?? null,
  };
}

const body = (pointer: string, detail: string): FieldError => ({ in: 'body', pointer, detail });

/** Percent text → basis points, with an error when above 100 %. */
export function percentBp(text: string, pointer: string, errors: FieldError[]): number {
  const bp = parsePercent(text) ?? -1;
  if (bp < 0 || bp > 10_000) errors.push(body(pointer, 'must be between 0 and 100'));
  return bp;
}

/** Key shares in basis points; every share named when they do not sum to 100 %. */
export function keyShares(
  input: { stateShare: string; regionShare: string; municipalShare: string },
  prefix: string,
  errors: FieldError[],
) {
  const stateBp = percentBp(input.stateShare, `${prefix}/stateShare`, errors);
  const regionBp = percentBp(input.regionShare, `${prefix}/regionShare`, errors);
  const municipalBp = percentBp(input.municipalShare, `${prefix}/municipalShare`, errors);
  const sum = stateBp + regionBp + municipalBp;
  if (!errors.length && sum !== 10_000) {
    const detail = `the shares must sum to 100.00 (these sum to ${(sum / 100).toFixed(2)})`;
    for (const field of ['stateShare', 'regionShare', 'municipalShare'])
      errors.push(body(`${prefix}/${field}`, detail));
  }
  return { stateBp, regionBp, municipalBp };
}

export const invalid = (errors: FieldError[]) =>
  new InvalidError(errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), errors);

/** The saved parameters with the what-if's overrides applied; 400 naming bad overrides. */
export function withOverrides(saved: Parameters, input: WhatIfBody): Parameters {
  const errors: FieldError[] = [];
  const refs = new Map(saved.refs);
  (input.referenceValues ?? []).forEach((o, i) => {
    const at = `/referenceValues/${i}`;
    const years = o.year !== undefined ? [o.year] : saved.years;
    if (o.year !== undefined && !saved.years.includes(o.year))
      errors.push(
        body(`${at}/year`, `is not among the years computed (${saved.years.join(', ')})`),
      );
    for (const year of years) {
      const k = refKey(year, o.typeCode, o.formCode);
      const base = refs.get(k);
      const missing = (['unitBasis', 'costPerUnit', 'ownRevenueShare'] as const).filter(
        (f) => o[f] === undefined,
      );
      if (!base && missing.length) {
        for (const f of missing)
          errors.push(
            body(
              `${at}/${f}`,
              `is required: there is no saved reference value for ${o.typeCode}/${o.formCode} in ${year}`,
            ),
          );
        continue;
      }
      refs.set(k, {
        id: null,
        unitBasis: o.unitBasis ?? base!.unitBasis,
        costPerUnitHaler:
          o.costPerUnit !== undefined ? parseMoney(o.costPerUnit)! : base!.costPerUnitHaler,
        ownRevenueShareBp:
          o.ownRevenueShare !== undefined
            ? percentBp(o.ownRevenueShare, `${at}/ownRevenueShare`, errors)
            : base!.ownRevenueShareBp,
      });
    }
  });
  let keys = saved.keys;
  if (input.key) {
    const shares = keyShares(input.key, '/key', errors);
    keys = new Map(saved.years.map((y) => [y, { id: null, ...shares }]));
  }
  if (errors.length) throw invalid(dedupe(errors));
  return { years: saved.years, refs, keys };
}

const dedupe = (errors: FieldError[]) => [
  ...new Map(errors.map((e) => [`${e.pointer}\u0000${e.detail}`, e])).values(),
];
