import type {
  CapacityAnalysis,
  CollectionAnalysis,
  Dashboard,
  NeedsAnalysis,
  PlansAnalysis,
} from '@socplan/contracts';
import { formatMoney, parseMoney } from '../financing/money.ts';
import type { CapacityNetwork } from './capacity.service.ts';

/**
 * The dashboard's figures by ORP (decision 0602), put together from the four analyses the
 * route already has (most of them from the read cache), so the SPA's map and headline cards
 * need one request and every figure equals the one its own analysis shows.
 */
export interface DashboardParts {
  year: number;
  network: CapacityNetwork;
  capacity: CapacityAnalysis;
  needs: NeedsAnalysis;
  plans: PlansAnalysis;
  collection: CollectionAnalysis;
}

const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
const round2 = (value: number) => Math.round(value * 100) / 100;

export function dashboardOf(parts: DashboardParts): Dashboard {
  const { capacity, needs, plans, collection } = parts;
  const gapOf = new Map<string, bigint>();
  for (const cell of capacity.cells)
    if (cell.gapMoney)
      gapOf.set(cell.unitId, (gapOf.get(cell.unitId) ?? 0n) + BigInt(parseMoney(cell.gapMoney)!));
  const neededOf = new Map<string, number>();
  for (const row of needs.byOrp)
    neededOf.set(row.orpId, (neededOf.get(row.orpId) ?? 0) + row.needed);
  const plansOf = new Map<string, number>();
  for (const plan of plans.plans)
    plansOf.set(plan.territory.id, (plansOf.get(plan.territory.id) ?? 0) + 1);
  const expectedOf = new Map<string, [number, number]>();
  for (const campaign of collection.campaigns)
    for (const orp of campaign.byOrp) {
      if (!orp.orpId) continue;
      const [expected, received] = expectedOf.get(orp.orpId) ?? [0, 0];
      expectedOf.set(orp.orpId, [expected + orp.expected, received + orp.received]);
    }

  // Every ORP in scope appears, with capacity or without.
  const orps = parts.network.units.map((unit) => {
    const [expected, received] = expectedOf.get(unit.unitId) ?? [0, 0];
    return {
      orpId: unit.unitId,
      orpCode: unit.unitCode,
      orpName: unit.unitName,
      population: unit.population,
      services: parts.network.servicesByUnit[unit.unitId] ?? 0,
      gapMoney: formatMoney(gapOf.get(unit.unitId) ?? 0n),
      needed: round2(neededOf.get(unit.unitId) ?? 0),
      plansInForce: plansOf.get(unit.unitId) ?? 0,
      completeness: share(received, expected),
    };
  });
  const sum = (pick: (o: (typeof orps)[number]) => number) => orps.reduce((t, o) => t + pick(o), 0);
  const [expected, received] = [...expectedOf.values()].reduce(
    ([e, r], [oe, or]) => [e + oe, r + or],
    [0, 0],
  );
  const populations = orps.map((o) => o.population);
  return {
    year: parts.year,
    asOf: capacity.asOf,
    orps,
    totals: {
      population: populations.some((p) => p === null) ? null : sum((o) => o.population ?? 0),
      services: parts.network.servicesTotal,
      gapMoney: formatMoney([...gapOf.values()].reduce((a, b) => a + b, 0n)),
      needed: round2(sum((o) => o.needed)),
      plansInForce: plans.totals.plans,
      completeness: share(received, expected),
      activities: plans.totals.activities,
      costShare: plans.totals.costShare,
      fundingShare: plans.totals.fundingShare,
    },
  };
}
