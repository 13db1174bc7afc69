import type {
  Budget,
  BudgetQuery,
  EntryFinancing,
  EntryFinancingQuery,
  FinancingKey,
  FinancingKeyListQuery,
  List,
  ReferenceValue,
  ReferenceValueListQuery,
  UpdateFinancingKeyBody,
  UpdateReferenceValueBody,
  WhatIfBody,
  WhatIfBudget,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

// Money and percentages travel as decimal strings ("612345.00"), never as JSON numbers.

export const referenceValuesApi = {
  list: (query: ReferenceValueListQuery) =>
    api.get<List<ReferenceValue>>('/api/financing/reference-values', query),
  update: (id: string, body: UpdateReferenceValueBody, ifMatch: string | null) =>
    api.request<ReferenceValue>(`/api/financing/reference-values/${id}`, {
      method: 'PATCH',
      body,
      ifMatch,
    }),
};

export const financingKeysApi = {
  list: (query: FinancingKeyListQuery = {}) =>
    api.get<List<FinancingKey>>('/api/financing/keys', query),
  update: (id: string, body: UpdateFinancingKeyBody, ifMatch: string | null) =>
    api.request<FinancingKey>(`/api/financing/keys/${id}`, { method: 'PATCH', body, ifMatch }),
};

export const financingApi = {
  entry: (entryId: string, query: EntryFinancingQuery = {}) =>
    api.get<EntryFinancing>(`/api/financing/entries/${entryId}`, query),
  budget: (query: BudgetQuery = {}) => api.get<Budget>('/api/financing/budget', query),
  whatIf: (body: WhatIfBody) => api.post<WhatIfBudget>('/api/financing/budget/what-if', body),
};
