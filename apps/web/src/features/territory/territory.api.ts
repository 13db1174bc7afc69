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

export { UNIT_KINDS } from '@socplan/contracts/constants';
