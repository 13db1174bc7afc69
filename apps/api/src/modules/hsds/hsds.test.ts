import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HsdsPage } from '@socplan/contracts';
import { providers, serviceStates } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  seedCatalogue,
  SHELTER_SECRETS,
} from '../public-catalogue/public-catalogue.test-support.ts';
import { hsdsErrors, type HsdsObject } from './hsds-schemas.test-support.ts';

let ctx: TestContext;
let net: Awaited<ReturnType<typeof seedCatalogue>>;

beforeAll(async () => {
  ctx = await createTestApp();
  net = await seedCatalogue(ctx);
  const db = ctx.app.db;
  // Contacts as the registry gives them: a web without a scheme, one e-mail HSDS cannot take.
  await db
    .update(serviceStates)
    .set({
      web: 'www.domov-harmonie.cz',
      email: 'info@domov-harmonie.cz',
      phone: '+420 485 000 111',
    })
    .where(eq(serviceStates.serviceId, net.services.liberecHome));
  await db
    .update(serviceStates)
    .set({ email: 'lipa at charita.cz' })
    .where(eq(serviceStates.serviceId, net.services.lipaCare));
  await db
    .update(providers)
    .set({
      web: 'https://www.charita-ceskalipa.cz/',
      phone: '487 000 222',
      legalForm: 'církevní právnická osoba',
    })
    .where(eq(providers.id, net.providers.p2));
});
afterAll(() => ctx.close());

