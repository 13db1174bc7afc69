import Type, { type Static } from 'typebox';
import { CalendarDate, ListOf, Nullable, Timestamp, Uuid } from './common.ts';
import { ACTIVITY_STATUSES, PLAN_NODE_LEVELS, REPORT_REVIEW_STATUSES } from './constants.ts';
import { Money, MoneyInput } from './financing.ts';

/**
 * Monitoring of a plan: rounds (a year or half-year), one report per activity (status,
 * progress, indicator actuals, spend per funding source, comment, evidence) with its review
 * (draft → submitted → accepted / returned), progress rolled up the tree weighted by cost, and
 * a node's timeline round by round.
 *
 * Indicator values are decimal strings with at most two places, like money: never floats.
 * Progress is a percentage 0–100; computed progress is a JSON number rounded to one decimal.
 */

export const MONITORING_ROUND_STATUSES = ['open', 'closed'] as const;
export type MonitoringRoundStatus = (typeof MONITORING_ROUND_STATUSES)[number];

export const REVIEW_DECISIONS = ['accept', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Where an activity's progress comes from: its indicators, the entered figure, or nowhere. */
export const PROGRESS_SOURCES = ['indicators', 'entered'] as const;
export type ProgressSource = (typeof PROGRESS_SOURCES)[number];

/**
 * Free text as users type it; a NUL character is refused (400): PostgreSQL stores none, in
 * text or jsonb, and would otherwise answer a 500.
 */
export const NulFreeText = (maxLength: number, minLength = 0) =>
  Type.String({ minLength, maxLength, pattern: '^[^\\u0000]*$' });

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Half = Type.Union([Type.Literal(1), Type.Literal(2)]);
const Percent = Type.Number({ minimum: 0, maximum: 100, description: 'Percent 0–100' });
const DecimalValue = Type.String({
  pattern: '^-?[0-9]+\\.[0-9]{2}$',
  description: 'A decimal with two places, e.g. "12.50"',
});
const DecimalInput = Type.String({
  pattern: '^-?[0-9]{1,13}(\\.[0-9]{1,2})?$',
  description: 'A decimal with at most two places, e.g. "12.5"',
});
const FundingSourceCode = Type.String({
  minLength: 1,
  maxLength: 50,
  pattern: '^[0-9A-Za-z._/-]+$',
  description: 'A code of the funding_source codelist',
});
const HttpUrl = Type.String({
  maxLength: 2000,
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s\\u0000]+$',
  description: 'An http or https address',
});

const Count = Type.Integer({ minimum: 0 });
const CountsByStatus = <K extends string>(statuses: readonly K[]) =>
  Type.Object(Object.fromEntries(statuses.map((s) => [s, Count])) as { [P in K]: typeof Count });

// --- rounds ---

export const MonitoringRoundSchema = Type.Object(
  {
    id: Uuid,
    planId: Uuid,
    period: Type.String({ description: '"2025" for a year, "2025-H1" for a half-year' }),
    year: Type.Integer(),
    half: Nullable(Half),
    status: Type.Enum(MONITORING_ROUND_STATUSES),
    dueOn: Nullable(CalendarDate()),
    /** How many reports the round holds in each review status. */
    reports: CountsByStatus(REPORT_REVIEW_STATUSES),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'MonitoringRound' },
);
export type MonitoringRound = Static<typeof MonitoringRoundSchema>;
export const MonitoringRoundListSchema = ListOf(MonitoringRoundSchema, 'MonitoringRoundList');
export type MonitoringRoundList = Static<typeof MonitoringRoundListSchema>;

export const CreateMonitoringRoundBodySchema = Type.Object(
  {
    year: Year,
    half: Type.Optional(Half),
    dueOn: Type.Optional(Nullable(CalendarDate())),
  },
  { $id: 'CreateMonitoringRoundBody', additionalProperties: false },
);
export type CreateMonitoringRoundBody = Static<typeof CreateMonitoringRoundBodySchema>;

