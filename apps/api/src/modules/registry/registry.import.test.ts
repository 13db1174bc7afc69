import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressPointImportReport, RegistryImport } from '@socplan/contracts';
import { queryRows } from '../../db/query-rows.ts';
import { codelistItems, facilities, jobInputChunks } from '../../db/schema/index.ts';
import { today } from '../../lib/validity.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { importMunicipalities } from '../territory/import-municipalities.ts';
import {
  auth,
  missingNote,
  seedTerritory,
  sharedFile,
} from '../territory/territory.test-support.ts';
import {
  analyse,
  apply,
  changes,
  getImport,
  issues,
  OBCE_FILE,
  POINTS_FILE,
  SAMPLE_FILE,
} from './registry.test-support.ts';

/**
 * The registry import against the synthetic sample (120 services, 38 providers, 188 facilities):
 * expectations are computed here from the file itself, never from the importer's output.
 */
const sampleText = sharedFile(SAMPLE_FILE);
const obceCsv = sharedFile(OBCE_FILE);
const pointsCsv = sharedFile(POINTS_FILE);
const ready = Boolean(sampleText && obceCsv);
const skipNote = !sampleText ? missingNote(SAMPLE_FILE) : missingNote(OBCE_FILE);

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const sample = (): { polozky: Raw[] } => JSON.parse(sampleText!);
const code = (ref: { id: string } | null | undefined) => ref?.id.split('/')[1] ?? null;

let ctx: TestContext;
let staff: Record<string, string>;
/** municipality code → ČSÚ ORP code, from liberec-obce.csv */
const orpOf = new Map<string, string>();
/** The municipality left out of the first municipality import (to see the warning). */
let missing = '';

beforeAll(async () => {
  if (!ready) return;
  ctx = await createTestApp();
  staff = auth(ctx, 'region_staff');
  const territory = await seedTerritory(ctx);
  for (const line of obceCsv!.trim().split('\n').slice(1)) {
    const [municipality, , orp] = line.split(',');
    orpOf.set(municipality!, orp!);
  }
  // The least used municipality of the file that is not a seat town stays unknown at first.
  const uses = new Map<string, number>();
  for (const item of sample().polozky)
    for (const f of item.zarizeni) {
      const m = code(f.adresa?.obec);
      if (m && !territory.municipalityIdsByCode.has(m)) uses.set(m, (uses.get(m) ?? 0) + 1);
    }
  missing = [...uses.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const csv = obceCsv!
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith(`${missing},`))
    .join('\n');
  await importMunicipalities(ctx.app.db, null, csv);
});
afterAll(() => ctx?.close());

async function typeCodes(): Promise<Map<string, string>> {
  const rows = await ctx.app.db
    .select({ code: codelistItems.code, registryId: codelistItems.registryId })
    .from(codelistItems)
    .where(eq(codelistItems.codelist, 'service_type'));
  return new Map(rows.map((r) => [r.registryId!, r.code]));
}

/** Facilities of an item after §10.2 dedupe, as the file has them. */
const facilitiesOf = (item: Raw) =>
  new Set(
    item.zarizeni.map((f: Raw) =>
      [
        String(f.nazev).trim(),
        f.adresa?.kodAdresnihoMista ?? '',
        f.poskytujeOd ?? '',
        f.poskytujeDo ?? '',
      ].join('|'),
    ),
  ).size;

function expectedByOrp(items: Raw[], unknown: Set<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const orps = new Set<string>();
    for (const f of item.zarizeni) {
      const m = code(f.adresa?.obec);
      if (m && !unknown.has(m) && orpOf.has(m)) orps.add(orpOf.get(m)!);
    }
    for (const orp of orps) counts[orp] = (counts[orp] ?? 0) + 1;
  }
  return counts;
}

const dump = async (table: string) =>
  (
    await queryRows<{ t: string }>(
      ctx.app.db,
      sql`select coalesce(string_agg(x::text, E'\n'), '') as t from ${sql.identifier(table)} x`,
    )
  )[0]!.t;

