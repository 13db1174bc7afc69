import { describe, expect, it } from 'vitest';
import {
  activeCriteria,
  CATALOGUE_FILTERS,
  placeOf,
  placePatch,
  toSearchQuery,
  toUrlQuery,
  viewOf,
  type CatalogueFilters,
} from './catalogue-query.ts';

const filters = (over: Partial<CatalogueFilters>): CatalogueFilters => ({
  ...CATALOGUE_FILTERS,
  ...over,
});

describe('catalogue URL ↔ search', () => {
  it('searches from a municipality picked by code, with the filters set', () => {
    const query = toSearchQuery(
      filters({
        municipality: '563889',
        place: 'Liberec',
        radiusKm: '20',
        type: '40',
        targetGroup: 'seniori',
        form: 'ter',
        q: '  Domov ',
      }),
    );

    expect(query).toEqual({
      q: 'Domov',
      municipality: '563889',
      radiusKm: 20,
      targetGroup: 'seniori',
      type: '40',
      form: 'ter',
    });
  });

  it('searches from a point when there is no municipality', () => {
    expect(toSearchQuery(filters({ lat: '50.77', lon: '15.05', radiusKm: '10' }))).toEqual({
      lat: 50.77,
      lon: 15.05,
      radiusKm: 10,
    });
  });

  it('leaves out what a hand-edited link gets wrong instead of sending it to be refused', () => {
    expect(
      toSearchQuery(
        filters({
          lat: '300',
          lon: '15',
          radiusKm: '7',
          municipality: 'Liberec',
          type: 'a b',
          form: 'pobytová',
        }),
      ),
    ).toEqual({});
  });

  it('ignores a radius without a place', () => {
    expect(toSearchQuery(filters({ radiusKm: '20' }))).toEqual({});
  });

  it('round-trips a place through the URL and clears the other kind of place', () => {
    const municipality = { kind: 'municipality', id: '563889', name: 'Liberec' } as const;
    expect(placeOf(filters(placePatch(municipality)))).toEqual(municipality);

    const point = filters({
      ...placePatch(municipality),
      ...placePatch({ kind: 'point', lat: 50.7663123, lon: 15.0543219 }),
    });
    expect(point.municipality).toBe('');
    expect(placeOf(point)).toEqual({ kind: 'point', lat: 50.76631, lon: 15.05432 });

    expect(placeOf(filters(placePatch({ kind: 'none' })))).toEqual({ kind: 'none' });
  });

  it('reads the view, defaulting to the list', () => {
    expect(viewOf(filters({ view: 'map' }))).toBe('map');
    expect(viewOf(filters({ view: 'table' }))).toBe('list');
  });

  it('counts the criteria set (a place counts once)', () => {
    expect(activeCriteria(filters({}))).toBe(0);
    expect(activeCriteria(filters({ lat: '50', lon: '15', type: '40', view: 'map' }))).toBe(2);
  });

  it('links to a search with only the criteria that differ from the defaults', () => {
    expect(toUrlQuery(filters({ municipality: '563889', place: 'Liberec', view: 'list' }))).toEqual(
      { municipality: '563889', place: 'Liberec' },
    );
    expect(toUrlQuery(filters({ view: 'map', type: '40' }))).toEqual({ view: 'map', type: '40' });
  });
});
