import type { Job, RegistryImport } from '@socplan/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

const job = (status: Job['status'], progress: number): Job => ({
  id: 'j1',
  kind: 'registry.analyse',
  status,
  progress,
  message: null,
  result: null,
  error: null,
  attempts: 1,
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  finishedAt: null,
});

type Call = { method: string; url: string; headers: Record<string, string>; body: unknown };

function server(handle: (call: Call) => [number, unknown, Record<string, string>?]) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const call = {
        method: init.method ?? 'GET',
        url: String(input),
        headers: (init.headers ?? {}) as Record<string, string>,
        body: init.body,
      };
      calls.push(call);
      const [status, body, headers = {}] = handle(call);
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers },
      });
    }),
  );
  return calls;
}

describe('registry store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('uploads the file itself as the body, with the options in the query', async () => {
    const calls = server(() => [202, imported('analysing'), { etag: '"1"' }]);
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
    const jobs = [job('running', 0.25), job('running', 0.75), job('succeeded', 1)];
    let analysed = false;
    server((call) => {
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
    const calls = server((call) =>
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
    server((call) =>
      call.method === 'POST'
        ? [412, { type: 'about:blank', title: 'Precondition Failed', status: 412 }]
        : [200, imported('ready', 2), { etag: '"2"' }],
    );
    const store = useRegistryStore();
    await store.follow('i1');

    expect(await store.apply()).toBe(false);
    expect(store.error).toMatchObject({ status: 412 });
    expect(store.current?.status).toBe('ready');
  });
});
