import type {
  CapacityAnalysis,
  CapacityQuery,
  CapacityServiceList,
  CapacityServicesQuery,
  CapacityTarget,
  CapacityTargetList,
  CollectionAnalysis,
  CreateCapacityTargetBody,
  NeedsAnalysis,
  NeedsQuery,
  PlansAnalysis,
  PlansAnalysisQuery,
  UnitFeatureCollection,
  UpdateCapacityTargetBody,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

const target = (id: string) => `/api/capacity-targets/${id}`;

export const analysisApi = {
  capacity: (query: CapacityQuery) =>
    api.get<CapacityAnalysis>('/api/analysis/capacity', { ...query }),
  /** The services behind one capacity cell (a territory × type × form × unit). */
  capacityServices: (query: CapacityServicesQuery) =>
    api.get<CapacityServiceList>('/api/analysis/capacity/services', { ...query }),
  needs: (query: NeedsQuery) => api.get<NeedsAnalysis>('/api/analysis/needs', { ...query }),
  plans: (query: PlansAnalysisQuery) => api.get<PlansAnalysis>('/api/analysis/plans', { ...query }),
  collection: (year: number) => api.get<CollectionAnalysis>('/api/analysis/collection', { year }),
  /** Boundaries of an ORP's municipalities (the drill-down's map). */
  municipalities: (orpId: string) =>
    api.get<UnitFeatureCollection>('/api/territorial-units/geojson', {
      kind: 'municipality',
      parentId: orpId,
    }),
  targets: () => api.get<CapacityTargetList>('/api/capacity-targets'),
  createTarget: (body: CreateCapacityTargetBody) =>
    api.request<CapacityTarget>('/api/capacity-targets', { method: 'POST', body }),
  updateTarget: (id: string, body: UpdateCapacityTargetBody, ifMatch: string) =>
    api.request<CapacityTarget>(target(id), { method: 'PATCH', body, ifMatch }),
  removeTarget: (id: string, ifMatch: string) =>
    api.request<void>(target(id), { method: 'DELETE', ifMatch }),
};
