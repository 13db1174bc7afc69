import type {
  ApiClient,
  ApiClientWithSecret,
  AuditEntry,
  ApiClientListQuery,
  AuditListQuery,
  CreateApiClientBody,
  CreateUserBody,
  List,
  UpdateApiClientBody,
  UpdateUserBody,
  User,
  UserListQuery,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

/** Filters of the users and API clients lists as kept in the URL. */
export interface AccountFilters {
  q: string;
  /** '' = all, 'true' | 'false' */
  active: string;
}

export const accountQuery = ({ q, active }: AccountFilters) => ({
  q: q || undefined,
  active: active === '' ? undefined : active === 'true',
});

// Single-resource reads and writes return the whole response: its ETag is the If-Match of
// the next write.
export const usersApi = {
  list: (query: UserListQuery) => api.get<List<User>>('/api/users', query),
  get: (id: string) => api.request<User>(`/api/users/${id}`),
  create: (body: CreateUserBody) => api.request<User>('/api/users', { method: 'POST', body }),
  update: (id: string, body: UpdateUserBody, ifMatch: string | null) =>
    api.request<User>(`/api/users/${id}`, { method: 'PATCH', body, ifMatch }),
};

export const apiClientsApi = {
  list: (query: ApiClientListQuery) => api.get<List<ApiClient>>('/api/api-clients', query),
  get: (id: string) => api.request<ApiClient>(`/api/api-clients/${id}`),
  create: (body: CreateApiClientBody) => api.post<ApiClientWithSecret>('/api/api-clients', body),
  update: (id: string, body: UpdateApiClientBody, ifMatch: string | null) =>
    api.request<ApiClient>(`/api/api-clients/${id}`, { method: 'PATCH', body, ifMatch }),
  rotateSecret: (id: string) => api.post<ApiClientWithSecret>(`/api/api-clients/${id}/secret`),
};

export const auditApi = {
  list: (query: AuditListQuery) => api.get<List<AuditEntry>>('/api/audit', query),
};
