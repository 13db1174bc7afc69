import type { Budget, BudgetQuery, WhatIfBody, WhatIfBudget } from '@socplan/contracts';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { etagOf } from '../../shared/api/index.ts';
import { financingApi, financingKeysApi, referenceValuesApi } from './financing.api.ts';
import { savePlan } from './what-if.ts';

/** The largest page the API serves: reference values of one type and form are a few a year. */
const MAX_LIMIT = 500;

/**
 * The budget outlook and its what-if: the budget as saved, the same budget computed with
 * changed parameters (with the difference), and saving those parameters (If-Match each).
 */
export const useFinancingStore = defineStore('financing', () => {
  const budget = shallowRef<Budget | null>(null);
  const budgetError = shallowRef<unknown>(null);
  const loading = ref(false);
  const query = shallowRef<BudgetQuery>({});

  const whatIf = shallowRef<WhatIfBudget | null>(null);
  const whatIfBody = shallowRef<WhatIfBody | null>(null);
  const whatIfError = shallowRef<unknown>(null);
  const computing = ref(false);
  const saving = ref(false);
  /** How many parameters the last save changed (null: nothing saved yet). */
  const savedCount = ref<number | null>(null);
  let latest = 0;

  async function loadBudget(next: BudgetQuery = query.value): Promise<void> {
    query.value = next;
    const request = ++latest;
    loading.value = true;
    try {
      const answer = await financingApi.budget(next);
      if (request !== latest) return;
      budget.value = answer;
      budgetError.value = null;
    } catch (e) {
      if (request === latest) budgetError.value = e;
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  async function computeWhatIf(body: WhatIfBody): Promise<void> {
    computing.value = true;
    whatIfError.value = null;
    savedCount.value = null;
    try {
      whatIf.value = await financingApi.whatIf(body);
      whatIfBody.value = body;
    } catch (e) {
      whatIfError.value = e;
      whatIf.value = null;
    } finally {
      computing.value = false;
    }
  }

  function discardWhatIf(): void {
    whatIf.value = null;
    whatIfBody.value = null;
    whatIfError.value = null;
  }

  /**
   * Saves the computed what-if: each matching reference value and key is changed with its own
   * version as If-Match, so a parameter someone changed meanwhile is refused (412), not
   * overwritten. Then the budget is read again.
   */
  async function saveWhatIf(): Promise<boolean> {
    const body = whatIfBody.value;
    const computed = whatIf.value;
    if (!body || !computed) return false;
    saving.value = true;
    whatIfError.value = null;
    try {
      const years = computed.years.map((y) => y.year);
      const [referenceValues, keys] = await Promise.all([
        Promise.all(
          (body.referenceValues ?? []).map((o) =>
            referenceValuesApi.list({
              typeCode: o.typeCode,
              formCode: o.formCode,
              year: o.year,
              limit: MAX_LIMIT,
            }),
          ),
        ),
        body.key ? financingKeysApi.list({ limit: MAX_LIMIT }) : Promise.resolve({ items: [] }),
      ]);
      const steps = savePlan(
        { ...body },
        { referenceValues: referenceValues.flatMap((page) => page.items), keys: keys.items },
        years,
      );
      for (const step of steps) {
        if (step.kind === 'referenceValue')
          await referenceValuesApi.update(step.id, step.body, etagOf(step.version));
        else await financingKeysApi.update(step.id, step.body, etagOf(step.version));
      }
      savedCount.value = steps.length;
      discardWhatIf();
      await loadBudget();
      return true;
    } catch (e) {
      whatIfError.value = e;
      return false;
    } finally {
      saving.value = false;
    }
  }

  return {
    budget,
    budgetError,
    loading,
    query,
    whatIf,
    whatIfError,
    computing,
    saving,
    savedCount,
    loadBudget,
    computeWhatIf,
    discardWhatIf,
    saveWhatIf,
  };
});
