import type { Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { isApiError } from '../../shared/api/index.ts';
import type { PlanDraftErrors } from './plan-draft.ts';

/**
 * The message at a field of the plan form: the API's own (e.g. a territory outside the
 * caller's scope, at its JSON pointer) over the form's check.
 */
export function usePlanFieldErrors(error: () => unknown, errors: Ref<PlanDraftErrors>) {
  const { t } = useI18n();
  return (field: keyof PlanDraftErrors): string | undefined => {
    const pointer = field.replace(
      /^coordinator([A-Z])/,
      (_, c: string) => `coordinator/${c.toLowerCase()}`,
    );
    const problem = error();
    const api = isApiError(problem) ? problem.fieldErrors[pointer] : undefined;
    const key = errors.value[field];
    return api ?? (key ? t(key) : undefined);
  };
}
