import {
  EDITABLE_SUBMISSION_STATUSES,
  SUBMISSION_TRANSITIONS,
  type BulkPushReport,
  type PushResult,
  type PushValueCounts,
  type SubmissionStatus,
} from '@socplan/contracts';
import {
  flattenValues,
  issueDetail,
  normalizeValues,
  type FlatValue,
  type Issue,
} from '@socplan/form-rules';
import type { Db } from '../../db/client.ts';
import type { DomainError } from '../../lib/errors.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../lib/errors.ts';
import { assertMay } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { findCampaignForm } from './campaign-form.ts';
import { runIdempotent, type IdempotencyClaim, type Outcome } from './idempotency.ts';
import { submissionScopeCondition } from './collection.access.ts';
import type { CsvProblem } from './push-csv.ts';
import { findSubmissionIdsByRespondents } from './push.repo.ts';
import {
  diffValues,
  loadFlatValues,
  writeValueChanges,
  type FlatKey,
  type StoredValue,
} from './submission-values.ts';
import { lockSubmissions, type SubmissionRow } from './submissions.repo.ts';
import {
  InvalidSubmissionError,
  assertCampaignOpen,
  submitErrors,
  transition,
} from './submissions.workflow.ts';
import { loadValueOptions } from './value-options.ts';

/**
 * The push API's writes (docs/decisions/0504-push-api-and-idempotency.md): any number of
 * submissions of one campaign, each all-or-nothing. Set-based: one lookup, one lock (id order),
 * one load of the stored values, one write of all accepted changes; only submitting goes
 * through the workflow one submission at a time.
 */

export interface PushItem {
  respondent: string;
  /** The wire values (JSON values, or CSV cells as text). */
  values: Record<string, unknown>;
  submit: boolean;
  /** Problems found while reading the item (CSV lines): it is rejected with them. */
  problems?: readonly CsvProblem[];
  /** The CSV line a value pointer came from (named in the errors). */
  lineOf?: (pointer: string) => number | undefined;
}

export type RejectionReason = 'unknown' | 'invalid' | 'invalid-submission' | 'locked';
/** A result with why it was rejected (and the failed checks of a submit), for the PUT's error. */
export type ItemResult = PushResult & { reason?: RejectionReason; issues?: Issue[] };

export const UNKNOWN_RESPONDENT = 'respondent unknown or outside your scope';

interface Accepted {
  index: number;
  row: SubmissionRow;
  current: StoredValue[];
  upserts: FlatValue[];
  deletes: FlatKey[];
  counts: PushValueCounts;
  submit: boolean;
}

const noCounts = (): PushValueCounts => ({ inserted: 0, updated: 0, cleared: 0, unchanged: 0 });
const errorsOf = (issues: readonly Issue[], item: PushItem) =>
  issues.map((i) => {
    const line = item.lineOf?.(i.pointer);
    return {
      pointer: i.pointer,
      detail: line ? `line ${line}: ${issueDetail(i)}` : issueDetail(i),
      ...(i.rule ? { rule: i.rule } : {}),
    };
  });

/** The stored values after the changes (what a submit is validated against). */
function applyChanges(a: Pick<Accepted, 'current' | 'upserts' | 'deletes'>): FlatValue[] {
  const key = (k: FlatKey) => `${k.field}\u0000${k.row}`;
  const merged = new Map(a.current.map((v) => [key(v), v as FlatValue]));
  for (const k of a.deletes) merged.delete(key(k));
  for (const v of a.upserts) merged.set(key(v), v);
  return [...merged.values()];
}

/**
 * Writes the items' values (and submits those that ask) inside `tx`, answering one result per
 * item in order. The campaign must exist (404) and be open (409); the principal must be
 * allowed to respond (403). Respondents unknown or outside the principal's scope are rejected,
 * as are items with unreadable values, values that change a submitted (locked) submission, and
 * submits whose values fail a check. The caller's transaction commits what was accepted.
 */
