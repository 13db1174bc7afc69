import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  computeEntry,
  costsOf,
  revenuesOf,
  roundHalfUp,
  splitAmongMunicipalities,
  splitByKey,
  type CalcParameters,
  type EntryInput,
  type KeyShares,
  type Municipality,
  type RefValue,
} from './financing.calc.ts';
import { formatMoney, numberToHundredths, parseMoney, parsePercent } from './money.ts';

const ref = (unitBasis: 'fte' | 'bed', costCzk: string, sharePercent: string): RefValue => ({
  id: null,
  unitBasis,
  costPerUnitHaler: parseMoney(costCzk)!,
  ownRevenueShareBp: parsePercent(sharePercent)!,
});
const key = (state: string, region: string, municipal: string): KeyShares => ({
  id: null,
  stateBp: parsePercent(state)!,
  regionBp: parsePercent(region)!,
  municipalBp: parsePercent(municipal)!,
});
const params = (
  refs: Record<string, RefValue>,
  k: KeyShares | null,
  bedUnits = ['luzka'],
): CalcParameters => ({
  referenceValue: (type, form) => refs[`${type}|${form}`],
  key: k,
  bedUnits: new Set(bedUnits),
});
const town = (code: string, population: number | null, orpId = 'orp-1'): Municipality => ({
  id: `id-${code}`,
  code,
  name: `Obec ${code}`,
  orpId,
  population,
});
const czk = (haler: bigint) => formatMoney(haler);

describe('money text', () => {
  it('parses and formats CZK exactly', () => {
    expect(parseMoney('612345.67')).toBe(61234567);
    expect(parseMoney('612345.5')).toBe(61234550);
    expect(parseMoney('612345')).toBe(61234500);
    expect(parseMoney('0.05')).toBe(5);
    expect(parseMoney('1.234')).toBeUndefined();
    expect(parseMoney('1,5')).toBeUndefined();
    expect(formatMoney(61234567n)).toBe('612345.67');
    expect(formatMoney(-5n)).toBe('-0.05');
    expect(formatMoney(0)).toBe('0.00');
  });

  it('reads FTE numbers with two decimals without float error', () => {
    // 3.35 * 100 === 334.99999999999994 in binary floating point.
    expect(numberToHundredths(3.35)).toBe(335);
    expect(numberToHundredths(0.1 + 0.2)).toBeUndefined(); // 0.30000000000000004
    expect(numberToHundredths(2)).toBe(200);
    expect(numberToHundredths(1.005)).toBeUndefined();
  });
});

