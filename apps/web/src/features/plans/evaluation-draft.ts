import type {
  CreateEvaluationBody,
  Evaluation,
  EvaluationArea,
  EvaluationCheck,
} from '@socplan/contracts';
import { EVALUATION_AREAS, EVALUATION_CHECKS } from '@socplan/contracts/constants';

/** The evaluation form: a score (or none) per area, yes / no / unanswered per check. */
export interface EvaluationDraft {
  evaluatedOn: string;
  areas: Record<EvaluationArea, { score: string; comment: string }>;
  checks: Record<EvaluationCheck, { value: '' | 'yes' | 'no'; comment: string }>;
  note: string;
  evaluatorName: string;
}

export function evaluationDraftOf(evaluation: Evaluation | null, today: string): EvaluationDraft {
  const area = (name: EvaluationArea) => evaluation?.areas.find((a) => a.area === name);
  const check = (name: EvaluationCheck) => evaluation?.checks.find((c) => c.check === name);
  return {
    evaluatedOn: evaluation?.evaluatedOn ?? today,
    areas: Object.fromEntries(
      EVALUATION_AREAS.map((name) => [
        name,
        { score: String(area(name)?.score ?? ''), comment: area(name)?.comment ?? '' },
      ]),
    ) as EvaluationDraft['areas'],
    checks: Object.fromEntries(
      EVALUATION_CHECKS.map((name) => {
        const answer = check(name);
        const value = answer ? (answer.value ? 'yes' : 'no') : '';
        return [name, { value, comment: answer?.comment ?? '' }];
      }),
    ) as EvaluationDraft['checks'],
    note: evaluation?.note ?? '',
    evaluatorName: evaluation?.evaluatorName ?? '',
  };
}

const optional = (text: string) => text.trim() || null;

/** The body to send: areas without a score and unanswered checks are left out. */
export function evaluationBodyOf(
  draft: EvaluationDraft,
  territoryUnitId: string,
): CreateEvaluationBody {
  return {
    territoryUnitId,
    evaluatedOn: draft.evaluatedOn,
    areas: EVALUATION_AREAS.flatMap((area) => {
      const { score, comment } = draft.areas[area];
      return /^[0-3]$/.test(score)
        ? [{ area, score: Number(score), comment: optional(comment) }]
        : [];
    }),
    checks: EVALUATION_CHECKS.flatMap((check) => {
      const { value, comment } = draft.checks[check];
      return value ? [{ check, value: value === 'yes', comment: optional(comment) }] : [];
    }),
    note: optional(draft.note),
    evaluatorName: optional(draft.evaluatorName),
  };
}
