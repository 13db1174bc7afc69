import type { FieldValue, Values } from '@socplan/form-rules';

/**
 * Autosave of a draft: changed fields are collected and sent together once typing pauses
 * (debounce), one request at a time. What is typed while a save is in flight waits for the next
 * one; what a failed save carried goes back to the queue (newer typing wins), so nothing typed
 * is lost: offline, the user retries; on a conflict (412, someone else saved meanwhile) the page
 * reloads and re-applies `unsaved()`.
 */

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';

export interface AutosaveOptions {
  /** Sends the changed fields (null clears); throws on failure. */
  save: (changes: Values) => Promise<void>;
  /** Whether a failure means the resource changed meanwhile (412). */
  isConflict: (error: unknown) => boolean;
  onState?: (state: SaveState, detail: { savedAt: Date | null; error: unknown }) => void;
  delay?: number;
  now?: () => Date;
}

export interface Autosave {
  /** A field changed: queue it and (re)start the pause timer. */
  change: (field: string, value: FieldValue) => void;
  /** Saves what is queued now; true when everything queued until now is saved. */
  flush: () => Promise<boolean>;
  /** The changes not saved yet (queued, in flight or failed). */
  unsaved: () => Values;
  /** Queue these changes again and save them (after a reload on conflict). */
  resume: (changes: Values) => Promise<boolean>;
  /** Forget unsaved changes (the user chose the server's version). */
  discard: () => void;
  state: () => SaveState;
  dispose: () => void;
}

export function createAutosave(options: AutosaveOptions): Autosave {
  const delay = options.delay ?? 1000;
  const now = options.now ?? (() => new Date());
  let queued: Values = {};
  let inFlight: Values | null = null;
  let current: Promise<boolean> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let state: SaveState = 'idle';
  let savedAt: Date | null = null;
  let error: unknown = null;

  const isEmpty = (values: Values) => Object.keys(values).length === 0;
  function setState(next: SaveState): void {
    state = next;
    options.onState?.(state, { savedAt, error });
  }
  function cancelTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }
  function schedule(): void {
    cancelTimer();
    timer = setTimeout(() => void flush(), delay);
  }

  function send(): Promise<boolean> {
    const batch = queued;
    queued = {};
    inFlight = batch;
    setState('saving');
    return (async () => {
      try {
        await options.save(batch);
        savedAt = now();
        error = null;
        setState(isEmpty(queued) ? 'saved' : 'pending');
        if (!isEmpty(queued)) schedule();
        return true;
      } catch (e) {
        // Back to the queue; what was typed meanwhile is newer and wins.
        queued = { ...batch, ...queued };
        error = e;
        setState(options.isConflict(e) ? 'conflict' : 'error');
        return false;
      } finally {
        inFlight = null;
      }
    })();
  }

  async function flush(): Promise<boolean> {
    cancelTimer();
    if (current) {
      const ok = await current;
      // The in-flight save ended; send what was typed meanwhile (unless it failed).
      return ok && flush();
    }
    if (state === 'conflict') return false;
    if (isEmpty(queued)) return state !== 'error';
    current = send().finally(() => {
      current = null;
    });
    const ok = await current;
    return ok && (isEmpty(queued) || flush());
  }

  return {
    change(field, value) {
      queued = { ...queued, [field]: value };
      if (state === 'conflict') return; // kept for re-applying after the reload
      if (!current) setState('pending');
      schedule();
    },
    flush,
    unsaved: () => ({ ...inFlight, ...queued }),
    resume(changes) {
      queued = { ...changes, ...queued };
      error = null;
      state = 'idle';
      return flush();
    },
    discard() {
      cancelTimer();
      queued = {};
      error = null;
      setState('idle');
    },
    state: () => state,
    dispose: cancelTimer,
  };
}