describe('rounding primitives', () => {
  it('rounds halves up, everything else to the nearest haléř', () => {
    expect(roundHalfUp(1n, 2n)).toBe(1n); // 0.5 → 1
    expect(roundHalfUp(3n, 2n)).toBe(2n); // 1.5 → 2
    expect(roundHalfUp(5n, 2n)).toBe(3n); // 2.5 → 3 (half-even would give 2)
    expect(roundHalfUp(149n, 100n)).toBe(1n);
    expect(roundHalfUp(150n, 100n)).toBe(2n);
    // 0.01 FTE × 0.50 CZK = 0.005 CZK = 0.5 haléř → 1 haléř; 0.03 FTE × 0.50 CZK = 1.5 → 2.
    expect(costsOf(1, 50)).toBe(1n);
    expect(costsOf(3, 50)).toBe(2n);
    // 12.5 % of 1 haléř = 0.125 → 0; 50 % of 1 haléř = 0.5 → 1.
    expect(revenuesOf(1n, 1250)).toBe(0n);
    expect(revenuesOf(1n, 5000)).toBe(1n);
  });

  it('allocates by largest remainder with ties to the earlier part', () => {
    // 10 among 1:1:1 → 3.33 each; one haléř left goes to the first.
    expect(allocate(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    // 100 among 1:2:3 → 16.67, 33.33, 50 → floors 16, 33, 50 (99), the .67 gets the last.
    expect(allocate(100n, [1n, 2n, 3n])).toEqual([17n, 33n, 50n]);
    // No weight at all → equal shares.
    expect(allocate(5n, [0n, 0n])).toEqual([3n, 2n]);
    expect(allocate(0n, [])).toEqual([]);
    expect(() => allocate(1n, [])).toThrow(RangeError);
  });
});

describe('worked examples (computed by hand)', () => {
  it('a home for the elderly: 40 beds, 55/30/15 key, three municipalities', () => {
    const input: EntryInput = {
      typeCode: '49',
      capacities: [
        { form: 'pob', unit: 'luzka', count: 40 },
        { form: 'pob', unit: 'klient', count: 45 }, // clients are not priced per bed
      ],
      fteHundredths: 2150,
      entrustedCapacities: [{ form: 'pob', unit: 'luzka', count: 40 }],
      municipalities: [town('500003', 3000), town('500001', 1000), town('500002', 2000)],
    };
    const result = computeEntry(
      input,
      params({ '49|pob': ref('bed', '612345.67', '62.50') }, key('55', '30', '15')),
    );
    // costs    = 40 beds × 612 345.67 CZK             = 24 493 826.80 CZK
    // revenues = 24 493 826.80 × 62.50 %              = 15 308 641.75 CZK (exact)
    // payment  = 24 493 826.80 − 15 308 641.75         =  9 185 185.05 CZK = 918 518 505 h
    expect(czk(result.costs)).toBe('24493826.80');
    expect(czk(result.revenues)).toBe('15308641.75');
    expect(czk(result.compensation)).toBe('9185185.05');
    expect(result.forms).toMatchObject([{ form: 'pob', unitsHundredths: 4000 }]);
    // per entrusted bed: 918 518 505 h / 40 = 22 962 962.625 h → 22 962 963 h (half up)
    expect(result.perEntrustedUnit).toEqual([
      { form: 'pob', unit: 'luzka', count: 40, amount: 22962963n },
    ]);
    // key split of 918 518 505 h:
    //   state  55 % = 505 185 177.75 → 505 185 177, remainder .75
    //   region 30 % = 275 555 551.50 → 275 555 551, remainder .50
    //   munic. 15 % = 137 777 775.75 → 137 777 775, remainder .75
    //   floors sum to 918 518 503: 2 h left → the two .75 (state first, then municipalities)
    expect(result.split).toEqual({
      state: 505185178n,
      region: 275555551n,
      municipalities: 137777776n,
      unassigned: 0n,
    });
    // municipalities (by code) 500001: 1000, 500002: 2000, 500003: 3000 inhabitants of 6000:
    //   137 777 776 × 1/6 = 22 962 962.67 → 22 962 962 (.67)
    //   137 777 776 × 2/6 = 45 925 925.33 → 45 925 925 (.33)
    //   137 777 776 × 3/6 = 68 888 888.00 → 68 888 888
    //   floors sum to 137 777 775: 1 h left → 500001 (largest fraction)
    expect(result.municipalShares.map((s) => [s.municipality?.code, s.amount])).toEqual([
      ['500001', 22962963n],
      ['500002', 45925925n],
      ['500003', 68888888n],
    ]);
    expect(result.issues).toEqual([]);
  });

  it('personal assistance: 3.35 FTE in the field, 33.33/33.33/33.34 key', () => {
    const result = computeEntry(
      {
        typeCode: '39',
        capacities: [{ form: 'ter', unit: 'klient', count: 30 }],
        fteHundredths: numberToHundredths(3.35)!,
        entrustedCapacities: [{ form: 'ter', unit: 'klient', count: 30 }],
        municipalities: [town('600001', 5000)],
      },
      params({ '39|ter': ref('fte', '705000', '12.34') }, key('33.33', '33.33', '33.34')),
    );
    // costs    = 3.35 FTE × 705 000.00 = 2 361 750.00 CZK = 236 175 000 h
    // revenues = 236 175 000 × 12.34 % = 29 143 995 h (exact) = 291 439.95 CZK
    // payment  = 236 175 000 − 29 143 995 = 207 031 005 h = 2 070 310.05 CZK
    expect(czk(result.costs)).toBe('2361750.00');
    expect(czk(result.revenues)).toBe('291439.95');
    expect(czk(result.compensation)).toBe('2070310.05');
    // per client: 207 031 005 / 30 = 6 901 033.5 h → 6 901 034 h (half up)
    expect(result.perEntrustedUnit[0]!.amount).toBe(6901034n);
    // state  33.33 % = 69 003 433.9665 → 69 003 433 (.9665)
    // region 33.33 % = 69 003 433.9665 → 69 003 433 (.9665)
    // munic. 33.34 % = 69 024 137.067  → 69 024 137 (.067)
    // floors sum to 207 031 003: 2 h left → state, region
    expect(result.split).toEqual({
      state: 69003434n,
      region: 69003434n,
      municipalities: 69024137n,
      unassigned: 0n,
    });
    expect(result.municipalShares).toEqual([
      { municipality: town('600001', 5000), amount: 69024137n },
    ]);
  });

  it('respite care in three forms: beds for pob, FTE shared by ter and amb', () => {
    const result = computeEntry(
      {
        typeCode: '44',
        capacities: [
          { form: 'ter', unit: 'klient', count: 12 },
          { form: 'pob', unit: 'luzka', count: 5 },
          { form: 'amb', unit: 'klient', count: 8 },
        ],
        fteHundredths: 101,
        entrustedCapacities: [],
        municipalities: [],
      },
      params(
        {
          '44|ter': ref('fte', '600000', '0'),
          '44|amb': ref('fte', '500000', '10'),
          '44|pob': ref('bed', '400000.01', '50'),
        },
        key('50', '50', '0'),
      ),
    );
    // 1.01 FTE split equally between ter and amb by largest remainder: 0.51 (ter, first), 0.50
    //   ter: 0.51 × 600 000.00 = 306 000.00, revenues 0 %         → payment 306 000.00
    //   amb: 0.50 × 500 000.00 = 250 000.00, revenues 10 % = 25 000 → payment 225 000.00
    //   pob: 5 beds × 400 000.01 = 2 000 000.05, revenues 50 % = 1 000 000.025 → 1 000 000.03
    //        (half up) → payment 1 000 000.02
    expect(
      result.forms.map((f) => [
        f.form,
        f.unitsHundredths,
        czk(f.costs),
        czk(f.revenues),
        czk(f.compensation),
      ]),
    ).toEqual([
      ['ter', 51, '306000.00', '0.00', '306000.00'],
      ['pob', 500, '2000000.05', '1000000.03', '1000000.02'],
      ['amb', 50, '250000.00', '25000.00', '225000.00'],
    ]);
    // total payment 1 531 000.02 = 153 100 002 h, 50/50/0 → 76 550 001 each
    expect(czk(result.compensation)).toBe('1531000.02');
    expect(result.split).toEqual({
      state: 76550001n,
      region: 76550001n,
      municipalities: 0n,
      unassigned: 0n,
    });
    expect(result.municipalShares).toEqual([]);
  });

  it('reports what is missing instead of guessing', () => {
    const result = computeEntry(
      {
        typeCode: '49',
        capacities: [
          { form: 'pob', unit: 'klient', count: 10 },
          { form: 'ter', unit: 'klient', count: 10 },
        ],
        fteHundredths: null,
        entrustedCapacities: [],
        municipalities: [],
      },
      params({ '49|pob': ref('bed', '1000', '0') }, null),
    );
    expect(result.issues.map((i) => [i.code, i.form])).toEqual([
      ['no-beds', 'pob'],
      ['missing-reference-value', 'ter'],
      ['no-financing-key', undefined],
    ]);
    expect(result.compensation).toBe(0n);
  });

  it('keeps the municipal part unassigned to a municipality when no territory is known', () => {
    const result = computeEntry(
      {
        typeCode: '49',
        capacities: [{ form: 'pob', unit: 'luzka', count: 1 }],
        fteHundredths: null,
        entrustedCapacities: [],
        municipalities: [],
      },
      params({ '49|pob': ref('bed', '100', '0') }, key('0', '0', '100')),
    );
    expect(result.municipalShares).toEqual([{ municipality: null, amount: 10000n }]);
    expect(result.issues.map((i) => i.code)).toEqual(['no-territory']);
  });
});

// --- properties ---

const bp = fc.integer({ min: 0, max: 10_000 });
const keyArb = fc
  .tuple(bp, bp)
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
  .map(([a, b]): KeyShares => ({ id: null, stateBp: a, regionBp: b - a, municipalBp: 10_000 - b }));
const haler = fc.bigInt({ min: 0n, max: 10n ** 13n });
const municipalitiesArb = fc
  .uniqueArray(
    fc.record({
      code: fc.integer({ min: 500_000, max: 600_000 }).map(String),
      population: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }),
      orp: fc.constantFrom('orp-a', 'orp-b', 'orp-c'),
    }),
    { selector: (m) => m.code, maxLength: 30 },
  )
  .map((list) => list.map((m) => town(m.code, m.population, m.orp)));

