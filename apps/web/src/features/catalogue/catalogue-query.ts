import type { PublicServiceQuery } from '@socplan/contracts';
import type { QueryParams } from '../../shared/ui/use-url-query.ts';
import { roundCoordinate } from './distance.ts';

/**
 * The catalogue's search as it lives in the URL (shareable), as plain strings. The place is
 * either a municipality (its ČSÚ code, with its name so the link reads without a lookup) or a
 * point (`lat`/`lon`, from "near me" or a click on the map).
 */
export const CATALOGUE_FILTERS = {
  q: '',
  municipality: '',
  place: '',
  lat: '',
  lon: '',
  radiusKm: '',
  targetGroup: '',
  type: '',
  form: '',
  view: 'list',
};
export type CatalogueFilterKey = keyof typeof CATALOGUE_FILTERS;
export type CatalogueFilters = QueryParams<CatalogueFilterKey>;

export const RADIUS_CHOICES = [5, 10, 20, 50] as const;
export const CATALOGUE_VIEWS = ['list', 'map'] as const;
export type CatalogueView = (typeof CATALOGUE_VIEWS)[number];

/** Where the visitor searches from. */
export type SearchPlace =
  | { kind: 'none' }
  | { kind: 'municipality'; id: string; name: string }
  | { kind: 'point'; lat: number; lon: number };

/** Codelist codes as the API accepts them; anything else in a link is ignored. */
const CODE = /^[A-Za-z0-9_.-]{1,40}$/;
/** The API's municipality: a ČSÚ code or a unit id. */
const MUNICIPALITY = /^([0-9]{6}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function coordinate(value: string, limit: number): number | undefined {
  if (!value.trim()) return undefined;
  const number = Number(value);
  return Number.isFinite(number) && Math.abs(number) <= limit ? number : undefined;
}

/** The place in the URL; a municipality wins over a half-valid point. */
export function placeOf(filters: CatalogueFilters): SearchPlace {
  if (MUNICIPALITY.test(filters.municipality)) {
    return { kind: 'municipality', id: filters.municipality, name: filters.place };
  }
  const lat = coordinate(filters.lat, 90);
  const lon = coordinate(filters.lon, 180);
  return lat !== undefined && lon !== undefined ? { kind: 'point', lat, lon } : { kind: 'none' };
}

/** The URL patch that sets the place (and clears the other kind). */
export function placePatch(place: SearchPlace): Partial<CatalogueFilters> {
  switch (place.kind) {
    case 'municipality':
      return { municipality: place.id, place: place.name, lat: '', lon: '' };
    case 'point':
      return {
        municipality: '',
        place: '',
        lat: roundCoordinate(place.lat),
        lon: roundCoordinate(place.lon),
      };
    default:
      return { municipality: '', place: '', lat: '', lon: '' };
  }
}

/** The URL query of a search (a link to it): only what differs from the defaults. */
export function toUrlQuery(filters: CatalogueFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of Object.keys(CATALOGUE_FILTERS) as CatalogueFilterKey[]) {
    if (filters[key] !== CATALOGUE_FILTERS[key]) query[key] = filters[key];
  }
  return query;
}

export const viewOf = (filters: CatalogueFilters): CatalogueView =>
  filters.view === 'map' ? 'map' : 'list';

/** A radius from a shared link: only the offered choices (else the API's default). */
function radiusOf(value: string): number | undefined {
  const number = Number(value);
  return (RADIUS_CHOICES as readonly number[]).includes(number) ? number : undefined;
}

/** The search parameters shared by the results and the map (no paging). */
export type CatalogueSearch = Omit<PublicServiceQuery, 'limit' | 'offset'>;

/**
 * The API query for the filters in the URL. What a hand-edited link gets wrong (a latitude of
 * 300, a radius nobody offered) is left out rather than sent to be refused.
 */
export function toSearchQuery(filters: CatalogueFilters): CatalogueSearch {
  const place = placeOf(filters);
  const query: CatalogueSearch = {};
  const q = filters.q.trim().slice(0, 100);
  if (q) query.q = q;
  if (place.kind === 'municipality') query.municipality = place.id;
  if (place.kind === 'point') Object.assign(query, { lat: place.lat, lon: place.lon });
  const radiusKm = place.kind === 'none' ? undefined : radiusOf(filters.radiusKm);
  if (radiusKm !== undefined) query.radiusKm = radiusKm;
  for (const key of ['targetGroup', 'type', 'form'] as const) {
    const code = filters[key].trim();
    if (CODE.test(code)) query[key] = code;
  }
  return query;
}

/** How many search criteria are set (the view is not one). */
export const activeCriteria = (filters: CatalogueFilters): number =>
  (['q', 'targetGroup', 'type', 'form', 'radiusKm'] as const).filter((key) => filters[key] !== '')
    .length + (placeOf(filters).kind === 'none' ? 0 : 1);
