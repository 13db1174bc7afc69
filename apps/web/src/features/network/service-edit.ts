import type {
  ServiceForm,
  ServiceState,
  ServiceStatus,
  UpdateServiceBody,
} from '@socplan/contracts';
import { SERVICE_DATED_FIELDS } from '@socplan/contracts/constants';
import { parseCount, parseQuantity } from '../../shared/format/quantity.ts';

/** The edit form of a service's state, as typed (numbers are text until saved). */
export interface ServiceDraft {
  name: string;
  typeCode: string;
  status: ServiceStatus;
  forms: { form: string; capacities: { unit: string; count: string }[] }[];
  targetGroups: string[];
  ageGroups: string[];
  territoryUnitIds: string[];
  fteDirect: string;
  fteOther: string;
  email: string;
  phone: string;
  web: string;
  changeNote: string;
  /** The day dated changes take effect (YYYY-MM-DD). */
  effectiveFrom: string;
}

const fteText = (value: number | null) => (value === null ? '' : String(value));

export function draftOf(state: ServiceState, today: string): ServiceDraft {
  return {
    name: state.name,
    typeCode: state.typeCode,
    status: state.status,
    forms: state.forms.map((f) => ({
      form: f.form,
      capacities: f.capacities.map((c) => ({ unit: c.unit, count: String(c.count) })),
    })),
    targetGroups: [...state.targetGroups],
    ageGroups: [...state.ageGroups],
    territoryUnitIds: [...state.territoryUnitIds],
    fteDirect: fteText(state.fteDirect),
    fteOther: fteText(state.fteOther),
    email: state.email ?? '',
    phone: state.phone ?? '',
    web: state.web ?? '',
    changeNote: '',
    effectiveFrom: today,
  };
}

/** Field errors of a draft by the API's pointer names (`forms`, `fteDirect`, …). */
export type DraftErrors = Partial<Record<keyof ServiceDraft, 'invalid' | 'required'>>;

function parseForms(draft: ServiceDraft): ServiceForm[] | undefined {
  const forms: ServiceForm[] = [];
  for (const f of draft.forms) {
    if (!f.form) return undefined;
    const capacities = [];
    for (const c of f.capacities) {
      const count = parseCount(c.count);
      if (!c.unit || count === undefined) return undefined;
      capacities.push({ unit: c.unit, count });
    }
    forms.push({ form: f.form, capacities });
  }
  return forms;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v) => b.includes(v));

const sameForms = (a: readonly ServiceForm[], b: readonly ServiceForm[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * What the draft changes against the state, as a PATCH body: only changed fields; with
 * `effectiveFrom` when a dated field changed (name and contacts alone correct the current
 * state). `body` is null when nothing changed.
 */
export function changesOf(
  state: ServiceState,
  draft: ServiceDraft,
): { body: UpdateServiceBody | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const body: UpdateServiceBody = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'required';
  else if (name !== state.name) body.name = name;
  if (draft.typeCode !== state.typeCode) body.typeCode = draft.typeCode;
  if (draft.status !== state.status) body.status = draft.status;

  const forms = parseForms(draft);
  if (!forms) errors.forms = 'invalid';
  else if (!sameForms(forms, state.forms)) body.forms = forms;

  if (!sameSet(draft.targetGroups, state.targetGroups)) body.targetGroups = draft.targetGroups;
  if (!sameSet(draft.ageGroups, state.ageGroups)) body.ageGroups = draft.ageGroups;
  if (!sameSet(draft.territoryUnitIds, state.territoryUnitIds))
    body.territoryUnitIds = draft.territoryUnitIds;

  for (const key of ['fteDirect', 'fteOther'] as const) {
    const value = parseQuantity(draft[key]);
    if (value === undefined) errors[key] = 'invalid';
    else if (value !== state[key]) body[key] = value;
  }
  for (const key of ['email', 'phone', 'web'] as const) {
    const value = draft[key].trim() || null;
    if (value !== state[key]) body[key] = value;
  }

  if (Object.keys(errors).length) return { body: null, errors };
  if (Object.keys(body).length === 0) return { body: null, errors };
  // A dated field opens a new state from the effective day; the rest correct the current one.
  if (SERVICE_DATED_FIELDS.some((key) => key in body)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.effectiveFrom)) {
      return { body: null, errors: { effectiveFrom: 'required' } };
    }
    body.effectiveFrom = draft.effectiveFrom;
  }
  const note = draft.changeNote.trim();
  if (note) body.changeNote = note;
  return { body, errors };
}
