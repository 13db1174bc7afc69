import type { CreatePlanBody, Plan, PlanKind, UpdatePlanBody } from '@socplan/contracts';
import { parseYear } from './plan-filters.ts';

/** The new-plan form as typed: strings throughout. */
export interface PlanDraft {
  kind: PlanKind;
  title: string;
  territoryId: string;
  yearFrom: string;
  yearTo: string;
  parentPlanId: string;
  description: string;
  coordinatorName: string;
  coordinatorEmail: string;
  coordinatorPhone: string;
}

/** i18n keys of the problems, by field. */
export type PlanDraftErrors = Partial<Record<keyof PlanDraft, string>>;

export const emptyPlanDraft = (year: number): PlanDraft => ({
  kind: 'community',
  title: '',
  territoryId: '',
  yearFrom: String(year),
  yearTo: String(year + 2),
  parentPlanId: '',
  description: '',
  coordinatorName: '',
  coordinatorEmail: '',
  coordinatorPhone: '',
});

/** The form filled with a plan's record, for editing it. */
export const planDraftOf = (plan: Plan): PlanDraft => ({
  kind: plan.kind,
  title: plan.title,
  territoryId: plan.territory.id,
  yearFrom: String(plan.yearFrom),
  yearTo: String(plan.yearTo),
  parentPlanId: plan.parentPlan?.id ?? '',
  description: plan.description ?? '',
  coordinatorName: plan.coordinator?.name ?? '',
  coordinatorEmail: plan.coordinator?.email ?? '',
  coordinatorPhone: plan.coordinator?.phone ?? '',
});

/** What an edit may change (kind, territory and parent stay). */
export const updateBodyOf = (body: CreatePlanBody): UpdatePlanBody => ({
  title: body.title,
  description: body.description,
  yearFrom: body.yearFrom,
  yearTo: body.yearTo,
  coordinator: body.coordinator,
});

const optional = (value: string) => value.trim() || null;

/** A coordinator when any of their details is given; none is the weak spot the plan page flags. */
function coordinatorOf(draft: PlanDraft): CreatePlanBody['coordinator'] {
  const coordinator = {
    name: optional(draft.coordinatorName),
    email: optional(draft.coordinatorEmail),
    phone: optional(draft.coordinatorPhone),
  };
  return Object.values(coordinator).some(Boolean) ? coordinator : null;
}

/** The body to send, or the fields to fix (the API checks again and names its own). */
export function parsePlanDraft(
  draft: PlanDraft,
): { ok: true; value: CreatePlanBody } | { ok: false; errors: PlanDraftErrors } {
  const errors: PlanDraftErrors = {};
  if (!draft.title.trim()) errors.title = 'plans.form.required';
  if (!draft.territoryId) errors.territoryId = 'plans.form.required';
  const yearFrom = parseYear(draft.yearFrom);
  const yearTo = parseYear(draft.yearTo);
  if (yearFrom === undefined) errors.yearFrom = 'plans.form.invalidYear';
  if (yearTo === undefined) errors.yearTo = 'plans.form.invalidYear';
  else if (yearFrom !== undefined && yearTo < yearFrom) errors.yearTo = 'plans.form.yearsOrder';
  if (draft.kind === 'action' && !draft.parentPlanId) errors.parentPlanId = 'plans.form.required';
  if (yearFrom === undefined || yearTo === undefined || Object.keys(errors).length) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      kind: draft.kind,
      title: draft.title.trim(),
      territoryId: draft.territoryId,
      yearFrom,
      yearTo,
      parentPlanId: draft.parentPlanId || null,
      description: optional(draft.description),
      coordinator: coordinatorOf(draft),
    },
  };
}
