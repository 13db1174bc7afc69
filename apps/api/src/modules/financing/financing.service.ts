/**
 * The compensation payment of network entries and the budget outlook: load everything a
 * computation needs in a fixed number of queries, then compute in memory (O(entries × years
 * + municipalities served)).
 */
import {
  IN_NETWORK_STATUSES,
  type Budget,
  type BudgetQuery,
  type EntryFinancing,
  type EntryFinancingQuery,
  type EntryYearBreakdown,
  type NetworkEntryStatus,
  type WhatIfBody,
  type WhatIfBudget,
} from '@socplan/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { networkEntries } from '../../db/schema/index.ts';
import { InvalidError, type FieldError } from '../../lib/errors.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { serviceScopeCondition } from '../network/network.scope.ts';
import {
  aggregateYear,
  budgetYearDto,
  differenceOf,
  keySharesDto,
  type BudgetItem,
  type BudgetYearTotals,
  type OrpInfo,
} from './financing.budget.ts';
import { computeEntry, type EntryResult, type Issue, type Municipality } from './financing.calc.ts';
import {
  BED_UNITS,
  forYear,
  savedParameters,
  withOverrides,
  type Parameters,
} from './financing.params.ts';
import * as repo from './financing.repo.ts';
import { formatHundredths, formatMoney, formatPercent, parseHundredths } from './money.ts';

interface Loaded {
  rows: repo.EntryYearRow[];
  territory: Map<string, Municipality[]>;
  facilities: Map<string, repo.FacilityPlace[]>;
  orps: Map<string, OrpInfo>;
  saved: Parameters;
}

/** uuid[] as an array whichever driver parsed it (node-postgres may leave `{…}` text). */
const idList = (value: string[] | string | null): string[] =>
  value === null
    ? []
    : Array.isArray(value)
      ? value
      : value
          .replace(/^\{|\}$/g, '')
          .split(',')
          .filter(Boolean);

async function load(db: Db, filter: repo.EntryFilter): Promise<Loaded> {
  const rows = await repo.loadEntryYears(db, filter);
  const roots = new Set<string>();
  const withoutTerritory = new Set<string>();
  for (const row of rows) {
    const ids = idList(row.territoryUnitIds);
    row.territoryUnitIds = ids;
    ids.forEach((id) => roots.add(id));
    if (ids.length === 0) withoutTerritory.add(row.serviceId);
  }
  const [territory, places, orps, refRows, keyRows] = await Promise.all([
    repo.municipalitiesUnder(db, [...roots]),
    repo.facilityMunicipalities(db, [...withoutTerritory]),
    repo.orpNames(db),
    repo.referenceValuesOf(db, filter.years),
    repo.keysCovering(db, Math.min(...filter.years), Math.max(...filter.years)),
  ]);
  const facilities = new Map<string, repo.FacilityPlace[]>();
  for (const place of places) {
    const list = facilities.get(place.serviceId) ?? [];
    list.push(place);
    facilities.set(place.serviceId, list);
  }
  return {
    rows,
    territory,
    facilities,
    orps,
    saved: savedParameters(filter.years, refRows, keyRows),
  };
}

/**
 * The municipalities a service serves in a year: its territory served expanded to
 * municipalities; when it names none, the municipalities of its facilities operating that year.
 */
function servedMunicipalities(row: repo.EntryYearRow, loaded: Loaded): Municipality[] {
  const byId = new Map<string, Municipality>();
  const roots = row.territoryUnitIds ?? [];
  if (roots.length) {
    for (const root of roots) for (const m of loaded.territory.get(root) ?? []) byId.set(m.id, m);
  } else {
    const first = `${row.year}-01-01`;
    const last = `${row.year}-12-31`;
    for (const f of loaded.facilities.get(row.serviceId) ?? [])
      if (
        (f.validFrom === null || f.validFrom <= last) &&
        (f.validTo === null || f.validTo >= first)
      )
        byId.set(f.id, {
          id: f.id,
          code: f.code,
          name: f.name,
          orpId: f.orpId,
          population: f.population,
        });
  }
  return [...byId.values()];
}

interface Computed {
  row: repo.EntryYearRow;
  financed: boolean;
  municipalities: Municipality[];
  result: EntryResult | null;
  /** Why the entry is not financed in the year (the computation's own issues are in result). */
  issues: Issue[];
}

