import type { CampaignListQuery } from '@socplan/contracts';
import { CAMPAIGN_STATUSES } from '@socplan/contracts/constants';
import type { QueryParams } from '../../shared/ui/use-url-query.ts';
import { parseYear } from '../plans/plan-filters.ts';

/** The campaigns list's filters as they live in the URL (`?status=open&year=2025`). */
export const CAMPAIGN_FILTERS = { status: '', formId: '', year: '' };
export type CampaignFilters = QueryParams<keyof typeof CAMPAIGN_FILTERS>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A value a hand-edited link got wrong is left out, so the list shows instead of a 400. */
export function toCampaignListQuery(
  filters: CampaignFilters,
  page: { limit: number; offset: number },
): CampaignListQuery {
  const status = CAMPAIGN_STATUSES.find((s) => s === filters.status);
  return {
    status,
    formId: UUID.test(filters.formId) ? filters.formId : undefined,
    year: parseYear(filters.year),
    ...page,
  };
}
