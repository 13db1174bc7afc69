import { describe, expect, it } from 'vitest';
import { emptyPlanDraft, parsePlanDraft } from './plan-draft.ts';

const UNIT = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('new plan form', () => {
  it('sends trimmed values and nulls for what was left empty', () => {
    const result = parsePlanDraft({
      ...emptyPlanDraft(2025),
      title: '  KPSS ORP Semily ',
      territoryId: UNIT,
      coordinatorName: 'Jana Nováková',
    });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        kind: 'community',
        title: 'KPSS ORP Semily',
        yearFrom: 2025,
        yearTo: 2027,
        parentPlanId: null,
        description: null,
        coordinator: { name: 'Jana Nováková', email: null, phone: null },
      }),
    });
  });

  it('names the fields to fix', () => {
    const result = parsePlanDraft({
      ...emptyPlanDraft(2025),
      kind: 'action',
      yearFrom: '2026',
      yearTo: '2025',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        title: 'plans.form.required',
        territoryId: 'plans.form.required',
        yearTo: 'plans.form.yearsOrder',
        parentPlanId: 'plans.form.required',
      },
    });
  });

  it('sends no coordinator when none is named', () => {
    const result = parsePlanDraft({ ...emptyPlanDraft(2025), title: 'AP', territoryId: UNIT });
    expect(result.ok && result.value.coordinator).toBeNull();
  });

  it('refuses a year that is not one', () => {
    const result = parsePlanDraft({ ...emptyPlanDraft(2025), yearFrom: 'letos' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.yearFrom).toBe('plans.form.invalidYear');
  });
});
