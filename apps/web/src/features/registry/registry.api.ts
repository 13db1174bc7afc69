import type {
  AddressPointImportReport,
  CreateRegistryImportQuery,
  List,
  RegistryChange,
  RegistryChangeListQuery,
  RegistryImport,
  RegistryImportListQuery,
  RegistryIssue,
  RegistryIssueListQuery,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

export const registryApi = {
  /**
   * Uploads rpss.json as the request body itself: the browser streams the file from disk
   * (30–100 MB nationally), it is never read into a JS string. Answers 202 with the import.
   */
  upload: (file: Blob, query: CreateRegistryImportQuery) =>
    api.request<RegistryImport>('/api/registry/imports', {
      method: 'POST',
      query,
      body: file,
      contentType: 'application/json',
    }),
  list: (query: RegistryImportListQuery) =>
    api.get<List<RegistryImport>>('/api/registry/imports', query),
  get: (id: string) => api.request<RegistryImport>(`/api/registry/imports/${id}`),
  changes: (id: string, query: RegistryChangeListQuery) =>
    api.get<List<RegistryChange>>(`/api/registry/imports/${id}/changes`, query),
  issues: (id: string, query: RegistryIssueListQuery) =>
    api.get<List<RegistryIssue>>(`/api/registry/imports/${id}/issues`, query),
  apply: (id: string, ifMatch: string | null) =>
    api.request<RegistryImport>(`/api/registry/imports/${id}/apply`, { method: 'POST', ifMatch }),
  /** Coordinates of RÚIAN address points (CSV kodAdresnihoMista,obecKod,lat,lon). */
  addressPoints: (file: Blob) =>
    api.request<AddressPointImportReport>('/api/registry/address-points', {
      method: 'POST',
      body: file,
      contentType: 'text/csv',
    }),
};