export const UpdateMonitoringRoundBodySchema = Type.Object(
  {
    status: Type.Optional(Type.Enum(MONITORING_ROUND_STATUSES)),
    dueOn: Type.Optional(Nullable(CalendarDate())),
  },
  { $id: 'UpdateMonitoringRoundBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateMonitoringRoundBody = Static<typeof UpdateMonitoringRoundBodySchema>;

// --- reports ---

export const IndicatorActualSchema = Type.Object({
  indicatorId: Type.String(),
  value: DecimalValue,
});
export const ReportSpendSchema = Type.Object({ source: Type.String(), amount: Money });
export const EvidenceLinkSchema = Type.Object({
  url: Type.String(),
  label: Nullable(Type.String()),
});

export const MonitoringReportSchema = Type.Object(
  {
    id: Uuid,
    roundId: Uuid,
    nodeId: Uuid,
    status: Type.Enum(ACTIVITY_STATUSES),
    progress: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
    indicatorActuals: Type.Array(IndicatorActualSchema),
    spend: Type.Array(ReportSpendSchema),
    comment: Nullable(Type.String()),
    evidence: Type.Array(EvidenceLinkSchema),
    reviewStatus: Type.Enum(REPORT_REVIEW_STATUSES),
    reviewComment: Nullable(Type.String()),
    submittedAt: Nullable(Timestamp),
    submittedBy: Nullable(Uuid),
    submittedByName: Nullable(Type.String()),
    reviewedAt: Nullable(Timestamp),
    reviewedBy: Nullable(Uuid),
    reviewedByName: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'MonitoringReport' },
);
export type MonitoringReport = Static<typeof MonitoringReportSchema>;

export const MonitoringReportParamsSchema = Type.Object({ id: Uuid, nodeId: Uuid });
export type MonitoringReportParams = Static<typeof MonitoringReportParamsSchema>;

export const PutMonitoringReportBodySchema = Type.Object(
  {
    status: Type.Enum(ACTIVITY_STATUSES),
    progress: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100 }))),
    indicatorActuals: Type.Optional(
      Type.Array(
        Type.Object(
          { indicatorId: NulFreeText(100, 1), value: DecimalInput },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    spend: Type.Optional(
      Type.Array(
        Type.Object(
          { source: FundingSourceCode, amount: MoneyInput },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    comment: Type.Optional(Nullable(NulFreeText(5000))),
    evidence: Type.Optional(
      Type.Array(
        Type.Object(
          {
            url: HttpUrl,
            label: Type.Optional(Nullable(NulFreeText(200))),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { $id: 'PutMonitoringReportBody', additionalProperties: false },
);
export type PutMonitoringReportBody = Static<typeof PutMonitoringReportBodySchema>;

export const ReviewMonitoringReportBodySchema = Type.Object(
  {
    decision: Type.Enum(REVIEW_DECISIONS),
    comment: Type.Optional(Nullable(NulFreeText(5000))),
  },
  { $id: 'ReviewMonitoringReportBody', additionalProperties: false },
);
export type ReviewMonitoringReportBody = Static<typeof ReviewMonitoringReportBodySchema>;

// --- a round with its activities and the computed progress of the tree ---

const MoneyBySource = Type.Array(Type.Object({ source: Type.String(), amount: Money }));

export const MonitoringActivitySchema = Type.Object({
  nodeId: Uuid,
  parentId: Nullable(Uuid),
  code: Type.String(),
  title: Type.String(),
  /** Planned cost and funding of the round's year. */
  plannedCost: Money,
  plannedFunding: Money,
  fundingBySource: MoneyBySource,
  indicators: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      unit: Type.String(),
      baseline: Nullable(DecimalValue),
      target: Nullable(DecimalValue),
    }),
  ),
  report: Nullable(MonitoringReportSchema),
  progress: Nullable(Percent),
  progressSource: Nullable(Type.Enum(PROGRESS_SOURCES)),
});
export type MonitoringActivity = Static<typeof MonitoringActivitySchema>;

export const MonitoringNodeProgressSchema = Type.Object({
  nodeId: Uuid,
  parentId: Nullable(Uuid),
  level: Type.Enum(PLAN_NODE_LEVELS),
  code: Type.String(),
  title: Type.String(),
  /** The node's cost in the round's year: the weight of its progress in its parent's. */
  plannedCost: Money,
  progress: Nullable(Percent),
});
export type MonitoringNodeProgress = Static<typeof MonitoringNodeProgressSchema>;

export const MonitoringRoundDetailSchema = Type.Object(
  {
    round: MonitoringRoundSchema,
    plan: Type.Object({ id: Uuid, title: Type.String(), kind: Type.String() }),
    /** The plan's progress: its priorities' weighted by cost. */
    progress: Nullable(Percent),
    /** One entry per live activity, in tree order. */
    activities: Type.Array(MonitoringActivitySchema),
    /** Every live node in tree order with its computed progress. */
    nodes: Type.Array(MonitoringNodeProgressSchema),
  },
  { $id: 'MonitoringRoundDetail' },
);
export type MonitoringRoundDetail = Static<typeof MonitoringRoundDetailSchema>;

// --- a node's timeline ---

export const PlanNodeTimelineParamsSchema = Type.Object({ id: Uuid, nodeId: Uuid });
export type PlanNodeTimelineParams = Static<typeof PlanNodeTimelineParamsSchema>;

export const NodeTimelineEntrySchema = Type.Object({
  roundId: Uuid,
  period: Type.String(),
  year: Type.Integer(),
  half: Nullable(Half),
  roundStatus: Type.Enum(MONITORING_ROUND_STATUSES),
  plannedCost: Money,
  plannedFunding: Money,
  fundingBySource: MoneyBySource,
  /** Spend the round's reports give, over the node's live activities. */
  spend: Money,
  spendBySource: MoneyBySource,
  progress: Nullable(Percent),
  /** The node's live activities and how many of them have a report. */
  activities: Type.Integer({ minimum: 0 }),
  reported: Type.Integer({ minimum: 0 }),
  /** Reports by activity status and by review status. */
  statuses: CountsByStatus(ACTIVITY_STATUSES),
  reviews: CountsByStatus(REPORT_REVIEW_STATUSES),
});
export type NodeTimelineEntry = Static<typeof NodeTimelineEntrySchema>;

export const NodeTimelineSchema = Type.Object(
  {
    planId: Uuid,
    node: Type.Object({
      id: Uuid,
      level: Type.Enum(PLAN_NODE_LEVELS),
      code: Type.String(),
      title: Type.String(),
    }),
    rounds: Type.Array(NodeTimelineEntrySchema),
  },
  { $id: 'NodeTimeline' },
);
export type NodeTimeline = Static<typeof NodeTimelineSchema>;
