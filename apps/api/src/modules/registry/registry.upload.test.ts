import { Readable } from 'node:stream';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryImport } from '@socplan/contracts';
import { queryRows } from '../../db/query-rows.ts';
import { facilities, jobs, registryImports } from '../../db/schema/index.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { enqueueJob, readJobInputStream, storeJobInputStream } from '../jobs/jobs.service.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';
import { auth, finishedJob, seedTerritory } from '../territory/territory.test-support.ts';
import { analyseImport } from './registry.analyse.ts';
import { createImport } from './registry.service.ts';
import {
  analyse,
  apply,
  changes,
  getImport,
  issues,
  registryFile,
  registryItem,
} from './registry.test-support.ts';

let ctx: TestContext;
let territory: DemoTerritory;
let staff: Record<string, string>;

beforeAll(async () => {
  ctx = await createTestApp();
  territory = await seedTerritory(ctx);
  staff = auth(ctx, 'region_staff');
});
afterAll(() => ctx.close());

const upload = (headers: Record<string, string>, payload: string | Readable, query = '') =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/registry/imports${query}`,
    headers: { ...headers, 'content-type': 'application/json' },
    payload,
  });

const importCount = async (c: TestContext = ctx) =>
  (await c.app.db.select({ n: count() }).from(registryImports))[0]!.n;

/** A registration in another region (Karlovarský kraj, Aš), as in RPSS-FORMAT §8. */
const elsewhere = (n: number) => {
  const item = registryItem(n);
  item.zarizeni[0]!.adresa = {
    ...item.zarizeni[0]!.adresa,
    kraj: { id: 'Kraj/51' },
    okres: { id: 'Okres/3402' },
    obec: { id: 'Obec/554499' },
  };
  return item;
};

describe('who may import the registry (registry.import)', () => {
  it('region administrators and staff may; analysts, coordinators and providers may not; anonymous is 401', async () => {
    const file = JSON.stringify(registryFile([registryItem(1)]));
    expect((await upload(auth(ctx, 'region_admin'), file)).statusCode).toBe(202);
    const { imp } = await analyse(ctx, staff, file);

    const orp = territory.orpIdsByCode.get('5105')!;
    const denied = {
      analyst: auth(ctx, 'analyst'),
      coordinator: auth(ctx, 'coordinator', orp),
      municipality: auth(ctx, 'municipality', territory.municipalityIdsByCode.get('563889')!),
      provider: auth(ctx, 'provider'),
    };
    for (const [role, headers] of Object.entries(denied)) {
      const calls = [
        await upload(headers, file),
        await ctx.app.inject({ url: '/api/registry/imports', headers }),
        await ctx.app.inject({ url: `/api/registry/imports/${imp.id}`, headers }),
        await ctx.app.inject({ url: `/api/registry/imports/${imp.id}/changes`, headers }),
        await ctx.app.inject({ url: `/api/registry/imports/${imp.id}/issues`, headers }),
        await apply(ctx, headers, imp),
        await ctx.app.inject({
          method: 'POST',
          url: '/api/registry/address-points',
          headers: { ...headers, 'content-type': 'text/csv' },
          payload: 'kodAdresnihoMista,obecKod,lat,lon\n1,563889,50.7,15.0\n',
        }),
      ];
      expect(
        calls.map((r) => r.statusCode),
        role,
      ).toEqual([403, 403, 403, 403, 403, 403, 403]);
    }
    const anonymous = [
      await upload({}, file),
      await ctx.app.inject({ url: '/api/registry/imports' }),
      await ctx.app.inject({ url: `/api/registry/imports/${imp.id}` }),
      await apply(ctx, {}, imp),
    ];
    expect(anonymous.map((r) => r.statusCode)).toEqual([401, 401, 401, 401]);
    expect((await getImport(ctx, staff, imp.id)).status).toBe('ready');
  });

  it('shows the analysis job with its progress to the staff who started it', async () => {
    const res = await upload(staff, JSON.stringify(registryFile([registryItem(2)])));
    const imp = res.json<RegistryImport>();
    const job = await finishedJob(ctx, staff, `/api/jobs/${imp.jobId}`);
    expect(job).toMatchObject({ kind: 'registry.analyse', status: 'succeeded', progress: 1 });
    expect(job.result).toMatchObject({ importId: imp.id, items: 1, totalChanges: 3 });
  });
});

describe('uploads', () => {
  it('accepts the file as multipart/form-data', async () => {
    const boundary = '----socplan-test-boundary';
    const body =
      `--${boundary}\r\n` +
      'Content-Disposition: form-data; name="file"; filename="rpss.json"\r\n' +
      'Content-Type: application/json\r\n\r\n' +
      JSON.stringify(registryFile([registryItem(3)])) +
      `\r\n--${boundary}--\r\n`;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/registry/imports',
      headers: { ...staff, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ fileName: 'rpss.json', status: 'analysing' });
    const job = await finishedJob(ctx, staff, `/api/jobs/${res.json().jobId}`);
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect((await getImport(ctx, staff, res.json().id)).summary).toMatchObject({ items: 1 });
  });

  it('refuses what is not a registry file before storing it (400, 415), leaving nothing behind', async () => {
    const before = await importCount();
    expect((await upload(staff, 'not json')).statusCode).toBe(400);
    expect((await upload(staff, '[1, 2]')).statusCode).toBe(400);
    expect((await upload(staff, '')).statusCode).toBe(400);
    const plain = await ctx.app.inject({
      method: 'POST',
      url: '/api/registry/imports',
      headers: { ...staff, 'content-type': 'text/plain' },
      payload: '{}',
    });
    expect(plain.statusCode).toBe(415);
    expect(plain.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await importCount()).toBe(before);
  });

  it('fails the import with the reason when the file cannot be read', async () => {
    for (const [payload, reason] of [
      ['{"polozky": [ {"portalId": 1}, ', /not a registry file in JSON/],
      ['{"data": []}', /no registrations/],
    ] as const) {
      const res = await upload(staff, payload);
      expect(res.statusCode).toBe(202);
      const job = await finishedJob(ctx, staff, `/api/jobs/${res.json().jobId}`);
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(reason);
      const imp = await getImport(ctx, staff, res.json().id);
      expect(imp.status).toBe('failed');
      expect(imp.summary!.error).toMatch(reason);
      expect((await apply(ctx, staff, imp)).statusCode).toBe(409);
    }
  });

  it('answers 413 beyond REGISTRY_BODY_LIMIT, by Content-Length or by counting a stream', async () => {
    const small = await createTestApp({ REGISTRY_BODY_LIMIT: '2048' });
    try {
      await seedTerritory(small);
      const headers = auth(small, 'region_staff');
      const big = JSON.stringify(registryFile([registryItem(1), registryItem(2), registryItem(3)]));
      expect(big.length).toBeGreaterThan(2048);
      const declared = await small.app.inject({
        method: 'POST',
        url: '/api/registry/imports',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: big,
      });
      expect(declared.statusCode).toBe(413);
      expect(declared.json().code).toBe('payload-too-large');
      const streamed = await small.app.inject({
        method: 'POST',
        url: '/api/registry/imports',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: Readable.from([big.slice(0, 1500), big.slice(1500)]),
      });
      expect(streamed.statusCode).toBe(413);
      expect(await importCount(small)).toBe(0);
      const [left] = await small.app.db
        .select({ n: count() })
        .from(jobs)
        .where(eq(jobs.kind, 'registry.analyse'));
      expect(left!.n).toBe(0);
      const fits = JSON.stringify(registryFile([registryItem(1)]));
      expect(fits.length).toBeLessThan(2048);
      const ok = await small.app.inject({
        method: 'POST',
        url: '/api/registry/imports',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: Readable.from([fits.slice(0, 500), fits.slice(500)]),
      });
      expect(ok.statusCode, ok.body).toBe(202);
    } finally {
      await small.close();
    }
  });

  it('reads back an input stored in many chunks, in order', async () => {
    const text = JSON.stringify(
      registryFile(Array.from({ length: 30 }, (_, i) => registryItem(100 + i))),
    );
    const job = await enqueueJob(ctx.app.db, { kind: 'test.chunks', held: true });
    const stored = await storeJobInputStream(
      ctx.app.db,
      job.id,
      Readable.from([text.slice(0, 7000), text.slice(7000)]),
      { maxBytes: 1e7, chunkBytes: 1000 },
    );
    expect(stored.chunks).toBeGreaterThan(20);
    const parts: Buffer[] = [];
    for await (const part of readJobInputStream(ctx.app.db, job.id)) parts.push(part);
    expect(Buffer.concat(parts).toString()).toBe(text);

    const imp = await createImport(ctx.app.db, null, {});
    const summary = await analyseImport(ctx.app.db, imp.id, readJobInputStream(ctx.app.db, job.id));
    expect(summary).toMatchObject({ items: 30, kept: 30, bytes: Buffer.byteLength(text) });
  });
});

describe('the region filter', () => {
  it('keeps registrations with a facility in the region unless regionOnly=false', async () => {
    const file = JSON.stringify(registryFile([registryItem(10), elsewhere(11)]));
    const region = await analyse(ctx, staff, file);
    expect(region.imp).toMatchObject({ regionOnly: true });
    expect(region.imp.summary).toMatchObject({ items: 2, kept: 1, outsideRegion: 1 });
    const all = await analyse(ctx, staff, file, '?regionOnly=false');
    expect(all.imp).toMatchObject({ regionOnly: false });
    expect(all.imp.summary).toMatchObject({ items: 2, kept: 2, outsideRegion: 0 });
    expect(all.imp.summary!.unknownMunicipalities).toContain('554499');
  });

  it('places a registration whose only facility is secret by its provider’s seat', async () => {
    const shelter = registryItem(12, { druhSocialniSluzby: { id: 'DruhSocialniSluzby/20' } });
    // A secret address in the file is dropped even when the file gives it.
    shelter.zarizeni[0]!.utajenaAdresa = true;
    (shelter.poskytovatel as Record<string, unknown>).adresa = shelter.zarizeni[0]!.adresa;
    const hidden = { ...shelter, portalId: 50_013, identifikator: '7000013' };
    hidden.zarizeni = [{ ...shelter.zarizeni[0]!, adresa: null as never }];
    const { imp } = await analyse(ctx, staff, registryFile([shelter, hidden]));
    expect(imp.summary).toMatchObject({ kept: 2, outsideRegion: 0 });
    const facility = (await changes(ctx, staff, imp.id, '&entity=facility')).map((c) => c.record);
    expect(facility).toHaveLength(2);
    for (const record of facility)
      expect(record).toMatchObject({
        secretAddress: true,
        address: null,
        addressPointCode: null,
        municipalityCode: null,
      });
    expect(JSON.stringify(facility)).not.toContain('Husova');
  });

  it('refuses regionOnly when no region is set up (400), and imports all without it', async () => {
    const bare = await createTestApp();
    try {
      const headers = auth(bare, 'region_admin');
      const file = JSON.stringify(registryFile([registryItem(20)]));
      const res = await bare.app.inject({
        method: 'POST',
        url: '/api/registry/imports',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: file,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ in: 'query', pointer: '/regionOnly' });
      const { imp } = await analyse(bare, headers, file, '?regionOnly=false');
      expect(imp.summary).toMatchObject({ kept: 1 });
      expect((await apply(bare, headers, imp)).statusCode).toBe(200);
      const [n] = await bare.app.db.select({ n: count() }).from(facilities);
      expect(n!.n).toBe(1);
    } finally {
      await bare.close();
    }
  });
});

describe('registry irregularities (RPSS-FORMAT §10)', () => {
  it('merges repeated facilities, keeps unknown codes raw, reports duplicate portalIds and identifiers', async () => {
    const repeated = registryItem(30);
    repeated.zarizeni.push({
      ...repeated.zarizeni[0]!,
      nazev: `${repeated.zarizeni[0]!.nazev}   `,
    });
    const odd = registryItem(31, {
      formy: [
        {
          forma: { id: 'FormaSocialniSluzby/xyz' },
          kapacity: [
            { pocet: 3, typ: { id: 'TypKapacitySocialniSluzby/klient' } },
            { pocet: 'many', typ: { id: 'TypKapacitySocialniSluzby/luzka' } },
          ],
        },
      ],
      ciloveSkupiny: [{ cilovaSkupina: { id: 'CilovaSkupinaOsoby/99' } }],
      datumPoskytovaniOd: '1. 1. 2015',
    });
    const twinA = registryItem(32);
    const twinB = { ...registryItem(33), portalId: twinA.portalId };
    const sameId = { ...registryItem(34), identifikator: odd.identifikator };
    const { imp } = await analyse(ctx, staff, registryFile([repeated, odd, twinA, twinB, sameId]));
    expect(imp.summary).toMatchObject({ items: 5, kept: 3, skipped: 2 });
    const facilityChanges = await changes(ctx, staff, imp.id, '&entity=facility');
    expect(facilityChanges.filter((c) => c.key.startsWith(`${repeated.portalId}|`))).toHaveLength(
      1,
    );
    const service = (await changes(ctx, staff, imp.id, '&entity=service')).find(
      (c) => c.key === String(odd.portalId),
    )!;
    expect(service.record).toMatchObject({
      forms: [{ form: 'FormaSocialniSluzby/xyz', capacities: [{ unit: 'klient', count: 3 }] }],
      targetGroups: ['CilovaSkupinaOsoby/99'],
      registeredFrom: null,
      phone: '481 000 000',
    });
    const reasons = (await issues(ctx, staff, imp.id)).map((i) => `${i.severity}: ${i.reason}`);
    const expected = [
      /^warning: facility "Domov 30" is repeated/,
      /^warning: unknown form FormaSocialniSluzby\/xyz/,
      /^warning: a capacity of form .* without a unit or a whole count/,
      /^warning: unknown target group CilovaSkupinaOsoby\/99/,
      /^warning: datumPoskytovaniOd "1. 1. 2015" is not a date/,
      /^error: the portalId 50032 appears in more than one item \(items 2, 3\)/,
      /^error: the portalId 50032 appears in more than one item \(items 2, 3\)/,
      /^warning: the identifier 7000031 appears in several registrations/,
      /^warning: the identifier 7000031 appears in several registrations/,
    ];
    for (const pattern of expected)
      expect(reasons.filter((r) => pattern.test(r)).length, String(pattern)).toBeGreaterThan(0);
    expect(reasons).toHaveLength(expected.length);
  });

  it('ends a facility that the registration no longer lists, on the effective date', async () => {
    const item = registryItem(40);
    const second = { ...item.zarizeni[0]!, nazev: 'Pobočka', poskytujeOd: '2020-01-01' };
    item.zarizeni.push(second);
    const first = await analyse(ctx, staff, registryFile([item]), '?effectiveDate=2026-01-01');
    expect((await apply(ctx, staff, first.imp)).statusCode).toBe(200);
    item.zarizeni.pop();
    const next = await analyse(ctx, staff, registryFile([item]), '?effectiveDate=2026-02-01');
    const ended = await changes(ctx, staff, next.imp.id, '&entity=facility');
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({
      change: 'ended',
      label: 'Pobočka',
      fields: [{ field: 'validTo', before: null, after: '2026-02-01' }],
    });
    expect((await apply(ctx, staff, next.imp)).statusCode).toBe(200);
    const [stored] = await queryRows<{ valid_to: string }>(
      ctx.app.db,
      sql`select valid_to::text from facilities where name = 'Pobočka'`,
    );
    expect(stored!.valid_to).toBe('2026-02-01');
    const again = await analyse(ctx, staff, registryFile([item]), '?effectiveDate=2026-03-01');
    expect(again.imp.summary!.totalChanges).toBe(0);
  });
});
