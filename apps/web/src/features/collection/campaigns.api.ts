import type {
  Campaign,
  CampaignList,
  CampaignListQuery,
  CampaignRespondentList,
  Completeness,
  CompletenessQuery,
  CreateCampaignBody,
  Job,
  UpdateCampaignBody,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

const campaign = (id: string) => `/api/campaigns/${id}`;

/** Campaigns, their respondents and completeness (docs/decisions: collection). */
export const campaignsApi = {
  list: (query: CampaignListQuery) => api.get<CampaignList>('/api/campaigns', { ...query }),
  get: (id: string) => api.request<Campaign>(campaign(id)),
  create: (body: CreateCampaignBody) =>
    api.request<Campaign>('/api/campaigns', { method: 'POST', body }),
  /** Changes settings, or moves the status (`{ status: 'open' }`). */
  update: (id: string, body: UpdateCampaignBody, ifMatch: string | null) =>
    api.request<Campaign>(campaign(id), { method: 'PATCH', body, ifMatch }),
  remove: (id: string, ifMatch: string | null) =>
    api.request<void>(campaign(id), { method: 'DELETE', ifMatch }),
  /** Who the campaign asks (a draft's preview; fixed once it opens). */
  respondents: (id: string, page: { limit: number; offset: number }) =>
    api.get<CampaignRespondentList>(`${campaign(id)}/respondents`, page),
  completeness: (id: string, query: CompletenessQuery = {}) =>
    api.get<Completeness>(`${campaign(id)}/completeness`, { ...query }),
  /** Who has not submitted, as CSV. */
  missingCsv: (id: string) =>
    api.request<Blob>(`${campaign(id)}/missing`, {
      query: { format: 'csv' },
      responseType: 'blob',
    }),
  /** Queues reminder e-mails to who has not submitted: a job to follow. */
  sendReminders: (id: string) =>
    api.request<Job>(`${campaign(id)}/reminders`, { method: 'POST', body: {} }),
};
