import { eq } from 'drizzle-orm';
import type { FormDefinition } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import {
  monitoringReports,
  monitoringRounds,
  planNodes,
  referenceValues,
  territorialUnits,
} from '../../db/schema/index.ts';
import { createFacility, createService, createUnit } from '../../test/fixtures.ts';
import { createCampaign } from '../collection/collection.test-support.ts';
import { createPlan } from '../plans/plans.test-support.ts';

/**
 * A small region with known numbers for the analysis tests (all figures as of 2025-06-01):
 *
 * | territory | population | services placed there (type 49)                      |
 * |-----------|-----------:|------------------------------------------------------|
 * | ORP A     |     10,000 | home 40 beds (A1); half of split 30 beds (A2)        |
 * |  A1       |      6,000 |                                                      |
 * |  A2       |      4,000 |                                                      |
 * | ORP B     |     20,000 | half of split 30 beds (B1); field 10 clients (serves B) |
 * |  B1       |     20,000 |                                                      |
 *
 * Left out: a home that ended before the day, one opening after it, and one serving only the
 * whole region without a facility (unplaced). Reference value 2025 for 49/pob: 612,345.67 CZK
 * per bed.
 */
export async function createAnalysisWorld(db: Db) {
  const unit = async (
    kind: 'region' | 'orp' | 'municipality',
    code: string,
    parentId: string | null,
    population: number | null,
  ) => {
    const id = await createUnit(db, { kind, code, name: `${kind} ${code}`, parentId });
    if (population !== null)
      await db.update(territorialUnits).set({ population }).where(eq(territorialUnits.id, id));
    return id;
  };
  const suffix = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
  const region = await unit('region', `R${suffix}`, null, 30_000);
  const orpA = await unit('orp', `A${suffix}`, region, 10_000);
  const orpB = await unit('orp', `B${suffix}`, region, 20_000);
  const a1 = await unit('municipality', `A1${suffix}`, orpA, 6_000);
  const a2 = await unit('municipality', `A2${suffix}`, orpA, 4_000);
  const b1 = await unit('municipality', `B1${suffix}`, orpB, 20_000);
  const code = async (id: string) =>
    (
      await db
        .select({ code: territorialUnits.code })
        .from(territorialUnits)
        .where(eq(territorialUnits.id, id))
    )[0]!.code;
  const [a1Code, a2Code, b1Code] = [await code(a1), await code(a2), await code(b1)];
  const beds = (count: number) => [{ form: 'pob', capacities: [{ unit: 'luzka', count }] }];

  const home = await createService(db, { name: 'Domov A1', forms: beds(40) });
  await createFacility(db, home, { municipalityCode: a1Code });
  const split = await createService(db, { name: 'Domov A2+B1', forms: beds(30) });
  await createFacility(db, split, { municipalityCode: a2Code });
  await createFacility(db, split, { municipalityCode: b1Code });
  const field = await createService(db, {
    name: 'Terénní B',
    forms: [{ form: 'ter', capacities: [{ unit: 'klient', count: 10 }] }],
    territoryUnitIds: [orpB],
  });
  const ended = await createService(db, {
    name: 'Domov ukončený',
    forms: beds(100),
    states: [{ validFrom: '2020-01-01' }, { validFrom: '2025-01-01', status: 'ended' }],
  });
  await createFacility(db, ended, { municipalityCode: a1Code });
  const future = await createService(db, {
    name: 'Domov budoucí',
    forms: beds(50),
    validFrom: '2025-07-01',
  });
  await createFacility(db, future, { municipalityCode: b1Code });
  const regionWide = await createService(db, {
    name: 'Krajská linka',
    forms: beds(20),
    territoryUnitIds: [region],
  });
  await db.insert(referenceValues).values({
    year: 2025,
    typeCode: '49',
    formCode: 'pob',
    unitBasis: 'bed',
    costPerUnitHaler: 61_234_567,
    ownRevenueShareBp: 5000,
  });
  return {
    region,
    orpA,
    orpB,
    a1,
    a2,
    b1,
    services: { home, split, field, ended, future, regionWide },
  };
}
export type AnalysisWorld = Awaited<ReturnType<typeof createAnalysisWorld>>;

