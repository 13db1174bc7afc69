import type { Form, FormVersion } from '@socplan/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { fakeApi, problem, type FakeAnswer } from '../../test-support/fake-api.ts';
import { useFormBuilderStore } from './form-builder.store.ts';

const form = {
  id: 'f1',
  name: 'Roční výkaz',
  latestVersion: { id: 'v2', number: 2, status: 'draft' },
  publishedVersion: { id: 'v1', number: 1, status: 'published' },
  version: 1,
} as Form;
const draft = {
  id: 'v2',
  number: 2,
  status: 'draft',
  definition: { sections: [], rules: [] },
  version: 5,
} as unknown as FormVersion;

const ok = (body: unknown, etag?: string): FakeAnswer => [200, body, etag ? { etag } : {}];

function api(handle?: (method: string, url: string) => FakeAnswer | undefined) {
  return fakeApi(({ method, url }) => {
    const answer = handle?.(method, url);
    if (answer) return answer;
    if (url === '/api/forms/f1') return ok(form, '"1"');
    if (url === '/api/forms/f1/versions') return ok({ items: [draft], total: 1 });
    if (url === '/api/form-versions/v2') return ok(draft, '"5"');
    return problem(404, 'Not found');
  });
}

describe('form builder store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('saves the edited definition with the version it was read at', async () => {
    const calls = api((method) =>
      method === 'PUT' ? ok({ ...draft, version: 6 }, '"6"') : undefined,
    );
    const store = useFormBuilderStore();
    await store.load('f1');
    expect(store.editable).toBe(true);
    expect(store.dirty).toBe(false);

    store.definition.sections.push({
      code: 'a',
      label: { cs: ' Sekce ', en: '' },
      fields: [],
    });
    expect(store.dirty).toBe(true);
    expect(await store.save()).toBe(true);

    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.url).toBe('/api/form-versions/v2');
    expect(put.headers['if-match']).toBe('"5"');
    expect(put.body).toEqual({
      definition: { sections: [{ code: 'a', label: { cs: 'Sekce' }, fields: [] }], rules: [] },
    });
  });

  it('says when someone else changed the version (412), and a reload reads it again', async () => {
    api((method) => (method === 'PUT' ? problem(412, 'Precondition Failed') : undefined));
    const store = useFormBuilderStore();
    await store.load('f1');
    store.definition.rules.push({ code: 'r', assert: 'x > 0', message: { cs: 'x' } });

    expect(await store.save()).toBe(false);
    expect(store.stale).toBe(true);
    await store.load('f1', 'v2');
    expect(store.stale).toBe(false);
    expect(store.dirty).toBe(false);
  });

  it('saves unsaved changes before publishing, then shows the version read-only', async () => {
    const published = { ...draft, status: 'published', version: 7 };
    const calls = api((method, url) => {
      if (method === 'PUT') return ok({ ...draft, version: 6 }, '"6"');
      if (url.endsWith('/publish')) return ok(published, '"7"');
      return undefined;
    });
    const store = useFormBuilderStore();
    await store.load('f1');
    store.definition.sections.push({ code: 'a', label: { cs: 'A' }, fields: [] });

    expect(await store.publish()).toBe(true);
    const writes = calls.filter((c) => c.method !== 'GET');
    expect(writes.map((c) => [c.method, c.url, c.headers['if-match']])).toEqual([
      ['PUT', '/api/form-versions/v2', '"5"'],
      ['POST', '/api/form-versions/v2/publish', '"6"'],
    ]);
    expect(store.editable).toBe(false);
  });

  it('shows the problems the API refused publishing for', async () => {
    api((method, url) =>
      method === 'PUT'
        ? ok({ ...draft, version: 6 }, '"6"')
        : url.endsWith('/publish')
          ? [
              400,
              {
                type: 'about:blank',
                title: 'Invalid',
                status: 400,
                errors: [{ pointer: '/definition/rules/0/assert', detail: 'unknown field x' }],
              },
            ]
          : undefined,
    );
    const store = useFormBuilderStore();
    await store.load('f1');
    expect(await store.publish()).toBe(false);
    expect(store.serverProblems).toEqual([
      { pointer: '/definition/rules/0/assert', detail: 'unknown field x' },
    ]);

    // Saved first and then refused: the verdict stays, as it is about what is shown.
    store.definition.rules.push({ code: 'r', assert: 'x > 0', message: { cs: 'x' } });
    expect(await store.publish()).toBe(false);
    await nextTick();
    expect(store.serverProblems).toHaveLength(1);

    // Fixed in the builder: the API's old verdict no longer shows.
    store.definition.sections.push({ code: 'a', label: { cs: 'A' }, fields: [] });
    await nextTick();
    expect(store.serverProblems).toEqual([]);
    expect(store.error).toBeNull();
  });
});
