import type {
  CreateNetworkCommentBody,
  CreateNetworkEntryBody,
  CreateNetworkStatementBody,
  List,
  NetworkComment,
  NetworkDecision,
  NetworkEntry,
  NetworkEntryDetail,
  NetworkEntryListQuery,
  NetworkEntryTransitionBody,
  NetworkPeriod,
  NetworkPeriodListQuery,
  NetworkStatement,
  UpdateNetworkEntryBody,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

export const periodsApi = {
  list: (query: NetworkPeriodListQuery = {}) =>
    api.get<List<NetworkPeriod>>('/api/network-periods', query),
  decisions: (periodId: string) =>
    api.get<List<NetworkDecision>>(`/api/network-periods/${periodId}/decisions`),
};

export const entriesApi = {
  list: (query: NetworkEntryListQuery) =>
    api.get<List<NetworkEntry>>('/api/network-entries', query),
  get: (id: string) => api.request<NetworkEntryDetail>(`/api/network-entries/${id}`),
  create: (body: CreateNetworkEntryBody) =>
    api.request<NetworkEntry>('/api/network-entries', { method: 'POST', body }),
  update: (id: string, body: UpdateNetworkEntryBody, ifMatch: string | null) =>
    api.request<NetworkEntry>(`/api/network-entries/${id}`, { method: 'PATCH', body, ifMatch }),
  transition: (id: string, body: NetworkEntryTransitionBody, ifMatch: string | null) =>
    api.request<NetworkEntryDetail>(`/api/network-entries/${id}/transitions`, {
      method: 'POST',
      body,
      ifMatch,
    }),
  addStatement: (id: string, body: CreateNetworkStatementBody) =>
    api.post<NetworkStatement>(`/api/network-entries/${id}/statements`, body),
  addComment: (id: string, body: CreateNetworkCommentBody) =>
    api.post<NetworkComment>(`/api/network-entries/${id}/comments`, body),
};
