import type { ServiceForm } from '../db/schema/index.ts';
import { SEED_ITEMS } from '../modules/codelists/codelists.seed.ts';
import { MUNICIPALITY_CONTACTS, NEED_NOTES, URGENT_NEEDS } from './collection.data.ts';
import type { DemoValue } from './collection.story.ts';
import { randomStream, type Random } from './random.ts';

/**
 * The figures a respondent reports for a year, drawn from the demo network and territory:
 * a stable stream per respondent (its character: how full, how costly) and one per year (the
 * year's noise), so consecutive years look like the same respondent.
 */

const TARGET_GROUPS = new Set(
  SEED_ITEMS.filter((i) => i.codelist === 'target_group').map((i) => i.code),
);

const scalar = (field: string, value: DemoValue['value'] | null | undefined): DemoValue[] =>
  value === null || value === undefined ? [] : [{ field, row: '', value }];
const cells = (table: string, column: string, rows: Iterable<[string, DemoValue['value']]>) =>
  [...rows].map(([row, value]): DemoValue => ({ field: `${table}.${column}`, row, value }));
const round2 = (x: number) => Math.round(x * 100) / 100;
const roundTo = (x: number, step: number) => Math.round(x / step) * step;

/** `total` split into integer parts by `weights` (largest remainder: the parts add up exactly). */
export function splitInteger(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

/** The registered capacity of a state: the sum over its forms, as the prefill counts it. */
export const registeredCapacity = (forms: readonly ServiceForm[]) =>
  forms.reduce((n, f) => n + f.capacities.reduce((m, c) => m + c.count, 0), 0);

export interface ServiceFacts {
  name: string;
  type: string;
  forms: readonly ServiceForm[];
  targetGroups: readonly string[];
  fteDirect: string | null;
  fteOther: string | null;
}

const CARE_TYPES = new Set(['39', '40', '41', '42', '43', '44', '45', '46']);
const ELDERLY_HOMES = new Set(['47', '48', '49', '50', '51']);
const WAITING_LIST_TYPES = new Set(['39', '40', '43', '44', '45', '46', '67']);

/** Revenue shares by source: residential care, other care, prevention and counselling. */
function revenueShares(facts: ServiceFacts, residential: boolean, rng: Random) {
  if (residential && ELDERLY_HOMES.has(facts.type))
    return {
      mpsv: rng.between(0.28, 0.38),
      user_fees: rng.between(0.25, 0.33),
      care_allowance: rng.between(0.17, 0.25),
      municipality: rng.between(0.02, 0.06),
      health_insurance: rng.between(0.02, 0.05),
      other: rng.between(0, 0.02),
    };
  if (CARE_TYPES.has(facts.type))
    return {
      mpsv: rng.between(0.45, 0.55),
      user_fees: rng.between(0.15, 0.3),
      municipality: rng.between(0.1, 0.2),
      region: rng.between(0, 0.04),
      other: rng.between(0, 0.03),
    };
  return {
    mpsv: rng.between(0.68, 0.82),
    municipality: rng.between(0.06, 0.14),
    region: rng.between(0, 0.05),
    ...(rng.chance(0.3) ? { eu: rng.between(0.05, 0.12) } : {}),
    other: rng.between(0, 0.03),
  };
}

/** A service's annual report for `year`, complete and passing the form's error rules. */
export function serviceFigures(facts: ServiceFacts, year: number): DemoValue[] {
  const base = randomStream(`collection:service:${facts.name}`);
  const yr = randomStream(`collection:service:${facts.name}:${year}`);
  const capacity = registeredCapacity(facts.forms);
  const residential = facts.forms.some((f) => f.form === 'pob');
  const beds = facts.forms
    .filter((f) => f.form === 'pob')
    .reduce((n, f) => n + registeredCapacity([f]), 0);

  const occupancy = residential ? base.between(0.86, 0.99) : base.between(0.6, 0.95);
  const occupied = Math.min(capacity, Math.round(capacity * occupancy * yr.between(0.97, 1.03)));
  const turnover = residential ? base.between(1.05, 1.4) : base.between(1.2, 3.5);
  const clientsTotal = Math.max(1, Math.round(capacity * turnover * yr.between(0.95, 1.05)));
  const groups = facts.targetGroups.filter((g) => TARGET_GROUPS.has(g));
  const byGroup = groups.length ? groups : ['17'];
  const counts = splitInteger(
    clientsTotal,
    byGroup.map(() => base.between(0.2, 1)),
  );

  const refuses = residential || base.chance(0.5);
  const refused = refuses
    ? Math.round(
        capacity *
          (residential ? base.between(0.2, 1.5) : base.between(0, 0.3)) *
          yr.between(0.8, 1.2),
      )
    : 0;
  // Drawn whether needed or not, so the stream stays aligned from year to year.
  const mostlyCapacity = base.chance(0.6);
  const otherReason = base.pick(['target_group', 'health', 'other']);
  const usualReason = mostlyCapacity ? 'capacity' : otherReason;
  const reason = refused > 0 ? (residential ? 'capacity' : usualReason) : null;
  const waitingList = residential
    ? Math.round(capacity * base.between(0.3, 2.5) * yr.between(0.85, 1.15))
    : WAITING_LIST_TYPES.has(facts.type)
      ? Math.round(capacity * base.between(0, 0.4) * yr.between(0.85, 1.15))
      : null;

  const fteDirect = Number(facts.fteDirect ?? 0);
  const fteOther = Number(facts.fteOther ?? 0);
  const costPerFte = base.between(620_000, 760_000) * 1.05 ** (year - 2025);
  const bedCost = beds * base.between(60_000, 110_000);
  const costs = roundTo((fteDirect + fteOther) * costPerFte + bedCost, 100);
  const shares = revenueShares(facts, residential, base);
  const revenues = costs * yr.between(0.94, 1.04);
  const names = Object.keys(shares);
  const amounts = splitInteger(Math.round(revenues), Object.values(shares));

  return [
    ...scalar('capacity', capacity),
    ...scalar('occupied', occupied),
    ...scalar('clients_total', clientsTotal),
    ...cells(
      'clients_by_group',
      'count',
      byGroup.map((g, i) => [g, counts[i]!]),
    ),
    ...scalar('refused', refused),
    ...scalar('refusal_reason', reason),
    ...scalar('waiting_list', waitingList),
    ...scalar('fte_direct', round2(fteDirect)),
    ...scalar('fte_other', round2(fteOther)),
    ...scalar('costs_total', costs),
    ...cells(
      'revenues',
      'amount',
      names.flatMap((n, i): [string, number][] => (amounts[i]! > 0 ? [[n, amounts[i]!]] : [])),
    ),
  ];
}

export interface MunicipalityFacts {
  code: string;
  name: string;
  /** Population on the territory's reference day (end of 2021). */
  population: number;
  /** Types of the services in its ORP. */
  serviceTypes: readonly string[];
}

/** Kinds of service municipalities often say they lack though their ORP has none. */
const OFTEN_MISSING = ['43', '46', '49', '50', '51', '54', '66', '70'];
const NEED_WEIGHTS: [string, number][] = [
  ['needed_more', 3],
  ['needed', 5],
  ['needed_less', 1],
  ['not_needed', 1],
];

function weighted<T>(rng: Random, items: readonly [T, number][]): T {
  let x = rng.next() * items.reduce((n, [, w]) => n + w, 0);
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/** The contact person of a municipality's social department. */
export const municipalityContact = (facts: Pick<MunicipalityFacts, 'code' | 'name'>) =>
  MUNICIPALITY_CONTACTS[facts.code] ?? { name: `Sociální odbor ${facts.name}`, domain: facts.code };

/**
 * A municipality's statement for `year` (complete, passing the error rules). `councilDay` is the
 * day its council discussed it (YYYY-MM-DD).
 */
export function municipalityFigures(
  facts: MunicipalityFacts,
  year: number,
  councilDay: string,
): DemoValue[] {
  const base = randomStream(`collection:municipality:${facts.code}`);
  const yr = randomStream(`collection:municipality:${facts.code}:${year}`);
  const contact = municipalityContact(facts);
  const drift = base.between(-0.01, 0.005);
  const population = Math.round(facts.population * (1 + drift) ** (year - 2021));
  const seniors = Math.round(population * (base.between(0.19, 0.23) + 0.003 * (year - 2021)));

  const types = [
    ...new Set([...facts.serviceTypes, base.pick(OFTEN_MISSING), base.pick(OFTEN_MISSING)]),
  ].sort();
  const needs = types.map((type) => {
    const stable = randomStream(`collection:need:${facts.code}:${type}`);
    const level = weighted(yr.chance(0.2) ? yr : stable, NEED_WEIGHTS);
    const missing =
      level === 'needed_more'
        ? Math.max(1, Math.round(population / stable.between(2000, 6000)))
        : null;
    const note = NEED_NOTES[level] && stable.chance(0.4) ? NEED_NOTES[level] : null;
    return { type, level, missing, note };
  });

  const funded = facts.serviceTypes.length
    ? [...new Set(facts.serviceTypes)].filter(() => base.chance(0.6)).slice(0, 6)
    : [];
  const fundedTypes = funded.length ? funded : [types[0]!];
  const budget = population * base.between(120, 600) * yr.between(0.95, 1.08);
  const amounts = splitInteger(
    Math.round(budget / 1000),
    fundedTypes.map(() => base.between(0.2, 1)),
  ).map((k) => k * 1000);
  const total = amounts.reduce((a, b) => a + b, 0);

  return [
    ...scalar('contact_name', contact.name),
    ...scalar('contact_email', `socialni.odbor@${contact.domain}.test`),
    ...scalar(
      'contact_phone',
      `+420 48${base.int(1, 9)} ${base.int(100, 999)} ${base.int(100, 999)}`,
    ),
    ...scalar('population_total', population),
    ...scalar('population_65_plus', seniors),
    ...scalar('population_change', Math.round(drift * 5 * 1000) / 10),
    ...scalar(
      'capacity_short',
      needs.some((n) => n.missing !== null),
    ),
    ...cells(
      'service_needs',
      'need',
      needs.map((n) => [n.type, n.level]),
    ),
    ...cells(
      'service_needs',
      'needed_capacity',
      needs.flatMap((n): [string, number][] => (n.missing ? [[n.type, n.missing]] : [])),
    ),
    ...cells(
      'service_needs',
      'note',
      needs.flatMap((n): [string, string][] => (n.note ? [[n.type, n.note]] : [])),
    ),
    ...scalar('urgent_needs', base.pick(URGENT_NEEDS)),
    ...cells(
      'funding_by_type',
      'amount',
      fundedTypes.map((type, i) => [type, amounts[i]!]),
    ),
    ...scalar('funding_total', total),
    ...scalar('funding_next_year', roundTo(total * yr.between(0.98, 1.12), 1000)),
    ...scalar('grant_scheme', facts.population > 20_000 || base.chance(0.4)),
    ...scalar('council_date', councilDay),
  ];
}