export async function pushItems(
  tx: Db,
  principal: AuthPrincipal,
  campaignId: string,
  items: readonly PushItem[],
  source: 'json' | 'csv',
): Promise<ItemResult[]> {
  assertMay(principal, 'collection.respond');
  const campaignForm = await findCampaignForm(tx, campaignId);
  if (!campaignForm) throw new NotFoundError();
  const { campaign, definition } = campaignForm;
  assertCampaignOpen(campaign);

  const idByCode = await findSubmissionIdsByRespondents(
    tx,
    campaignId,
    items.map((i) => i.respondent),
    submissionScopeCondition(principal, 'collection.respond'),
  );
  const rows = await lockSubmissions(tx, [...idByCode.values()]);
  const stored = await loadFlatValues(tx, [...rows.keys()]);
  const options = await loadValueOptions(
    tx,
    definition,
    [...rows.values()].map((r) => ({ submissionId: r.id, ...r })),
  );

  const results: ItemResult[] = [];
  const accepted: Accepted[] = [];
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const row = rows.get(idByCode.get(item.respondent) ?? '');
    const reject = (
      reason: RejectionReason,
      errors: PushResult['errors'],
      counts = noCounts(),
    ): void => {
      results.push({
        respondent: item.respondent,
        outcome: 'rejected',
        submissionId: row && reason !== 'unknown' ? row.id : null,
        status: row && reason !== 'unknown' ? (row.status as SubmissionStatus) : null,
        values: counts,
        errors,
        reason,
      });
    };
    const first = firstIndex.get(item.respondent);
    if (first !== undefined)
      return reject('invalid', [
        {
          pointer: '/respondent',
          detail: `the respondent is given more than once in this request (first as number ${first + 1})`,
        },
      ]);
    firstIndex.set(item.respondent, index);
    if (!row) return reject('unknown', [{ pointer: '/respondent', detail: UNKNOWN_RESPONDENT }]);
    const valueOptions = options.get(row.id)!;
    const read = normalizeValues(definition, item.values, valueOptions, { source });
    if (read.issues.length || item.problems?.length)
      return reject('invalid', [...(item.problems ?? []), ...errorsOf(read.issues, item)]);
    const { set, cleared, clearedTables } = flattenValues(definition, read.values);
    const current = stored.get(row.id) ?? [];
    const { upserts, deletes, counts } = diffValues(current, set, cleared, clearedTables);
    const status = row.status as SubmissionStatus;
    const editable = EDITABLE_SUBMISSION_STATUSES.includes(status);
    if ((upserts.length || deletes.length) && !editable)
      return reject(
        'locked',
        [
          {
            pointer: '/values',
            detail: `the submission is ${status}: its values cannot change unless the region returns or reopens it`,
          },
        ],
        counts,
      );
    const submit = item.submit && SUBMISSION_TRANSITIONS.submit.from.includes(status);
    if (submit) {
      const merged = applyChanges({ current, upserts, deletes });
      const failed = submitErrors(definition, merged, valueOptions);
      if (failed.length) {
        reject('invalid-submission', errorsOf(failed, item), counts);
        results.at(-1)!.issues = failed;
        return;
      }
    }
    const entry: Accepted = { index, row, current, upserts, deletes, counts, submit };
    accepted.push(entry);
    results.push(acceptedResult(item.respondent, entry));
  });

  await writeValueChanges(
    tx,
    { principal, channel: 'api' },
    accepted.map((a) => ({
      submissionId: a.row.id,
      current: a.current,
      upserts: a.upserts,
      deletes: a.deletes,
    })),
  );
  for (const a of accepted.filter((x) => x.submit))
    await transition(tx, principal, a.row, 'submit', { channel: 'api' });
  return results;
}

/**
 * imported: the submission had no values and now has some; updated: a value or its status
 * changed; unchanged: neither.
 */
function acceptedResult(respondent: string, a: Accepted): ItemResult {
  const before = a.current.length;
  const after = before + a.counts.inserted - a.counts.cleared;
  const status = a.row.status as SubmissionStatus;
  const changed = a.upserts.length + a.deletes.length > 0;
  return {
    respondent,
    outcome: before === 0 && after > 0 ? 'imported' : changed || a.submit ? 'updated' : 'unchanged',
    submissionId: a.row.id,
    status: a.submit ? SUBMISSION_TRANSITIONS.submit.to(status) : status,
    values: a.counts,
    errors: [],
  };
}

/** The bulk report: the results (without their internal reason) and their totals. */
export function bulkReport(results: readonly ItemResult[], dryRun: boolean): BulkPushReport {
  const totals = {
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    values: noCounts(),
  };
  for (const r of results) {
    totals[r.outcome]++;
    if (r.outcome === 'rejected') continue;
    for (const k of ['inserted', 'updated', 'cleared', 'unchanged'] as const)
      totals.values[k] += r.values[k];
  }
  return {
    dryRun,
    totals,
    results: results.map(({ reason: _reason, issues: _issues, ...r }) => r),
  };
}

/** The error a rejected single push answers (the bulk reports it instead). */
function rejection(result: ItemResult): DomainError {
  const errors = result.errors.map((e) => ({ in: 'body' as const, ...e }));
  const listed = errors.map((e) => `${e.pointer}: ${e.detail}`).join('; ');
  switch (result.reason) {
    case 'unknown':
      return new NotFoundError('The respondent is unknown or outside your scope.');
    case 'locked': {
      const detail = result.errors[0]!.detail;
      return new ConflictError(`${detail[0]!.toUpperCase()}${detail.slice(1)}.`, errors);
    }
    case 'invalid-submission':
      return new InvalidSubmissionError(result.issues ?? []);
    default:
      return new InvalidError(`Nothing was written. ${listed}`, errors);
  }
}

/**
 * PUT of one respondent's values: the result, or the error of its rejection (404 unknown or
 * outside scope, 400 unreadable values or a failed submit, 409 locked), under an idempotency key.
 */
export function pushOne(
  db: Db,
  principal: AuthPrincipal,
  campaignId: string,
  item: PushItem,
  claim: IdempotencyClaim | undefined,
): Promise<Outcome<PushResult>> {
  // Before the key: a client that may not push at all gets its 403 unstored.
  assertMay(principal, 'collection.respond');
  return runIdempotent(db, claim, async (tx) => {
    const [result] = await pushItems(tx, principal, campaignId, [item], 'json');
    if (result!.reason) throw rejection(result!);
    return bulkReport([result!], false).results[0]!;
  });
}

const DRY_RUN = Symbol('dry run');

/**
 * The bulk push: one report for all items; a dry run computes it in a transaction that is
 * rolled back (the same code, locks and checks: the same report, nothing written, no key kept).
 */
export async function pushBulk(
  db: Db,
  principal: AuthPrincipal,
  campaignId: string,
  items: readonly PushItem[],
  options: { source: 'json' | 'csv'; dryRun: boolean },
  claim: IdempotencyClaim | undefined,
): Promise<Outcome<BulkPushReport>> {
  assertMay(principal, 'collection.respond');
  const run = async (tx: Db) =>
    bulkReport(await pushItems(tx, principal, campaignId, items, options.source), options.dryRun);
  if (!options.dryRun) return runIdempotent(db, claim, run);
  let report: BulkPushReport | undefined;
  try {
    await db.transaction(async (tx) => {
      report = await run(tx);
      throw DRY_RUN;
    });
  } catch (error) {
    if (error !== DRY_RUN) throw error;
  }
  return { replayed: false, statusCode: 200, body: report! };
}
