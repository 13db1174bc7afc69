import {
  SUBMISSION_TRANSITIONS,
  type SubmissionAction,
  type SubmissionEventAction,
  type SubmissionStatus,
  type ValueChannel,
} from '@socplan/contracts';
import type {
  submissionComments,
  submissionEvents,
  submissionValueHistory,
  submissions,
  submissionValues,
} from '../db/schema/index.ts';

/** A stored value: a scalar field has row '', a table cell is `table.column` with its row. */
export type DemoScalar = number | string | boolean;
export interface DemoValue {
  field: string;
  row: string;
  value: DemoScalar;
}

/** Who did a step: a person or an information system (an id when the demo has the account). */
export interface DemoActor {
  id: string | null;
  kind: 'user' | 'client';
  name: string;
}

export type SubmissionRow = typeof submissions.$inferInsert & { id: string };
type ValueRow = typeof submissionValues.$inferInsert;
type HistoryRow = typeof submissionValueHistory.$inferInsert & { at: Date };
export type EventRow = typeof submissionEvents.$inferInsert & { at: Date };
/** A reviewer's comment, tied to the return event it came with (its id is known on insert). */
export interface CommentPlan {
  event: EventRow;
  row: Omit<typeof submissionComments.$inferInsert, 'eventId'>;
}

const EVENT_ACTION: Record<SubmissionAction, (from: SubmissionStatus) => SubmissionEventAction> = {
  submit: (from) => (from === 'returned' ? 'resubmitted' : 'submitted'),
  return: () => 'returned',
  approve: () => 'approved',
  reopen: () => 'reopened',
};

const keyOf = (v: { field: string; row: string }) => `${v.field}\u0000${v.row}`;

/**
 * One submission's life replayed step by step, recording what the product's services record
 * for each step (values with their history, workflow events, comments, the submission's own
 * columns), but at the demo's times and under the demo's people instead of now() and the
 * caller. Transitions follow SUBMISSION_TRANSITIONS, so the demo cannot take a step the API
 * would refuse.
 */
export class SubmissionStory {
  readonly history: HistoryRow[] = [];
  readonly events: EventRow[] = [];
  readonly comments: CommentPlan[] = [];
  private readonly current = new Map<string, ValueRow & { value: DemoScalar }>();

  constructor(readonly row: SubmissionRow) {
    row.status = 'draft';
    row.version = 1;
    row.valueCount = 0;
    row.updatedAt = row.createdAt;
  }

  get status(): SubmissionStatus {
    return this.row.status as SubmissionStatus;
  }

  values(): ValueRow[] {
    return [...this.current.values()];
  }

  valueOf(field: string, row = ''): DemoScalar | undefined {
    return this.current.get(keyOf({ field, row }))?.value;
  }

  /** The values a campaign's opening prefilled (marked prefilled until changed). */
  prefill(at: Date, actor: DemoActor, values: readonly DemoValue[]): void {
    this.write(at, actor, 'prefill', values);
  }

  /** Writes values; unchanged ones are not rewritten and make no history. */
  write(at: Date, actor: DemoActor, channel: ValueChannel, values: readonly DemoValue[]): void {
    const changes: HistoryRow['changes'] = [];
    for (const v of values) {
      const old = this.current.get(keyOf(v));
      if (old && JSON.stringify(old.value) === JSON.stringify(v.value)) continue;
      this.current.set(keyOf(v), {
        submissionId: this.row.id,
        field: v.field,
        row: v.row,
        value: v.value,
        prefilled: channel === 'prefill',
        updatedAt: at,
      });
      changes.push({ field: v.field, row: v.row, old: old?.value ?? null, new: v.value });
    }
    if (!changes.length) return;
    this.history.push({
      submissionId: this.row.id,
      changes,
      principalId: actor.id,
      principalKind: actor.kind,
      principalName: actor.name,
      channel,
      at,
    });
    this.row.valueCount = this.current.size;
    this.touch(at);
  }

  /** A workflow step; returns its event (comments attach to a return's event). */
  act(
    action: SubmissionAction,
    at: Date,
    actor: DemoActor,
    channel: ValueChannel,
    note: string | null = null,
  ): EventRow {
    const from = this.status;
    const rule = SUBMISSION_TRANSITIONS[action];
    if (!rule.from.includes(from))
      throw new Error(`Demo submission ${this.row.respondentCode}: cannot ${action} from ${from}.`);
    const to = rule.to(from);
    const event: EventRow = {
      submissionId: this.row.id,
      action: EVENT_ACTION[action](from),
      fromStatus: from,
      toStatus: to,
      principalId: actor.id,
      principalKind: actor.kind,
      principalName: actor.name,
      channel,
      note,
      at,
    };
    this.events.push(event);
    const r = this.row;
    r.status = to;
    if (action === 'submit') {
      r.firstSubmittedAt ??= at;
      r.submittedAt = at;
      r.submittedBy = actor.id;
      r.submittedByName = actor.name;
    } else {
      r.reviewedAt = at;
      r.reviewedBy = actor.id;
      r.reviewedByName = actor.name;
      if (action === 'approve') r.approvedAt = at;
    }
    this.touch(at);
    return event;
  }

  /** A reviewer's comment on one field (and row) of the submission, made with `event`. */
  comment(event: EventRow, field: string, row: string | null, body: string): void {
    this.comments.push({
      event,
      row: {
        submissionId: this.row.id,
        field,
        row,
        body,
        authorId: event.principalId ?? null,
        authorName: event.principalName ?? null,
        createdAt: event.at,
      },
    });
  }

  private touch(at: Date): void {
    this.row.updatedAt = at;
    this.row.version = (this.row.version ?? 1) + 1;
  }
}
