import type { Campaign } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import {
  createBodyOf,
  draftOf,
  emptyCampaignDraft,
  parseReminderDays,
  periodCode,
  stepErrors,
  updateBodyOf,
  type CampaignDraft,
} from './campaign-draft.ts';

const VERSION = '0f8fad5b-d9cb-469f-a165-70867728950e';
const ORP = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

const complete = (patch: Partial<CampaignDraft> = {}): CampaignDraft => ({
  ...emptyCampaignDraft(new Date('2026-03-01T10:00:00Z')),
  formId: 'f1',
  formVersionId: VERSION,
  respondentKind: 'municipality',
  name: 'Vyjádření obcí 2025',
  ...patch,
});

describe('campaign set-up', () => {
  it('starts with last year, today and a deadline a month away', () => {
    const draft = emptyCampaignDraft(new Date('2026-03-01T10:00:00Z'));
    expect(draft).toMatchObject({
      periodKind: 'year',
      year: 2025,
      opensOn: '2026-03-01',
      deadline: '2026-03-31',
      reminderDays: '7, 1',
    });
  });

  it('names the period as the API does', () => {
    expect(periodCode('year', 2025, null)).toBe('2025');
    expect(periodCode('half', 2025, 1)).toBe('2025-H1');
    expect(periodCode('quarter', 2026, 3)).toBe('2026-Q3');
  });

  it('reads reminder days, largest first, and refuses what is not 0–90 days', () => {
    expect(parseReminderDays('1, 14;7 7')).toEqual([14, 7, 1]);
    expect(parseReminderDays('')).toEqual([]);
    expect(parseReminderDays('91')).toBeNull();
    expect(parseReminderDays('7, týden')).toBeNull();
    expect(parseReminderDays('-1')).toBeNull();
  });

  it('does not let a step go on until its fields are right', () => {
    expect(stepErrors(complete({ formVersionId: '' }), 'form')).toEqual({
      formVersionId: 'collectionAdmin.wizard.chooseForm',
    });
    expect(stepErrors(complete({ periodKind: 'quarter', periodNumber: '' }), 'period')).toEqual({
      periodNumber: 'collectionAdmin.wizard.required',
    });
    expect(stepErrors(complete({ periodKind: 'half', periodNumber: 3 }), 'period')).toHaveProperty(
      'periodNumber',
    );
    expect(stepErrors(complete({ year: '1999', name: ' ' }), 'period')).toEqual({
      year: 'collectionAdmin.wizard.invalidYear',
      name: 'collectionAdmin.wizard.required',
    });
    expect(
      stepErrors(complete({ opensOn: '2026-04-01', deadline: '2026-03-31' }), 'dates'),
    ).toEqual({ deadline: 'collectionAdmin.wizard.deadlineBeforeOpening' });
    // The deadline may be the opening day itself.
    expect(
      stepErrors(complete({ opensOn: '2026-03-31', deadline: '2026-03-31' }), 'dates'),
    ).toEqual({});
    expect(stepErrors(complete(), 'summary')).toEqual({});
    // Earlier steps' fields are checked again in the summary.
    expect(Object.keys(stepErrors(complete({ formVersionId: '', name: '' }), 'summary'))).toEqual([
      'formVersionId',
      'name',
    ]);
  });

  it('sends the body the API expects; service types only for provider and service forms', () => {
    const body = createBodyOf(
      complete({
        periodKind: 'quarter',
        periodNumber: '2',
        year: '2026',
        orpIds: [ORP],
        serviceTypes: ['49'],
        reminderDays: '1, 7',
      }),
    );
    expect(body).toEqual({
      formVersionId: VERSION,
      name: 'Vyjádření obcí 2025',
      periodKind: 'quarter',
      year: 2026,
      periodNumber: 2,
      orpIds: [ORP],
      serviceTypes: [],
      opensOn: '2026-03-01',
      deadline: '2026-03-31',
      reminderDaysBefore: [7, 1],
    });
    expect(
      createBodyOf(complete({ respondentKind: 'service', serviceTypes: ['49'] })).serviceTypes,
    ).toEqual(['49']);
    expect(createBodyOf(complete()).periodNumber).toBeNull();
  });

  it('changes an open campaign only in its name, deadline and reminders', () => {
    const campaign = {
      ...createBodyOf(complete()),
      formId: 'f1',
      respondentKind: 'municipality',
      periodNumber: null,
      status: 'open',
    } as unknown as Campaign;
    const draft = { ...draftOf(campaign), name: 'Nový název', year: 2024, deadline: '2026-04-15' };
    expect(updateBodyOf(draft, campaign)).toEqual({
      name: 'Nový název',
      deadline: '2026-04-15',
      reminderDaysBefore: [7, 1],
    });
    const asDraft = updateBodyOf(draft, { ...campaign, status: 'draft' });
    expect(asDraft).toMatchObject({ name: 'Nový název', year: 2024, orpIds: [] });
    expect(asDraft).not.toHaveProperty('formVersionId');
  });
});
