import type { ServiceGeoJsonQuery, ServiceListQuery, ServiceStatus } from '@socplan/contracts';
import { SERVICE_STATUSES } from '@socplan/contracts/constants';
import type { QueryParams } from '../../shared/ui/use-url-query.ts';

/**
 * The filters of the services list and map as they live in the URL: plain strings, lists
 * comma-separated (`?type=40,49&status=active`), so a filtered view is a shareable link.
 */
export const SERVICE_FILTERS = {
  q: '',
  type: '',
  form: '',
  targetGroup: '',
  territoryId: '',
  providerId: '',
  status: '',
  asOf: '',
};
export type ServiceFilterKey = keyof typeof SERVICE_FILTERS;
export type ServiceFilters = QueryParams<ServiceFilterKey>;

/** "40,49" → ["40", "49"]; empty parts are dropped. */
export const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

export const joinList = (values: readonly string[]): string => values.join(',');

const isStatus = (value: string): value is ServiceStatus =>
  (SERVICE_STATUSES as readonly string[]).includes(value);

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The API query of the map layer (and the filter part of the list's query). */
export function toFacilitiesQuery(filters: ServiceFilters): ServiceGeoJsonQuery {
  const list = (value: string) => {
    const values = splitList(value);
    return values.length ? values : undefined;
  };
  const statuses = splitList(filters.status).filter(isStatus);
  return {
    q: filters.q.trim() || undefined,
    type: list(filters.type),
    form: list(filters.form),
    targetGroup: list(filters.targetGroup),
    territoryId: filters.territoryId || undefined,
    providerId: filters.providerId || undefined,
    status: statuses.length ? statuses : undefined,
    // A half-typed date in a shared link is ignored rather than refused by the API.
    asOf: isDay(filters.asOf) ? filters.asOf : undefined,
  };
}

const SORT = /^-?(name|identifier|type|provider)$/;

/** The API query of one page of the services list. */
export function toServiceListQuery(
  filters: ServiceFilters & { sort: string },
  page: { limit: number; offset: number },
): ServiceListQuery {
  return {
    ...toFacilitiesQuery(filters),
    sort: SORT.test(filters.sort) ? filters.sort : undefined,
    ...page,
  };
}

/** How many filters are set (for "3 filters active" and a reset button). */
export const activeFilterCount = (filters: ServiceFilters): number =>
  Object.values(filters).filter((value) => value !== '').length;