const label = { cs: 'Pole' };

/** A municipal statement: a table of service types with the capacity missing. */
export const STATEMENT: FormDefinition = {
  sections: [
    {
      code: 'needs',
      label,
      fields: [
        {
          code: 'service_needs',
          type: 'table',
          label,
          rows: { kind: 'codelist', codelist: 'service_type' },
          columns: [
            { code: 'needed_capacity', type: 'integer', label, measure: 'neededCapacity' },
            { code: 'note', type: 'text', label },
          ],
        },
      ],
    },
  ],
  rules: [],
};

/** A service's annual report: waiting list, refused applicants and costs. */
export const REPORT: FormDefinition = {
  sections: [
    {
      code: 'access',
      label,
      fields: [
        { code: 'waiting_list', type: 'integer', label, measure: 'waitingList' },
        { code: 'refused', type: 'integer', label, measure: 'refusedApplicants' },
        { code: 'costs_total', type: 'money', label, measure: 'costs' },
        { code: 'other', type: 'integer', label },
      ],
    },
  ],
  rules: [],
};

const needed = (row: string, value: number) => ({
  field: 'service_needs.needed_capacity',
  row,
  value,
});

/**
 * Data collection of 2025 for the needs analysis:
 * - statements: A1 submitted (49 → 12, 48 → 3), A2 approved (49 → 8), B1 returned (49 → 100,
 *   not counted);
 * - reports: home (A1) submitted (waiting 7, refused 2, costs 1000.50), split (A2) approved
 *   (3, 1, "2000.25"), field service (B) draft (50 waiting, not counted).
 */
export async function createNeedsData(db: Db, world: AnalysisWorld) {
  const statements = await createCampaign(db, {
    definition: STATEMENT,
    status: 'closed',
    deadline: '2025-03-31',
    respondents: [
      {
        municipalityId: world.a1,
        orpId: world.orpA,
        status: 'submitted',
        values: [needed('49', 12), needed('48', 3)],
      },
      {
        municipalityId: world.a2,
        orpId: world.orpA,
        status: 'approved',
        values: [needed('49', 8)],
      },
      {
        municipalityId: world.b1,
        orpId: world.orpB,
        status: 'returned',
        values: [needed('49', 100)],
      },
    ],
  });
  const report = (waiting: number, refused: number, costs: number | string) => [
    { field: 'waiting_list', row: '', value: waiting },
    { field: 'refused', row: '', value: refused },
    { field: 'costs_total', row: '', value: costs },
    { field: 'other', row: '', value: 999 },
  ];
  const reports = await createCampaign(db, {
    definition: REPORT,
    respondentKind: 'service',
    deadline: '2025-04-30',
    respondents: [
      {
        kind: 'service',
        serviceId: world.services.home,
        unitId: world.a1,
        orpId: world.orpA,
        serviceType: '49',
        status: 'submitted',
        values: report(7, 2, 1000.5),
      },
      {
        kind: 'service',
        serviceId: world.services.split,
        unitId: world.a2,
        orpId: world.orpA,
        serviceType: '49',
        status: 'approved',
        values: report(3, 1, '2000.25'),
      },
      {
        kind: 'service',
        serviceId: world.services.field,
        unitId: world.b1,
        orpId: world.orpB,
        serviceType: '49',
        status: 'draft',
        values: report(50, 50, 50),
      },
    ],
  });
  return { statements, reports };
}

type Money = { year: number; amount: number };

/**
 * Plans for 2025 (amounts in haléř):
 * - community plan of ORP A, in force 2024–2026: two measures, activities
 *   1: cost 1,000 CZK in 2025, funding region 600 + state 400; year report accepted, done, spent region 500;
 *   2: cost only in 2026, no funding; H1 report submitted (in progress, spent state 100), H2 draft;
 *   3: funding municipalities 200, no report; a deleted activity with costs does not count;
 * - regional plan in force 2025–2027: one measure, one activity costing 300 funded by the region,
 *   reported accepted as not started;
 * - a draft plan of ORP B and an expired 2020–2023 plan of ORP A: not in force in 2025.
 */
