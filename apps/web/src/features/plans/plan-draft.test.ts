import { describe, expect, it } from 'vitest';
import type { Plan } from '@socplan/contracts';
import { emptyPlanDraft, parsePlanDraft, planDraftOf, updateBodyOf } from './plan-draft.ts';

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

  it('edits a plan: names its coordinator, keeps kind and territory out of the body', () => {
    const plan = {
      kind: 'community',
      title: 'KPSS Turnovska',
      territory: { id: UNIT },
      yearFrom: 2023,
      yearTo: 2026,
      parentPlan: null,
      description: null,
      coordinator: null,
    } as unknown as Plan;
    const draft = { ...planDraftOf(plan), coordinatorName: 'Ing. Eva Malá' };
    const result = parsePlanDraft(draft);
    expect(result.ok && updateBodyOf(result.value)).toEqual({
      title: 'KPSS Turnovska',
      description: null,
      yearFrom: 2023,
      yearTo: 2026,
      coordinator: { name: 'Ing. Eva Malá', email: null, phone: null },
    });
  });
});
