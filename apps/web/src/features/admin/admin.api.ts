import type {
  ApiClient,
  ApiClientWithSecret,
  AuditEntry,
  AuditListQuery,
  CreateApiClientBody,
  CreateUserBody,
  List,
  UpdateApiClientBody,
  UpdateUserBody,
  User,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';
import type { PageParams } from '../../shared/ui/use-paged-list.ts';

// Single-resource reads and writes return the whole response: its ETag is the If-Match of
// the next write.
export const usersApi = {
  list: (page: PageParams) => api.get<List<User>>('/api/users', { ...page }),
  get: (id: string) => api.request<User>(`/api/users/${id}`),
  create: (body: CreateUserBody) => api.request<User>('/api/users', { method: 'POST', body }),
  update: (id: string, body: UpdateUserBody, ifMatch: string | null) =>
    api.request<User>(`/api/users/${id}`, { method: 'PATCH', body, ifMatch }),
};

export const apiClientsApi = {
  list: (page: PageParams) => api.get<List<ApiClient>>('/api/api-clients', { ...page }),
  get: (id: string) => api.request<ApiClient>(`/api/api-clients/${id}`),
  create: (body: CreateApiClientBody) => api.post<ApiClientWithSecret>('/api/api-clients', body),
  update: (id: string, body: UpdateApiClientBody, ifMatch: string | null) =>
    api.request<ApiClient>(`/api/api-clients/${id}`, { method: 'PATCH', body, ifMatch }),
  rotateSecret: (id: string) => api.post<ApiClientWithSecret>(`/api/api-clients/${id}/secret`),
};

export const auditApi = {
  list: (query: AuditListQuery) => api.get<List<AuditEntry>>('/api/audit', query),
};
