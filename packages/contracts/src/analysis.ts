import Type, { type Static } from 'typebox';
import { codeString } from './basic-network.ts';
import { CalendarDate, ListOf, Nullable, Timestamp, Uuid } from './common.ts';
import {
  ACTIVITY_STATUSES,
  CAMPAIGN_PERIOD_KINDS,
  CAMPAIGN_STATUSES,
  PLAN_KINDS,
  PLAN_STATUSES,
  RESPONDENT_KINDS,
  UNIT_KINDS,
} from './constants.ts';
import { Money } from './financing.ts';

/**
 * Analyses and dashboards (issue 6): capacity per 1,000 inhabitants against the region's
 * average and the targets region staff set, needs municipalities reported against supply,
 * plans in force and their spend, and data collection completeness. All read-only, scoped:
 * region-wide roles see the region, a coordinator its own territory (docs/decisions/0602).
 *
 * Counts of capacity may be fractional: a service with facilities in two municipalities has its
 * capacity split between them (decision 0602). Ratios are JSON numbers rounded for display
 * (per-thousand to 3 decimals, shares 0–1 to 4); money is CZK as a decimal string like the rest
 * of the API ("612345.00").
 */

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const YearOr = (description: string) => Type.Integer({ minimum: 2000, maximum: 2100, description });
const TypeCode = codeString('A service type (codelist service_type, by §)');
const FormCode = codeString('A form of provision (codelist form)');
const UnitCode = codeString('A capacity unit (codelist capacity_unit)');
/** Units of capacity, two decimals at most (split between municipalities). */
const Units = Type.Number({ description: 'Units of capacity (beds, clients…), 2 decimals' });
/** Share 0–1, four decimals; null when there is nothing to divide by. */
const Share = Nullable(Type.Number({ minimum: 0, maximum: 1 }));

export const POPULATION_BASES_NOTE =
  "'total' (whole population), or age group codes (codelist age_group) joined by '+', e.g. '9' " +
  "(80 and over) or '8+9' (65 and over): the sum of those groups' populations (decision 0602)";

/** Why a cell with a target has no gap (gapUnits null). */
export const GAP_REASONS = ['no_population', 'no_population_breakdown'] as const;
export type GapReason = (typeof GAP_REASONS)[number];

// --- capacity per 1,000 inhabitants ---

export const CapacityQuerySchema = Type.Object(
  {
    asOf: Type.Optional(
      CalendarDate({ description: 'The network as of this day (default today)' }),
    ),
    orpId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Drill down: the municipalities of this ORP instead of the ORPs',
      }),
    ),
    typeCode: Type.Optional(TypeCode),
    form: Type.Optional(FormCode),
  },
  { additionalProperties: false },
);
export type CapacityQuery = Static<typeof CapacityQuerySchema>;

const CapacityTargetRefSchema = Type.Object({
  id: Uuid,
  perThousand: Type.Number({ minimum: 0 }),
  populationBase: Type.String({ description: POPULATION_BASES_NOTE }),
});

/** One cell: a territory × service type × form ('' = all forms of the type) × unit. */
export const CapacityCellSchema = Type.Object(
  {
    unitId: Uuid,
    unitCode: Type.String(),
    unitName: Type.String(),
    unitKind: Type.Enum(UNIT_KINDS),
    /** The population the figure is per 1,000 of (null when the territory has none recorded). */
    population: Nullable(Type.Integer({ minimum: 0 })),
    typeCode: Type.String(),
    /** A form code, or '' for all forms of the type together (the row targets with no form use). */
    form: Type.String(),
    unit: Type.String(),
    capacity: Units,
    /** Services contributing (a service split between territories counts in each). */
    services: Type.Integer({ minimum: 0 }),
    perThousand: Nullable(Type.Number()),
    /** The region's figure for the same type, form and unit (all ORPs together). */
    regionPerThousand: Nullable(Type.Number()),
    target: Nullable(CapacityTargetRefSchema),
    /**
     * The population the target is per 1,000 of: `population` for a 'total' base, else the sum
     * of the base's age groups over the territory's municipalities (null without a target, or
     * when a municipality of the territory has no figure for one of the groups).
     */
    basePopulation: Nullable(Type.Integer({ minimum: 0 })),
    /** Capacity per 1,000 of basePopulation: the figure compared with target.perThousand. */
    basePerThousand: Nullable(Type.Number()),
    /** The region's capacity per 1,000 of the target's base (all ORPs together). */
    regionBasePerThousand: Nullable(Type.Number()),
    /** target × basePopulation / 1000 − capacity, when positive; 0 when the target is met; null without target or base population. */
    gapUnits: Nullable(Units),
    /**
     * Why a cell with a target has no gap: 'no_population' (the territory has no population
     * recorded) or 'no_population_breakdown' (the target is per 1,000 of an age group and the
     * territory's municipalities lack figures for it; the gap is never computed on the total).
     * Null when the gap is computed or there is no target.
     */
    gapReason: Nullable(Type.Enum(GAP_REASONS)),
    /** The reference value per unit of this type and form in the year of asOf (priced units only). */
    costPerUnit: Nullable(Money),
    /** gapUnits × costPerUnit, rounded to haléř; null when the unit is not priced. */
    gapMoney: Nullable(Money),
  },
  { $id: 'CapacityCell' },
);
export type CapacityCell = Static<typeof CapacityCellSchema>;

