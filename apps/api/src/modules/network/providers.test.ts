import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '@socplan/contracts';
import { auditLog, providers } from '../../db/schema/index.ts';
import { icoCheckDigit } from '../../lib/ico.ts';
import { createProvider, createService } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth } from '../territory/territory.test-support.ts';
import { upsertProvider } from './providers.service.ts';

let ctx: TestContext;
let staff: { authorization: string };

beforeAll(async () => {
  ctx = await createTestApp();
  staff = auth(ctx, 'region_staff');
});
afterAll(() => ctx.close());

type Headers = Record<string, string>;
const URL = '/api/providers';
const withIco = (seven: string) => seven + icoCheckDigit(seven);

const post = (payload: object, headers: Headers = staff) =>
  ctx.app.inject({ method: 'POST', url: URL, headers, payload });
const read = async (id: string, headers: Headers = staff) => {
  const res = await ctx.app.inject({ url: `${URL}/${id}`, headers });
  return {
    status: res.statusCode,
    provider: res.json() as Provider,
    etag: res.headers.etag as string,
  };
};
const patch = (id: string, payload: object, headers: Headers, etag?: string) =>
  ctx.app.inject({
    method: 'PATCH',
    url: `${URL}/${id}`,
    headers: etag ? { ...headers, 'if-match': etag } : headers,
    payload,
  });
const list = async (query: string, headers: Headers = staff) => {
  const res = await ctx.app.inject({ url: `${URL}${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Provider[]; total: number };
};

describe('POST /api/providers', () => {
  it('creates a provider: 201, Location, ETag, audit row', async () => {
    const res = await post({
      ico: '70891508',
      name: 'Liberecký kraj',
      legalForm: 'kraj',
      address: {
        street: 'U Jezu',
        houseNumber: '642',
        orientationNumber: '2a',
        postcode: '46001',
        municipalityCode: '563889',
        addressPointCode: 21_000_000,
      },
      email: 'podatelna@kraj-lbc.cz',
    });
    expect(res.statusCode, res.body).toBe(201);
    const provider = res.json() as Provider;
    expect(res.headers.location).toBe(`${URL}/${provider.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(provider).toMatchObject({ ico: '70891508', icoValid: true, version: 1 });
    expect(provider.address?.street).toBe('U Jezu');
    const audit = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'provider'), eq(auditLog.entityId, provider.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'create',
      after: expect.objectContaining({ ico: '70891508' }),
    });
  });

  it('accepts every IČO with a right check digit, leading zeros kept (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^\d{7}$/), async (seven) => {
        const ico = withIco(seven);
        const res = await post({ ico, name: `Poskytovatel ${ico}` });
        // 409 only if the generator repeats an IČO it already created.
        expect([201, 409], res.body).toContain(res.statusCode);
        if (res.statusCode === 201) expect(res.json().ico).toBe(ico);
      }),
      { numRuns: 25 },
    );
  });

  it('rejects most one-digit changes of a valid IČO, naming /ico (property)', async () => {
    const samples = fc.sample(
      fc.tuple(fc.stringMatching(/^\d{7}$/), fc.nat(7), fc.integer({ min: 1, max: 9 })),
      { numRuns: 60, seed: 42 },
    );
    let rejected = 0;
    for (const [seven, position, delta] of samples) {
      const valid = withIco(seven);
      const digit = (Number(valid[position]) + delta) % 10;
      const changed = valid.slice(0, position) + digit + valid.slice(position + 1);
      const res = await post({ ico: changed, name: 'Překlep' });
      if (res.statusCode === 400) {
        rejected++;
        expect(res.json().errors).toEqual([
          expect.objectContaining({
            pointer: '/ico',
            detail: expect.stringMatching(/check digit/),
          }),
        ]);
      } else expect([201, 409]).toContain(res.statusCode);
      // A change of the check digit itself is always caught.
      if (position === 7) expect(res.statusCode).toBe(400);
    }
    // mod 11 maps remainders 0 and 10 to the same digit, so a few changes slip through.
    expect(rejected / samples.length).toBeGreaterThan(0.8);
  });

  it.each([
    ['7 digits', '7089150'],
    ['letters', '7089150a'],
    ['9 digits', '708915080'],
  ])('refuses an IČO of %s with a problem naming /ico', async (_what, ico) => {
    const res = await post({ ico, name: 'X' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ pointer: '/ico', in: 'body' }),
    );
  });

  it('refuses a duplicate IČO with 409 naming /ico', async () => {
    const ico = withIco('2746845');
    expect((await post({ ico, name: 'Kopretina, z.ú.' })).statusCode).toBe(201);
    const res = await post({ ico, name: 'Kopretina podruhé' });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].pointer).toBe('/ico');
  });

  it('refuses unknown fields and a missing name', async () => {
    const res = await post({ ico: withIco('1111111'), colour: 'red' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/colour', '/name']);
  });

  it('is for region staff: providers, analysts and coordinators get 403', async () => {
    const providerId = await createProvider(ctx.app.db);
    for (const headers of [
      auth(ctx, 'provider', null, providerId),
      auth(ctx, 'analyst'),
      auth(ctx, 'coordinator', null),
    ])
      expect((await post({ ico: withIco('3333333'), name: 'X' }, headers)).statusCode).toBe(403);
  });
});

