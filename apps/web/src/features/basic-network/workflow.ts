import type {
  Entrustment,
  IncludedCapacity,
  NetworkEntryStatus,
  NetworkLevel,
  ServiceForm,
} from '@socplan/contracts';
import { parseCount, parseQuantity } from '../../shared/format/quantity.ts';

// The contracts keep these values next to their TypeBox schemas; importing them from there
// would put TypeBox into the bundle, so they are repeated here, checked against the types.

export const ENTRY_STATUSES = [
  'requested',
  'assessed',
  'approved',
  'rejected',
  'changed',
  'removed',
] as const satisfies readonly NetworkEntryStatus[];

export const NETWORK_LEVELS = ['basic', 'development'] as const satisfies readonly NetworkLevel[];

/** Transitions to these statuses need a reason (the API refuses them without one). */
export const REASON_REQUIRED: readonly NetworkEntryStatus[] = ['rejected', 'changed', 'removed'];

// Compile-time: every status and level of the contracts is listed above.
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : never;
const _allStatuses: Missing<NetworkEntryStatus, (typeof ENTRY_STATUSES)[number]> = true;
const _allLevels: Missing<NetworkLevel, (typeof NETWORK_LEVELS)[number]> = true;
void [_allStatuses, _allLevels];

export const needsReason = (to: NetworkEntryStatus) => REASON_REQUIRED.includes(to);

/** The capacity a new entry asks for, from the service's current forms (one line per unit). */
export const capacitiesOfService = (forms: readonly ServiceForm[]): IncludedCapacity[] =>
  forms.flatMap((f) => f.capacities.map(({ unit, count }) => ({ form: f.form, unit, count })));

/** An editable capacity line: the count as typed. */
export interface CapacityDraft {
  form: string;
  unit: string;
  count: string;
}

export const capacityDrafts = (capacities: readonly IncludedCapacity[]): CapacityDraft[] =>
  capacities.map(({ form, unit, count }) => ({ form, unit, count: String(count) }));

/**
 * Capacity lines as the API takes them, or the index of the first line that is not complete
 * (a form, a unit and a whole count ≥ 0). Lines left entirely empty are dropped.
 */
export function parseCapacities(
  drafts: readonly CapacityDraft[],
): { ok: true; value: IncludedCapacity[] } | { ok: false; line: number } {
  const value: IncludedCapacity[] = [];
  for (const [line, draft] of drafts.entries()) {
    if (!draft.form && !draft.unit && !draft.count.trim()) continue;
    const count = parseCount(draft.count);
    if (!draft.form || !draft.unit || count === undefined) return { ok: false, line };
    value.push({ form: draft.form, unit: draft.unit, count });
  }
  return { ok: true, value };
}

/** The editable part of an entry: level, included capacity and FTE, entrustment. */
export interface EntryDraft {
  level: NetworkLevel;
  capacities: CapacityDraft[];
  fte: string;
  entrusted: boolean;
  entrustmentNumber: string;
  entrustmentFrom: string;
  entrustmentTo: string;
}

export type EntryDraftErrors = Partial<
  Record<'capacities' | 'fte' | 'entrustmentNumber' | 'entrustmentFrom' | 'entrustmentTo', string>
>;

export interface EntryFields {
  level: NetworkLevel;
  capacities: IncludedCapacity[];
  fte: number | null;
  entrustment: Entrustment | null;
}

/** A draft from an entry (or from what a new entry proposes). */
export function entryDraftOf(entry: EntryFields): EntryDraft {
  return {
    level: entry.level,
    capacities: capacityDrafts(entry.capacities),
    fte: entry.fte === null ? '' : String(entry.fte),
    entrusted: entry.entrustment !== null,
    entrustmentNumber: entry.entrustment?.number ?? '',
    entrustmentFrom: entry.entrustment?.validFrom ?? '',
    entrustmentTo: entry.entrustment?.validTo ?? '',
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The draft as the API takes it, or the fields to correct (as `required`/`invalid`). The
 * entrustment covers the capacity included (the usual case; the API keeps them separate).
 */
export function parseEntryDraft(
  draft: EntryDraft,
): { ok: true; value: EntryFields } | { ok: false; errors: EntryDraftErrors } {
  const errors: EntryDraftErrors = {};
  const capacities = parseCapacities(draft.capacities);
  if (!capacities.ok) errors.capacities = 'invalid';
  else if (capacities.value.length === 0) errors.capacities = 'required';
  const fte = parseQuantity(draft.fte);
  if (fte === undefined) errors.fte = 'invalid';
  if (draft.entrusted) {
    if (!draft.entrustmentNumber.trim()) errors.entrustmentNumber = 'required';
    if (!DAY.test(draft.entrustmentFrom)) errors.entrustmentFrom = 'required';
    if (draft.entrustmentTo && !DAY.test(draft.entrustmentTo)) errors.entrustmentTo = 'invalid';
    else if (draft.entrustmentTo && draft.entrustmentTo < draft.entrustmentFrom)
      errors.entrustmentTo = 'beforeStart';
  }
  if (Object.keys(errors).length || !capacities.ok || fte === undefined)
    return { ok: false, errors };
  return {
    ok: true,
    value: {
      level: draft.level,
      capacities: capacities.value,
      fte,
      entrustment: draft.entrusted
        ? {
            number: draft.entrustmentNumber.trim(),
            validFrom: draft.entrustmentFrom,
            validTo: draft.entrustmentTo || null,
            capacities: capacities.value,
          }
        : null,
    },
  };
}
