import type { TokenPair } from '@socplan/contracts';
import { ApiError } from './api-error.ts';

type Scalar = string | number | boolean;
/** An array is sent as the parameter repeated (`type=40&type=49`), as the API reads lists. */
export type QueryValue = Scalar | readonly Scalar[] | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /**
   * JSON-encoded, except a Blob (a File), which is sent as it is: the browser streams it, and
   * FormData, sent as multipart/form-data with the boundary the browser chooses.
   */
  body?: unknown;
  /** The content type of a Blob body (default: the Blob's own type, else application/json). */
  contentType?: string;
  /** The ETag read with the resource; required by the API on PATCH/PUT/DELETE. */
  ifMatch?: string | null;
  /** Send the bearer token and refresh it on 401 (default); off for login and refresh. */
  auth?: boolean;
  /** `blob`: the answer's body as it is (a download) instead of parsed JSON. */
  responseType?: 'json' | 'blob';
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
  headers: Headers;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface ApiClientOptions {
  fetch?: typeof globalThis.fetch;
  /** Keeps the refresh token across reloads (default: memory); the access token is never stored. */
  storage?: KeyValueStorage | null;
  baseUrl?: string;
}

export const REFRESH_TOKEN_KEY = 'socplan.refreshToken';
const REFRESH_PATH = '/api/auth/refresh';

/** A session change: a new token pair after login or refresh, or null when it ended. */
export type SessionListener = (pair: TokenPair | null) => void;

export function createApiClient(options: ApiClientOptions = {}) {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // Shared by the app's tabs: the stored refresh token is always the latest one.
  const storage = options.storage ?? memoryStorage();
  const baseUrl = options.baseUrl ?? '';
  const listeners = new Set<SessionListener>();

  let accessToken: string | null = null;
  let refreshing: Promise<boolean> | null = null;
  const refreshToken = () => storage.getItem(REFRESH_TOKEN_KEY);

  function setSession(pair: TokenPair | null): void {
    accessToken = pair?.accessToken ?? null;
    if (pair) storage.setItem(REFRESH_TOKEN_KEY, pair.refreshToken);
    else storage.removeItem(REFRESH_TOKEN_KEY);
    listeners.forEach((listener) => listener(pair));
  }

  /** One refresh at a time: concurrent 401s all wait for the same call. */
  function refreshOnce(): Promise<boolean> {
    refreshing ??= acrossTabs(refresh).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function refresh(): Promise<boolean> {
    const token = refreshToken();
    if (!token) return false;
    try {
      const { data } = await send<TokenPair>(REFRESH_PATH, {
        method: 'POST',
        body: { refreshToken: token },
        auth: false,
      });
      setSession(data);
      return true;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 0) throw error;
      // A rejected refresh token ends the session; a busy or failing server does not.
      if ([400, 401, 403].includes(error.status)) setSession(null);
      return false;
    }
  }

  async function send<T>(
    path: string,
    init: RequestOptions = {},
    mayRetry = true,
  ): Promise<ApiResponse<T>> {
    const auth = init.auth ?? true;
    if (auth && !accessToken && refreshToken()) await refreshOnce();
    const tokenUsed = auth ? accessToken : null;

    const blob = init.responseType === 'blob';
    const raw = isBlob(init.body) || isFormData(init.body) ? init.body : null;
    const headers: Record<string, string> = { accept: blob ? '*/*' : 'application/json' };
    if (isBlob(raw)) headers['content-type'] = init.contentType ?? (raw.type || 'application/json');
    // FormData: no content type here, the browser adds it with the multipart boundary.
    else if (!raw && init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.ifMatch) headers['if-match'] = init.ifMatch;
    if (tokenUsed) headers.authorization = `Bearer ${tokenUsed}`;

    let response: Response;
    try {
      response = await doFetch(baseUrl + path + queryString(init.query), {
        method: init.method ?? 'GET',
        headers,
        body: raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      });
    } catch (cause) {
      throw ApiError.network(cause);
    }

    if (response.status === 401 && auth && mayRetry) {
      // Another call may already have refreshed while this one was in flight.
      const renewed = (accessToken !== null && accessToken !== tokenUsed) || (await refreshOnce());
      if (renewed) return send<T>(path, init, false);
    }
    if (!response.ok) throw await ApiError.fromResponse(response);

    return {
      data: (blob ? await response.blob() : await jsonOf(response)) as T,
      status: response.status,
      etag: response.headers.get('etag'),
      headers: response.headers,
    };
  }

  return {
    request: send,
    get: async <T>(path: string, query?: Record<string, QueryValue>) =>
      (await send<T>(path, { query })).data,
    post: async <T>(path: string, body?: unknown) =>
      (await send<T>(path, { method: 'POST', body })).data,
    setSession,
    hasSession: () => accessToken !== null || refreshToken() !== null,
    refreshToken,
    onSessionChange(listener: SessionListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

/**
 * A refresh token works once, and presenting it twice ends the session: tabs of the app
 * sharing the stored token take turns (Web Locks), and each reads the token inside its turn.
 */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request('socplan.refresh', task) : task();
}

const isBlob = (body: unknown): body is Blob => typeof Blob !== 'undefined' && body instanceof Blob;
const isFormData = (body: unknown): body is FormData =>
  typeof FormData !== 'undefined' && body instanceof FormData;

async function jsonOf(response: Response): Promise<unknown> {
  const text = response.status === 204 ? '' : await response.text();
  return text ? JSON.parse(text) : undefined;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    const values: readonly unknown[] = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item !== undefined && item !== null && item !== '') params.append(key, String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