describe('GET /api/providers', () => {
  let group: string;
  beforeAll(async () => {
    group = 'Zkouška';
    for (const name of ['Čáp', 'Cihla', 'Dům', 'Chata', 'Hora', 'Ánanas'])
      await createProvider(ctx.app.db, { name: `${group} ${name}` });
  });

  it('searches names ignoring case and diacritics, and sorts in Czech order', async () => {
    const { items, total } = await list(`?q=${encodeURIComponent('zkouska')}&sort=name`);
    expect(total).toBe(6);
    expect(items.map((p) => p.name.slice(group.length + 1))).toEqual([
      'Ánanas',
      'Cihla',
      'Čáp',
      'Dům',
      'Hora',
      'Chata',
    ]);
    const desc = await list(`?q=ZKOUSKA&sort=-name&limit=2`);
    expect(desc.items.map((p) => p.name)).toEqual([`${group} Chata`, `${group} Hora`]);
    expect(desc.total).toBe(6);
  });

  it('finds by the start of the IČO', async () => {
    const ico = withIco('9876543');
    await post({ ico, name: 'Hledaný poskytovatel' });
    const { items } = await list(`?q=987654`);
    expect(items.map((p) => p.ico)).toContain(ico);
    expect((await list(`?q=876543`)).items.map((p) => p.ico)).not.toContain(ico);
  });

  it('refuses an unknown sort', async () => {
    const res = await ctx.app.inject({ url: `${URL}?sort=colour`, headers: staff });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ in: 'query', pointer: '/sort' });
  });
});

describe('PATCH and DELETE /api/providers/:id', () => {
  it('needs If-Match: 428 without, 412 when stale; bumps the ETag', async () => {
    const id = await createProvider(ctx.app.db, { name: 'Verze' });
    const { etag } = await read(id);
    expect((await patch(id, { phone: '1' }, staff)).statusCode).toBe(428);
    const ok = await patch(id, { phone: '+420 481 000 000' }, staff, etag);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect((await patch(id, { phone: '2' }, staff, etag)).statusCode).toBe(412);
  });

  it('lets a provider edit itself, not others (404), and readers not at all (403)', async () => {
    const own = await createProvider(ctx.app.db);
    const other = await createProvider(ctx.app.db);
    await createService(ctx.app.db, { providerId: own });
    const me = auth(ctx, 'provider', null, own);
    const { etag } = await read(own);
    const res = await patch(own, { web: 'https://example.test' }, me, etag);
    expect(res.statusCode, res.body).toBe(200);
    expect((await patch(other, { web: 'x' }, me, '"1"')).statusCode).toBe(404);
    expect((await patch(own, { web: 'x' }, auth(ctx, 'analyst'), '"2"')).statusCode).toBe(403);
  });

  it('clears a field with null (not an empty string)', async () => {
    const id = await createProvider(ctx.app.db);
    const { etag } = await read(id);
    const set = await patch(id, { email: 'info@example.test', legalForm: 'z.ú.' }, staff, etag);
    const res = await patch(
      id,
      { email: null, legalForm: null },
      staff,
      set.headers.etag as string,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ email: null, legalForm: null });
    const [row] = await ctx.app.db.select().from(providers).where(eq(providers.id, id));
    expect(row).toMatchObject({ email: null, legalForm: null });
  });

  it('checks a changed IČO like a new one', async () => {
    const id = await createProvider(ctx.app.db);
    const { etag, provider } = await read(id);
    const wrong = provider.ico.slice(0, 7) + ((Number(provider.ico[7]) + 1) % 10);
    const res = await patch(id, { ico: wrong }, staff, etag);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/ico');
  });

  it('deletes a provider without services (204, audit); 409 with services; 403 for the provider itself', async () => {
    const lonely = await createProvider(ctx.app.db);
    const busy = await createProvider(ctx.app.db);
    await createService(ctx.app.db, { providerId: busy });
    const del = (id: string, headers: Headers, etag: string) =>
      ctx.app.inject({
        method: 'DELETE',
        url: `${URL}/${id}`,
        headers: { ...headers, 'if-match': etag },
      });

    expect((await del(lonely, auth(ctx, 'provider', null, lonely), '"1"')).statusCode).toBe(403);
    expect((await del(busy, staff, '"1"')).statusCode).toBe(409);
    expect((await del(lonely, staff, '"1"')).statusCode).toBe(204);
    expect((await read(lonely)).status).toBe(404);
    const [row] = await ctx.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, lonely), eq(auditLog.action, 'delete')));
    expect(row?.entityType).toBe('provider');
  });
});

describe('upsertProvider (for the registry import)', () => {
  it('creates, updates and reports unchanged by IČO; flags a wrong check digit instead of refusing', async () => {
    const seven = '5550001';
    const wrong = seven + ((icoCheckDigit(seven) + 1) % 10);
    const input = {
      ico: wrong,
      name: 'Registrový poskytovatel',
      address: {
        street: 'Nádražní',
        houseNumber: '1',
        orientationNumber: null,
        postcode: '46001',
        municipalityCode: '563889',
        addressPointCode: null,
      },
    };
    const first = await upsertProvider(ctx.app.db, null, input);
    expect(first).toMatchObject({ outcome: 'created', provider: { icoValid: false } });
    // jsonb returns the address with its keys reordered: still unchanged.
    expect((await upsertProvider(ctx.app.db, null, input)).outcome).toBe('unchanged');
    const renamed = await upsertProvider(ctx.app.db, null, { ...input, name: 'Nový název' });
    expect(renamed).toMatchObject({
      outcome: 'updated',
      provider: { name: 'Nový název', version: 2 },
    });
    const rows = await ctx.app.db.select().from(providers).where(eq(providers.ico, wrong));
    expect(rows).toHaveLength(1);
  });

  it('refuses a principal that does not write the network region-wide', async () => {
    const provider = {
      id: '00000000-0000-4000-8000-000000000999',
      kind: 'user' as const,
      name: 'p',
      email: null,
      roles: [{ role: 'provider' as const, territorialUnitId: null, providerId: null }],
    };
    await expect(
      upsertProvider(ctx.app.db, provider, { ico: withIco('5550002'), name: 'X' }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });
});