function computeRow(row: repo.EntryYearRow, loaded: Loaded, params: Parameters): Computed {
  const issues: Issue[] = [];
  const year = row.year;
  const inNetwork = IN_NETWORK_STATUSES.includes(row.status as NetworkEntryStatus);
  if (!inNetwork)
    issues.push({
      code: 'not-in-network',
      detail: `The entry is ${row.status}: computed as a preview, not financed.`,
    });
  const e = row.entrustment;
  const covered =
    !e || (e.validFrom <= `${year}-12-31` && (e.validTo === null || e.validTo >= `${year}-01-01`));
  if (!covered)
    issues.push({
      code: 'entrustment-outside-year',
      detail: `The entrustment ${e!.number} (${e!.validFrom} – ${e!.validTo ?? '…'}) does not cover ${year}.`,
    });
  if (!row.stateId || !row.typeCode) {
    issues.push({
      code: 'no-service-state',
      detail: `The service has no recorded state in ${year}.`,
    });
    return { row, financed: false, municipalities: [], result: null, issues };
  }
  const municipalities = servedMunicipalities(row, loaded);
  const result = computeEntry(
    {
      typeCode: row.typeCode,
      capacities: row.capacities,
      fteHundredths: row.fte === null ? null : (parseHundredths(row.fte) ?? null),
      entrustedCapacities: e?.capacities ?? [],
      municipalities,
    },
    { ...forYear(params, year), bedUnits: BED_UNITS },
  );
  return { row, financed: inNetwork && covered, municipalities, result, issues };
}

const ZERO = formatMoney(0n);

function breakdownDto(c: Computed, params: Parameters): EntryYearBreakdown {
  const r = c.result;
  return {
    year: c.row.year,
    financed: c.financed,
    typeCode: c.row.typeCode,
    forms: (r?.forms ?? []).map((f) => ({
      form: f.form,
      unitBasis: f.ref?.unitBasis ?? null,
      units: formatHundredths(f.unitsHundredths),
      referenceValueId: f.ref?.id ?? null,
      costPerUnit: f.ref ? formatMoney(f.ref.costPerUnitHaler) : null,
      ownRevenueShare: f.ref ? formatPercent(f.ref.ownRevenueShareBp) : null,
      costs: formatMoney(f.costs),
      revenues: formatMoney(f.revenues),
      compensation: formatMoney(f.compensation),
    })),
    costs: r ? formatMoney(r.costs) : ZERO,
    revenues: r ? formatMoney(r.revenues) : ZERO,
    compensation: r ? formatMoney(r.compensation) : ZERO,
    perEntrustedUnit: (r?.perEntrustedUnit ?? []).map((u) => ({
      ...u,
      amount: formatMoney(u.amount),
    })),
    key: keySharesDto(params.keys.get(c.row.year) ?? null),
    split: {
      state: r ? formatMoney(r.split.state) : ZERO,
      region: r ? formatMoney(r.split.region) : ZERO,
      municipalities: r ? formatMoney(r.split.municipalities) : ZERO,
      unassigned: r ? formatMoney(r.split.unassigned) : ZERO,
    },
    municipalities: (r?.municipalShares ?? []).map((s) => ({
      municipalityId: s.municipality?.id ?? null,
      code: s.municipality?.code ?? null,
      name: s.municipality?.name ?? null,
      orpId: s.municipality?.orpId ?? null,
      population: s.municipality?.population ?? null,
      amount: formatMoney(s.amount),
    })),
    issues: [...c.issues, ...(r?.issues ?? [])],
  };
}

const queryError = (pointer: string, detail: string) =>
  new InvalidError(`${pointer}: ${detail}`, [
    { in: 'query', pointer, detail } satisfies FieldError,
  ]);

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** GET /api/financing/entries/:entryId — the computation of one entry, per year. */
export async function entryFinancing(
  db: Db,
  principal: AuthPrincipal,
  entryId: string,
  query: EntryFinancingQuery,
): Promise<EntryFinancing> {
  assertMay(principal, 'financing.read');
  const scope = serviceScopeCondition(principal, 'financing.read', networkEntries.serviceId);
  const entry = notFoundUnless(await repo.entryPeriod(db, entryId, scope));
  if (query.year !== undefined && (query.year < entry.yearFrom || query.year > entry.yearTo))
    throw queryError('/year', `is outside the entry’s period ${entry.yearFrom}–${entry.yearTo}`);
  const years = query.year !== undefined ? [query.year] : range(entry.yearFrom, entry.yearTo);
  const loaded = await load(db, { years, entryId });
  const computed = loaded.rows.map((row) => computeRow(row, loaded, loaded.saved));
  return {
    entryId,
    periodId: entry.periodId,
    serviceId: entry.serviceId,
    serviceName: loaded.rows.at(-1)?.serviceName ?? null,
    status: entry.status as NetworkEntryStatus,
    years: computed.map((c) => breakdownDto(c, loaded.saved)),
  };
}

