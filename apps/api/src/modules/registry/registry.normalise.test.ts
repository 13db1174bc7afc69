import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normaliseAddress,
  normaliseIco,
  normaliseItem,
  registrationInRegion,
  type NormaliseContext,
  type NormaliseResult,
} from './registry.normalise.ts';
import { registryItems } from './registry.parse.ts';
import { ico, registryFile, registryItem } from './registry.test-support.ts';

/** Codelists that know the usual registry ids (their code is the part after the slash). */
const KNOWN = new Set([
  'DruhSocialniSluzby/13',
  'DruhSocialniSluzby/20',
  'FormaSocialniSluzby/pob',
  'FormaSocialniSluzby/ter',
  'TypKapacitySocialniSluzby/luzka',
  'TypKapacitySocialniSluzby/klient',
  'CilovaSkupinaOsoby/24',
  'VekovaSkupinaOsoby/9',
]);
const ctx = (overrides: Partial<NormaliseContext> = {}): NormaliseContext => ({
  effectiveDate: '2026-06-01',
  code: (_codelist, id) => (KNOWN.has(id) ? id.split('/')[1]! : undefined),
  codeName: (_codelist, code) => (code === '13' ? 'domovy pro seniory' : undefined),
  region: { ruianCode: '78', municipalityCodes: new Set(['563889', '561380']) },
  unitIdOf: (ref) =>
    ({ 'Orp/817': 'orp-liberec', 'Orp/5105': 'orp-liberec', 'Kraj/78': 'region' })[ref],
  ...overrides,
});

const kept = (result: NormaliseResult) => {
  if (result.outcome !== 'kept') throw new Error(`expected kept, got ${result.outcome}`);
  return result;
};

describe('normalising one registration', () => {
  it('maps codes, cleans text, keeps capacity per form and unit', () => {
    const r = kept(normaliseItem(registryItem(1), 0, ctx()));
    expect(r.provider).toMatchObject({ key: ico('1000001'), data: { icoValid: true } });
    expect(r.service.key).toBe('50001');
    expect(r.service.data).toMatchObject({
      identifier: '7000001',
      typeCode: '13',
      name: 'Domov 1',
      status: 'active',
      forms: [{ form: 'pob', capacities: [{ unit: 'luzka', count: 40 }] }],
      targetGroups: ['24'],
      ageGroups: ['9'],
      phone: '481 000 000',
    });
    expect(r.service.data).not.toHaveProperty('territoryUnitIds');
    expect(r.facilities).toHaveLength(1);
    expect(r.facilities[0]!.data).toMatchObject({
      name: 'Domov 1',
      municipalityCode: '563889',
      addressPointCode: 80000001,
      address: { street: 'Husova', houseNumber: '101', orientationNumber: '7a', postcode: '46001' },
    });
    expect(r.issues).toEqual([]);
  });

  it('ends a registration the day after its last day (half-open, like every validity)', () => {
    const ended = kept(
      normaliseItem(registryItem(2, { datumPoskytovaniDo: '2026-05-31' }), 0, ctx()),
    );
    expect(ended.service.data).toMatchObject({ status: 'ended', registeredTo: '2026-06-01' });
    expect(ended.service.extra.endsOn).toBe('2026-06-01');
    expect(ended.facilities[0]!.data.validTo).toBe('2026-06-01');
    const last = kept(
      normaliseItem(registryItem(2, { datumPoskytovaniDo: '2026-06-01' }), 0, ctx()),
    );
    expect(last.service.data.status).toBe('active');
  });

  it('takes the earlier of a facility’s own end and its registration’s (§10.1)', () => {
    const item = registryItem(3, { datumPoskytovaniDo: '2030-12-31' });
    item.zarizeni[0]!.poskytujeDo = '2026-01-31' as never;
    expect(kept(normaliseItem(item, 0, ctx())).facilities[0]!.data.validTo).toBe('2026-02-01');
  });

  it('records territory served when the registry gives a scope it can place', () => {
    const item = registryItem(4, {
      rozsirenePusobnostiVKraji: [
        { kraj: { id: 'Kraj/78' }, orp: { id: 'Orp/817' } },
        { kraj: { id: 'Kraj/78' }, orp: { id: 'Orp/5105' } },
        { kraj: { id: 'Kraj/78' }, orp: null },
        { kraj: { id: 'Kraj/78' }, orp: { id: 'Orp/9999' } },
      ],
    });
    const r = kept(normaliseItem(item, 0, ctx()));
    expect(r.service.data.territoryUnitIds).toEqual(['orp-liberec', 'region']);
    expect(r.issues.map((i) => i.reason)).toEqual([
      'territorial scope Orp/9999 matches no territorial unit; not recorded',
    ]);
  });

  it('flags a wrong IČO check digit but keeps the registration; skips one that is not 8 digits', () => {
    const good = ico('1234567');
    const bad = good.slice(0, 7) + String((Number(good[7]) + 1) % 10);
    const item = registryItem(5);
    item.poskytovatel.ico = bad;
    const r = kept(normaliseItem(item, 7, ctx()));
    expect(r.provider).toMatchObject({ key: bad, data: { icoValid: false } });
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: 'warning', itemIndex: 7, identifier: '7000005' }),
    ]);
    item.poskytovatel.ico = '1234-567';
    expect(normaliseItem(item, 7, ctx())).toMatchObject({ outcome: 'skipped' });
    expect(normaliseIco(3593207)).toBe('03593207');
    expect(normaliseIco(' 03593207 ')).toBe('03593207');
  });

  it('never stores a secret address, even one the file gives', () => {
    const item = registryItem(6);
    item.zarizeni[0]!.utajenaAdresa = true;
    const facility = kept(normaliseItem(item, 0, ctx())).facilities[0]!;
    expect(facility.data).toMatchObject({
      secretAddress: true,
      address: null,
      addressPointCode: null,
      municipalityCode: null,
    });
    expect(JSON.stringify(facility)).not.toContain('Husova');
  });

  it('writes an evidence number (TypStavebnihoObjektu/2) as such', () => {
    expect(
      normaliseAddress({ cisloDomovni: 12, typCislaDomovniho: { id: 'TypStavebnihoObjektu/2' } }),
    ).toMatchObject({ houseNumber: 'č. ev. 12', street: null, municipalityCode: null });
  });

  it('filters by the region: a facility address in the kraj or a municipality of it', () => {
    const region = ctx().region!;
    const item = registryItem(7);
    expect(registrationInRegion(item, region)).toBe(true);
    item.zarizeni[0]!.adresa = { ...item.zarizeni[0]!.adresa, kraj: null as never };
    expect(registrationInRegion(item, region)).toBe(true); // by the municipality
    item.zarizeni[0]!.adresa = { ...item.zarizeni[0]!.adresa, obec: { id: 'Obec/554499' } };
    expect(registrationInRegion(item, region)).toBe(false);
    expect(normaliseItem(item, 0, ctx())).toEqual({ outcome: 'outside' });
    expect(normaliseItem(item, 0, ctx({ region: null }))).toMatchObject({ outcome: 'kept' });
  });
});