describe.skipIf(!ready)(`registry import of the sample${ready ? '' : ` (${skipNote})`}`, () => {
  let first: RegistryImport;

  it.skipIf(!pointsCsv)(
    pointsCsv ? 'loads address-point coordinates from CSV' : missingNote(POINTS_FILE),
    async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/registry/address-points',
        headers: { ...staff, 'content-type': 'text/csv' },
        payload: pointsCsv,
      });
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json<AddressPointImportReport>();
      const rows = pointsCsv!.trim().split('\n').length - 1;
      expect(report).toMatchObject({ created: rows, updated: 0, unchanged: 0, rejected: [] });
      const again = await ctx.app.inject({
        method: 'POST',
        url: '/api/registry/address-points',
        headers: { ...staff, 'content-type': 'text/csv' },
        payload: pointsCsv,
      });
      expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: rows });
    },
  );

  it('analyses a first import into an empty network as all new, with counts by type and ORP', async () => {
    const { imp, job } = await analyse(ctx, staff, sampleText!);
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(job.progress).toBe(1);
    expect(imp.status).toBe('ready');
    first = imp;

    const items = sample().polozky;
    const providers = new Set(items.map((i) => i.poskytovatel.ico)).size;
    const facilityCount = items.reduce((n, i) => n + facilitiesOf(i), 0);
    expect([items.length, providers, facilityCount]).toEqual([120, 38, 188]);
    const none = { changed: 0, ended: 0, unchanged: 0 };
    expect(imp.summary).toMatchObject({
      items: 120,
      kept: 120,
      outsideRegion: 0,
      skipped: 0,
      changes: {
        provider: { new: providers, ...none },
        service: { new: items.length, ...none },
        facility: { new: facilityCount, ...none },
      },
      totalChanges: providers + items.length + facilityCount,
      unknownMunicipalities: [missing],
    });

    const types = await typeCodes();
    const byType: Record<string, number> = {};
    for (const item of items) {
      const typeCode = types.get(item.druhSocialniSluzby.id)!;
      byType[typeCode] = (byType[typeCode] ?? 0) + 1;
    }
    expect(Object.keys(byType)).toHaveLength(27);
    expect(imp.summary!.byType).toEqual(byType);
    expect(imp.summary!.byOrp).toEqual(expectedByOrp(items, new Set([missing])));

    // The only issue: the municipality socplan does not know yet.
    const report = await issues(ctx, staff, imp.id);
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ severity: 'warning', identifier: `Obec/${missing}` });
    expect(report[0]!.reason).toContain(`municipality ${missing} is not known`);

    // The upload was dropped once analysed.
    const chunks = await ctx.app.db
      .select()
      .from(jobInputChunks)
      .where(eq(jobInputChunks.jobId, imp.jobId!));
    expect(chunks).toHaveLength(0);
  });

  it('pages the diff and filters it by entity and kind', async () => {
    const res = await ctx.app.inject({
      url: `/api/registry/imports/${first.id}/changes?entity=service&change=new&limit=7&offset=7`,
      headers: staff,
    });
    expect(res.statusCode).toBe(200);
    const page = res.json<{ items: { entity: string; change: string }[]; total: number }>();
    expect(page.total).toBe(120);
    expect(page.items).toHaveLength(7);
    expect(page.items.every((c) => c.entity === 'service' && c.change === 'new')).toBe(true);
  });

  it('applies it: providers, services with capacities per form and unit, facilities', async () => {
    const res = await apply(ctx, staff, first);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'applied', version: first.version + 1 });
    expect(res.headers.etag).toBe(`"${first.version + 1}"`);

    const items = sample().polozky;
    const stored = await queryRows<{
      portal_id: number;
      forms: { form: string; capacities: { unit: string; count: number }[] }[];
      status: string;
      ico: string;
    }>(
      ctx.app.db,
      sql`select s.registry_portal_id as portal_id, st.forms, st.status, p.ico
          from services s join service_states st on st.service_id = s.id and st.valid_to is null
          join providers p on p.id = s.provider_id`,
    );
    expect(stored).toHaveLength(items.length);
    const byPortal = new Map(stored.map((s) => [s.portal_id, s]));
    for (const item of items) {
      const s = byPortal.get(item.portalId)!;
      expect(s.status).toBe('active');
      expect(s.ico).toBe(item.poskytovatel.ico);
      const expected = item.formy
        .map((f: Raw) => ({
          form: code(f.forma),
          capacities: f.kapacity
            .map((k: Raw) => ({ unit: code(k.typ), count: k.pocet }))
            .sort((a: Raw, b: Raw) => (a.unit < b.unit ? -1 : 1)),
        }))
        .sort((a: Raw, b: Raw) => (a.form < b.form ? -1 : 1));
      expect(s.forms).toEqual(expected);
    }

    const [counts] = await queryRows<{ providers: number; facilities: number }>(
      ctx.app.db,
      sql`select (select count(*)::int from providers) as providers,
                 (select count(*)::int from facilities) as facilities`,
    );
    expect(counts).toEqual({ providers: 38, facilities: 188 });
  });

  it('keeps secret addresses secret: no address, address point or coordinates stored', async () => {
    const secretInFile = sample().polozky.flatMap((i) =>
      i.zarizeni.filter((f: Raw) => f.utajenaAdresa === true),
    ).length;
    expect(secretInFile).toBe(2);
    const secret = await ctx.app.db
      .select()
      .from(facilities)
      .where(eq(facilities.secretAddress, true));
    expect(secret).toHaveLength(secretInFile);
    for (const f of secret)
      expect([f.address, f.addressPointCode, f.lat, f.lon, f.municipalityCode]).toEqual([
        null,
        null,
        null,
        null,
        null,
      ]);
  });

  it.skipIf(!pointsCsv)(
    pointsCsv ? 'places facilities by the address-point lookup' : missingNote(POINTS_FILE),
    async () => {
      const points = new Map(
        pointsCsv!
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split(','))
          .map(([c, , lat, lon]) => [Number(c), [Number(lat), Number(lon)]]),
      );
      const placed = await ctx.app.db.select().from(facilities);
      const open = placed.filter((f) => !f.secretAddress);
      expect(open.length).toBe(186);
      for (const f of open) expect([f.lat, f.lon]).toEqual(points.get(f.addressPointCode!));
    },
  );

  it('stores no names of statutory bodies or facility heads anywhere', async () => {
    const people = new Set<string>();
    for (const item of sample().polozky) {
      for (const p of item.poskytovatel.statutarniOrgany ?? [])
        people.add(`${p.jmeno} ${p.prijmeni}`);
      for (const f of item.zarizeni)
        if (f.vedouci) people.add(`${f.vedouci.jmeno} ${f.vedouci.prijmeni}`);
    }
    // A provider that is a natural person is named by the registry: that name is public data.
    for (const item of sample().polozky) people.delete(item.poskytovatel.nazev);
    expect(people.size).toBeGreaterThan(30);
    const tables = await queryRows<{ table_name: string }>(
      ctx.app.db,
      sql`select table_name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const { table_name } of tables) {
      const text = await dump(table_name);
      for (const person of [...people, 'statutarniOrgany', 'prijmeni', 'titulPred'])
        if (text.includes(person)) found.push(`${person} in ${table_name}`);
    }
    expect(found).toEqual([]);
  });

  it('re-imports the same file as no changes, and applying that changes nothing', async () => {
    const before = await dump('service_states');
    const { imp } = await analyse(ctx, staff, sampleText!);
    expect(imp.status).toBe('ready');
    expect(imp.summary!.totalChanges).toBe(0);
    expect(imp.summary!.changes).toEqual({
      provider: { new: 0, changed: 0, ended: 0, unchanged: 38 },
      service: { new: 0, changed: 0, ended: 0, unchanged: 120 },
      facility: { new: 0, changed: 0, ended: 0, unchanged: 188 },
    });
    expect(await changes(ctx, staff, imp.id)).toEqual([]);
    const res = await apply(ctx, staff, imp);
    expect(res.statusCode, res.body).toBe(200);
    expect(await dump('service_states')).toBe(before);
  });

  it('resolves the unknown municipality once it is imported', async () => {
    const orpOfFacility = async () =>
      queryRows<{ orp: string | null }>(
        ctx.app.db,
        sql`select o.code as orp from facilities f
            left join territorial_units m on m.kind = 'municipality' and m.code = f.municipality_code
            left join territorial_units o on o.id = m.parent_id
            where f.municipality_code = ${missing}`,
      );
    const unresolved = await orpOfFacility();
    expect(unresolved.length).toBeGreaterThan(0);
    expect(unresolved.every((r) => r.orp === null)).toBe(true);

    await importMunicipalities(ctx.app.db, null, obceCsv!);
    expect((await orpOfFacility()).every((r) => r.orp === orpOf.get(missing))).toBe(true);
    const { imp } = await analyse(ctx, staff, sampleText!);
    expect(imp.summary!.totalChanges).toBe(0);
    expect(imp.summary!.unknownMunicipalities).toEqual([]);
    expect(await issues(ctx, staff, imp.id)).toEqual([]);
    expect(imp.summary!.byOrp).toEqual(expectedByOrp(sample().polozky, new Set()));
  });

  it('finds exactly the differences of a modified copy, reports bad rows and keeps good ones', async () => {
    const file = sample();
    const items = file.polozky;
    const providerUses = new Map<string, number>();
    for (const i of items)
      providerUses.set(i.poskytovatel.ico, (providerUses.get(i.poskytovatel.ico) ?? 0) + 1);
    const loner = items.find((i) => providerUses.get(i.poskytovatel.ico) === 1)!;
    const others = items.filter((i) => i !== loner);
    const capacity = others.find((i) => i.formy[0]?.kapacity[0])!;
    const ending = others.find((i) => i !== capacity && i.zarizeni.length === 1)!;
    const extended = others.find((i) => ![capacity, ending].includes(i))!;
    const retyped = others.find((i) => ![capacity, ending, extended].includes(i))!;

    capacity.formy[0].kapacity[0].pocet += 5;
    const lastDay = '2025-06-30';
    ending.datumPoskytovaniDo = lastDay;
    extended.zarizeni.push({
      id: null,
      portalId: null,
      identifikator: null,
      nazev: '  Nová   pobočka ',
      adresa: {
        ...(extended.zarizeni[0].adresa ?? items[0]!.zarizeni[0].adresa),
        kodAdresnihoMista: 99999999,
      },
      utajenaAdresa: false,
      poskytujeOd: '2026-01-01',
      poskytujeDo: null,
      vedouci: { jmeno: 'Ludmila', prijmeni: 'Tajná', titulPred: null, titulZa: null },
    });
    const good = loner.poskytovatel.ico as string;
    const broken = good.slice(0, 7) + String((Number(good[7]) + 1) % 10);
    loner.poskytovatel.ico = broken;
    retyped.druhSocialniSluzby = { id: 'DruhSocialniSluzby/99' };
    items.push({ ...items[1], portalId: 999001, poskytovatel: { nazev: 'Bez IČO' } });
    items.push('not a registration' as unknown as Raw);

    const { imp } = await analyse(ctx, staff, file);
    expect(imp.status).toBe('ready');
    expect(imp.summary).toMatchObject({
      items: 122,
      kept: 120,
      skipped: 2,
      changes: {
        provider: { new: 1, changed: 0, ended: 0, unchanged: 37 },
        service: { new: 0, changed: 3, ended: 1, unchanged: 116 },
        facility: { new: 1, changed: 0, ended: 1, unchanged: 187 },
      },
    });

    const diff = await changes(ctx, staff, imp.id);
    const summary = diff.map((c) => [c.entity, c.change, c.key, c.fields?.map((f) => f.field)]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['provider', 'new', broken, undefined],
        ['service', 'changed', String(capacity.portalId), ['forms']],
        ['service', 'ended', String(ending.portalId), ['registeredTo', 'status']],
        ['service', 'changed', String(loner.portalId), ['providerIco']],
        ['service', 'changed', String(retyped.portalId), ['typeCode']],
        ['facility', 'new', `${extended.portalId}|Nová pobočka|99999999|2026-01-01`, undefined],
        [
          'facility',
          'ended',
          expect.stringMatching(new RegExp(`^${ending.portalId}\\|`)),
          ['validTo'],
        ],
      ]),
    );
    expect(diff).toHaveLength(7);
    const ended = diff.find((c) => c.entity === 'service' && c.change === 'ended')!;
    expect(ended.fields).toEqual([
      { field: 'registeredTo', before: null, after: '2025-07-01' },
      { field: 'status', before: 'active', after: 'ended' },
    ]);
    expect(diff.find((c) => c.key === broken)!.record).toMatchObject({ icoValid: false });

    const report = await issues(ctx, staff, imp.id);
    expect(report.map((i) => [i.severity, i.itemIndex])).toEqual(
      expect.arrayContaining([
        ['error', 120],
        ['error', 121],
        ['warning', items.indexOf(loner)],
        ['warning', items.indexOf(retyped)],
      ]),
    );
    expect(report).toHaveLength(4);
    expect(report.find((i) => i.itemIndex === items.indexOf(loner))!.reason).toContain(broken);
    expect(report.find((i) => i.itemIndex === items.indexOf(retyped))!.reason).toContain(
      'DruhSocialniSluzby/99',
    );

    const res = await apply(ctx, staff, imp);
    expect(res.statusCode, res.body).toBe(200);
    const states = await queryRows<{
      portal_id: number;
      valid_from: string;
      valid_to: string | null;
      status: string;
      type_code: string;
      forms: unknown;
    }>(
      ctx.app.db,
      sql`select s.registry_portal_id as portal_id, st.valid_from::text, st.valid_to::text,
                 st.status, st.type_code, st.forms
          from services s join service_states st on st.service_id = s.id
          where s.registry_portal_id in (${capacity.portalId}, ${ending.portalId}, ${retyped.portalId})
          order by s.registry_portal_id, st.valid_from`,
    );
    const of = (portalId: number) => states.filter((s) => s.portal_id === portalId);
    const day = today();
    // The capacity change closes the current state today and opens the new one.
    expect(of(capacity.portalId).map((s) => [s.valid_to, s.status])).toEqual([
      [day, 'active'],
      [null, 'active'],
    ]);
    expect(JSON.stringify(of(capacity.portalId)[1]!.forms)).toContain(
      `"count": ${capacity.formy[0].kapacity[0].pocet}`.replace(' ', ''),
    );
    // The end takes effect the day after the registration's last day.
    expect(of(ending.portalId).map((s) => [s.valid_from > '2000', s.valid_to, s.status])).toEqual([
      [true, '2025-07-01', 'active'],
      [true, null, 'ended'],
    ]);
    expect(of(retyped.portalId).at(-1)!.type_code).toBe('DruhSocialniSluzby/99');

    const again = await analyse(ctx, staff, file);
    expect(again.imp.summary!.totalChanges).toBe(0);
  });

  it('refuses to apply a stale import: 428 without If-Match, 412 on another version, 409 when not ready or newer', async () => {
    const { imp } = await analyse(ctx, staff, sampleText!);
    const url = `/api/registry/imports/${imp.id}/apply`;
    expect((await ctx.app.inject({ method: 'POST', url, headers: staff })).statusCode).toBe(428);
    const wrong = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...staff, 'if-match': `"${imp.version + 5}"` },
    });
    expect(wrong.statusCode).toBe(412);

    // A newer import exists: the older one is superseded and cannot be applied.
    const newer = await analyse(ctx, staff, sampleText!);
    const older = await getImport(ctx, staff, imp.id);
    expect(older.status).toBe('superseded');
    const refused = await apply(ctx, staff, older);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);

    // The network changed since the newer one was analysed.
    await ctx.app.db.execute(
      sql`update providers set name = name || ' (upraveno)' where ico = (select min(ico) from providers)`,
    );
    const stale = await apply(ctx, staff, newer.imp);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toMatch(/network changed/);
    expect((await getImport(ctx, staff, newer.imp.id)).status).toBe('ready');
  });

  it('lists imports newest first', async () => {
    const res = await ctx.app.inject({ url: '/api/registry/imports?limit=2', headers: staff });
    expect(res.statusCode).toBe(200);
    const list = res.json<{ items: RegistryImport[]; total: number }>();
    expect(list.total).toBeGreaterThanOrEqual(7);
    expect(list.items).toHaveLength(2);
    expect(list.items[0]!.createdAt >= list.items[1]!.createdAt).toBe(true);
  });
});
