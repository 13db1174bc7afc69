import type { CompletenessRespondent, SubmissionStatus } from '@socplan/contracts';
import { SUBMISSION_STATUSES } from '@socplan/contracts/constants';

/**
 * The completeness matrix's arithmetic: where a respondent stands (its status, "not started"
 * for a draft without values) and whether it came in on time, and the progress bars' shares.
 */

export const MATRIX_STATES = ['notStarted', ...SUBMISSION_STATUSES] as const;
export type MatrixState = (typeof MATRIX_STATES)[number];

/**
 * onTime / late: submitted on or before / after the deadline; overdue: not submitted and the
 * deadline has passed; pending: not submitted, still time.
 */
export type Timing = 'onTime' | 'late' | 'overdue' | 'pending';

export const stateOf = (
  respondent: Pick<CompletenessRespondent, 'status' | 'started'>,
): MatrixState =>
  respondent.status === 'draft' && !respondent.started ? 'notStarted' : respondent.status;

/** `today` and `deadline` are calendar days (YYYY-MM-DD); the deadline day itself is on time. */
export function timingOf(
  respondent: Pick<CompletenessRespondent, 'onTime'>,
  deadline: string,
  today: string,
): Timing {
  if (respondent.onTime === true) return 'onTime';
  if (respondent.onTime === false) return 'late';
  return today > deadline ? 'overdue' : 'pending';
}

/** How many respondents are in each state. */
export function countByState(
  respondents: readonly Pick<CompletenessRespondent, 'status' | 'started'>[],
): Record<MatrixState, number> {
  const counts = Object.fromEntries(MATRIX_STATES.map((s) => [s, 0])) as Record<
    MatrixState,
    number
  >;
  for (const respondent of respondents) counts[stateOf(respondent)]++;
  return counts;
}

export interface Progress {
  expected: number;
  received: number;
  approved: number;
  /** Whole percents of expected, received ≥ approved (approved ones were received). */
  receivedPercent: number;
  approvedPercent: number;
}

const percent = (part: number, whole: number) =>
  whole > 0 ? Math.min(100, Math.max(0, Math.floor((part / whole) * 100))) : 0;

/** Floors, so 99.6 % reads 99 %: "100 %" only once everything is in. */
export function progressOf(counts: {
  expected: number;
  received: number;
  approved: number;
}): Progress {
  return {
    ...counts,
    receivedPercent: percent(counts.received, counts.expected),
    approvedPercent: percent(Math.min(counts.approved, counts.received), counts.expected),
  };
}

/** The statuses a respondent filter may ask the API for (not started is the draft one). */
export const isSubmissionStatus = (value: string): value is SubmissionStatus =>
  (SUBMISSION_STATUSES as readonly string[]).includes(value);
