import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { authHeader, tokenForRole } from '../../test/fixtures.ts';

/** A municipality's web calling the public APIs from its own origin. */
const ORIGIN = 'https://www.obec-hodkovice.example';
const LISTED = 'https://is.liberec.example';

let ctx: TestContext;
/** The same API with an allow-list for the whole API (CORS_ORIGINS). */
let listed: TestContext;
let token: string;

beforeAll(async () => {
  ctx = await createTestApp();
  listed = await createTestApp({ CORS_ORIGINS: LISTED });
  token = await tokenForRole(ctx.app, { role: 'region_admin' });
});
afterAll(async () => {
  await ctx?.close();
  await listed?.close();
});

const preflight = (c: TestContext, url: string, origin = ORIGIN) =>
  c.app.inject({
    method: 'OPTIONS',
    url,
    headers: {
      origin,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'if-none-match',
    },
  });

const PUBLIC_URLS = [
  '/api/public/services?q=domov',
  '/api/public/map',
  '/api/public/facets',
  '/api/hsds/',
  '/api/hsds',
  '/api/hsds/services',
  '/api/hsds/taxonomies',
];

describe('CORS on the anonymous public APIs', () => {
  it.each(PUBLIC_URLS)('a GET of %s from another origin may be read there', async (url) => {
    const res = await ctx.app.inject({ url, headers: { origin: ORIGIN } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(res.headers['access-control-expose-headers'])).toMatch(/\bETag\b/);
  });

  it('the map ETag is exposed, and a conditional GET from another origin is a 304', async () => {
    const first = await ctx.app.inject({ url: '/api/public/map', headers: { origin: ORIGIN } });
    expect(first.headers.etag).toBeTruthy();
    const again = await ctx.app.inject({
      url: '/api/public/map',
      headers: { origin: ORIGIN, 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.headers['access-control-allow-origin']).toBe('*');
  });

  it.each(['/api/public/services', '/api/public/map', '/api/hsds/services', '/api/hsds'])(
    'a preflight for %s is answered: any origin, read methods only, no credentials',
    async (url) => {
      const res = await preflight(ctx, url);
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
      expect(res.headers['access-control-allow-headers']).toBe('if-none-match');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['access-control-max-age']).toBe('86400');
    },
  );

  it('a 400 (bad filter) can be read by the other origin too, with the field named', async () => {
    const res = await ctx.app.inject({
      url: '/api/public/services?lat=95&lon=14',
      headers: { origin: ORIGIN },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toMatch(/lat/);
  });
});

describe('the authenticated API stays same-origin', () => {
  it.each(['/api/exports', '/api/auth/me'])(
    'a GET of %s from another origin gets no CORS headers',
    async (url) => {
      const res = await ctx.app.inject({ url, headers: { origin: ORIGIN, ...authHeader(token) } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-expose-headers']).toBeUndefined();
    },
  );

  it.each(['/api/exports', '/api/plans', '/api/auth/login'])(
    'a preflight for %s is not answered',
    async (url) => {
      const res = await preflight(ctx, url);
      expect(res.statusCode).not.toBe(204);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-methods']).toBeUndefined();
    },
  );
});

describe('with an allow-list for the whole API (CORS_ORIGINS)', () => {
  it('the public APIs still answer every origin, preflights included', async () => {
    const get = await listed.app.inject({ url: '/api/hsds/services', headers: { origin: ORIGIN } });
    expect(get.headers['access-control-allow-origin']).toBe('*');
    const pre = await preflight(listed, '/api/public/map');
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
  });

  it('the rest of the API answers only the listed origins', async () => {
    const other = await listed.app.inject({ url: '/api/health', headers: { origin: ORIGIN } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await listed.app.inject({ url: '/api/health', headers: { origin: LISTED } });
    expect(allowed.headers['access-control-allow-origin']).toBe(LISTED);
  });
});
