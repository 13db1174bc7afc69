import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave, type SaveState } from './autosave.ts';

class Conflict extends Error {}

function setup(save = vi.fn(async (_changes: Record<string, unknown>) => undefined)) {
  const states: SaveState[] = [];
  const autosave = createAutosave({
    save,
    isConflict: (e) => e instanceof Conflict,
    onState: (s) => states.push(s),
    delay: 1000,
  });
  return { autosave, save, states };
}

/** A promise resolved from outside: a request in flight. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('autosave', () => {
  it('waits for a pause in typing and sends the changed fields together', async () => {
    const { autosave, save, states } = setup();
    autosave.change('capacity', 1);
    await vi.advanceTimersByTimeAsync(500);
    autosave.change('capacity', 12);
    autosave.change('occupied', 10);
    await vi.advanceTimersByTimeAsync(999);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledExactlyOnceWith({ capacity: 12, occupied: 10 });
    expect(states.at(-1)).toBe('saved');
    expect(autosave.unsaved()).toEqual({});
  });

  it('sends what is typed during a save in the next one, never two at once', async () => {
    const first = deferred();
    const save = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValue(undefined);
    const { autosave } = setup(save);
    autosave.change('a', 1);
    await vi.advanceTimersByTimeAsync(1000);
    autosave.change('b', 2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1); // the first is still in flight
    expect(autosave.unsaved()).toEqual({ a: 1, b: 2 });
    first.resolve();
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith({ b: 2 });
  });

  it('keeps a failed save’s changes (newer typing wins) and retries on flush', async () => {
    const save = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    const { autosave, states } = setup(save);
    autosave.change('a', 1);
    autosave.change('b', 1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(states.at(-1)).toBe('error');
    autosave.change('b', 2);
    expect(autosave.unsaved()).toEqual({ a: 1, b: 2 });
    expect(await autosave.flush()).toBe(true);
    expect(save).toHaveBeenLastCalledWith({ a: 1, b: 2 });
    expect(autosave.state()).toBe('saved');
  });

  it('stops on a conflict, keeps typing for re-applying and resumes after the reload', async () => {
    const save = vi.fn().mockRejectedValueOnce(new Conflict()).mockResolvedValue(undefined);
    const { autosave } = setup(save);
    autosave.change('a', 1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(autosave.state()).toBe('conflict');
    autosave.change('b', 2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1); // nothing more is sent over a stale version
    expect(await autosave.flush()).toBe(false);

    const unsaved = autosave.unsaved();
    expect(unsaved).toEqual({ a: 1, b: 2 });
    autosave.discard();
    expect(await autosave.resume(unsaved)).toBe(true);
    expect(save).toHaveBeenLastCalledWith({ a: 1, b: 2 });
  });

  it('flush waits for the save in flight and then sends the rest (before submitting)', async () => {
    const first = deferred();
    const save = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValue(undefined);
    const { autosave } = setup(save);
    autosave.change('a', 1);
    await vi.advanceTimersByTimeAsync(1000);
    autosave.change('b', 2);
    const flushed = autosave.flush();
    first.resolve();
    expect(await flushed).toBe(true);
    expect(save.mock.calls).toEqual([[{ a: 1 }], [{ b: 2 }]]);
    expect(autosave.unsaved()).toEqual({});
  });

  it('a cleared field is sent as null', async () => {
    const { autosave, save } = setup();
    autosave.change('a', null);
    await autosave.flush();
    expect(save).toHaveBeenCalledWith({ a: null });
  });
});
