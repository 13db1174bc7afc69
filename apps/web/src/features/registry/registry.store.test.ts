import type { RegistryImport } from '@socplan/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, jobOf, problem } from '../../test-support/fake-api.ts';
import { useRegistryStore } from './registry.store.ts';

const imported = (status: RegistryImport['status'], version = 1): RegistryImport => ({
  id: 'i1',
  status,
  jobId: 'j1',
  fileName: 'rpss.json',
  regionOnly: true,
  summary: status === 'analysing' ? null : { effectiveDate: '2026-01-01', totalChanges: 120 },
  createdBy: null,
  createdAt: '2026-01-01T00:00:00Z',
  appliedBy: null,
  appliedAt: null,
  version,
});

describe('registry store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('uploads the file itself as the body, with the options in the query', async () => {
    const calls = fakeApi(() => [202, imported('analysing'), { etag: '"1"' }]);
    const store = useRegistryStore();
    const file = new Blob(['{"polozky":[]}'], { type: 'application/json' });

    const result = await store.upload(file, { regionOnly: false, fileName: 'rpss.json' });

    expect(result?.status).toBe('analysing');
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: '/api/registry/imports?regionOnly=false&fileName=rpss.json',
      body: file,
    });
    expect(calls[0]?.headers['content-type']).toBe('application/json');
  });

  it('follows the analysis job’s progress, then reads the finished import', async () => {
    const jobs = [jobOf('running', 0.25), jobOf('running', 0.75), jobOf('succeeded', 1)];
    let analysed = false;
    fakeApi((call) => {
      if (call.url === '/api/jobs/j1') {
        const next = jobs.shift()!;
        analysed = next.status === 'succeeded';
        return [200, next];
      }
      return [200, imported(analysed ? 'ready' : 'analysing'), { etag: '"2"' }];
    });
    const store = useRegistryStore();
    const progress: number[] = [];
    store.$subscribe(() => {
      if (store.job && progress.at(-1) !== store.job.progress) progress.push(store.job.progress);
    });

    await store.follow('i1', 1);

    expect(progress).toEqual([0.25, 0.75, 1]);
    expect(store.current?.status).toBe('ready');
    expect(store.etag).toBe('"2"');
  });

  it('applies with the import’s ETag and keeps the applied import', async () => {
    const calls = fakeApi((call) =>
      call.method === 'POST'
        ? [200, imported('applied', 3), { etag: '"3"' }]
        : [200, imported('ready', 2), { etag: '"2"' }],
    );
    const store = useRegistryStore();
    await store.follow('i1');

    expect(await store.apply()).toBe(true);

    const apply = calls.find((c) => c.method === 'POST');
    expect(apply?.url).toBe('/api/registry/imports/i1/apply');
    expect(apply?.headers['if-match']).toBe('"2"');
    expect(store.current?.status).toBe('applied');
  });

  it('reports an import applied meanwhile (412) without losing the review', async () => {
    fakeApi((call) =>
      call.method === 'POST'
        ? problem(412, 'Precondition Failed')
        : [200, imported('ready', 2), { etag: '"2"' }],
    );
    const store = useRegistryStore();
    await store.follow('i1');

    expect(await store.apply()).toBe(false);
    expect(store.error).toMatchObject({ status: 412 });
    expect(store.current?.status).toBe('ready');
  });
});
