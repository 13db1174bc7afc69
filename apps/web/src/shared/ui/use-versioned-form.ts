import { computed, ref, shallowRef } from 'vue';
import type { ApiResponse } from '../api/index.ts';
import { isApiError } from '../api/index.ts';

/**
 * Edit state of one versioned resource: remembers the ETag it was read with and sends it as
 * If-Match on save, so a concurrent change is refused (412) instead of overwritten.
 */
export function useVersionedForm<T>() {
  const data = shallowRef<T | null>(null);
  const etag = ref<string | null>(null);
  const busy = ref(false);
  const error = shallowRef<unknown>(null);
  const saved = ref(false);

  const fieldErrors = computed(() => (isApiError(error.value) ? error.value.fieldErrors : {}));
  const stale = computed(() => isApiError(error.value) && error.value.status === 412);

  async function run(action: () => Promise<ApiResponse<T>>): Promise<T | null> {
    busy.value = true;
    error.value = null;
    saved.value = false;
    try {
      const response = await action();
      data.value = response.data;
      etag.value = response.etag;
      return response.data;
    } catch (e) {
      error.value = e;
      return null;
    } finally {
      busy.value = false;
    }
  }

  return {
    data,
    busy,
    error,
    saved,
    fieldErrors,
    stale,
    /** Reads the resource (and its ETag). */
    load: (read: () => Promise<ApiResponse<T>>) => run(read),
    /** Writes with the ETag of the last read or write as If-Match. */
    async save(write: (ifMatch: string | null) => Promise<ApiResponse<T>>): Promise<T | null> {
      const result = await run(() => write(etag.value));
      saved.value = result !== null;
      return result;
    },
  };
}
