import type { ReturnSubmissionBody, Submission, ValueChange } from '@socplan/contracts';
import type { Values } from '@socplan/form-rules';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { etagOf, isApiError, type ApiResponse } from '../../shared/api/index.ts';
import { useAction } from '../plans/use-action.ts';
import { createAutosave, type Autosave, type SaveState } from './autosave.ts';
import { fromServer, type ShownIssue } from './field-issues.ts';
import { stillPrefilled } from './submission-state.ts';
import { submissionsApi } from './submissions.api.ts';

/**
 * The submission on its page: the record with its ETag, the values being typed (autosaved),
 * and the workflow's actions. Typed values are the user's until saved: a save's answer updates
 * the ETag and status, never the values, so typing during a save is never overwritten.
 */
export const useSubmissionStore = defineStore('submission', () => {
  const submission = shallowRef<Submission | null>(null);
  const etag = ref<string | null>(null);
  const values = ref<Values>({});
  const loaded = shallowRef<Values>({});
  const loadError = shallowRef<unknown>(null);
  const saveState = ref<SaveState>('idle');
  const savedAt = ref<Date | null>(null);
  const saveError = shallowRef<unknown>(null);
  /** The server's verdict of a refused submit, shown at the fields until the next change. */
  const refusal = shallowRef<ShownIssue[] | null>(null);
  const history = shallowRef<ValueChange[] | null>(null);
  const { busy, error, run } = useAction();
  let autosave: Autosave | null = null;
  let id = '';

  function apply(response: ApiResponse<Submission>, withValues: boolean): void {
    submission.value = response.data;
    etag.value = response.etag ?? etagOf(response.data.version);
    if (withValues) {
      loaded.value = response.data.values as Values;
      values.value = structuredClone(response.data.values) as Values;
    }
  }

  function startAutosave(): void {
    autosave?.dispose();
    autosave = createAutosave({
      save: async (changes) => apply(await submissionsApi.patch(id, changes, etag.value), false),
      isConflict: (e) => isApiError(e) && e.status === 412,
      onState: (state, detail) => {
        saveState.value = state;
        savedAt.value = detail.savedAt;
        saveError.value = detail.error;
      },
    });
    saveState.value = 'idle';
    saveError.value = null;
  }

  async function load(submissionId: string): Promise<void> {
    if (id && id !== submissionId) await autosave?.flush();
    id = submissionId;
    loadError.value = null;
    error.value = null;
    refusal.value = null;
    history.value = null;
    if (submission.value?.id !== submissionId) submission.value = null;
    try {
      const response = await submissionsApi.get(submissionId);
      if (id !== submissionId) return;
      apply(response, true);
      startAutosave();
    } catch (e) {
      if (id === submissionId) loadError.value = e;
    }
  }

  /** A field was changed in the form: queue it for autosave. */
  function changed(field: string): void {
    refusal.value = null;
    autosave?.change(field, values.value[field] ?? null);
  }

  /**
   * After a conflict: read the submission again and, when `reapply`, put the unsaved typing
   * back over it and save it on the new version; else drop it.
   */
  async function reload(reapply: boolean): Promise<void> {
    const unsaved = autosave?.unsaved() ?? {};
    autosave?.discard();
    await load(id);
    if (!reapply || !submission.value) return;
    values.value = { ...values.value, ...unsaved };
    await autosave?.resume(unsaved);
  }

  /** A transition: sent with the ETag, then the submission read again (status, events). */
  const transition = (send: (ifMatch: string | null) => Promise<unknown>) =>
    run(async () => {
      await send(etag.value);
      apply(await submissionsApi.get(id), true);
      startAutosave();
      history.value = null;
    });

  async function submit(): Promise<boolean> {
    refusal.value = null;
    if (autosave && !(await autosave.flush())) return false;
    const done = await transition((m) => submissionsApi.submit(id, m));
    // A refused submit names every failed field and rule: show them where they are.
    if (!done && isApiError(error.value) && error.value.errors.length) {
      refusal.value = fromServer(error.value.errors);
    }
    return done;
  }

  return {
    submission,
    values,
    loadError,
    error,
    busy,
    saveState,
    savedAt,
    saveError,
    refusal,
    history,
    /** Prefilled value keys not changed since they were loaded. */
    prefilled: computed(() =>
      stillPrefilled(submission.value?.prefilled ?? [], loaded.value, values.value),
    ),
    load,
    changed,
    flush: () => autosave?.flush() ?? Promise.resolve(true),
    retrySave: () => autosave?.flush(),
    hasUnsaved: () => Object.keys(autosave?.unsaved() ?? {}).length > 0,
    reload,
    submit,
    returnForCorrection: (body: ReturnSubmissionBody) =>
      transition((m) => submissionsApi.return(id, body, m)),
    approve: () => transition((m) => submissionsApi.approve(id, m)),
    reopen: (reason: string) => transition((m) => submissionsApi.reopen(id, { reason }, m)),
    loadHistory: () =>
      run(async () => {
        history.value = (await submissionsApi.history(id)).items;
      }),
    comparison: () => submissionsApi.comparison(id),
  };
});
