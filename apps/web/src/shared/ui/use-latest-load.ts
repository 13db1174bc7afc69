import { ref, shallowRef } from 'vue';

/**
 * Loading state of data that is read again whenever its inputs change: only the answer to the
 * latest request is applied; answers to superseded ones are dropped.
 */
export function useLatestLoad<T>(load: () => Promise<T>, apply: (value: T) => void) {
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  let latest = 0;

  async function reload(): Promise<void> {
    const request = ++latest;
    loading.value = true;
    try {
      const value = await load();
      if (request !== latest) return;
      apply(value);
      error.value = null;
    } catch (e) {
      if (request === latest) error.value = e;
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  return { loading, error, reload };
}
