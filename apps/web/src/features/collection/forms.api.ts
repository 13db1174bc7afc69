import type {
  CreateFormBody,
  Form,
  FormDefinition,
  FormList,
  FormListQuery,
  FormVersion,
  FormVersionList,
  UpdateFormBody,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

const form = (id: string) => `/api/forms/${id}`;
const version = (id: string) => `/api/form-versions/${id}`;

/** Form templates and their versions (a published version never changes). */
export const formsApi = {
  list: (query: FormListQuery = {}) => api.get<FormList>('/api/forms', { ...query }),
  get: (id: string) => api.request<Form>(form(id)),
  create: (body: CreateFormBody) => api.request<Form>('/api/forms', { method: 'POST', body }),
  update: (id: string, body: UpdateFormBody, ifMatch: string | null) =>
    api.request<Form>(form(id), { method: 'PATCH', body, ifMatch }),
  remove: (id: string, ifMatch: string | null) =>
    api.request<void>(form(id), { method: 'DELETE', ifMatch }),
  versions: (id: string) => api.get<FormVersionList>(`${form(id)}/versions`),
  /** A new draft version, a copy of the newest one (allowed once that is published). */
  newVersion: (id: string) =>
    api.request<FormVersion>(`${form(id)}/versions`, { method: 'POST', body: {} }),
  version: (id: string) => api.request<FormVersion>(version(id)),
  saveVersion: (id: string, definition: FormDefinition, ifMatch: string | null) =>
    api.request<FormVersion>(version(id), { method: 'PUT', body: { definition }, ifMatch }),
  removeVersion: (id: string, ifMatch: string | null) =>
    api.request<void>(version(id), { method: 'DELETE', ifMatch }),
  publish: (id: string, ifMatch: string | null) =>
    api.request<FormVersion>(`${version(id)}/publish`, { method: 'POST', ifMatch }),
};
