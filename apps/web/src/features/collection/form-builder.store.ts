import type { Form, FormDefinition, FormVersion, UpdateFormBody } from '@socplan/contracts';
import { CODELISTS } from '@socplan/contracts/constants';
import { checkDefinition } from '@socplan/form-rules';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { etagOf, isApiError, type ApiResponse } from '../../shared/api/index.ts';
import { useAction } from '../plans/use-action.ts';
import { i18n } from '../../shared/i18n/index.ts';
import {
  cleanDefinition,
  emptyDefinition,
  missingTexts,
  type PointedProblem,
} from './form-definition-edit.ts';
import { formsApi } from './forms.api.ts';

/** What checkDefinition says, or nothing while the engine cannot run (it never blocks editing). */
function liveProblems(definition: FormDefinition): PointedProblem[] {
  const empty = missingTexts(definition).map((pointer) => ({
    pointer,
    detail: i18n.global.t('collectionAdmin.builder.missingText'),
  }));
  try {
    return [...empty, ...checkDefinition(definition, { codelists: CODELISTS })];
  } catch {
    return empty;
  }
}

/**
 * The form builder: the form, its versions, and one version's definition being edited (a deep
 * copy the editors change in place). Saving PUTs the whole definition with the version's ETag;
 * the definition is checked live by the same engine the API runs on publish.
 */
export const useFormBuilderStore = defineStore('formBuilder', () => {
  const form = shallowRef<Form | null>(null);
  const versions = shallowRef<FormVersion[]>([]);
  const version = shallowRef<FormVersion | null>(null);
  const etag = ref<string | null>(null);
  let formEtag: string | null = null;
  const definition = ref<FormDefinition>(emptyDefinition());
  const savedJson = ref('');
  const loadError = shallowRef<unknown>(null);
  const action = useAction();
  const busy = action.busy;
  /** The definition a refused write left (the API's 400 is about that one). */
  const refusedJson = ref('');
  async function run(write: () => Promise<unknown>): Promise<boolean> {
    const done = await action.run(write);
    if (!done) refusedJson.value = JSON.stringify(clean.value);
    return done;
  }

  const clean = computed(() => cleanDefinition(definition.value));
  const dirty = computed(() => JSON.stringify(clean.value) !== savedJson.value);
  const editable = computed(() => version.value?.status === 'draft');
  const problems = computed(() => liveProblems(clean.value));
  /** The last write's error; a 400 only until the definition is changed (then the live checks speak). */
  const error = computed(() => {
    const e = action.error.value;
    const outdated =
      isApiError(e) && e.status === 400 && JSON.stringify(clean.value) !== refusedJson.value;
    return outdated ? null : e;
  });
  /** Problems the API answered (400 on save or publish), shown where they point. */
  const serverProblems = computed<PointedProblem[]>(() => {
    if (!isApiError(error.value)) return [];
    // What the builder already says at the same place is not repeated.
    const shown = new Set(problems.value.map((p) => p.pointer));
    return error.value.errors.filter(
      (e) => !shown.has(e.pointer.replace(/^\/definition(?=\/)/, '')),
    );
  });
  const stale = computed(() => isApiError(error.value) && error.value.status === 412);
  /** A new version can start once the newest one is published. */
  const canStartVersion = computed(() => versions.value[0]?.status === 'published');

  function applyVersion(response: ApiResponse<FormVersion>): void {
    version.value = response.data;
    etag.value = response.etag ?? etagOf(response.data.version);
    definition.value = structuredClone(response.data.definition);
    savedJson.value = JSON.stringify(cleanDefinition(response.data.definition));
  }

  async function readForm(formId: string): Promise<void> {
    const [record, list] = await Promise.all([formsApi.get(formId), formsApi.versions(formId)]);
    form.value = record.data;
    formEtag = record.etag ?? etagOf(record.data.version);
    versions.value = [...list.items].sort((a, b) => b.number - a.number);
  }

  /** Reads the form and a version of it (default: the newest). */
  async function load(formId: string, versionId?: string): Promise<void> {
    loadError.value = null;
    action.error.value = null;
    if (form.value?.id !== formId) {
      form.value = null;
      version.value = null;
    }
    try {
      await readForm(formId);
      const id = versionId ?? versions.value[0]?.id ?? form.value!.latestVersion.id;
      applyVersion(await formsApi.version(id));
    } catch (e) {
      loadError.value = e;
    }
  }

  const save = () =>
    run(async () => {
      applyVersion(await formsApi.saveVersion(version.value!.id, clean.value, etag.value));
      await readForm(form.value!.id);
    });

  /** Publishes (saving unsaved changes first); the version is then read-only. */
  const publish = () =>
    run(async () => {
      if (dirty.value)
        applyVersion(await formsApi.saveVersion(version.value!.id, clean.value, etag.value));
      applyVersion(await formsApi.publish(version.value!.id, etag.value));
      await readForm(form.value!.id);
    });

  /** Starts the next version (a copy of the newest); resolves with its id. */
  async function startVersion(): Promise<string | null> {
    let id: string | null = null;
    await run(async () => {
      const created = await formsApi.newVersion(form.value!.id);
      applyVersion(created);
      id = created.data.id;
      await readForm(form.value!.id);
    });
    return id;
  }

  /** Deletes the draft version; the newest remaining version is shown. */
  const removeDraft = () =>
    run(async () => {
      await formsApi.removeVersion(version.value!.id, etag.value);
      await readForm(form.value!.id);
      applyVersion(await formsApi.version(versions.value[0]?.id ?? form.value!.latestVersion.id));
    });

  /** Renames the form or changes its description (the form's own ETag). */
  const updateForm = (body: UpdateFormBody) =>
    run(async () => {
      const response = await formsApi.update(form.value!.id, body, formEtag);
      form.value = response.data;
      formEtag = response.etag ?? etagOf(response.data.version);
    });

  /** Deletes the form (the API refuses one a campaign uses: 409). */
  const removeForm = () => run(() => formsApi.remove(form.value!.id, formEtag));

  /** Drops unsaved changes. */
  function revert(): void {
    if (version.value) definition.value = structuredClone(version.value.definition);
  }

  return {
    form,
    versions,
    version,
    definition,
    loadError,
    error,
    busy,
    dirty,
    editable,
    problems,
    serverProblems,
    stale,
    canStartVersion,
    load,
    save,
    publish,
    startVersion,
    removeDraft,
    revert,
    updateForm,
    removeForm,
  };
});
