import type { Address, ServiceForm } from '../db/schema/index.ts';
import { icoCheckDigit } from '../lib/ico.ts';
import type { DemoPlace } from './demo-places.ts';
import { SEAT_POSTCODES, STREETS } from './providers.data.ts';
import type { Random } from './random.ts';

/** Small generators of plausible values, each drawing from the stream it is given. */

/** A valid IČO (mod-11 check digit) in the 99xxxxx range, which the demo keeps to itself. */
export function demoIco(rng: Random, taken: Set<string>): string {
  for (;;) {
    const firstSeven = `99${String(rng.int(0, 99_999)).padStart(5, '0')}`;
    const ico = `${firstSeven}${icoCheckDigit(firstSeven)}`;
    if (!taken.has(ico)) {
      taken.add(ico);
      return ico;
    }
  }
}

/** A 7-digit registry identifier not used yet. */
export function demoIdentifier(rng: Random, taken: Set<string>): string {
  for (;;) {
    const identifier = String(rng.int(1_000_000, 9_999_999));
    if (!taken.has(identifier)) {
      taken.add(identifier);
      return identifier;
    }
  }
}

/** A street address in the seat town of `place` (invented: no RÚIAN address point). */
export function demoAddress(rng: Random, place: DemoPlace): Address {
  return {
    street: rng.pick(STREETS),
    houseNumber: String(rng.int(40, 2999)),
    orientationNumber: rng.chance(0.5) ? String(rng.int(1, 60)) : null,
    postcode: SEAT_POSTCODES[place.townCode] ?? null,
    municipalityCode: place.townCode,
    municipalityName: place.townName,
    addressPointCode: null,
  };
}

/** A point within a few hundred metres of the seat town's point. */
export function nearTown(rng: Random, place: DemoPlace): { lat: number; lon: number } {
  // 0.0035° of latitude ≈ 390 m; of longitude at 50–51° N ≈ 0.0055° for the same distance.
  const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    lat: round6(place.lat + rng.between(-0.0035, 0.0035)),
    lon: round6(place.lon + rng.between(-0.0055, 0.0055)),
  };
}

/** The first day of a month between the years, both included (YYYY-MM-DD). */
export function firstOfMonth(rng: Random, fromYear: number, toYear: number): string {
  return `${rng.int(fromYear, toYear)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
}

/** FTE as the numeric(8,2) column text, from hundredths (1250 → "12.50"). */
export const fteText = (hundredths: number) =>
  `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;

/** Forms in code order with capacities in unit order, as the services module stores them. */
export const normalizeForms = (forms: readonly ServiceForm[]): ServiceForm[] =>
  [...forms]
    .map((f) => ({
      form: f.form,
      capacities: [...f.capacities].sort((a, b) =>
        a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0,
      ),
    }))
    .sort((a, b) => (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));

export const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();

/** Every capacity multiplied by `factor` (rounded, at least 1, and never the same number). */
export function scaleForms(forms: readonly ServiceForm[], factor: number): ServiceForm[] {
  return forms.map((f) => ({
    form: f.form,
    capacities: f.capacities.map((c) => {
      let count = Math.max(1, Math.round(c.count * factor));
      if (count === c.count) count = factor < 1 ? Math.max(1, c.count - 1) : c.count + 1;
      return { unit: c.unit, count };
    }),
  }));
}
