import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { territorialUnits } from '../db/schema/index.ts';
import { importPopulationByAge } from '../modules/territory/population-by-age.ts';

/**
 * DEMO ESTIMATE, not data: the share of the Czech population in each age group of the
 * registry's codelist `age_group`, rounded from ČSÚ's age structure of 31 Dec 2023 (10.9 M
 * inhabitants; 65+ about 20.5 %, 80+ about 5 %). The registry's groups overlap (7–12 and
 * 11–15) and group 10 ("no age limit") is no group of people, so it has no share. The demo
 * gives every municipality this national structure; a real region loads ČSÚ's figures per
 * municipality (table "Věkové složení obyvatelstva obcí") through
 * POST /api/territorial-units/population-by-age.
 */
export const DEMO_NATIONAL_AGE_SHARES: Readonly<Record<string, number>> = {
  '1': 0.0085, // under 1
  '2': 0.062, // 1–6 (pre-school)
  '3': 0.053, // 7–11
  '4': 0.052, // 11–15
  '5': 0.029, // 16–18
  '6': 0.073, // 19–26
  '7': 0.515, // 27–64
  '8': 0.155, // 65–79
  '9': 0.05, // 80 and over
};

/**
 * Loads a population breakdown for every municipality of the demo territory: its population
 * times the national share of each age group (DEMO_NATIONAL_AGE_SHARES), on the municipality's
 * population date. Goes through the import region staff use, as a CSV.
 */
export async function seedDemoPopulationByAge(db: Db): Promise<number> {
  const t = territorialUnits;
  const municipalities = await db
    .select({ code: t.code, population: t.population, populationDate: t.populationDate })
    .from(t)
    .where(eq(t.kind, 'municipality'))
    .orderBy(asc(t.code));
  const byDate = new Map<string, string[]>();
  for (const m of municipalities) {
    if (m.population === null || m.populationDate === null) continue;
    const lines = byDate.get(m.populationDate) ?? [];
    for (const [group, share] of Object.entries(DEMO_NATIONAL_AGE_SHARES))
      lines.push(`${m.code};${group};${Math.round(m.population * share)}`);
    byDate.set(m.populationDate, lines);
  }
  let rows = 0;
  for (const [date, lines] of byDate) {
    const report = await importPopulationByAge(
      db,
      null,
      ['code;ageGroup;population', ...lines].join('\n'),
      date,
    );
    rows += report.rows.length;
  }
  return rows;
}