/** Which years a budget covers: the year, or every year of the period. */
async function budgetYears(
  db: Db,
  input: { year?: number | undefined; periodId?: string | undefined },
  where: 'query' | 'body',
): Promise<number[]> {
  const fail = (pointer: string, detail: string) =>
    new InvalidError(`${pointer}: ${detail}`, [{ in: where, pointer, detail }]);
  if (input.periodId) {
    const period = await repo.periodYears(db, input.periodId);
    if (!period) throw fail('/periodId', 'no such network period');
    if (input.year === undefined) return range(period.yearFrom, period.yearTo);
    if (input.year < period.yearFrom || input.year > period.yearTo)
      throw fail('/year', `is outside the period ${period.yearFrom}–${period.yearTo}`);
    return [input.year];
  }
  if (input.year === undefined) throw fail('/year', 'give a year, a periodId or both');
  return [input.year];
}

function budgetTotals(loaded: Loaded, params: Parameters): BudgetYearTotals[] {
  const byYear = new Map<number, Computed[]>(params.years.map((y) => [y, []]));
  for (const row of loaded.rows) byYear.get(row.year)?.push(computeRow(row, loaded, params));
  return params.years.map((year) => {
    const computed = byYear.get(year)!;
    const items: BudgetItem[] = computed
      .filter((c) => c.financed && c.result)
      .map((c) => ({
        entryId: c.row.entryId,
        serviceName: c.row.serviceName,
        typeCode: c.row.typeCode!,
        municipalities: c.municipalities,
        result: c.result!,
      }));
    const totals = aggregateYear(year, params.keys.get(year) ?? null, items);
    // Entries of the network the year does not finance are listed too, so none goes unnoticed.
    for (const c of computed)
      if (!c.financed)
        for (const issue of c.issues)
          totals.issues.push({ ...issue, entryId: c.row.entryId, serviceName: c.row.serviceName });
    return totals;
  });
}

/** What a budget computes over: the years asked for and the in-network entries of them. */
async function loadBudget(
  db: Db,
  principal: AuthPrincipal,
  input: { year?: number | undefined; periodId?: string | undefined },
  where: 'query' | 'body',
): Promise<Loaded> {
  assertMay(principal, 'financing.read');
  const years = await budgetYears(db, input, where);
  return load(db, {
    years,
    ...(input.periodId ? { periodId: input.periodId } : {}),
    statuses: IN_NETWORK_STATUSES,
    scope: serviceScopeCondition(principal, 'financing.read', sql`e.service_id`),
  });
}

/** GET /api/financing/budget — totals per year by service type, ORP and funding source. */
export async function budget(
  db: Db,
  principal: AuthPrincipal,
  query: BudgetQuery,
): Promise<Budget> {
  const loaded = await loadBudget(db, principal, query, 'query');
  return {
    periodId: query.periodId ?? null,
    years: budgetTotals(loaded, loaded.saved).map((t) => budgetYearDto(t, loaded.orps)),
  };
}

/** POST /api/financing/budget/what-if — the budget with overridden parameters (not saved). */
export async function whatIf(
  db: Db,
  principal: AuthPrincipal,
  input: WhatIfBody,
): Promise<WhatIfBudget> {
  const loaded = await loadBudget(db, principal, input, 'body');
  const changed = withOverrides(loaded.saved, input);
  const base = budgetTotals(loaded, loaded.saved);
  const next = budgetTotals(loaded, changed);
  return {
    periodId: input.periodId ?? null,
    years: next.map((t) => budgetYearDto(t, loaded.orps)),
    difference: {
      years: next.map((t, i) => {
        const {
          key: _key,
          issues: _issues,
          ...diff
        } = budgetYearDto(differenceOf(t, base[i]!), loaded.orps);
        return diff;
      }),
    },
  };
}