async function get<T>(url: string): Promise<T> {
  const res = await ctx.app.inject({ url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  for (const secret of SHELTER_SECRETS) expect(res.body, url).not.toContain(secret);
  expect(res.body, url).not.toContain(net.shelterFacilityId);
  return res.json();
}

/** Every object of a page valid against the official schema; returns the contents. */
async function validPage<T>(url: string, object: HsdsObject): Promise<HsdsPage<T>> {
  const page = await get<HsdsPage<T>>(url);
  for (const item of page.contents) expect(hsdsErrors(object, item), url).toEqual([]);
  return page;
}

async function validOne<T>(url: string, object: HsdsObject): Promise<T> {
  const body = await get<T>(url);
  expect(hsdsErrors(object, body), url).toEqual([]);
  return body;
}

type Service = { id: string; name: string; [key: string]: unknown };

describe('the official schemas', () => {
  it('are loaded and reject what HSDS forbids', () => {
    expect(hsdsErrors('service', { id: 'x', name: 'A' })).not.toEqual([]); // no status, bad uuid
    expect(
      hsdsErrors('service', {
        id: '2b8f0f7e-7a6b-4e3c-9d1a-0c2b3a4d5e6f',
        name: 'A',
        status: 'open',
      }),
    ).toEqual(['/status must be equal to one of the allowed values']);
  });
});

describe('GET /api/hsds/', () => {
  it('describes the API: HSDS version, OpenAPI document, publisher', async () => {
    const info = await get<Record<string, unknown>>('/api/hsds/');
    expect(info).toEqual({
      version: '3.2',
      openapi_url: expect.stringMatching(/^https?:\/\/.+\/api\/openapi\.json$/),
      description: expect.stringContaining('HSDS'),
      publisher: { name: 'Liberecký kraj' },
    });
    expect(await get('/api/hsds')).toEqual(info);
  });
});

describe('services', () => {
  it('lists active services, valid HSDS, paged by page / per_page', async () => {
    const first = await validPage<Service>('/api/hsds/services?per_page=2', 'service');
    expect(first).toMatchObject({
      total_items: 5,
      total_pages: 3,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: false,
      empty: false,
    });
    const last = await validPage<Service>('/api/hsds/services?per_page=2&page=3', 'service');
    expect(last).toMatchObject({ page_number: 3, size: 1, first_page: false, last_page: true });
    const all = await validPage<Service>('/api/hsds/services?per_page=10', 'service');
    expect(all.contents.map((s) => s.id)).toEqual([
      ...first.contents.map((s) => s.id),
      ...(await get<HsdsPage<Service>>('/api/hsds/services?per_page=2&page=2')).contents.map(
        (s) => s.id,
      ),
      ...last.contents.map((s) => s.id),
    ]);
    expect(all.contents.map((s) => s.id)).not.toContain(net.endedService);
    const past = await get<HsdsPage<Service>>('/api/hsds/services?per_page=2&page=9');
    expect(past).toMatchObject({ total_items: 5, size: 0, empty: true, contents: [] });
  });

  it('maps contacts into HSDS formats and leaves out what HSDS cannot take', async () => {
    const { contents } = await validPage<Service>('/api/hsds/services?full=true', 'service');
    const home = contents.find((s) => s.id === net.services.liberecHome)!;
    expect(home).toMatchObject({
      url: 'https://www.domov-harmonie.cz/',
      email: 'info@domov-harmonie.cz',
      status: 'active',
      organization_id: net.providers.p1,
      phones: [{ number: '+420 485 000 111', service_id: net.services.liberecHome }],
      languages: [{ code: 'cs' }],
    });
    const lipa = contents.find((s) => s.id === net.services.lipaCare)!;
    expect(lipa.email).toBeUndefined(); // "lipa at charita.cz" is no e-mail address
    expect(lipa.contacts).toEqual([]);
  });

  it('a fully nested service: organization, areas, locations, taxonomy terms', async () => {
    const field = await validOne<Service>(
      `/api/hsds/services/${net.services.jablonecField}`,
      'service',
    );
    expect(field.service_areas).toEqual([
      expect.objectContaining({
        name: 'Jablonec nad Nisou',
        service_id: net.services.jablonecField,
      }),
    ]);
    expect(field.service_at_locations).toEqual([]);
    const lipa = await validOne<Service>(`/api/hsds/services/${net.services.lipaCare}`, 'service');
    expect(lipa.organization).toMatchObject({
      id: net.providers.p2,
      name: 'Charita Česká Lípa',
      website: 'https://www.charita-ceskalipa.cz/',
      legal_status: 'církevní právnická osoba',
    });
    expect(lipa.service_at_locations).toEqual([
      expect.objectContaining({
        service_id: net.services.lipaCare,
        location: expect.objectContaining({
          location_type: 'physical',
          latitude: 50.686,
          addresses: [
            expect.objectContaining({
              city: 'Česká Lípa',
              state_province: 'Liberecký kraj',
              postal_code: '46001',
              country: 'CZ',
            }),
          ],
        }),
      }),
    ]);
    const terms = (lipa.attributes as { link_type: string; taxonomy_term: { code: string } }[]).map(
      (a) => `${a.link_type}:${a.taxonomy_term.code}`,
    );
    expect(terms).toEqual(['service_type:40', 'form:ter', 'target_group:24', 'target_group:17']);
  });

  it('a shelter is published without its secret location', async () => {
    const shelter = await validOne<Service>(
      `/api/hsds/services/${net.services.shelter}`,
      'service',
    );
    expect(shelter.service_at_locations).toEqual([]);
    expect(
      (await ctx.app.inject({ url: `/api/hsds/locations/${net.shelterFacilityId}` })).statusCode,
    ).toBe(404);
    expect(
      (await ctx.app.inject({ url: `/api/hsds/service_at_locations/${net.shelterFacilityId}` }))
        .statusCode,
    ).toBe(404);
  });

  it('filters by taxonomy term, taxonomy, organization and modified_after', async () => {
    const terms = await get<HsdsPage<{ id: string; code: string; taxonomy_id: string }>>(
      '/api/hsds/taxonomy_terms?per_page=500',
    );
    const home = terms.contents.find((t) => t.code === '49')!;
    const ids = async (query: string) =>
      (await get<HsdsPage<Service>>(`/api/hsds/services?${query}`)).contents.map((s) => s.id);
    expect(await ids(`taxonomy_term_id=${home.id}`)).toEqual([net.services.liberecHome]);
    expect((await ids(`organization_id=${net.providers.p2}`)).sort()).toEqual(
      [net.services.helpline, net.services.lipaCare].sort(),
    );
    expect(await ids('taxonomy_term_id=00000000-0000-4000-8000-000000000000')).toEqual([]);
    expect(await ids('modified_after=2999-01-01T00:00:00Z')).toEqual([]);
    expect(await ids('modified_after=2000-01-01T00:00:00Z')).toHaveLength(5);
    expect(await ids('search=charita')).toHaveLength(2);
  });
});

describe('organizations, locations, service at locations', () => {
  it('organizations: providers of active services, valid, with their services', async () => {
    const page = await validPage<{ id: string }>('/api/hsds/organizations', 'organization');
    expect(page.contents.map((o) => o.id).sort()).toEqual(
      [net.providers.p1, net.providers.p2, net.providers.p3].sort(),
    );
    const p2 = await validOne<Record<string, unknown>>(
      `/api/hsds/organizations/${net.providers.p2}`,
      'organization',
    );
    expect(p2).toMatchObject({
      phones: [{ number: '487 000 222' }],
      organization_identifiers: [{ identifier_type: 'IČO' }],
    });
    expect((p2.services as { name: string }[]).map((s) => s.name)).toEqual([
      'Linka důvěry Liberec',
      'Pečovatelská služba Česká Lípa',
    ]);
  });

  it('locations and service_at_locations: published facilities only, valid', async () => {
    const locations = await validPage<{ id: string }>('/api/hsds/locations', 'location');
    expect(locations.contents.map((l) => l.id)).toContain(net.liberecFacilityId);
    expect(locations.total_items).toBe(2);
    await validOne(`/api/hsds/locations/${net.liberecFacilityId}`, 'location');
    const sal = await validPage<{ id: string; location?: unknown }>(
      '/api/hsds/service_at_locations?full=true',
      'service_at_location',
    );
    expect(sal.total_items).toBe(2);
    expect(sal.contents.every((s) => s.location)).toBe(true);
    const one = await validOne<{ service_id: string }>(
      `/api/hsds/service_at_locations/${net.liberecFacilityId}`,
      'service_at_location',
    );
    expect(one.service_id).toBe(net.services.liberecHome);
    const byPostcode = await get<HsdsPage<unknown>>(
      '/api/hsds/service_at_locations?postcode=460%2001',
    );
    expect(byPostcode.total_items).toBe(2);
  });
});

describe('taxonomies', () => {
  it('service types, forms and target groups, with their terms, valid', async () => {
    const taxonomies = await validPage<{ id: string; name: string }>(
      '/api/hsds/taxonomies',
      'taxonomy',
    );
    expect(taxonomies.contents.map((t) => t.name)).toEqual([
      'Druhy sociálních služeb',
      'Formy poskytování sociálních služeb',
      'Cílové skupiny',
    ]);
    await validOne(`/api/hsds/taxonomies/${taxonomies.contents[0]!.id}`, 'taxonomy');
    const types = await validPage<{ id: string; code: string; name: string }>(
      `/api/hsds/taxonomy_terms?per_page=100&taxonomy_id=${taxonomies.contents[0]!.id}`,
      'taxonomy_term',
    );
    expect(types.contents.find((t) => t.code === '49')?.name).toBe('domovy pro seniory');
    const term = await validOne<{ taxonomy_detail: { name: string } }>(
      `/api/hsds/taxonomy_terms/${types.contents[0]!.id}`,
      'taxonomy_term',
    );
    expect(term.taxonomy_detail.name).toBe('Druhy sociálních služeb');
  });
});

describe('errors', () => {
  it.each([
    ['/api/hsds/services/00000000-0000-4000-8000-000000000000', 404, ''],
    ['/api/hsds/organizations/00000000-0000-4000-8000-000000000000', 404, ''],
    ['/api/hsds/taxonomies/00000000-0000-4000-8000-000000000000', 404, ''],
    ['/api/hsds/taxonomy_terms/00000000-0000-4000-8000-000000000000', 404, ''],
    ['/api/hsds/services/nope', 400, '/id'],
    ['/api/hsds/services?page=0', 400, '/page'],
    ['/api/hsds/services?per_page=1000', 400, '/per_page'],
    ['/api/hsds/services?modified_after=yesterday', 400, '/modified_after'],
    ['/api/hsds/services?format=ndjson', 400, '/format'],
    ['/api/hsds/locations?colour=red', 400, ''],
  ])('%s → %i %s', async (url, status, pointer) => {
    const res = await ctx.app.inject({ url });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (pointer)
      expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it('the ended service is unknown', async () => {
    const res = await ctx.app.inject({ url: `/api/hsds/services/${net.endedService}` });
    expect(res.statusCode).toBe(404);
  });
});
