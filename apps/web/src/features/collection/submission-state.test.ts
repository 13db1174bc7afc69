import { describe, expect, it } from 'vitest';
import {
  canEdit,
  canReopen,
  canReview,
  daysLeft,
  lockReason,
  pragueToday,
  stillPrefilled,
} from './submission-state.ts';

const respondent = { respond: true, review: false };
const reviewer = { respond: true, review: true };

describe('abilities', () => {
  it('lets a respondent edit drafts and returned submissions of an open campaign only', () => {
    expect(canEdit({ status: 'draft', campaignStatus: 'open' }, respondent)).toBe(true);
    expect(canEdit({ status: 'returned', campaignStatus: 'open' }, respondent)).toBe(true);
    expect(canEdit({ status: 'submitted', campaignStatus: 'open' }, respondent)).toBe(false);
    expect(canEdit({ status: 'draft', campaignStatus: 'closed' }, respondent)).toBe(false);
    expect(
      canEdit({ status: 'draft', campaignStatus: 'open' }, { respond: false, review: false }),
    ).toBe(false);
  });

  it('says why the values are locked', () => {
    expect(lockReason({ status: 'approved', campaignStatus: 'open' }, respondent)).toBe(
      'submissions.form.lockedApproved',
    );
    expect(lockReason({ status: 'resubmitted', campaignStatus: 'open' }, respondent)).toBe(
      'submissions.form.lockedSubmitted',
    );
    expect(lockReason({ status: 'draft', campaignStatus: 'closed' }, respondent)).toBe(
      'submissions.form.lockedCampaign',
    );
    expect(lockReason({ status: 'draft', campaignStatus: 'open' }, respondent)).toBeNull();
  });

  it('offers review for submitted ones and reopening for approved ones, to reviewers', () => {
    expect(canReview({ status: 'submitted', campaignStatus: 'open' }, reviewer)).toBe(true);
    expect(canReview({ status: 'resubmitted', campaignStatus: 'open' }, reviewer)).toBe(true);
    expect(canReview({ status: 'draft', campaignStatus: 'open' }, reviewer)).toBe(false);
    expect(canReview({ status: 'submitted', campaignStatus: 'open' }, respondent)).toBe(false);
    expect(canReopen({ status: 'approved', campaignStatus: 'open' }, reviewer)).toBe(true);
    expect(canReopen({ status: 'returned', campaignStatus: 'open' }, reviewer)).toBe(false);
  });
});

describe('stillPrefilled', () => {
  it('keeps the mark until the value is changed, per field and per cell', () => {
    const loaded = {
      capacity: 20,
      clients: [
        { row: 'a', count: 3 },
        { row: 'b', count: 4 },
      ],
    };
    const current = {
      capacity: 21,
      clients: [
        { row: 'a', count: 3 },
        { row: 'b', count: 5 },
      ],
    };
    expect(
      stillPrefilled(['capacity', 'clients/a/count', 'clients/b/count'], loaded, current),
    ).toEqual(['clients/a/count']);
    expect(stillPrefilled(['capacity'], loaded, { ...current, capacity: 20 })).toEqual([
      'capacity',
    ]);
  });
});

describe('deadlines', () => {
  it('counts calendar days to the deadline', () => {
    expect(daysLeft('2026-03-31', '2026-03-01')).toBe(30);
    expect(daysLeft('2026-03-31', '2026-03-31')).toBe(0);
    expect(daysLeft('2026-03-30', '2026-03-31')).toBe(-1);
    // across the change to summer time
    expect(daysLeft('2026-03-30', '2026-03-28')).toBe(2);
  });

  it('takes today in Prague', () => {
    expect(pragueToday(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
  });
});
