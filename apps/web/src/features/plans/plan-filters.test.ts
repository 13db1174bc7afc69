import { describe, expect, it } from 'vitest';
import { activePlanFilterCount, PLAN_FILTERS, parseYear, toPlanListQuery } from './plan-filters.ts';

const page = { limit: 25, offset: 50 };
const UNIT = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('plan list filters in the URL', () => {
  it('turns a shared link into the API query', () => {
    const query = toPlanListQuery(
      {
        ...PLAN_FILTERS,
        kind: 'community',
        status: 'in_force',
        territoryId: UNIT,
        year: '2025',
        q: '  Liberec ',
        sort: '-yearFrom',
      },
      page,
    );
    expect(query).toEqual({
      kind: ['community'],
      status: ['in_force'],
      territoryId: UNIT,
      year: 2025,
      q: 'Liberec',
      sort: '-yearFrom',
      limit: 25,
      offset: 50,
    });
  });

  it('leaves out what a hand-edited link got wrong', () => {
    const query = toPlanListQuery(
      { kind: 'yearly', status: 'done', territoryId: 'x', year: '20x5', q: ' ', sort: 'id' },
      page,
    );
    expect(query).toEqual({
      kind: undefined,
      status: undefined,
      territoryId: undefined,
      year: undefined,
      q: undefined,
      sort: undefined,
      limit: 25,
      offset: 50,
    });
  });

  it('reads only plausible years', () => {
    expect(parseYear('2024')).toBe(2024);
    expect(parseYear('1850')).toBeUndefined();
    expect(parseYear('24')).toBeUndefined();
    // A number input's v-model gives a number.
    expect(parseYear(2026)).toBe(2026);
  });

  it('counts set filters but not the sort', () => {
    expect(activePlanFilterCount({ ...PLAN_FILTERS, sort: 'title' })).toBe(0);
    expect(activePlanFilterCount({ ...PLAN_FILTERS, kind: 'action', year: '2025' })).toBe(2);
  });
});
