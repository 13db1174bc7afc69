import type { CreateRegistryImportQuery, Job, RegistryImport } from '@socplan/contracts';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { waitForJob } from '../../shared/api/jobs.ts';
import { useNetworkStore } from '../network/network.store.ts';
import { registryApi } from './registry.api.ts';

/** Statuses in which a job is still working on the import. */
const WORKING: readonly RegistryImport['status'][] = ['analysing', 'applying'];

/**
 * One registry import followed from upload to result: the upload, the analysis job's progress,
 * the import with its summary, and applying it (with its ETag as If-Match).
 */
export const useRegistryStore = defineStore('registry', () => {
  const current = shallowRef<RegistryImport | null>(null);
  const etag = ref<string | null>(null);
  const job = shallowRef<Job | null>(null);
  const uploading = ref(false);
  const applying = ref(false);
  const error = shallowRef<unknown>(null);
  let following: AbortController | null = null;

  function keep(response: { data: RegistryImport; etag: string | null }): RegistryImport {
    current.value = response.data;
    etag.value = response.etag;
    return response.data;
  }

  async function upload(
    file: Blob,
    query: CreateRegistryImportQuery,
  ): Promise<RegistryImport | null> {
    uploading.value = true;
    error.value = null;
    job.value = null;
    try {
      return keep(await registryApi.upload(file, query));
    } catch (e) {
      error.value = e;
      return null;
    } finally {
      uploading.value = false;
    }
  }

  /**
   * Reads the import and, while a job works on it, reports the job's progress until it ends,
   * then reads the import again. A newer `follow` (another page) stops this one.
   */
  async function follow(id: string, intervalMs = 1000): Promise<void> {
    following?.abort();
    const controller = new AbortController();
    following = controller;
    error.value = null;
    job.value = null;
    try {
      if (current.value?.id !== id) current.value = null;
      let imported = keep(await registryApi.get(id));
      // The import says what its job is doing a moment after the job ends: a few rounds.
      for (
        let round = 0;
        WORKING.includes(imported.status) && imported.jobId && round < 5;
        round++
      ) {
        await waitForJob(imported.jobId, {
          intervalMs,
          signal: controller.signal,
          onUpdate: (state) => (job.value = state),
        });
        imported = keep(await registryApi.get(id));
      }
    } catch (e) {
      if (!controller.signal.aborted) error.value = e;
    } finally {
      if (following === controller) following = null;
    }
  }

  function stop(): void {
    following?.abort();
    following = null;
  }

  /** Applies the import under review; a stale ETag (someone applied or re-ran) answers 412. */
  async function apply(): Promise<boolean> {
    const imported = current.value;
    if (!imported) return false;
    applying.value = true;
    error.value = null;
    try {
      keep(await registryApi.apply(imported.id, etag.value));
      useNetworkStore().invalidate();
      return true;
    } catch (e) {
      error.value = e;
      return false;
    } finally {
      applying.value = false;
    }
  }

  return { current, etag, job, uploading, applying, error, upload, follow, stop, apply };
});
