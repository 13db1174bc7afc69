/**
 * Budget outlook arithmetic (no database): per-entry results summed per year by service type,
 * ORP and funding source, and the difference of a what-if against the saved parameters.
 * Every total is a sum of per-entry parts, so the budget always equals the sum of the entries.
 */
import type { BudgetYear, FundingSource } from '@socplan/contracts';
import {
  allocate,
  type EntryResult,
  type Issue,
  type KeyShares,
  type Municipality,
} from './financing.calc.ts';
import { formatMoney, formatPercent } from './money.ts';

export interface Amounts {
  costs: bigint;
  revenues: bigint;
  compensation: bigint;
  state: bigint;
  region: bigint;
  municipalities: bigint;
  unassigned: bigint;
}
export type OrpAmounts = Omit<Amounts, 'costs' | 'revenues'>;

export interface OrpInfo {
  code: string;
  name: string;
}

/** One entry computed for the budget year. */
export interface BudgetItem {
  entryId: string;
  serviceName: string | null;
  typeCode: string;
  municipalities: readonly Municipality[];
  result: EntryResult;
}

export interface BudgetYearTotals {
  year: number;
  key: KeyShares | null;
  entries: number;
  totals: Amounts;
  byServiceType: Map<string, { entries: number; amounts: Amounts }>;
  /** By ORP id (null: no territory served / municipality outside any ORP). */
  byOrp: Map<string | null, OrpAmounts>;
  issues: (Issue & { entryId: string; serviceName: string | null })[];
}

export const zeroAmounts = (): Amounts => ({
  costs: 0n,
  revenues: 0n,
  compensation: 0n,
  state: 0n,
  region: 0n,
  municipalities: 0n,
  unassigned: 0n,
});
const zeroOrp = (): OrpAmounts => ({
  compensation: 0n,
  state: 0n,
  region: 0n,
  municipalities: 0n,
  unassigned: 0n,
});

function addInto<T extends Partial<Amounts>>(target: T, source: Partial<Amounts>): void {
  for (const k of Object.keys(target) as (keyof T & keyof Amounts)[])
    (target[k] as bigint) += source[k] ?? 0n;
}

export const amountsOf = (r: EntryResult): Amounts => ({
  costs: r.costs,
  revenues: r.revenues,
  compensation: r.compensation,
  ...r.split,
});

/**
 * Where an entry's money lands by ORP: the municipal part where its municipalities lie; the
 * state, region and unassigned parts in proportion to the population served in each ORP
 * (largest remainder, ORPs in id order, so the ORP rows sum exactly to the entry).
 */
export function entryByOrp(
  municipalities: readonly Municipality[],
  result: EntryResult,
): Map<string | null, OrpAmounts> {
  const out = new Map<string | null, OrpAmounts>();
  const at = (orp: string | null) => {
    let row = out.get(orp);
    if (!row) out.set(orp, (row = zeroOrp()));
    return row;
  };
  for (const share of result.municipalShares)
    at(share.municipality?.orpId ?? null).municipalities += share.amount;

  const weights = new Map<string | null, bigint>();
  for (const m of municipalities)
    weights.set(m.orpId, (weights.get(m.orpId) ?? 0n) + BigInt(Math.max(0, m.population ?? 0)));
  const orps = [...weights.keys()].sort(compareOrp);
  if (orps.length === 0) orps.push(null);
  const w = orps.map((o) => weights.get(o) ?? 0n);
  for (const part of ['state', 'region', 'unassigned'] as const) {
    const parts = allocate(result.split[part], w);
    orps.forEach((o, i) => (at(o)[part] += parts[i]!));
  }
  for (const row of out.values())
    row.compensation = row.state + row.region + row.municipalities + row.unassigned;
  return out;
}

