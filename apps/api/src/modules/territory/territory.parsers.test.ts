import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidError } from '../../lib/errors.ts';
import { centroidOf, normalizeAreaGeometry, type AreaGeometry, type Ring } from './geometry.ts';
import { parseMunicipalityCsv } from './import-municipalities.ts';
import { fold } from '../../lib/czech-text.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const lon = fc.double({ min: -170, max: 170, noNaN: true });
const lat = fc.double({ min: -80, max: 80, noNaN: true });
const size = fc.double({ min: 0.001, max: 5, noNaN: true });

describe('centroidOf', () => {
  it('is the centre of a rectangle, whatever the winding', () => {
    fc.assert(
      fc.property(lon, lat, size, size, fc.boolean(), (x, y, w, h, reverse) => {
        const ring = rect(x, y, x + w, y + h);
        const c = centroidOf({ type: 'Polygon', coordinates: [reverse ? ring.reverse() : ring] });
        expect(c.lon).toBeCloseTo(x + w / 2, 5);
        expect(c.lat).toBeCloseTo(y + h / 2, 5);
      }),
    );
  });

  it('subtracts holes and weighs the parts of a MultiPolygon by area', () => {
    // A 2×2 square with the left half cut out → the centroid of the right half.
    const holed: AreaGeometry = {
      type: 'Polygon',
      coordinates: [rect(0, 0, 2, 2), rect(0, 0, 1, 2).reverse()],
    };
    expect(centroidOf(holed)).toEqual({ lat: 1, lon: 1.5 });
    // A unit square at 0 and a 3×1 rectangle at 10: centroid pulled 3:1 towards the big one.
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[rect(0, 0, 1, 1)], [rect(10, 0, 13, 1)]],
    };
    expect(centroidOf(multi).lon).toBeCloseTo((0.5 * 1 + 11.5 * 3) / 4, 6);
  });

  it('falls back to the mean of the vertices for a degenerate ring', () => {
    const flat: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [4, 0],
          [0, 0],
        ],
      ],
    };
    expect(centroidOf(flat)).toEqual({ lat: 0, lon: 1.5 });
  });
});

describe('normalizeAreaGeometry', () => {
  it('closes rings, drops altitudes and extra members, and is idempotent', () => {
    const g = normalizeAreaGeometry({
      type: 'Polygon',
      bbox: [0, 0, 1, 1],
      coordinates: [
        [
          [0, 0, 100],
          [1, 0],
          [1, 1],
        ],
      ],
    });
    expect(g).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    });
    expect(normalizeAreaGeometry(g)).toEqual(g);
  });

  it('never throws on arbitrary input; refuses what is not an area', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = normalizeAreaGeometry(value);
        expect(
          typeof result === 'string' || ['Polygon', 'MultiPolygon'].includes(result.type),
        ).toBe(true);
      }),
    );
    expect(normalizeAreaGeometry({ type: 'Point', coordinates: [1, 2] })).toMatch(/Polygon/);
    expect(normalizeAreaGeometry({ type: 'Polygon', coordinates: [rect(0, 0, 1, 200)] })).toMatch(
      /WGS84/,
    );
  });
});

describe('fold (search)', () => {
  it('ignores case and Czech diacritics', () => {
    expect(fold('Železný Brod')).toBe('zelezny brod');
    expect(fold('ČESKÁ LÍPA')).toBe('ceska lipa');
    expect(fold('Kůň úpěl ďábelské ódy')).toBe('kun upel dabelske ody');
  });
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(fold(fold(s))).toBe(fold(s));
      }),
    );
  });
});

describe('parseMunicipalityCsv', () => {
  const row = fc.record({
    code: fc.integer({ min: 500000, max: 599999 }).map(String),
    name: fc.stringMatching(
      /^[A-Za-zÁČĎÉĚÍŇÓŘŠŤÚŮÝŽáčďéěíňóřšťúůýž][A-Za-zÁČĎÉĚÍŇÓŘŠŤÚŮÝŽáčďéěíňóřšťúůýž -]{0,40}$/,
    ),
    orp: fc.integer({ min: 1000, max: 9999 }).map(String),
    population: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }),
  });

  it('reads back what was written, with line numbers', () => {
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.code, maxLength: 30 }), (rows) => {
        const text = [
          'code,name,orp_csu_code,population',
          ...rows.map((r) => `${r.code},${r.name},${r.orp},${r.population ?? ''}`),
        ].join('\r\n');
        const parsed = parseMunicipalityCsv(text);
        const names = rows.map((r) => r.name.trim());
        expect(parsed.rejected.filter((r) => !/name is missing/.test(r.reason))).toEqual([]);
        const kept = rows.filter((_, i) => names[i]);
        expect(parsed.rows.map((r) => [r.code, r.name, r.orpCode, r.population])).toEqual(
          kept.map((r) => [r.code, r.name.trim(), r.orp, r.population]),
        );
        expect(parsed.rows.map((r) => r.line)).toEqual(
          rows.flatMap((r, i) => (names[i] ? [i + 2] : [])),
        );
      }),
    );
  });

  it('takes the columns in any order, with a BOM', () => {
    const { rows } = parseMunicipalityCsv(
      '\ufeffpopulation,orp_csu_code,name,code\n1200,5105,Chrastava,564044\n',
    );
    expect(rows).toEqual([
      { line: 2, code: '564044', name: 'Chrastava', orpCode: '5105', population: 1200 },
    ]);
  });

  it('throws a 400 for files it cannot read, and never anything else', () => {
    expect(() => parseMunicipalityCsv('')).toThrow(InvalidError);
    expect(() => parseMunicipalityCsv('code,name\n')).toThrow(/missing: orp_csu_code, population/);
    expect(() =>
      parseMunicipalityCsv('code,name,orp_csu_code,population\n"unclosed,x,1,2\n'),
    ).toThrow(InvalidError);
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseMunicipalityCsv(`code,name,orp_csu_code,population\n${text}`);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidError);
        }
      }),
    );
  });
});
