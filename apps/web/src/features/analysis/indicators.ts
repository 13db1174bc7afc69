import type { CollectionAnalysis, NeedsAnalysis } from '@socplan/contracts';
import { collectionByOrp, neededByOrp, type TerritoryCapacity } from './dashboard-tables.ts';
import type { CellKind } from './table-model.ts';

/** What the map colours the territories by. */
export const INDICATORS = [
  'perThousand',
  'gapUnits',
  'gapMoney',
  'needed',
  'completeness',
  'timeliness',
] as const;
export type Indicator = (typeof INDICATORS)[number];

/** Indicators the API has by municipality (the drill-down's map); the rest are by ORP only. */
export const MUNICIPALITY_INDICATORS: readonly Indicator[] = [
  'perThousand',
  'gapUnits',
  'gapMoney',
];

/** Indicators of one service type (the type selector applies). */
export const TYPE_INDICATORS: readonly Indicator[] = [
  'perThousand',
  'gapUnits',
  'gapMoney',
  'needed',
];

export const isIndicator = (value: string): value is Indicator =>
  (INDICATORS as readonly string[]).includes(value);

export const INDICATOR_KINDS: Record<Indicator, CellKind> = {
  perThousand: 'number',
  gapUnits: 'number',
  gapMoney: 'money',
  needed: 'number',
  completeness: 'percent',
  timeliness: 'percent',
};

export interface IndicatorSources {
  territories: TerritoryCapacity[];
  needs: NeedsAnalysis | null;
  collection: CollectionAnalysis | null;
  typeCode: string;
}

/** Each territory's value of the indicator (numbers for the classes; null = no data). */
export function indicatorValues(
  indicator: Indicator,
  sources: IndicatorSources,
): Map<string, number | null> {
  switch (indicator) {
    case 'perThousand':
    case 'gapUnits':
      return new Map(sources.territories.map((r) => [r.unitId, r[indicator]]));
    case 'gapMoney':
      return new Map(
        sources.territories.map((r) => [r.unitId, r.gapMoney === null ? null : Number(r.gapMoney)]),
      );
    case 'needed':
      return sources.needs ? neededByOrp(sources.needs, sources.typeCode) : new Map();
    case 'completeness':
    case 'timeliness':
      return sources.collection ? collectionByOrp(sources.collection, indicator) : new Map();
  }
}