const compareOrp = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** The budget of one year from its computed entries. */
export function aggregateYear(
  year: number,
  key: KeyShares | null,
  items: readonly BudgetItem[],
): BudgetYearTotals {
  const totals = zeroAmounts();
  const byServiceType = new Map<string, { entries: number; amounts: Amounts }>();
  const byOrp = new Map<string | null, OrpAmounts>();
  const issues: BudgetYearTotals['issues'] = [];
  for (const item of items) {
    const amounts = amountsOf(item.result);
    addInto(totals, amounts);
    let type = byServiceType.get(item.typeCode);
    if (!type) byServiceType.set(item.typeCode, (type = { entries: 0, amounts: zeroAmounts() }));
    type.entries++;
    addInto(type.amounts, amounts);
    for (const [orp, row] of entryByOrp(item.municipalities, item.result)) {
      let target = byOrp.get(orp);
      if (!target) byOrp.set(orp, (target = zeroOrp()));
      addInto(target, row);
    }
    for (const issue of item.result.issues)
      issues.push({ ...issue, entryId: item.entryId, serviceName: item.serviceName });
  }
  return { year, key, entries: items.length, totals, byServiceType, byOrp, issues };
}

/** What-if minus base, row by row (a row missing on one side counts as zeros). */
export function differenceOf(whatIf: BudgetYearTotals, base: BudgetYearTotals): BudgetYearTotals {
  const minus = <T extends Partial<Amounts>>(
    a: T | undefined,
    b: T | undefined,
    zero: () => T,
  ): T => {
    const out = zero();
    for (const k of Object.keys(out) as (keyof T)[])
      (out[k] as bigint) = ((a?.[k] as bigint) ?? 0n) - ((b?.[k] as bigint) ?? 0n);
    return out;
  };
  const byServiceType = new Map<string, { entries: number; amounts: Amounts }>();
  for (const code of new Set([...whatIf.byServiceType.keys(), ...base.byServiceType.keys()])) {
    const a = whatIf.byServiceType.get(code);
    const b = base.byServiceType.get(code);
    byServiceType.set(code, {
      entries: (a?.entries ?? 0) - (b?.entries ?? 0),
      amounts: minus(a?.amounts, b?.amounts, zeroAmounts),
    });
  }
  const byOrp = new Map<string | null, OrpAmounts>();
  for (const orp of new Set([...whatIf.byOrp.keys(), ...base.byOrp.keys()]))
    byOrp.set(orp, minus(whatIf.byOrp.get(orp), base.byOrp.get(orp), zeroOrp));
  return {
    year: whatIf.year,
    key: whatIf.key,
    entries: whatIf.entries - base.entries,
    totals: minus(whatIf.totals, base.totals, zeroAmounts),
    byServiceType,
    byOrp,
    issues: [],
  };
}

const money = <T extends Partial<Amounts>>(a: T): { [K in keyof T]: string } =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, formatMoney(v as bigint)])) as {
    [K in keyof T]: string;
  };

export const keySharesDto = (key: KeyShares | null) =>
  key && {
    id: key.id,
    stateShare: formatPercent(key.stateBp),
    regionShare: formatPercent(key.regionBp),
    municipalShare: formatPercent(key.municipalBp),
  };

const SOURCES: FundingSource[] = ['state', 'region', 'municipalities', 'unassigned'];

/** The API shape of a budget year; ORPs named from `orps`, rows in a stable order. */
export function budgetYearDto(t: BudgetYearTotals, orps: ReadonlyMap<string, OrpInfo>): BudgetYear {
  const orpRows = [...t.byOrp.entries()]
    .map(([orpId, amounts]) => {
      const info = orpId ? orps.get(orpId) : undefined;
      return {
        orpId,
        orpCode: info?.code ?? null,
        orpName: info?.name ?? null,
        ...money(amounts),
      };
    })
    .sort((a, b) =>
      a.orpCode === b.orpCode
        ? compareOrp(a.orpId, b.orpId)
        : a.orpCode === null
          ? 1
          : b.orpCode === null
            ? -1
            : a.orpCode < b.orpCode
              ? -1
              : 1,
    );
  return {
    year: t.year,
    key: keySharesDto(t.key),
    entries: t.entries,
    totals: money(t.totals),
    byServiceType: [...t.byServiceType.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([typeCode, row]) => ({ typeCode, entries: row.entries, ...money(row.amounts) })),
    byOrp: orpRows,
    bySource: SOURCES.map((source) => ({ source, amount: formatMoney(t.totals[source]) })),
    issues: t.issues.map((i) => ({
      entryId: i.entryId,
      serviceName: i.serviceName,
      code: i.code,
      detail: i.detail,
      ...(i.form !== undefined ? { form: i.form } : {}),
    })),
  };
}
