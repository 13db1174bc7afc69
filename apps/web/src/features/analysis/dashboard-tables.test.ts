import type {
  CapacityAnalysis,
  CapacityCell,
  CollectionAnalysis,
  NeedsAnalysis,
} from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import {
  capacityByTerritoryTable,
  capacityByTypeTable,
  collectionByOrp,
  collectionTable,
  needsTable,
  sumMoney,
  territoryCapacity,
  typeUnits,
  type Labels,
} from './dashboard-tables.ts';
import { indicatorValues } from './indicators.ts';

const labels: Labels = {
  t: (key) => key.split('.').at(-1) ?? key,
  typeName: (code) => `§ ${code}`,
  formName: (code) => code || 'all',
  unitName: (code) => code,
  sourceName: (code) => code,
  ageGroupName: (code) => `age ${code}`,
};

const LIBEREC = '00000000-0000-4000-8000-000000000001';
const JABLONEC = '00000000-0000-4000-8000-000000000002';

function cell(patch: Partial<CapacityCell>): CapacityCell {
  return {
    unitId: LIBEREC,
    unitCode: '5105',
    unitName: 'Liberec',
    unitKind: 'orp',
    population: 100_000,
    typeCode: '49',
    form: '',
    unit: 'bed',
    capacity: 300,
    services: 3,
    perThousand: 3,
    regionPerThousand: 2.5,
    target: { id: 'x', perThousand: 4, populationBase: 'total' },
    basePopulation: 100_000,
    basePerThousand: 3,
    regionBasePerThousand: 2.5,
    gapUnits: 100,
    gapReason: null,
    costPerUnit: '1000.00',
    gapMoney: '100000.00',
    ...patch,
  };
}

const analysis: CapacityAnalysis = {
  asOf: '2026-01-01',
  level: 'orp',
  orp: null,
  referenceYear: 2026,
  cells: [
    cell({}),
    cell({ form: 'residential', capacity: 300 }),
    cell({
      unitId: JABLONEC,
      unitName: 'Jablonec',
      population: 50_000,
      capacity: 100,
      services: 1,
      perThousand: 2,
      gapUnits: 100,
      gapMoney: '100000.50',
    }),
    // Only per form: two forms summed.
    cell({
      typeCode: '44',
      unit: 'client',
      form: 'field',
      capacity: 10.5,
      gapUnits: 1,
      gapMoney: null,
      target: null,
    }),
    cell({
      typeCode: '44',
      unit: 'client',
      form: 'outpatient',
      capacity: 4.5,
      gapUnits: 2,
      gapMoney: null,
      target: null,
    }),
  ],
  region: [
    {
      typeCode: '49',
      form: '',
      unit: 'bed',
      capacity: 400,
      population: 150_000,
      perThousand: 2.667,
    },
  ],
  totals: { gapMoney: '200000.50' },
  unplacedServices: 0,
};

describe('sumMoney', () => {
  it('adds decimal strings exactly to the haléř', () => {
    expect(sumMoney(['0.10', '0.20', '-1.05'])).toBe('-0.75');
    expect(sumMoney([null, '100000.50', '0.01'])).toBe('100000.51');
    expect(sumMoney([null])).toBeNull();
  });
});

describe('territoryCapacity', () => {
  it("takes the API's all-forms row and its target where there is one", () => {
    const [jablonec, liberec] = territoryCapacity(analysis.cells, '49', 'bed');
    expect(liberec).toMatchObject({ capacity: 300, perThousand: 3, target: 4, gapUnits: 100 });
    expect(jablonec?.name).toBe('Jablonec');
  });

  it('sums the forms and divides again when there is no all-forms row', () => {
    const [liberec] = territoryCapacity(analysis.cells, '44', 'client');
    expect(liberec).toMatchObject({ capacity: 15, perThousand: 0.15, gapUnits: 3, gapMoney: null });
  });
});

describe('typeUnits', () => {
  it('lists each type with its units', () => {
    expect(typeUnits(analysis)).toEqual([
      { typeCode: '44', unit: 'client', services: 6 },
      { typeCode: '49', unit: 'bed', services: 4 },
    ]);
  });
});

describe('capacityByTypeTable', () => {
  it("shows the region's figure, the common target and the gaps of all ORPs", () => {
    const table = capacityByTypeTable(analysis, null, 'Kraj', labels);
    expect(table.rows[1]).toEqual(['§ 49 (bed)', 400, 2.667, 4, 200, '200000.50']);
  });

  it("shows one ORP's own figures", () => {
    const table = capacityByTypeTable(analysis, JABLONEC, 'Jablonec', labels);
    expect(table.rows).toEqual([['§ 49 (bed)', 100, 2, 4, 100, '100000.50']]);
  });
});

