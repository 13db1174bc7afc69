import type { PlanKind, PlanListQuery, PlanStatus } from '@socplan/contracts';
import { PLAN_KINDS, PLAN_STATUSES } from '@socplan/contracts/constants';
import type { QueryParams } from '../../shared/ui/use-url-query.ts';

/** The plans list's filters as they live in the URL (`?kind=community&year=2025`). */
export const PLAN_FILTERS = {
  kind: '',
  territoryId: '',
  status: '',
  year: '',
  q: '',
  sort: '',
};
export type PlanFilters = QueryParams<keyof typeof PLAN_FILTERS>;

const isKind = (value: string): value is PlanKind =>
  (PLAN_KINDS as readonly string[]).includes(value);
const isStatus = (value: string): value is PlanStatus =>
  (PLAN_STATUSES as readonly string[]).includes(value);
const SORT = /^-?(title|yearFrom|status|kind)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A year a person would plan for; anything else in a shared link is ignored. A number input's
 * v-model gives a number (Vue casts it), a link a string: both are read.
 */
export function parseYear(value: string | number): number | undefined {
  if (!/^\d{4}$/.test(String(value).trim())) return undefined;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : undefined;
}

/**
 * The API query of one page: a value a hand-edited link got wrong is left out rather than
 * sent, so the list still shows (unfiltered by it) instead of a validation error.
 */
export function toPlanListQuery(
  filters: PlanFilters,
  page: { limit: number; offset: number },
): PlanListQuery {
  return {
    kind: isKind(filters.kind) ? [filters.kind] : undefined,
    status: isStatus(filters.status) ? [filters.status] : undefined,
    territoryId: UUID.test(filters.territoryId) ? filters.territoryId : undefined,
    year: parseYear(filters.year),
    q: filters.q.trim() || undefined,
    sort: SORT.test(filters.sort) ? filters.sort : undefined,
    ...page,
  };
}

/** How many filters are set (sorting is not a filter). */
export const activePlanFilterCount = (filters: PlanFilters): number =>
  Object.entries(filters).filter(([key, value]) => key !== 'sort' && value !== '').length;
