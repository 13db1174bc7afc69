import type {
  Campaign,
  CampaignPeriodKind,
  CreateCampaignBody,
  RespondentKind,
  UpdateCampaignBody,
} from '@socplan/contracts';
import { parseYear } from '../plans/plan-filters.ts';

/**
 * The campaign set-up as the wizard (and the draft campaign's edit form) hold it: inputs as
 * typed, read into the API's body step by step, each step naming its fields to fix.
 */
export interface CampaignDraft {
  formId: string;
  formVersionId: string;
  respondentKind: RespondentKind | '';
  name: string;
  periodKind: CampaignPeriodKind;
  year: string | number;
  periodNumber: string | number;
  orpIds: string[];
  serviceTypes: string[];
  opensOn: string;
  deadline: string;
  /** Days before the deadline, as typed: "14, 7, 1". */
  reminderDays: string;
}

export const WIZARD_STEPS = ['form', 'period', 'respondents', 'dates', 'summary'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** How many parts a year has in a period kind (none for a whole year). */
export const PERIOD_PARTS: Record<CampaignPeriodKind, number> = { year: 0, half: 2, quarter: 4 };

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** A new campaign collects last year's data, from today, with a deadline in a month. */
export function emptyCampaignDraft(today = new Date()): CampaignDraft {
  const deadline = new Date(today);
  deadline.setUTCDate(deadline.getUTCDate() + 30);
  return {
    formId: '',
    formVersionId: '',
    respondentKind: '',
    name: '',
    periodKind: 'year',
    year: today.getUTCFullYear() - 1,
    periodNumber: '',
    orpIds: [],
    serviceTypes: [],
    opensOn: isoDay(today),
    deadline: isoDay(deadline),
    reminderDays: '7, 1',
  };
}

/** The period's code as the API names it: `2025`, `2025-H1`, `2025-Q3`. */
export function periodCode(kind: CampaignPeriodKind, year: number, part: number | null): string {
  if (kind === 'year' || !part) return String(year);
  return `${year}-${kind === 'half' ? 'H' : 'Q'}${part}`;
}

/** The message key and parameters of a period's label ("1. pololetí 2025"). */
export function periodLabel(campaign: Pick<Campaign, 'periodKind' | 'year' | 'periodNumber'>): {
  key: string;
  params: { year: number; part: number };
} {
  return {
    key: `collectionAdmin.periodLabel.${campaign.periodKind}`,
    params: { year: campaign.year, part: campaign.periodNumber ?? 0 },
  };
}

/** "14, 7, 1" → [14, 7, 1] (largest first, no repeats); null when a part is not 0–90. */
export function parseReminderDays(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const days: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,2}$/.test(part) || Number(part) > 90) return null;
    if (!days.includes(Number(part))) days.push(Number(part));
  }
  return days.sort((a, b) => b - a);
}

const periodPart = (draft: CampaignDraft): number | null => {
  const parts = PERIOD_PARTS[draft.periodKind];
  if (!parts) return null;
  const n = Number(draft.periodNumber);
  return Number.isInteger(n) && n >= 1 && n <= parts ? n : null;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The fields of a step to fix, as message keys by field; empty when the step is complete. */
export function stepErrors(draft: CampaignDraft, step: WizardStep): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = 'collectionAdmin.wizard.required';
  if (step === 'form' || step === 'summary') {
    if (!draft.formVersionId) errors.formVersionId = 'collectionAdmin.wizard.chooseForm';
  }
  if (step === 'period' || step === 'summary') {
    if (parseYear(draft.year) === undefined) errors.year = 'collectionAdmin.wizard.invalidYear';
    if (PERIOD_PARTS[draft.periodKind] && periodPart(draft) === null)
      errors.periodNumber = required;
    if (!draft.name.trim()) errors.name = required;
  }
  if (step === 'dates' || step === 'summary') {
    if (!DAY.test(draft.opensOn)) errors.opensOn = required;
    if (!DAY.test(draft.deadline)) errors.deadline = required;
    else if (DAY.test(draft.opensOn) && draft.deadline < draft.opensOn)
      errors.deadline = 'collectionAdmin.wizard.deadlineBeforeOpening';
    if (parseReminderDays(draft.reminderDays) === null)
      errors.reminderDays = 'collectionAdmin.wizard.invalidReminders';
  }
  return errors;
}

/** Service types narrow the respondents of provider and service forms only. */
export const usesServiceTypes = (kind: RespondentKind | '') =>
  kind === 'provider' || kind === 'service';

/** The wizard's body; call after stepErrors(draft, 'summary') came back empty. */
export function createBodyOf(draft: CampaignDraft): CreateCampaignBody {
  return {
    formVersionId: draft.formVersionId,
    name: draft.name.trim(),
    periodKind: draft.periodKind,
    year: parseYear(draft.year)!,
    periodNumber: periodPart(draft),
    orpIds: [...draft.orpIds],
    serviceTypes: usesServiceTypes(draft.respondentKind) ? [...draft.serviceTypes] : [],
    opensOn: draft.opensOn,
    deadline: draft.deadline,
    reminderDaysBefore: parseReminderDays(draft.reminderDays) ?? [],
  };
}

/** A campaign's settings in the draft's shape, for its edit form. */
export function draftOf(campaign: Campaign): CampaignDraft {
  return {
    formId: campaign.formId,
    formVersionId: campaign.formVersionId,
    respondentKind: campaign.respondentKind,
    name: campaign.name,
    periodKind: campaign.periodKind,
    year: campaign.year,
    periodNumber: campaign.periodNumber ?? '',
    orpIds: [...campaign.orpIds],
    serviceTypes: [...campaign.serviceTypes],
    opensOn: campaign.opensOn,
    deadline: campaign.deadline,
    reminderDays: campaign.reminderDaysBefore.join(', '),
  };
}

/**
 * The edit's PATCH body: a draft campaign changes in everything, an open or closed one only
 * in its name, deadline and reminders (the API refuses the rest).
 */
export function updateBodyOf(draft: CampaignDraft, campaign: Campaign): UpdateCampaignBody {
  const { formVersionId: _version, ...body } = createBodyOf(draft);
  if (campaign.status === 'draft') return body;
  return {
    name: body.name,
    deadline: body.deadline,
    reminderDaysBefore: body.reminderDaysBefore,
  };
}
