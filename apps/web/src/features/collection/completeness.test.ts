import { describe, expect, it } from 'vitest';
import { countByState, progressOf, stateOf, timingOf } from './completeness.ts';

describe('completeness matrix', () => {
  it('tells a draft with values from one never started', () => {
    expect(stateOf({ status: 'draft', started: false })).toBe('notStarted');
    expect(stateOf({ status: 'draft', started: true })).toBe('draft');
    expect(stateOf({ status: 'approved', started: true })).toBe('approved');
  });

  it('says on time, late, overdue or pending against the deadline day', () => {
    expect(timingOf({ onTime: true }, '2026-03-31', '2026-04-10')).toBe('onTime');
    expect(timingOf({ onTime: false }, '2026-03-31', '2026-04-10')).toBe('late');
    expect(timingOf({ onTime: null }, '2026-03-31', '2026-03-31')).toBe('pending');
    expect(timingOf({ onTime: null }, '2026-03-31', '2026-04-01')).toBe('overdue');
  });

  it('counts respondents per state, every state present', () => {
    const counts = countByState([
      { status: 'draft', started: false },
      { status: 'draft', started: true },
      { status: 'approved', started: true },
      { status: 'approved', started: true },
    ]);
    expect(counts).toEqual({
      notStarted: 1,
      draft: 1,
      submitted: 0,
      returned: 0,
      resubmitted: 0,
      approved: 2,
    });
  });

  it('shows 100 % only when all are in, and nothing of nothing expected', () => {
    expect(progressOf({ expected: 3, received: 2, approved: 1 })).toMatchObject({
      receivedPercent: 66,
      approvedPercent: 33,
    });
    expect(progressOf({ expected: 1000, received: 999, approved: 999 }).receivedPercent).toBe(99);
    expect(progressOf({ expected: 4, received: 4, approved: 4 }).approvedPercent).toBe(100);
    expect(progressOf({ expected: 0, received: 0, approved: 0 })).toMatchObject({
      receivedPercent: 0,
      approvedPercent: 0,
    });
  });
});
