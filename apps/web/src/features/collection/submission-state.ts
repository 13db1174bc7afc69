import type { CampaignStatus, SubmissionStatus } from '@socplan/contracts';
import { EDITABLE_SUBMISSION_STATUSES, SUBMISSION_TRANSITIONS } from '@socplan/contracts/constants';
import type { Values } from '@socplan/form-rules';
import { cellOf } from './field-values.ts';

/**
 * What the submission page offers, from the submission's status, its campaign's and what the
 * user may do (the API decides each call; this only leaves out what it would refuse).
 */

export interface Abilities {
  respond: boolean;
  review: boolean;
}
type Subject = { status: SubmissionStatus; campaignStatus: CampaignStatus };

export const canEdit = (s: Subject, may: Abilities): boolean =>
  may.respond && s.campaignStatus === 'open' && EDITABLE_SUBMISSION_STATUSES.includes(s.status);

export const canReview = (s: Subject, may: Abilities): boolean =>
  may.review && SUBMISSION_TRANSITIONS.approve.from.includes(s.status);

export const canReopen = (s: Subject, may: Abilities): boolean =>
  may.review && SUBMISSION_TRANSITIONS.reopen.from.includes(s.status);

/** Why a user who responds cannot change the values (an i18n key), or null when they can. */
export function lockReason(s: Subject, may: Abilities): string | null {
  if (canEdit(s, may)) return null;
  if (s.status === 'approved') return 'submissions.form.lockedApproved';
  if (s.status === 'submitted' || s.status === 'resubmitted')
    return 'submissions.form.lockedSubmitted';
  if (s.campaignStatus !== 'open') return 'submissions.form.lockedCampaign';
  return 'submissions.form.readonlyNote';
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The prefilled keys whose value is still the one loaded: a prefilled value stays marked
 * until the user changes it (typing it back to the same value keeps the mark).
 */
export function stillPrefilled(
  prefilled: readonly string[],
  loaded: Values,
  current: Values,
): string[] {
  return prefilled.filter((key) => {
    const [field, row, column] = key.split('/');
    if (row === undefined || column === undefined) return same(loaded[field!], current[field!]);
    return same(cellOf(loaded[field!], row, column), cellOf(current[field!], row, column));
  });
}

/** Whole days from `today` to the deadline (both `YYYY-MM-DD`); negative when it is past. */
export function daysLeft(deadline: string, today: string): number {
  const day = (date: string) =>
    Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
  return Math.round((day(deadline) - day(today)) / 86_400_000);
}

/** Today's date in Prague (deadlines are Prague calendar days). */
export const pragueToday = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague' }).format(now);
