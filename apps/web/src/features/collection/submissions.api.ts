import type {
  CampaignList,
  ReopenSubmissionBody,
  ReturnSubmissionBody,
  Submission,
  SubmissionComparison,
  SubmissionList,
  SubmissionListQuery,
  SubmissionValues,
  ValueChangeList,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

const submission = (id: string) => `/api/submissions/${id}`;
const transition = (id: string, action: string, ifMatch: string | null, body?: unknown) =>
  api.request<Submission>(`${submission(id)}/${action}`, { method: 'POST', body, ifMatch });

/** Submissions: the list, one with its form, autosave (PATCH) and the review workflow. */
export const submissionsApi = {
  list: (query: SubmissionListQuery) => api.get<SubmissionList>('/api/submissions', { ...query }),
  get: (id: string) => api.request<Submission>(submission(id)),
  /** The given fields replace the stored ones; null clears. */
  patch: (id: string, values: SubmissionValues, ifMatch: string | null) =>
    api.request<Submission>(submission(id), { method: 'PATCH', body: { values }, ifMatch }),
  submit: (id: string, ifMatch: string | null) => transition(id, 'submit', ifMatch),
  return: (id: string, body: ReturnSubmissionBody, ifMatch: string | null) =>
    transition(id, 'return', ifMatch, body),
  approve: (id: string, ifMatch: string | null) => transition(id, 'approve', ifMatch),
  reopen: (id: string, body: ReopenSubmissionBody, ifMatch: string | null) =>
    transition(id, 'reopen', ifMatch, body),
  history: (id: string) => api.get<ValueChangeList>(`${submission(id)}/history`, { limit: 500 }),
  comparison: (id: string) => api.get<SubmissionComparison>(`${submission(id)}/comparison`),
  /** The campaigns a list can be filtered by (newest first). */
  campaigns: () => api.get<CampaignList>('/api/campaigns', { limit: 100 }),
};