const personal = fc.record({
  jmeno: fc.constantFrom('Alžběta', 'Bohumil', 'Cecílie', 'Drahomír'),
  prijmeni: fc.stringMatching(/^Q[a-z]{6}$/),
  titulPred: fc.constantFrom(null, 'Ing.'),
  titulZa: fc.constant(null),
});

describe('normalising any input (property-based)', () => {
  it('never throws, whatever the item is', () => {
    fc.assert(
      fc.property(fc.anything(), fc.nat(), (value, index) => {
        const result = normaliseItem(value, index, ctx());
        expect(['kept', 'outside', 'skipped']).toContain(result.outcome);
      }),
      { numRuns: 500 },
    );
  });

  it('never lets names of statutory bodies or facility heads through', () => {
    fc.assert(
      fc.property(fc.array(personal, { maxLength: 3 }), personal, (bodies, head) => {
        const item = registryItem(8);
        item.poskytovatel.statutarniOrgany = bodies as never;
        item.zarizeni[0]!.vedouci = head as never;
        const out = JSON.stringify(normaliseItem(item, 0, ctx()));
        for (const p of [...bodies, head]) expect(out).not.toContain(p.prijmeni);
      }),
    );
  });

  it('gives each facility of a registration its own key, merging copies that differ by whitespace only', () => {
    const facilityArb = fc.record({
      name: fc.constantFrom('A', 'B', 'C'),
      point: fc.constantFrom(1, 2),
      from: fc.constantFrom('2020-01-01', '2021-01-01'),
      to: fc.constantFrom(null, '2024-12-31', '2025-12-31'),
      pad: fc.constantFrom('', ' ', '  '),
    });
    fc.assert(
      fc.property(fc.array(facilityArb, { maxLength: 8 }), (list) => {
        const item = registryItem(9);
        const template = item.zarizeni[0]!;
        item.zarizeni = list.map((f) => ({
          ...template,
          nazev: `${f.pad}${f.name}${f.pad}`,
          adresa: { ...template.adresa, kodAdresnihoMista: f.point },
          poskytujeOd: f.from,
          poskytujeDo: f.to as never,
        }));
        const r = kept(normaliseItem(item, 0, ctx({ region: null })));
        const keys = r.facilities.map((f) => f.key);
        expect(new Set(keys).size).toBe(keys.length);
        const distinct = new Set(list.map((f) => [f.name, f.point, f.from, f.to].join('|')));
        expect(r.facilities).toHaveLength(distinct.size);
      }),
    );
  });
});

describe('reading the file as a stream', () => {
  const collect = async (chunks: Buffer[]) => {
    const out: unknown[] = [];
    for await (const { item } of registryItems(chunks)) out.push(item);
    return out;
  };

  it('yields the items of polozky whatever the chunking, multi-byte characters included', async () => {
    const file = {
      datum: '2026-09-08',
      polozky: [registryItem(1), registryItem(2, { identifikator: 'Žluťoučký kůň' })],
      pozn: { x: [1, 2] },
    };
    const bytes = Buffer.from(JSON.stringify(file, null, 1));
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
        async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
          expect(await collect(chunks)).toEqual(file.polozky);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a file that is not JSON or has no registrations', async () => {
    await expect(collect([Buffer.from('{"polozky": [1, }')])).rejects.toThrow(
      /not a registry file/,
    );
    await expect(collect([Buffer.from(JSON.stringify(registryFile([])))])).rejects.toThrow(
      /no registrations/,
    );
  });
});
