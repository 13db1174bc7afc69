/** How an ORP is covered by community planning in a year. */
export type Coverage = 'orp' | 'part' | 'none';
export const COVERAGES: readonly Coverage[] = ['orp', 'part', 'none'];

/** The colour of each coverage on the map; the legend and the list say it in words too. */
export const COVERAGE_COLORS: Record<Coverage, string> = {
  orp: '#1e6b34',
  part: '#d4a017',
  none: '#b42318',
};

interface PlanTerritory {
  territory: { id: string; kind: string };
}

/**
 * Each ORP's coverage by the community plans in force: a plan of the ORP itself covers it; a
 * plan of a municipality inside it covers part of it (`parentOf` gives a municipality's ORP).
 */
export function coverageByOrp(
  orpIds: readonly string[],
  plans: readonly PlanTerritory[],
  parentOf: ReadonlyMap<string, string | null>,
): Map<string, Coverage> {
  const coverage = new Map<string, Coverage>(orpIds.map((id) => [id, 'none']));
  for (const { territory } of plans) {
    if (coverage.has(territory.id)) coverage.set(territory.id, 'orp');
  }
  for (const { territory } of plans) {
    const orp = territory.kind === 'municipality' ? parentOf.get(territory.id) : null;
    if (orp && coverage.get(orp) === 'none') coverage.set(orp, 'part');
  }
  return coverage;
}

/** The slider's years: from the first community plans the region knows up to a few ahead. */
export function sliderYears(thisYear: number, earliest = 2009): number[] {
  const years: number[] = [];
  for (let year = earliest; year <= thisYear + 3; year++) years.push(year);
  return years;
}