const entryArb = fc.record({
  beds: fc.integer({ min: 0, max: 500 }),
  fte: fc.integer({ min: 0, max: 10_000 }),
  bedCost: fc.integer({ min: 0, max: 200_000_000 }),
  fteCost: fc.integer({ min: 0, max: 200_000_000 }),
  bedShare: bp,
  fteShare: bp,
  key: keyArb,
  municipalities: municipalitiesArb,
});
type EntryCase = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

const compute = (c: EntryCase) =>
  computeEntry(
    {
      typeCode: 'T',
      capacities: [
        { form: 'pob', unit: 'luzka', count: c.beds },
        { form: 'ter', unit: 'klient', count: 10 },
      ],
      fteHundredths: c.fte,
      entrustedCapacities: [{ form: 'pob', unit: 'luzka', count: Math.max(1, c.beds) }],
      municipalities: c.municipalities,
    },
    params(
      {
        'T|pob': {
          id: null,
          unitBasis: 'bed',
          costPerUnitHaler: c.bedCost,
          ownRevenueShareBp: c.bedShare,
        },
        'T|ter': {
          id: null,
          unitBasis: 'fte',
          costPerUnitHaler: c.fteCost,
          ownRevenueShareBp: c.fteShare,
        },
      },
      c.key,
    ),
  );

