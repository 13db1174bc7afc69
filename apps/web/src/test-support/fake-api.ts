import type { Job } from '@socplan/contracts';
import { vi } from 'vitest';

/** A request the fake API received. */
export interface FakeCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** A JSON body parsed; any other body (a file) as it was sent. */
  body: unknown;
}

/** What the fake API answers: status, JSON body and extra headers. */
export type FakeAnswer = [status: number, body: unknown, headers?: Record<string, string>];

/**
 * Replaces the global fetch (which the app's API client uses) with `handle`; every request is
 * recorded in the returned list. Errors (≥ 400) go out as problem+json.
 */
export function fakeApi(handle: (call: FakeCall) => FakeAnswer): FakeCall[] {
  const calls: FakeCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const call: FakeCall = {
        method: init.method ?? 'GET',
        url: String(input),
        headers: (init.headers ?? {}) as Record<string, string>,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      };
      calls.push(call);
      const [status, body, headers = {}] = handle(call);
      const type = status < 400 ? 'application/json' : 'application/problem+json';
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': type, ...headers },
      });
    }),
  );
  return calls;
}

export const problem = (status: number, title: string): FakeAnswer => [
  status,
  { type: 'about:blank', title, status },
];

export const jobOf = (status: Job['status'], progress: number): Job => ({
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
