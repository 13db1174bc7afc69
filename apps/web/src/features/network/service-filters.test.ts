import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  joinList,
  SERVICE_FILTERS,
  splitList,
  toFacilitiesQuery,
  toServiceListQuery,
} from './service-filters.ts';

describe('service filters', () => {
  it('turns the URL’s comma lists into the API’s repeated parameters', () => {
    const query = toFacilitiesQuery({
      ...SERVICE_FILTERS,
      type: '40,49',
      form: 'ter',
      targetGroup: '',
      status: 'active,suspended',
      q: '  Liberec ',
    });

    expect(query).toEqual({
      q: 'Liberec',
      type: ['40', '49'],
      form: ['ter'],
      targetGroup: undefined,
      territoryId: undefined,
      providerId: undefined,
      status: ['active', 'suspended'],
      asOf: undefined,
    });
  });

  it('drops what the API would refuse: unknown statuses, half dates, odd sorts', () => {
    const query = toServiceListQuery(
      { ...SERVICE_FILTERS, status: 'active,dormant', asOf: '2024-1', sort: 'population' },
      { limit: 25, offset: 50 },
    );

    expect(query.status).toEqual(['active']);
    expect(query.asOf).toBeUndefined();
    expect(query.sort).toBeUndefined();
    expect(query).toMatchObject({ limit: 25, offset: 50 });

    expect(
      toServiceListQuery(
        { ...SERVICE_FILTERS, asOf: '2024-01-01', sort: '-provider' },
        { limit: 25, offset: 0 },
      ),
    ).toMatchObject({ asOf: '2024-01-01', sort: '-provider' });
  });

  it('splits and joins lists without empty parts and counts the filters set', () => {
    expect(splitList('40,,49 ,')).toEqual(['40', '49']);
    expect(splitList('')).toEqual([]);
    expect(joinList(['40', '49'])).toBe('40,49');
    expect(activeFilterCount({ ...SERVICE_FILTERS, type: '40', asOf: '2024-01-01' })).toBe(2);
  });
});
