import type {
  CreateEvaluationBody,
  Evaluation,
  EvaluationList,
  EvaluationListQuery,
  EvaluationSeries,
  PlansOverview,
  PlansOverviewQuery,
  UpdateEvaluationBody,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

export const evaluationsApi = {
  list: (query: EvaluationListQuery) => api.get<EvaluationList>('/api/evaluations', query),
  create: (body: CreateEvaluationBody) =>
    api.request<Evaluation>('/api/evaluations', { method: 'POST', body }),
  update: (id: string, body: UpdateEvaluationBody, ifMatch: string) =>
    api.request<Evaluation>(`/api/evaluations/${id}`, { method: 'PATCH', body, ifMatch }),
  series: (territoryId: string) =>
    api.get<EvaluationSeries>('/api/evaluations/series', { territoryId }),
  overview: (query: PlansOverviewQuery = {}) =>
    api.get<PlansOverview>('/api/plans/overview', query),
};
