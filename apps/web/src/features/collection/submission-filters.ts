import type { SubmissionListQuery, SubmissionStatus } from '@socplan/contracts';
import { SUBMISSION_STATUSES } from '@socplan/contracts/constants';
import type { QueryParams } from '../../shared/ui/use-url-query.ts';

/** The submissions list's filters as they live in the URL (`?campaignId=…&status=returned`). */
export const SUBMISSION_FILTERS = {
  campaignId: '',
  status: '',
  orpId: '',
  q: '',
  open: '',
  sort: '',
};
export type SubmissionFilters = QueryParams<keyof typeof SUBMISSION_FILTERS>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SORT = /^-?(respondentName|status|submittedAt|deadline)$/;
const isStatus = (value: string): value is SubmissionStatus =>
  (SUBMISSION_STATUSES as readonly string[]).includes(value);

/** One page's API query; a value a hand-edited link got wrong is left out, not sent. */
export function toSubmissionListQuery(
  filters: SubmissionFilters,
  page: { limit: number; offset: number },
): SubmissionListQuery {
  return {
    campaignId: UUID.test(filters.campaignId) ? filters.campaignId : undefined,
    orpId: UUID.test(filters.orpId) ? filters.orpId : undefined,
    status: isStatus(filters.status) ? filters.status : undefined,
    open: filters.open === 'true' ? true : undefined,
    q: filters.q.trim() || undefined,
    sort: SORT.test(filters.sort) ? filters.sort : undefined,
    ...page,
  };
}

/** How many filters are set (sorting is not a filter). */
export const activeFilterCount = (filters: SubmissionFilters): number =>
  Object.entries(filters).filter(([key, value]) => key !== 'sort' && value !== '').length;
