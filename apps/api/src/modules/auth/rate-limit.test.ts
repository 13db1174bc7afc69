import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { createApiClient, createUser } from '../../test/fixtures.ts';

const LIMIT = 3;
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp({ LOGIN_RATE_LIMIT: String(LIMIT) });
});
afterAll(() => ctx.close());

const from = (ip: string) => ({ remoteAddress: ip });

describe('rate limits on credentials', () => {
  it(`allows ${LIMIT} logins a minute per address, then answers 429 as a problem`, async () => {
    const user = await createUser(ctx.app.db);
    for (let i = 0; i < LIMIT; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: 'wrong-password' },
        ...from('10.0.0.1'),
      });
      expect(res.statusCode).toBe(401);
    }
    // Even the right password is refused now: guessing has to wait.
    const limited = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: user.password },
      ...from('10.0.0.1'),
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ status: 429, code: 'too-many-requests' });

    // Another address is not affected.
    const other = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: user.password },
      ...from('10.0.0.2'),
    });
    expect(other.statusCode).toBe(200);
  });

  it('limits the client-credentials endpoint too', async () => {
    const client = await createApiClient(ctx.app.db, { roles: [{ role: 'analyst' }] });
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/token',
        payload: { clientId: client.clientId, clientSecret: 'guess' },
        ...from('10.0.0.3'),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
  });

  it('limits refresh, more loosely than login', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT * 3; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        payload: { refreshToken: 'not-a-token' },
        ...from('10.0.0.4'),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, LIMIT * 3).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('is not bypassed by a forged X-Forwarded-For when no proxy is trusted', async () => {
    const user = await createUser(ctx.app.db);
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: 'wrong-password' },
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
        ...from('10.0.0.5'),
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
  });
});

describe('behind a trusted reverse proxy (TRUST_PROXY=1)', () => {
  it('limits per client address taken from X-Forwarded-For', async () => {
    const proxied = await createTestApp({ LOGIN_RATE_LIMIT: String(LIMIT), TRUST_PROXY: '1' });
    try {
      const user = await createUser(proxied.app.db);
      const attempt = (client: string) =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: user.email, password: 'wrong-password' },
          headers: { 'x-forwarded-for': client },
          ...from('10.0.0.9'),
        });
      for (let i = 0; i < LIMIT; i++) expect((await attempt('198.51.100.7')).statusCode).toBe(401);
      expect((await attempt('198.51.100.7')).statusCode).toBe(429);
      expect((await attempt('198.51.100.8')).statusCode).toBe(401);
    } finally {
      await proxied.close();
    }
  });
});
