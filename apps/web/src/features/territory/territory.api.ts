import type {
  List,
  TerritorialUnit,
  TerritorialUnitListQuery,
  UnitFeatureCollection,
  UnitKind,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

export const territoryApi = {
  list: (query: TerritorialUnitListQuery) =>
    api.get<List<TerritorialUnit>>('/api/territorial-units', query),
  geojson: (kind: UnitKind) =>
    api.get<UnitFeatureCollection>('/api/territorial-units/geojson', { kind }),
};

/** Unit kinds in display order; a Record, so a kind added to the contract breaks the build. */
const kindOrder: Record<UnitKind, number> = {
  region: 0,
  orp: 1,
  planning_area: 2,
  municipality: 3,
};
export const UNIT_KINDS = Object.keys(kindOrder) as UnitKind[];