export const CapacityAnalysisSchema = Type.Object(
  {
    asOf: CalendarDate(),
    /** 'orp' (the region by ORP) or 'municipality' (drill-down into `orpId`). */
    level: Type.Enum(['orp', 'municipality']),
    orp: Nullable(Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })),
    /** The year whose reference values price the gaps (the year of asOf). */
    referenceYear: Year,
    cells: Type.Array(CapacityCellSchema),
    /** The region's figures per type × form × unit (also the averages in the cells). */
    region: Type.Array(
      Type.Object({
        typeCode: Type.String(),
        form: Type.String(),
        unit: Type.String(),
        capacity: Units,
        population: Nullable(Type.Integer({ minimum: 0 })),
        perThousand: Nullable(Type.Number()),
      }),
    ),
    totals: Type.Object({
      /** Sum of the cells' gapMoney over the territories shown (forms counted once: per form). */
      gapMoney: Money,
    }),
    /** Active services of the day that could not be placed in any ORP (no facility or territory). */
    unplacedServices: Type.Integer({ minimum: 0 }),
  },
  { $id: 'CapacityAnalysis' },
);
export type CapacityAnalysis = Static<typeof CapacityAnalysisSchema>;

export const CapacityServicesQuerySchema = Type.Object(
  {
    asOf: Type.Optional(CalendarDate()),
    /** The cell's territory: an ORP or a municipality. */
    unitId: Uuid,
    typeCode: Type.Optional(TypeCode),
    form: Type.Optional(FormCode),
    unit: Type.Optional(UnitCode),
  },
  { additionalProperties: false },
);
export type CapacityServicesQuery = Static<typeof CapacityServicesQuerySchema>;

/** A service behind a capacity cell: its capacities and the share of them the territory gets. */
export const CapacityServiceSchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    typeCode: Type.String(),
    providerName: Type.String(),
    /** Share of the service's capacity attributed to the territory (0–1). */
    share: Type.Number({ minimum: 0, maximum: 1 }),
    capacities: Type.Array(
      Type.Object({ form: Type.String(), unit: Type.String(), count: Type.Number() }),
    ),
  },
  { $id: 'CapacityService' },
);
export type CapacityService = Static<typeof CapacityServiceSchema>;
export const CapacityServiceListSchema = ListOf(CapacityServiceSchema, 'CapacityServiceList');
export type CapacityServiceList = Static<typeof CapacityServiceListSchema>;

// --- capacity targets (set by region staff) ---

export const CapacityTargetSchema = Type.Object(
  {
    id: Uuid,
    typeCode: Type.String(),
    /** '' = every form of the type together. */
    formCode: Type.String(),
    unit: Type.String(),
    perThousand: Type.Number({ minimum: 0 }),
    populationBase: Type.String({ description: POPULATION_BASES_NOTE }),
    note: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'CapacityTarget' },
);
export type CapacityTarget = Static<typeof CapacityTargetSchema>;
export const CapacityTargetListSchema = ListOf(CapacityTargetSchema, 'CapacityTargetList');
export type CapacityTargetList = Static<typeof CapacityTargetListSchema>;

export const CapacityTargetListQuerySchema = Type.Object(
  { typeCode: Type.Optional(TypeCode) },
  { additionalProperties: false },
);
export type CapacityTargetListQuery = Static<typeof CapacityTargetListQuerySchema>;