describe('properties', () => {
  it('allocate: parts sum to the whole, none negative, each within one of its exact share', () => {
    fc.assert(
      fc.property(
        haler,
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 7n }), { minLength: 1, maxLength: 40 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0n);
          const w = sum === 0n ? weights.map(() => 1n) : weights;
          const W = sum === 0n ? BigInt(weights.length) : sum;
          parts.forEach((p, i) => {
            expect(p >= 0n).toBe(true);
            // |p − total·w/W| < 1  ⇔  |p·W − total·w| < W
            const diff = p * W - total * w[i]!;
            expect(diff < W && diff > -W).toBe(true);
          });
        },
      ),
    );
  });

  it('key split: parts sum to the payment and none is negative', () => {
    fc.assert(
      fc.property(haler, keyArb, (amount, k) => {
        const s = splitByKey(amount, k);
        expect(s.state + s.region + s.municipalities + s.unassigned).toBe(amount);
        for (const v of Object.values(s)) expect(v >= 0n).toBe(true);
        expect(s.unassigned).toBe(0n);
      }),
    );
  });

  it('municipal split: sums to the part and is proportional to population within one haléř', () => {
    fc.assert(
      fc.property(haler, municipalitiesArb, (amount, towns) => {
        fc.pre(towns.length > 0);
        const shares = splitAmongMunicipalities(amount, towns);
        expect(shares.reduce((a, s) => a + s.amount, 0n)).toBe(amount);
        const total = towns.reduce((a, t) => a + BigInt(t.population ?? 0), 0n);
        for (const s of shares) {
          const pop = BigInt(s.municipality!.population ?? 0);
          const [w, W] = total === 0n ? [1n, BigInt(towns.length)] : [pop, total];
          const diff = s.amount * W - amount * w;
          expect(diff < W && diff > -W).toBe(true);
        }
      }),
    );
  });

  it('an entry: every whole equals the sum of its parts; nothing is negative', () => {
    fc.assert(
      fc.property(entryArb, (c) => {
        const r = compute(c);
        expect(r.costs).toBe(r.forms.reduce((a, f) => a + f.costs, 0n));
        expect(r.revenues).toBe(r.forms.reduce((a, f) => a + f.revenues, 0n));
        expect(r.compensation).toBe(r.costs - r.revenues);
        expect(r.split.state + r.split.region + r.split.municipalities + r.split.unassigned).toBe(
          r.compensation,
        );
        expect(r.municipalShares.reduce((a, s) => a + s.amount, 0n)).toBe(r.split.municipalities);
        for (const v of [r.costs, r.revenues, r.compensation, ...Object.values(r.split)])
          expect(v >= 0n).toBe(true);
        for (const f of r.forms) expect(f.revenues <= f.costs).toBe(true);
        for (const s of r.municipalShares) expect(s.amount >= 0n).toBe(true);
      }),
    );
  });

  it('more capacity never means less payment (beds and FTE)', () => {
    fc.assert(
      fc.property(
        entryArb,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 1000 }),
        (c, moreBeds, moreFte) => {
          const before = compute(c);
          const after = compute({ ...c, beds: c.beds + moreBeds, fte: c.fte + moreFte });
          expect(after.costs >= before.costs).toBe(true);
          expect(after.compensation >= before.compensation).toBe(true);
          // A single part may lose the one haléř it got as a remainder (largest remainder is
          // not house-monotone), never more.
          for (const part of ['state', 'region', 'municipalities'] as const)
            expect(after.split[part] >= before.split[part] - 1n).toBe(true);
        },
      ),
    );
  });
});
