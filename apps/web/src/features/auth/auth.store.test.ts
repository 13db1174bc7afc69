import type { Principal, TokenPair } from '@socplan/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../shared/api/index.ts';
import { REFRESH_TOKEN_KEY } from '../../shared/api/api-client.ts';
import { useAuthStore } from './auth.store.ts';

const coordinator: Principal = {
  id: '6f1c2b8e-0000-4000-8000-000000000001',
  kind: 'user',
  name: 'Koordinátorka Liberec',
  email: 'koordinator@example.org',
  roles: [
    {
      role: 'coordinator',
      territorialUnitId: '6f1c2b8e-0000-4000-8000-0000000000aa',
      territorialUnitName: 'Liberec',
      providerId: null,
    },
  ],
};

const tokens = (user: Principal): TokenPair => ({
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 900,
  user,
});

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** The app's client calls the global fetch; each test installs a fake one. */
function serve(handle: (url: string, init: RequestInit) => Response) {
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) =>
    handle(String(input), init),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('auth store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    api.setSession(null);
    localStorage.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('login keeps the user and the refresh token for a reload', async () => {
    const fetch = serve(() => json(200, tokens(coordinator)));
    const auth = useAuthStore();

    await auth.login('koordinator@example.org', 'secret-password');

    expect(fetch).toHaveBeenCalledWith(
      '/api/auth/login',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ email: 'koordinator@example.org', password: 'secret-password' }),
      }),
    );
    expect(auth.isAuthenticated).toBe(true);
    expect(auth.user?.name).toBe('Koordinátorka Liberec');
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh');
  });

  it('a failed login leaves no session', async () => {
    serve(() => json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }));
    const auth = useAuthStore();

    await expect(auth.login('x@example.org', 'wrong')).rejects.toMatchObject({ status: 401 });
    expect(auth.isAuthenticated).toBe(false);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('logout revokes the refresh token on the server and clears the session', async () => {
    const fetch = serve((url) =>
      url === '/api/auth/login' ? json(200, tokens(coordinator)) : json(204, undefined),
    );
    const auth = useAuthStore();
    await auth.login('koordinator@example.org', 'secret-password');

    await auth.logout();

    expect(fetch).toHaveBeenLastCalledWith(
      '/api/auth/logout',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ refreshToken: 'refresh' }),
      }),
    );
    expect(auth.user).toBeNull();
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('logout ends the local session even when the server cannot be reached', async () => {
    serve(() => json(200, tokens(coordinator)));
    const auth = useAuthStore();
    await auth.login('koordinator@example.org', 'secret-password');
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));

    await auth.logout();

    expect(auth.isAuthenticated).toBe(false);
  });

  it('restores the user of a surviving session from /api/auth/me', async () => {
    api.setSession(tokens(coordinator)); // as the client finds it after a reload
    const fetch = serve(() => json(200, coordinator));
    const auth = useAuthStore();
    expect(auth.isAuthenticated).toBe(false);

    await auth.restore();

    expect(fetch).toHaveBeenCalledWith('/api/auth/me', expect.anything());
    expect(auth.user?.id).toBe(coordinator.id);
  });

  it('a rejected session on reload leaves the user logged out', async () => {
    api.setSession(tokens(coordinator));
    serve(() => json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }));
    const auth = useAuthStore();

    await auth.restore();

    expect(auth.isAuthenticated).toBe(false);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('answers role questions from the principal', async () => {
    serve(() => json(200, tokens(coordinator)));
    const auth = useAuthStore();
    expect(auth.hasRole('coordinator')).toBe(false);

    await auth.login('koordinator@example.org', 'secret-password');

    expect(auth.hasRole('coordinator')).toBe(true);
    expect(auth.hasRole('analyst', 'coordinator')).toBe(true);
    expect(auth.hasRole('region_admin')).toBe(false);

    auth.user = {
      ...coordinator,
      roles: [{ role: 'region_admin', territorialUnitId: null, providerId: null }],
    };
    expect(auth.hasRole('region_admin')).toBe(true);
    expect(auth.hasRole('coordinator')).toBe(false);
  });

  it('answers what the user may do from the permits of its roles', async () => {
    serve(() => json(200, tokens(coordinator)));
    const auth = useAuthStore();
    await auth.login('koordinator@example.org', 'secret-password');

    expect(auth.may('basicNetworkStatement')).toBe(true);
    expect(auth.may('basicNetworkComment')).toBe(true);
    expect(auth.may('basicNetworkManage')).toBe(false);
    expect(auth.may('financingRead')).toBe(false);
    expect(auth.may('networkWrite')).toBe(false);

    auth.user = {
      ...coordinator,
      roles: [{ role: 'analyst', territorialUnitId: null, providerId: null }],
    };
    expect(auth.may('financingRead')).toBe(true);
    expect(auth.may('financingWrite')).toBe(false);
  });
});
