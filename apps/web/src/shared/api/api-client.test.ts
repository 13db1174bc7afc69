import type { TokenPair } from '@socplan/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createApiClient, REFRESH_TOKEN_KEY } from './api-client.ts';
import { ApiError } from './api-error.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const problem = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify({ type: 'about:blank', status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

const pair = (n: number): TokenPair => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 900,
  user: { id: 'u1', kind: 'user', name: 'Jana', email: 'jana@example.org', roles: [] },
});

type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };

/** A fake server: `handle` answers each request; every request is recorded in `calls`. */
function fakeFetch(handle: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return handle(call);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe('api client', () => {
  it('turns a problem+json answer into an ApiError with field errors', async () => {
    const { fetch } = fakeFetch(() =>
      problem(400, {
        title: 'Invalid request',
        detail: 'The body is invalid.',
        code: 'validation',
        errors: [
          { pointer: '/email', detail: 'must be an email' },
          { pointer: '/roles/0/territorialUnitId', detail: 'is required' },
        ],
      }),
    );
    const client = createApiClient({ fetch });

    const error = await client.post('/api/users', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.title).toBe('Invalid request');
    expect(apiError.detail).toBe('The body is invalid.');
    expect(apiError.code).toBe('validation');
    expect(apiError.fieldErrors).toEqual({
      email: 'must be an email',
      'roles/0/territorialUnitId': 'is required',
    });
  });

  it('reports a non-problem error by status and an unreachable server as status 0', async () => {
    const client = createApiClient({
      fetch: fakeFetch(() => new Response('<html>', { status: 502, statusText: 'Bad Gateway' }))
        .fetch,
    });
    await expect(client.get('/api/x')).rejects.toMatchObject({ status: 502, title: 'Bad Gateway' });

    const offline = createApiClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(offline.get('/api/x')).rejects.toMatchObject({ status: 0 });
  });

  it('sends the bearer token and builds the query string without empty values', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { items: [], total: 0 }));
    const client = createApiClient({ fetch });
    client.setSession(pair(1));

    await client.get('/api/territorial-units', {
      kind: 'orp',
      q: '',
      parentId: undefined,
      limit: 25,
    });

    expect(calls[0]?.url).toBe('/api/territorial-units?kind=orp&limit=25');
    expect(calls[0]?.headers.authorization).toBe('Bearer access-1');
  });

  it('repeats a parameter for each value of an array and skips empty arrays', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { items: [], total: 0 }));
    const client = createApiClient({ fetch });

    await client.get('/api/services', { type: ['40', '49'], form: [], status: ['active'] });

    expect(calls[0]?.url).toBe('/api/services?type=40&type=49&status=active');
  });

  it('sends a file as the request body itself, not as JSON', async () => {
    let sent: BodyInit | null | undefined;
    let contentType: string | undefined;
    const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent = init?.body;
      contentType = (init?.headers as Record<string, string>)['content-type'];
      return json(202, { id: 'i1' });
    });
    const client = createApiClient({ fetch: fetch as unknown as typeof globalThis.fetch });
    const file = new Blob(['{"polozky":[]}']);

    const { status } = await client.request('/api/registry/imports', {
      method: 'POST',
      body: file,
      contentType: 'application/json',
    });

    expect(status).toBe(202);
    expect(sent).toBe(file);
    expect(contentType).toBe('application/json');
  });

  it('sends FormData as multipart, leaving the content type and its boundary to the browser', async () => {
    let init: RequestInit | undefined;
    const fetch = vi.fn(async (_input: RequestInfo | URL, given?: RequestInit) => {
      init = given;
      return json(201, { id: 'a1' });
    });
    const client = createApiClient({ fetch: fetch as unknown as typeof globalThis.fetch });
    const form = new FormData();
    form.append('name', 'Usnesení');
    form.append('file', new Blob(['%PDF']), 'usneseni.pdf');

    const { data } = await client.request('/api/plans/p1/attachments', {
      method: 'POST',
      body: form,
    });

    expect(data).toEqual({ id: 'a1' });
    expect(init?.body).toBe(form);
    expect(Object.keys(init?.headers ?? {})).not.toContain('content-type');
  });

  it('downloads a body as a Blob with its headers, refreshing an expired token first', async () => {
    const storage = memoryStorage({ [REFRESH_TOKEN_KEY]: 'refresh-0' });
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/api/auth/refresh') return json(200, pair(1));
      if (call.headers.authorization !== 'Bearer access-1') return problem(401, {});
      return new Response('%PDF-1.4', {
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': 'attachment; filename="plan.pdf"',
        },
      });
    });
    const client = createApiClient({ fetch, storage });
    client.setSession({ ...pair(0), refreshToken: 'refresh-0' });

    const { data, headers } = await client.request<Blob>('/api/plans/p1/attachments/a1/content', {
      responseType: 'blob',
    });

    expect(data).toBeInstanceOf(Blob);
    expect(await data.text()).toBe('%PDF-1.4');
    expect(data.type).toBe('application/pdf');
    expect(headers.get('content-disposition')).toBe('attachment; filename="plan.pdf"');
    expect(calls.map((call) => call.url)).toEqual([
      '/api/plans/p1/attachments/a1/content',
      '/api/auth/refresh',
      '/api/plans/p1/attachments/a1/content',
    ]);
  });

  it('exposes the ETag of a read and sends it back as If-Match', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      json(200, { id: 'u1', version: call.method === 'GET' ? 3 : 4 }, { etag: '"3"' }),
    );
    const client = createApiClient({ fetch });

    const read = await client.request<{ version: number }>('/api/users/u1');
    await client.request('/api/users/u1', {
      method: 'PATCH',
      body: { name: 'X' },
      ifMatch: read.etag,
    });

    expect(read.etag).toBe('"3"');
    expect(calls[1]?.headers['if-match']).toBe('"3"');
    expect(calls[1]?.headers['content-type']).toBe('application/json');
    expect(calls[1]?.body).toEqual({ name: 'X' });
  });

  it('refreshes once for concurrent 401s and replays every call with the new token', async () => {
    const { fetch, calls } = fakeFetch(async (call) => {
      if (call.url === '/api/auth/refresh') {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return json(200, pair(2));
      }
      return call.headers.authorization === 'Bearer access-2'
        ? json(200, { ok: call.url })
        : problem(401, { title: 'Unauthorized' });
    });
    const storage = memoryStorage();
    const client = createApiClient({ fetch, storage });
    const sessions: (TokenPair | null)[] = [];
    client.onSessionChange((p) => sessions.push(p));
    client.setSession(pair(1));

    const results = await Promise.all([
      client.get('/api/a'),
      client.get('/api/b'),
      client.get('/api/c'),
    ]);

    expect(results).toEqual([{ ok: '/api/a' }, { ok: '/api/b' }, { ok: '/api/c' }]);
    const refreshes = calls.filter((c) => c.url === '/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.body).toEqual({ refreshToken: 'refresh-1' });
    expect(refreshes[0]?.headers.authorization).toBeUndefined();
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
    expect(sessions.at(-1)?.accessToken).toBe('access-2');
  });

  it('ends the session when the refresh token is rejected and reports the 401', async () => {
    const { fetch, calls } = fakeFetch(() => problem(401, { title: 'Unauthorized' }));
    const storage = memoryStorage();
    const client = createApiClient({ fetch, storage });
    const sessions: (TokenPair | null)[] = [];
    client.onSessionChange((p) => sessions.push(p));
    client.setSession(pair(1));

    await expect(client.get('/api/a')).rejects.toMatchObject({ status: 401 });

    expect(calls.map((c) => c.url)).toEqual(['/api/a', '/api/auth/refresh']);
    expect(client.hasSession()).toBe(false);
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(sessions.at(-1)).toBeNull();
  });

  it('after a reload refreshes from the stored token before the first call', async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.url === '/api/auth/refresh' ? json(200, pair(2)) : json(200, { ok: true }),
    );
    const client = createApiClient({
      fetch,
      storage: memoryStorage({ [REFRESH_TOKEN_KEY]: 'refresh-1' }),
    });

    await client.get('/api/auth/me');

    expect(calls.map((c) => c.url)).toEqual(['/api/auth/refresh', '/api/auth/me']);
    expect(calls[1]?.headers.authorization).toBe('Bearer access-2');
  });

  it('refreshes with the token another tab stored, never with a used one', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/api/auth/refresh') return json(200, pair(3));
      return call.headers.authorization === 'Bearer access-3'
        ? json(200, { ok: true })
        : problem(401, { title: 'Unauthorized' });
    });
    const storage = memoryStorage();
    const client = createApiClient({ fetch, storage });
    client.setSession(pair(1));
    storage.setItem(REFRESH_TOKEN_KEY, 'refresh-2'); // another tab rotated the token

    await client.get('/api/a');

    expect(calls.find((c) => c.url === '/api/auth/refresh')?.body).toEqual({
      refreshToken: 'refresh-2',
    });
  });

  it('keeps the session when the refresh is only rate-limited', async () => {
    const { fetch } = fakeFetch((call) =>
      call.url === '/api/auth/refresh'
        ? problem(429, { title: 'Too Many Requests' })
        : problem(401, { title: 'Unauthorized' }),
    );
    const storage = memoryStorage();
    const client = createApiClient({ fetch, storage });
    client.setSession(pair(1));

    await expect(client.get('/api/a')).rejects.toMatchObject({ status: 401 });
    expect(storage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
  });
});
