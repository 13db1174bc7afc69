import type { Evaluation } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import { evaluationBodyOf, evaluationDraftOf } from './evaluation-draft.ts';

const UNIT = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('evaluation form', () => {
  it('sends the scored areas and the answered checks only', () => {
    const draft = evaluationDraftOf(null, '2026-11-23');
    draft.areas.legitimacy = { score: '3', comment: ' schváleno radou ' };
    draft.areas.involvement.score = '0';
    draft.checks.coordinator_named.value = 'no';
    draft.checks.swot_used.value = 'yes';
    expect(evaluationBodyOf(draft, UNIT)).toEqual({
      territoryUnitId: UNIT,
      evaluatedOn: '2026-11-23',
      areas: [
        { area: 'legitimacy', score: 3, comment: 'schváleno radou' },
        { area: 'involvement', score: 0, comment: null },
      ],
      checks: [
        { check: 'coordinator_named', value: false, comment: null },
        { check: 'swot_used', value: true, comment: null },
      ],
      note: null,
      evaluatorName: null,
    });
  });

  it('fills the form from a saved evaluation', () => {
    const saved = {
      evaluatedOn: '2012-06-30',
      areas: [{ area: 'information', score: 2, comment: null }],
      checks: [{ check: 'triad_involved', value: true, comment: 'všechny tři strany' }],
      note: 'Hodnocení 2012',
      evaluatorName: 'Krajský úřad',
    } as Evaluation;
    const draft = evaluationDraftOf(saved, '2026-11-23');
    expect(draft.evaluatedOn).toBe('2012-06-30');
    expect(draft.areas.information.score).toBe('2');
    expect(draft.areas.legitimacy.score).toBe('');
    expect(draft.checks.triad_involved).toEqual({ value: 'yes', comment: 'všechny tři strany' });
    expect(draft.checks.swot_used.value).toBe('');
  });
});
