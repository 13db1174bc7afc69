import type {
  FacilityFeatureCollection,
  List,
  Provider,
  ProviderListQuery,
  Service,
  ServiceDetail,
  ServiceDetailQuery,
  ServiceGeoJsonQuery,
  ServiceListQuery,
  UpdateServiceBody,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

export const servicesApi = {
  list: (query: ServiceListQuery) => api.get<List<Service>>('/api/services', query),
  /** The facilities of the services matching the same filters, as GeoJSON points. */
  facilities: (query: ServiceGeoJsonQuery) =>
    api.get<FacilityFeatureCollection>('/api/services/facilities.geojson', query),
  get: (id: string, query: ServiceDetailQuery = {}) =>
    api.request<ServiceDetail>(`/api/services/${id}`, { query }),
  update: (id: string, body: UpdateServiceBody, ifMatch: string | null) =>
    api.request<ServiceDetail>(`/api/services/${id}`, { method: 'PATCH', body, ifMatch }),
};

export const providersApi = {
  list: (query: ProviderListQuery) => api.get<List<Provider>>('/api/providers', query),
  get: (id: string) => api.request<Provider>(`/api/providers/${id}`),
};
