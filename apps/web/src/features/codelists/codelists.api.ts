import type { Codelist, CodelistItem, CodelistQuery, List } from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

export const codelistsApi = {
  /** A codelist is short: the API answers it whole, without pages. */
  items: (codelist: Codelist, query: CodelistQuery = {}) =>
    api.get<List<CodelistItem>>(`/api/codelists/${codelist}`, query),
};
