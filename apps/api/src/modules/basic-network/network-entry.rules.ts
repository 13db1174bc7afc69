/**
 * The rules of a network entry that need no database: the workflow and the checks of the
 * writable fields (capacities, FTE, entrustment).
 */
import {
  NETWORK_ENTRY_TRANSITIONS,
  REASON_REQUIRED,
  type IncludedCapacity,
  type NetworkEntryChanges,
  type NetworkEntryStatus,
  type NetworkLevel,
} from '@socplan/contracts';
import type { Entrustment } from '../../db/schema/index.ts';
import { ConflictError, InvalidError, type FieldError } from '../../lib/errors.ts';
import { formatHundredths, numberToHundredths } from '../financing/money.ts';

const body = (pointer: string, detail: string): FieldError => ({ in: 'body', pointer, detail });

/** 409 unless `to` may follow `from`, with the statuses that may. */
export function assertTransition(from: NetworkEntryStatus, to: NetworkEntryStatus): void {
  const next = NETWORK_ENTRY_TRANSITIONS[from];
  if (next.includes(to)) return;
  throw new ConflictError(
    next.length
      ? `An entry that is ${from} cannot become ${to}; it can become ${next.join(' or ')}.`
      : `An entry that is ${from} is closed; it cannot become ${to}.`,
    [body('/to', `cannot follow ${from}`)],
  );
}

/** 400 when the transition needs a reason and got none (or only spaces). */
export function assertReason(to: NetworkEntryStatus, reason: string | undefined): string | null {
  const text = reason?.trim() ?? '';
  if (REASON_REQUIRED.includes(to) && !text)
    throw new InvalidError(`A reason is required to make an entry ${to}.`, [
      body('/reason', `is required when the entry becomes ${to}`),
    ]);
  return text || null;
}

/** Entry statuses in which PATCH may change the fields (later: transition to `changed`). */
export const EDITABLE_STATUSES: readonly NetworkEntryStatus[] = ['requested', 'assessed'];

export function assertEditable(status: NetworkEntryStatus): void {
  if (EDITABLE_STATUSES.includes(status)) return;
  throw new ConflictError(
    status === 'approved' || status === 'changed'
      ? `The entry is ${status}: change its capacity, FTE, level or entrustment through the transition to "changed" (with a reason).`
      : `The entry is ${status} and can no longer be changed.`,
  );
}

/** Column values of the writable fields, checked. */
export interface EntryValues {
  level?: NetworkLevel;
  capacities?: IncludedCapacity[];
  fte?: string | null;
  entrustment?: Entrustment | null;
}

function duplicateLines(lines: readonly IncludedCapacity[], pointer: string): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  lines.forEach((c, i) => {
    const k = `${c.form}\u0000${c.unit}`;
    if (seen.has(k))
      errors.push(body(`${pointer}/${i}`, `repeats form ${c.form} with unit ${c.unit}`));
    seen.add(k);
  });
  return errors;
}

/**
 * Checks the writable fields of an entry (create, PATCH, or `changes` of a transition) and
 * returns the column values; `prefix` is the JSON pointer of the object they came in.
 */
export function entryValues(input: NetworkEntryChanges, prefix = ''): EntryValues {
  const errors: FieldError[] = [];
  const values: EntryValues = {};
  if (input.level !== undefined) values.level = input.level;
  if (input.capacities !== undefined) {
    errors.push(...duplicateLines(input.capacities, `${prefix}/capacities`));
    values.capacities = input.capacities;
  }
  if (input.fte !== undefined) {
    if (input.fte === null) values.fte = null;
    else {
      const hundredths = numberToHundredths(input.fte);
      if (hundredths === undefined)
        errors.push(body(`${prefix}/fte`, 'must have at most two decimals'));
      else values.fte = formatHundredths(hundredths);
    }
  }
  if (input.entrustment !== undefined) {
    const e = input.entrustment;
    if (e) {
      if (e.validTo !== null && e.validTo < e.validFrom)
        errors.push(body(`${prefix}/entrustment/validTo`, 'must not be before validFrom'));
      errors.push(...duplicateLines(e.capacities, `${prefix}/entrustment/capacities`));
      values.entrustment = {
        number: e.number.trim(),
        validFrom: e.validFrom,
        validTo: e.validTo,
        capacities: e.capacities,
      };
    } else values.entrustment = null;
  }
  if (errors.length)
    throw new InvalidError(errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), errors);
  return values;
}