describe('capacityByTerritoryTable', () => {
  it('leaves out the region average for a coordinator', () => {
    const rows = territoryCapacity(analysis.cells, '49', 'bed');
    const region = capacityByTerritoryTable(rows, 't', labels, true);
    const own = capacityByTerritoryTable(rows, 't', labels, false);
    expect(region.columns.map((c) => c.key)).toContain('regionPerThousand');
    expect(own.columns.map((c) => c.key)).not.toContain('regionPerThousand');
    expect(own.rows[1]).toEqual(['Liberec', 100_000, 3, 300, 3, 4, 100, '100000.00']);
  });

  it('names a target per 1,000 of age groups and says where no breakdown allows a gap', () => {
    const t = (key: string, params?: Record<string, unknown>) =>
      params ? `${key}(${String(params.base)})` : key;
    const base = { id: 'y', perThousand: 12, populationBase: '8+9' };
    const rows = territoryCapacity(
      [
        cell({ target: base, basePopulation: 20_000, basePerThousand: 15, gapUnits: 0 }),
        cell({
          unitId: JABLONEC,
          unitName: 'Jablonec',
          target: base,
          basePopulation: null,
          basePerThousand: null,
          gapUnits: null,
          gapMoney: null,
          gapReason: 'no_population_breakdown',
        }),
      ],
      '49',
      'bed',
    );
    const table = capacityByTerritoryTable(rows, 't', { ...labels, t }, false);
    expect(table.columns.map((c) => c.label)).toEqual([
      'analysis.columns.territory',
      'analysis.columns.population',
      'analysis.columns.services',
      'analysis.columns.capacity',
      'analysis.columns.perThousand',
      'analysis.columns.basePerThousand(age 8 + age 9)',
      'analysis.columns.targetOfBase(age 8 + age 9)',
      'analysis.columns.gapUnits',
      'analysis.columns.gapMoney',
      'analysis.columns.gapReason',
    ]);
    expect(table.rows).toEqual([
      [
        'Jablonec',
        100_000,
        3,
        300,
        3,
        null,
        12,
        null,
        null,
        'analysis.gapReasons.no_population_breakdown',
      ],
      ['Liberec', 100_000, 3, 300, 3, 15, 12, 0, '100000.00', null],
    ]);
  });
});

const needs: NeedsAnalysis = {
  year: 2026,
  capacityAsOf: '2026-11-24',
  statuses: ['submitted', 'approved'],
  campaigns: [],
  byOrp: [
    {
      orpId: LIBEREC,
      orpCode: '1',
      orpName: 'Liberec',
      typeCode: '49',
      needed: 20,
      respondents: 3,
      capacity: [{ unit: 'bed', count: 15 }],
    },
    {
      orpId: JABLONEC,
      orpCode: '2',
      orpName: 'Jablonec',
      typeCode: '49',
      needed: 5.5,
      respondents: 1,
      capacity: [],
    },
  ],
  byType: [],
};

describe('needsTable', () => {
  it('adds the needs of the ORPs by type, or shows one ORP', () => {
    expect(needsTable(needs, null, 'n', labels).rows).toEqual([['§ 49', 25.5, 15, 4]]);
    expect(needsTable(needs, JABLONEC, 'n', labels).rows).toEqual([['§ 49', 5.5, 0, 1]]);
  });
});

const counts = { approved: 0, missing: 0, late: 0 };
const collection: CollectionAnalysis = {
  year: 2026,
  campaigns: [
    {
      id: 'c1',
      name: 'Potřeby 2026',
      period: '2026',
      periodKind: 'year',
      status: 'open',
      respondentKind: 'municipality',
      deadline: '2026-03-31',
      totals: {
        expected: 10,
        received: 6,
        onTime: 4,
        completeness: 0.6,
        timeliness: 0.4,
        ...counts,
      },
      byOrp: [
        {
          orpId: LIBEREC,
          orpCode: '1',
          orpName: 'Liberec',
          expected: 4,
          received: 4,
          onTime: 2,
          completeness: 1,
          timeliness: 0.5,
          ...counts,
        },
        {
          orpId: null,
          orpCode: null,
          orpName: null,
          expected: 6,
          received: 2,
          onTime: 2,
          completeness: 0.3333,
          timeliness: 0.3333,
          ...counts,
        },
      ],
    },
    {
      id: 'c2',
      name: 'Služby 2026',
      period: '2026',
      periodKind: 'year',
      status: 'open',
      respondentKind: 'service',
      deadline: '2026-03-31',
      totals: {
        expected: 4,
        received: 1,
        onTime: 1,
        completeness: 0.25,
        timeliness: 0.25,
        ...counts,
      },
      byOrp: [
        {
          orpId: LIBEREC,
          orpCode: '1',
          orpName: 'Liberec',
          expected: 4,
          received: 1,
          onTime: 1,
          completeness: 0.25,
          timeliness: 0.25,
          ...counts,
        },
      ],
    },
  ],
};

describe('collection', () => {
  it('lists campaign × ORP with shares in percent', () => {
    const table = collectionTable(collection, null, 'c', labels);
    expect(table.rows[0]).toEqual(['Potřeby 2026 · Liberec', 4, 4, 2, 0, 100, 50]);
    expect(table.rows[1]?.[0]).toBe('Potřeby 2026 · noOrp');
    expect(collectionTable(collection, LIBEREC, 'c', labels).rows).toHaveLength(2);
  });

  it("weighs an ORP's completeness over its campaigns by the respondents expected", () => {
    expect(collectionByOrp(collection, 'completeness')).toEqual(new Map([[LIBEREC, 62.5]]));
    expect(collectionByOrp(collection, 'timeliness').get(LIBEREC)).toBe(37.5);
  });
});

describe('indicatorValues', () => {
  it('gives each territory its value of the chosen indicator', () => {
    const territories = territoryCapacity(analysis.cells, '49', 'bed');
    const sources = { territories, needs, collection, typeCode: '49' };
    expect(indicatorValues('perThousand', sources).get(JABLONEC)).toBe(2);
    expect(indicatorValues('gapMoney', sources).get(JABLONEC)).toBe(100000.5);
    expect(indicatorValues('needed', sources).get(LIBEREC)).toBe(20);
    expect(indicatorValues('completeness', sources).get(LIBEREC)).toBe(62.5);
  });
});