export async function createPlansData(db: Db, world: AnalysisWorld) {
  const adopted = { status: 'in_force' as const, approvedVersion: 1 };
  const community = await createPlan(db, {
    territoryUnitId: world.orpA,
    ...adopted,
    yearFrom: 2024,
    yearTo: 2026,
  });
  const regional = await createPlan(db, {
    territoryUnitId: world.region,
    kind: 'regional',
    ...adopted,
    yearFrom: 2025,
    yearTo: 2027,
  });
  await createPlan(db, { territoryUnitId: world.orpB, status: 'draft' });
  const expired = await createPlan(db, {
    territoryUnitId: world.orpA,
    ...adopted,
    yearFrom: 2020,
    yearTo: 2023,
  });
  let position = 0;
  const node = async (
    planId: string,
    level: 'priority' | 'measure' | 'activity',
    parentId: string | null,
    extra: { costs?: Money[]; funding?: (Money & { source: string })[]; deletedAt?: Date } = {},
  ) => {
    position++;
    const [row] = await db
      .insert(planNodes)
      .values({
        planId,
        level,
        parentId,
        position,
        code: String(position),
        title: `${level} ${position}`,
        ...extra,
      })
      .returning({ id: planNodes.id });
    return row!.id;
  };
  const priority = await node(community, 'priority', null);
  const m1 = await node(community, 'measure', priority);
  const m2 = await node(community, 'measure', priority);
  const act1 = await node(community, 'activity', m1, {
    costs: [{ year: 2025, amount: 100_000 }],
    funding: [
      { source: 'region', year: 2025, amount: 60_000 },
      { source: 'state', year: 2025, amount: 40_000 },
    ],
  });
  const act2 = await node(community, 'activity', m1, { costs: [{ year: 2026, amount: 5_000 }] });
  await node(community, 'activity', m2, {
    funding: [{ source: 'municipalities', year: 2025, amount: 20_000 }],
  });
  await node(community, 'activity', m2, {
    costs: [{ year: 2025, amount: 999_999 }],
    deletedAt: new Date(),
  });
  const rp = await node(regional, 'priority', null);
  const rm = await node(regional, 'measure', rp);
  const act5 = await node(regional, 'activity', rm, {
    costs: [{ year: 2025, amount: 30_000 }],
    funding: [{ source: 'region', year: 2025, amount: 30_000 }],
  });
  await node(expired, 'activity', null, { costs: [{ year: 2025, amount: 1 }] });

  const round = async (planId: string, period: string, half: number | null) => {
    const [row] = await db
      .insert(monitoringRounds)
      .values({ planId, period, year: 2025, half })
      .returning({ id: monitoringRounds.id });
    return row!.id;
  };
  const year = await round(community, '2025', null);
  const h1 = await round(community, '2025-H1', 1);
  const h2 = await round(community, '2025-H2', 2);
  const regionalYear = await round(regional, '2025', null);
  await db.insert(monitoringReports).values([
    {
      roundId: year,
      nodeId: act1,
      status: 'done',
      reviewStatus: 'accepted',
      spend: [{ source: 'region', amount: 50_000 }],
    },
    {
      roundId: h1,
      nodeId: act2,
      status: 'in_progress',
      reviewStatus: 'submitted',
      spend: [{ source: 'state', amount: 10_000 }],
    },
    {
      roundId: h2,
      nodeId: act2,
      status: 'done',
      reviewStatus: 'draft',
      spend: [{ source: 'state', amount: 77_700 }],
    },
    {
      roundId: regionalYear,
      nodeId: act5,
      status: 'not_started',
      reviewStatus: 'accepted',
      spend: [],
    },
  ]);
  return { community, regional };
}
