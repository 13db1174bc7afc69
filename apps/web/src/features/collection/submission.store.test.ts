import type { Submission } from '@socplan/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, type FakeAnswer } from '../../test-support/fake-api.ts';
import { useSubmissionStore } from './submission.store.ts';

const base = {
  id: 's1',
  status: 'draft',
  campaignStatus: 'open',
  definition: { sections: [], rules: [] },
  choices: {},
  rows: {},
  values: { capacity: 20 },
  prefilled: ['capacity'],
  issues: [],
  comments: [],
  events: [],
  version: 1,
} as unknown as Submission;
const answer = (version: number, over: Partial<Submission> = {}): FakeAnswer => [
  200,
  { ...base, version, ...over },
  { etag: `"${version}"` },
];

describe('submission store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('autosaves a changed field with If-Match and keeps the prefill mark until edited', async () => {
    let version = 1;
    const calls = fakeApi(({ method }) =>
      method === 'PATCH' ? answer(++version) : answer(version),
    );
    const store = useSubmissionStore();
    await store.load('s1');
    expect(store.prefilled).toEqual(['capacity']);

    store.values = { ...store.values, capacity: 25 };
    store.changed('capacity');
    expect(store.prefilled).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);

    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.url).toBe('/api/submissions/s1');
    expect(patch.headers['if-match']).toBe('"1"');
    expect(patch.body).toEqual({ values: { capacity: 25 } });
    expect(store.saveState).toBe('saved');
    expect(store.values.capacity).toBe(25); // the answer does not overwrite typing
  });

  it('on 412 keeps the typing and re-applies it over the reloaded submission', async () => {
    let conflict = true;
    const calls = fakeApi(({ method }) => {
      if (method === 'PATCH') {
        if (conflict) {
          conflict = false;
          return [412, { type: 'about:blank', title: 'Stale', status: 412 }];
        }
        return answer(6);
      }
      return answer(conflict ? 1 : 5, conflict ? {} : { values: { capacity: 20, staff: 3 } });
    });
    const store = useSubmissionStore();
    await store.load('s1');
    store.values = { ...store.values, capacity: 30 };
    store.changed('capacity');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.saveState).toBe('conflict');

    await store.reload(true);
    // Someone else's value and mine, saved on the new version.
    expect(store.values).toEqual({ capacity: 30, staff: 3 });
    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(patches[1]!.headers['if-match']).toBe('"5"');
    expect(patches[1]!.body).toEqual({ values: { capacity: 30 } });
    expect(store.saveState).toBe('saved');
  });

  it('shows a refused submit’s errors at their fields', async () => {
    fakeApi(({ method }) =>
      method === 'POST'
        ? [
            400,
            {
              type: 'about:blank',
              title: 'Invalid',
              status: 400,
              code: 'invalid-submission',
              errors: [{ pointer: '/values/occupied', detail: 'Occupied exceeds capacity' }],
            },
          ]
        : answer(1),
    );
    const store = useSubmissionStore();
    await store.load('s1');
    expect(await store.submit()).toBe(false);
    expect(store.refusal).toEqual([
      expect.objectContaining({ key: 'occupied', message: 'Occupied exceeds capacity' }),
    ]);
  });

  it('submits with the ETag and reads the submission again', async () => {
    const calls = fakeApi(({ method }) =>
      method === 'POST'
        ? answer(2, { status: 'submitted' })
        : answer(calls.length > 1 ? 2 : 1, calls.length > 1 ? { status: 'submitted' } : {}),
    );
    const store = useSubmissionStore();
    await store.load('s1');
    expect(await store.submit()).toBe(true);
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/submissions/s1/submit');
    expect(post.headers['if-match']).toBe('"1"');
    expect(store.submission?.status).toBe('submitted');
  });
});
