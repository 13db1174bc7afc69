import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './test-app.ts';

/**
 * Every route of the OpenAPI document, hit with malformed and random input, as an admin and
 * anonymously: whatever comes in, the answer is never a 5xx, and errors are problem+json.
 */
let ctx: TestContext;
let adminToken: string;
let routes: { method: string; path: string }[];

beforeAll(async () => {
  ctx = await createTestApp();
  adminToken = ctx.app.signAccessToken({
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'user',
    name: 'Fuzz admin',
    email: 'fuzz@example.org',
    roles: [{ role: 'region_admin', territorialUnitId: null, providerId: null }],
  });
  const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((method) => ({ method: method.toUpperCase(), path })),
  );
});
afterAll(() => ctx.close());

const pathValue = fc.oneof(
  fc.uuid(),
  fc.constant('not-a-uuid'),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.constant('%00'),
);
const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({
    email: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    name: fc.oneof(fc.string({ maxLength: 300 }), fc.boolean()),
    roles: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), fc.string()),
    kind: fc.string(),
    code: fc.string(),
    parentId: fc.oneof(fc.uuid(), fc.string()),
  }),
);
const query = fc.dictionary(
  fc.constantFrom('limit', 'offset', 'sort', 'kind', 'q', 'parentId', 'from', 'to', 'x'),
  fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String), fc.constant('-1')),
);

describe('fuzz over the OpenAPI document', () => {
  it('lists the routes to fuzz', () => {
    expect(routes.length).toBeGreaterThan(3);
  });

  it('never answers 5xx to random input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        pathValue,
        query,
        jsonBody,
        fc.boolean(),
        fc.constantFrom('application/json', 'text/csv', 'text/plain', 'application/geo+json'),
        fc.constantFrom('"1"', '"0"', 'garbage', undefined),
        async (route, id, q, body, authenticated, contentType, ifMatch) => {
          const url = route.path.replace(/\{[^}]+\}/g, id);
          const headers: Record<string, string> = {};
          if (authenticated) headers.authorization = `Bearer ${adminToken}`;
          if (ifMatch) headers['if-match'] = ifMatch;
          const hasBody = !['GET', 'DELETE'].includes(route.method);
          if (hasBody) headers['content-type'] = contentType;
          const res = await ctx.app.inject({
            method: route.method as 'GET',
            url,
            query: q,
            headers,
            ...(hasBody ? { payload: JSON.stringify(body) } : {}),
          });
          expect(res.statusCode, `${route.method} ${url} → ${res.body.slice(0, 300)}`).toBeLessThan(
            500,
          );
          if (res.statusCode >= 400)
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
