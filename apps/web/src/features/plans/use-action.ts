import { ref, shallowRef } from 'vue';

/** A user's action that calls the API: whether it runs, and the error it ended with. */
export function useAction() {
  const busy = ref(false);
  const error = shallowRef<unknown>(null);

  /** Runs `action`; true when it succeeded, else its error is kept for the page. */
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    busy.value = true;
    error.value = null;
    try {
      await action();
      return true;
    } catch (e) {
      error.value = e;
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