const PerThousand = Type.Number({
  minimum: 0,
  maximum: 9_999_999,
  description: 'Units per 1,000 inhabitants of the base, at most 3 decimals',
});
const PopulationBase = Type.String({
  minLength: 1,
  maxLength: 50,
  pattern: '^[0-9A-Za-z._/-]+(\\+[0-9A-Za-z._/-]+)*$',
  description: POPULATION_BASES_NOTE,
});
const Note = Type.String({ maxLength: 2000 });

export const CreateCapacityTargetBodySchema = Type.Object(
  {
    typeCode: TypeCode,
    formCode: Type.Optional(
      Type.Union([Type.Literal(''), FormCode], { description: "'' (default) = all forms" }),
    ),
    unit: UnitCode,
    perThousand: PerThousand,
    populationBase: Type.Optional(PopulationBase),
    note: Type.Optional(Nullable(Note)),
  },
  { $id: 'CreateCapacityTargetBody', additionalProperties: false },
);
export type CreateCapacityTargetBody = Static<typeof CreateCapacityTargetBodySchema>;

export const UpdateCapacityTargetBodySchema = Type.Object(
  {
    perThousand: Type.Optional(PerThousand),
    populationBase: Type.Optional(PopulationBase),
    note: Type.Optional(Nullable(Note)),
  },
  { $id: 'UpdateCapacityTargetBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateCapacityTargetBody = Static<typeof UpdateCapacityTargetBodySchema>;

// --- needs vs supply ---

export const NeedsQuerySchema = Type.Object(
  {
    year: Type.Optional(YearOr('Default: this year')),
    orpId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type NeedsQuery = Static<typeof NeedsQuerySchema>;

const UnitCountsSchema = Type.Array(Type.Object({ unit: Type.String(), count: Units }));

export const NeedsAnalysisSchema = Type.Object(
  {
    year: Year,
    /** The day the network's capacity is taken on: 31 Dec of the year, or today if earlier. */
    capacityAsOf: CalendarDate(),
    /** Submission statuses whose values count (submitted and approved; drafts and returned do not). */
    statuses: Type.Array(Type.String()),
    /** The campaigns of the year whose forms carry the measures read. */
    campaigns: Type.Array(
      Type.Object({
        id: Uuid,
        name: Type.String(),
        period: Type.String(),
        respondentKind: Type.Enum(RESPONDENT_KINDS),
      }),
    ),
    /** Capacity municipalities said they need (measure neededCapacity) against the network. */
    byOrp: Type.Array(
      Type.Object({
        orpId: Uuid,
        orpCode: Type.String(),
        orpName: Type.String(),
        typeCode: Type.String(),
        needed: Units,
        /** Municipalities whose counted statement gives a figure for the type. */
        respondents: Type.Integer({ minimum: 0 }),
        /** Capacity of the type in the ORP's network (per unit; split as in the capacity analysis). */
        capacity: UnitCountsSchema,
      }),
    ),
    /** What services reported (measures waitingList, refusedApplicants, clientsServed, capacity). */
    byType: Type.Array(
      Type.Object({
        typeCode: Type.String(),
        services: Type.Integer({ minimum: 0 }),
        waitingList: Units,
        refusedApplicants: Units,
        clientsServed: Units,
        capacity: Units,
        costs: Money,
      }),
    ),
  },
  { $id: 'NeedsAnalysis' },
);
export type NeedsAnalysis = Static<typeof NeedsAnalysisSchema>;

// --- plans ---

export const PlansAnalysisQuerySchema = Type.Object(
  {
    year: Type.Optional(YearOr('Default: this year')),
    orpId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type PlansAnalysisQuery = Static<typeof PlansAnalysisQuerySchema>;

/** An activity's status in the year: its report's, or not_reported. */
export const ANALYSIS_ACTIVITY_STATUSES = [...ACTIVITY_STATUSES, 'not_reported'] as const;

const ActivityStatusCountsSchema = Type.Array(
  Type.Object({ status: Type.Enum(ANALYSIS_ACTIVITY_STATUSES), count: Type.Integer() }),
);

export const PlansAnalysisSchema = Type.Object(
  {
    year: Year,
    /** Adopted plans whose period covers the year. */
    plans: Type.Array(
      Type.Object({
        id: Uuid,
        title: Type.String(),
        kind: Type.Enum(PLAN_KINDS),
        status: Type.Enum(PLAN_STATUSES),
        yearFrom: Year,
        yearTo: Year,
        territory: Type.Object({
          id: Uuid,
          code: Type.String(),
          name: Type.String(),
          kind: Type.Enum(UNIT_KINDS),
        }),
        measures: Type.Integer({ minimum: 0 }),
        activities: Type.Integer({ minimum: 0 }),
        byStatus: ActivityStatusCountsSchema,
        planned: Money,
        actual: Money,
      }),
    ),
    activitiesByStatus: ActivityStatusCountsSchema,
    /** Planned (activities' funding in the year) vs actual (reports' spend) by funding source. */
    funding: Type.Array(Type.Object({ source: Type.String(), planned: Money, actual: Money })),
    totals: Type.Object({
      plans: Type.Integer(),
      measures: Type.Integer(),
      activities: Type.Integer(),
      withCost: Type.Integer(),
      withFunding: Type.Integer(),
      costShare: Share,
      fundingShare: Share,
      planned: Money,
      actual: Money,
    }),
  },
  { $id: 'PlansAnalysis' },
);
export type PlansAnalysis = Static<typeof PlansAnalysisSchema>;

// --- data collection ---

export const CollectionAnalysisQuerySchema = Type.Object(
  { year: Type.Optional(YearOr('Default: this year')) },
  { additionalProperties: false },
);
export type CollectionAnalysisQuery = Static<typeof CollectionAnalysisQuerySchema>;

const CollectionCountsProperties = {
  expected: Type.Integer({ minimum: 0 }),
  /** Submitted at least once. */
  received: Type.Integer({ minimum: 0 }),
  onTime: Type.Integer({ minimum: 0 }),
  late: Type.Integer({ minimum: 0 }),
  approved: Type.Integer({ minimum: 0 }),
  missing: Type.Integer({ minimum: 0 }),
  /** received / expected. */
  completeness: Share,
  /** onTime / expected. */
  timeliness: Share,
};

export const CollectionAnalysisSchema = Type.Object(
  {
    year: Year,
    campaigns: Type.Array(
      Type.Object({
        id: Uuid,
        name: Type.String(),
        period: Type.String(),
        periodKind: Type.Enum(CAMPAIGN_PERIOD_KINDS),
        status: Type.Enum(CAMPAIGN_STATUSES),
        respondentKind: Type.Enum(RESPONDENT_KINDS),
        deadline: CalendarDate(),
        totals: Type.Object(CollectionCountsProperties),
        byOrp: Type.Array(
          Type.Object({
            orpId: Nullable(Uuid),
            orpCode: Nullable(Type.String()),
            orpName: Nullable(Type.String()),
            ...CollectionCountsProperties,
          }),
        ),
      }),
    ),
  },
  { $id: 'CollectionAnalysis' },
);
export type CollectionAnalysis = Static<typeof CollectionAnalysisSchema>;

// --- dashboard: the at-a-glance figures by ORP in one call (the choropleth's indicators) ---

export const DashboardQuerySchema = Type.Object(
  {
    year: Type.Optional(YearOr('Default: the year of asOf')),
    asOf: Type.Optional(
      CalendarDate({ description: 'The network as of this day (default today)' }),
    ),
  },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuerySchema>;

export const DashboardSchema = Type.Object(
  {
    year: Year,
    asOf: CalendarDate(),
    /** One row per ORP in scope: the indicators a map can colour by. */
    orps: Type.Array(
      Type.Object({
        orpId: Uuid,
        orpCode: Type.String(),
        orpName: Type.String(),
        population: Nullable(Type.Integer()),
        services: Type.Integer({ minimum: 0 }),
        /** Sum of the positive per-form gaps against targets, in CZK at reference values. */
        gapMoney: Money,
        /** Capacity municipalities said they need (all types). */
        needed: Units,
        plansInForce: Type.Integer({ minimum: 0 }),
        /** Share of the year's expected submissions received. */
        completeness: Share,
      }),
    ),
    totals: Type.Object({
      population: Nullable(Type.Integer()),
      services: Type.Integer(),
      gapMoney: Money,
      needed: Units,
      plansInForce: Type.Integer(),
      completeness: Share,
      activities: Type.Integer(),
      costShare: Share,
      fundingShare: Share,
    }),
  },
  { $id: 'Dashboard' },
);
export type Dashboard = Static<typeof DashboardSchema>;
