import type {
  PublicFacets,
  PublicMap,
  PublicPlaceList,
  PublicServiceDetail,
  PublicServiceList,
  PublicServiceQuery,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';
import type { CatalogueSearch } from './catalogue-query.ts';

/** The public catalogue (`/api/public/…`): no login needed, none sent when there is none. */
export const catalogueApi = {
  search: (query: PublicServiceQuery) =>
    api.get<PublicServiceList>('/api/public/services', { ...query }),
  get: (id: string) => api.get<PublicServiceDetail>(`/api/public/services/${id}`),
  /** The published facilities of the services matching the same search, for the map. */
  map: (query: CatalogueSearch) => api.get<PublicMap>('/api/public/map', { ...query }),
  facets: () => api.get<PublicFacets>('/api/public/facets'),
  places: (q: string, limit = 8) => api.get<PublicPlaceList>('/api/public/places', { q, limit }),
};
