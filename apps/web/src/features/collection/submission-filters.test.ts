import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  SUBMISSION_FILTERS,
  toSubmissionListQuery,
} from './submission-filters.ts';

const page = { limit: 25, offset: 0 };
const id = '6f1c1d2e-8a4b-4c3d-9e0f-1a2b3c4d5e6f';

describe('toSubmissionListQuery', () => {
  it('sends the filters the URL holds', () => {
    expect(
      toSubmissionListQuery(
        { ...SUBMISSION_FILTERS, campaignId: id, status: 'returned', open: 'true', q: ' Lib ' },
        page,
      ),
    ).toEqual({
      campaignId: id,
      orpId: undefined,
      status: 'returned',
      open: true,
      q: 'Lib',
      sort: undefined,
      ...page,
    });
  });

  it('leaves out values a hand-edited link got wrong', () => {
    const query = toSubmissionListQuery(
      { ...SUBMISSION_FILTERS, campaignId: 'x', status: 'lost', orpId: '1', sort: 'name' },
      page,
    );
    expect(query).toMatchObject({ campaignId: undefined, status: undefined, orpId: undefined });
    expect(query.sort).toBeUndefined();
  });

  it('counts the filters set', () => {
    expect(activeFilterCount({ ...SUBMISSION_FILTERS, status: 'draft', sort: 'status' })).toBe(1);
  });
});
