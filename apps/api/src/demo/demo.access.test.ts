import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { List, Service, ServiceDetail } from '@socplan/contracts';
import { providers } from '../db/schema/index.ts';
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_PROVIDER_EMAIL,
} from '../modules/auth/auth.demo.ts';
import { authHeader, loginAs } from '../test/fixtures.ts';
import type { TestContext } from '../test/test-app.ts';
import { createDemoApp } from './demo.test-support.ts';

let ctx: TestContext;
let demoProviderId: string;
beforeAll(async () => {
  ctx = await createDemoApp();
  const [row] = await ctx.app.db
    .select({ id: providers.id, name: providers.name })
    .from(providers)
    .then((rows) => rows.filter((p) => p.name === 'Charita Podještědí, z. s.'));
  demoProviderId = row!.id;
});
afterAll(() => ctx.close());

async function services(token: string, query = ''): Promise<List<Service>> {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/services?limit=500${query}`,
    headers: authHeader(token),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<List<Service>>();
}

describe('the demo accounts', () => {
  it('the provider account logs in and sees only its provider’s services', async () => {
    const token = await loginAs(ctx.app, DEMO_PROVIDER_EMAIL, DEMO_PASSWORD);
    const own = await services(token);
    expect(own.total).toBeGreaterThanOrEqual(3);
    for (const s of own.items) expect(s.provider.id).toBe(demoProviderId);

    const staff = await loginAs(ctx.app, 'metodik@example.org', DEMO_PASSWORD);
    const all = await services(staff);
    expect(all.total).toBeGreaterThan(own.total);
    const foreign = all.items.find((s) => s.provider.id !== demoProviderId)!;
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/services/${foreign.id}`,
      headers: authHeader(token),
    });
    expect(res.statusCode).toBe(404);
  });

  it('the demo API client gets a token and reads the same services', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: { clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { accessToken } = res.json<{ accessToken: string }>();
    const own = await services(accessToken);
    expect(own.total).toBeGreaterThanOrEqual(3);
    for (const s of own.items) expect(s.provider.id).toBe(demoProviderId);

    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: { clientId: DEMO_CLIENT_ID, clientSecret: 'not-the-secret' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('every demo user logs in with the demo password', async () => {
    for (const email of [
      'kraj@example.org',
      'metodik@example.org',
      'liberec@example.org',
      'analytik@example.org',
      DEMO_PROVIDER_EMAIL,
    ])
      await expect(loginAs(ctx.app, email, DEMO_PASSWORD)).resolves.toBeTruthy();
  });
});

describe('the demo through the API', () => {
  it('shows a service’s history and its earlier capacity as of an earlier day', async () => {
    const staff = await loginAs(ctx.app, 'metodik@example.org', DEMO_PASSWORD);
    const name = encodeURIComponent('Domov se zvláštním režimem Modrá hora');
    const [service] = (await services(staff, `&q=${name}`)).items;
    expect(service).toBeDefined();
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/services/${service!.id}`,
      headers: authHeader(staff),
    });
    expect(res.statusCode).toBe(200);
    const detail = res.json<ServiceDetail>();
    expect(detail.history.length).toBe(2);
    const beds = (s: Service) => s.state.forms[0]!.capacities[0]!.count;
    const [earlier] = (await services(staff, `&q=${name}&asOf=2024-03-01`)).items;
    expect(beds(earlier!)).toBeLessThan(beds(service!));
  });

  it('hides shelters’ addresses from a coordinator of their ORP', async () => {
    const coordinator = await loginAs(ctx.app, 'liberec@example.org', DEMO_PASSWORD);
    const list = await services(coordinator);
    const secret = list.items.flatMap((s) => s.facilities).filter((f) => f.secretAddress);
    expect(secret.length).toBeGreaterThanOrEqual(2);
    for (const f of secret) {
      expect(f.address).toBeNull();
      expect(f.point).toBeNull();
    }
  });

  it('lists the demo period with the number of its entries', async () => {
    const token = await loginAs(ctx.app, 'metodik@example.org', DEMO_PASSWORD);
    const res = await ctx.app.inject({ url: '/api/network-periods', headers: authHeader(token) });
    expect(res.statusCode).toBe(200);
    const [period] = res.json().items;
    expect(period).toMatchObject({ name: 'Základní síť 2024–2026', entryCount: 96 });
  });
});
