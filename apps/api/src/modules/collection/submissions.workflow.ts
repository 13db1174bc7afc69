/**
 * The submission state machine (SUBMISSION_TRANSITIONS): draft → submitted → returned →
 * resubmitted → approved, reopened to returned. One function moves a locked submission and
 * records who, when, through which channel and why; the web routes and the push API both use
 * it, so the rules cannot differ between them.
 */
import { eq, sql } from 'drizzle-orm';
import {
  EDITABLE_SUBMISSION_STATUSES,
  ProblemTypes,
  SUBMISSION_TRANSITIONS,
  type FormDefinition,
  type SubmissionAction,
  type SubmissionEventAction,
  type SubmissionStatus,
  type ValueChannel,
} from '@socplan/contracts';
import {
  issueDetail,
  unflattenValues,
  validateValues,
  type FlatValue,
  type Issue,
  type ValueOptions,
} from '@socplan/form-rules';
import type { Db } from '../../db/client.ts';
import { submissionComments, submissionEvents, submissions } from '../../db/schema/index.ts';
import { ConflictError, DomainError, InvalidError, type FieldError } from '../../lib/errors.ts';
import { today } from '../../lib/validity.ts';
import { assertMay } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import type { CampaignRow } from './campaign-form.ts';
import type { SubmissionRow } from './submissions.repo.ts';

/** Submitting values that fail a check: 400 whose `errors` list every failed field and rule. */
export class InvalidSubmissionError extends DomainError {
  constructor(issues: readonly Issue[]) {
    super(
      400,
      ProblemTypes.validation,
      'Invalid submission',
      `The submission cannot be submitted: ${issues.length} check${issues.length === 1 ? '' : 's'} failed.`,
      issues.map(issueError),
    );
  }
  override get code(): string {
    return 'invalid-submission';
  }
}

/** A rule-engine issue as a problem's field error (pointer into the values, English detail). */
export const issueError = (issue: Issue): FieldError => ({
  pointer: issue.pointer,
  detail: issueDetail(issue, 'en'),
  ...(issue.rule ? { rule: issue.rule } : {}),
});

/** 409 unless the campaign takes values and submissions now: open, and its opening day has come. */
export function assertCampaignOpen(campaign: Pick<CampaignRow, 'status' | 'opensOn'>): void {
  if (campaign.status !== 'open')
    throw new ConflictError(`The campaign is ${campaign.status}: it accepts no values now.`);
  if (campaign.opensOn > today())
    throw new ConflictError(`The campaign opens on ${campaign.opensOn}: it accepts no values yet.`);
}

/** 409 unless the submission's values may change (draft or returned); approved is locked. */
export function assertEditable(submission: Pick<SubmissionRow, 'status'>): void {
  if (!EDITABLE_SUBMISSION_STATUSES.includes(submission.status as SubmissionStatus))
    throw new ConflictError(
      `The submission is ${submission.status}: its values cannot change unless the region returns or reopens it.`,
    );
}

/** The error issues of a complete value set (warnings do not block submitting). */
export function submitErrors(
  definition: FormDefinition,
  values: readonly FlatValue[],
  options: ValueOptions,
): Issue[] {
  const wire = unflattenValues(definition, values, { rows: options.rows });
  return validateValues(definition, wire, options).filter((i) => i.severity === 'error');
}

export interface FieldComment {
  field: string;
  row?: string | null;
  comment: string;
}

export interface TransitionOptions {
  channel: ValueChannel;
  /** The reason of a reopen (required), the whole-submission comment of a return. */
  note?: string | null;
  /** A return's comments on fields (and rows). */
  fieldComments?: readonly FieldComment[];
  /** When given, checked to be open (callers that checked it once for many may omit it). */
  campaign?: Pick<CampaignRow, 'status' | 'opensOn'>;
  /**
   * For submit: the complete current values, checked before the step. Callers that validated
   * them already (the push API validates every submission of a batch first) may omit it.
   */
  check?: { definition: FormDefinition; values: readonly FlatValue[]; options: ValueOptions };
}

const EVENT_OF: Record<SubmissionStatus, SubmissionEventAction | null> = {
  draft: null,
  submitted: 'submitted',
  resubmitted: 'resubmitted',
  returned: 'returned',
  approved: 'approved',
};

/**
 * Moves a submission the caller has locked (lockSubmissions) and found within its scope for the
 * action's permission. Order of refusals: the permission (403), the status (409 naming it), the
 * campaign (409), the reason of a reopen (400), the values of a submit (400 listing every
 * failed check). Returns the updated row.
 */
export async function transition(
  tx: Db,
  principal: AuthPrincipal,
  submission: SubmissionRow,
  action: SubmissionAction,
  opts: TransitionOptions,
): Promise<SubmissionRow> {
  const step = SUBMISSION_TRANSITIONS[action];
  assertMay(principal, step.permission);
  const from = submission.status as SubmissionStatus;
  if (!step.from.includes(from))
    throw new ConflictError(
      `A submission that is ${from} cannot be ${pastTense[action]} (only one that is ${step.from.join(' or ')}).`,
    );
  // Approving after the campaign closed is fine; handing back to the respondent is not.
  if (opts.campaign && action !== 'approve') assertCampaignOpen(opts.campaign);
  const note = opts.note?.trim() || null;
  if (action === 'reopen' && !note)
    throw new InvalidError('Reopening needs a reason.', [
      { in: 'body', pointer: '/reason', detail: 'must not be empty' },
    ]);
  if (action === 'submit' && opts.check) {
    const failed = submitErrors(opts.check.definition, opts.check.values, opts.check.options);
    if (failed.length) throw new InvalidSubmissionError(failed);
  }
  const to = step.to(from);
  const who = { id: principal.id, name: principal.name };
  const now = sql`now()`;
  const stamps =
    action === 'submit'
      ? {
          firstSubmittedAt: sql`coalesce(${submissions.firstSubmittedAt}, now())`,
          submittedAt: now,
          submittedBy: who.id,
          submittedByName: who.name,
        }
      : {
          reviewedAt: now,
          reviewedBy: who.id,
          reviewedByName: who.name,
          approvedAt: action === 'approve' ? now : null,
        };
  const [updated] = await tx
    .update(submissions)
    .set({
      ...stamps,
      status: to,
      updatedAt: now,
      version: sql`${submissions.version} + 1`,
    })
    .where(eq(submissions.id, submission.id))
    .returning();
  const [event] = await tx
    .insert(submissionEvents)
    .values({
      submissionId: submission.id,
      action: action === 'reopen' ? 'reopened' : EVENT_OF[to]!,
      fromStatus: from,
      toStatus: to,
      principalId: principal.id,
      principalKind: principal.kind,
      principalName: principal.name,
      channel: opts.channel,
      note,
    })
    .returning({ id: submissionEvents.id });
  if (action === 'return') {
    const comments = [
      ...(note ? [{ field: null, row: null, body: note }] : []),
      ...(opts.fieldComments ?? []).map((c) => ({
        field: c.field,
        row: c.row ?? null,
        body: c.comment.trim(),
      })),
    ];
    if (comments.length)
      await tx.insert(submissionComments).values(
        comments.map((c) => ({
          ...c,
          submissionId: submission.id,
          eventId: event!.id,
          authorId: principal.id,
          authorName: principal.name,
        })),
      );
  }
  return updated!;
}

const pastTense: Record<SubmissionAction, string> = {
  submit: 'submitted',
  return: 'returned',
  approve: 'approved',
  reopen: 'reopened',
};
