import type {
  List,
  PopulationByAge,
  PopulationByAgeImportReport,
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
  populationByAge: (unitId: string) =>
    api.get<PopulationByAge>(`/api/territorial-units/${unitId}/population-by-age`),
  /** A CSV code;ageGroup;population, all or nothing: a 400 names each bad line and column. */
  importPopulationByAge: (file: Blob, populationDate: string) =>
    api.request<PopulationByAgeImportReport>('/api/territorial-units/population-by-age', {
      method: 'POST',
      body: file,
      contentType: 'text/csv',
      query: { populationDate },
    }),
};

export { UNIT_KINDS } from '@socplan/contracts/constants';
