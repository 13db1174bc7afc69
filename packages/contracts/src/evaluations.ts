import Type, { type Static } from 'typebox';
import { CalendarDate, ListOf, Nullable, PageQuery, Timestamp, Uuid } from './common.ts';
import {
  EVALUATION_AREAS,
  EVALUATION_CHECKS,
  PLAN_KINDS,
  PLAN_STATUSES,
  type EvaluationArea,
} from './constants.ts';
import { NulFreeText } from './monitoring.ts';

/**
 * Planning-process evaluations (hodnocení stavu a procesu KP): per territory and date, a score
 * 0–3 in each of the 8 MPSV quality-criteria areas and the region's yes/no checks; a time series
 * per territory; and the region overview of plans in force, named coordinators and costing.
 */

export const EVALUATION_MAX_SCORE = 3;

const Day = CalendarDate();
const Comment = Nullable(Type.String());
const TerritoryRef = Type.Object({
  id: Uuid,
  kind: Type.String(),
  code: Type.String(),
  name: Type.String(),
});
const AreaScoreOrNull = Nullable(Type.Integer({ minimum: 0, maximum: EVALUATION_MAX_SCORE }));

export const EvaluationAreaScoreSchema = Type.Object({
  area: Type.Enum(EVALUATION_AREAS),
  score: Type.Integer({ minimum: 0, maximum: EVALUATION_MAX_SCORE }),
  comment: Comment,
});
export const EvaluationCheckAnswerSchema = Type.Object({
  check: Type.Enum(EVALUATION_CHECKS),
  value: Type.Boolean(),
  comment: Comment,
});

export const EvaluationSchema = Type.Object(
  {
    id: Uuid,
    territory: TerritoryRef,
    evaluatedOn: Day,
    areas: Type.Array(EvaluationAreaScoreSchema),
    checks: Type.Array(EvaluationCheckAnswerSchema),
    note: Nullable(Type.String()),
    evaluatorName: Nullable(Type.String()),
    /** Sum of the area scores; out of 3 × the number of areas scored. */
    total: Type.Integer({ minimum: 0 }),
    /** Share of the answered checks answered yes, 0–1 (null when none was answered). */
    yesShare: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
    createdBy: Nullable(Uuid),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'Evaluation' },
);
export type Evaluation = Static<typeof EvaluationSchema>;
export const EvaluationListSchema = ListOf(EvaluationSchema, 'EvaluationList');
export type EvaluationList = Static<typeof EvaluationListSchema>;

export const EvaluationListQuerySchema = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(
      Type.String({
        pattern: '^-?(evaluatedOn|territory)$',
        description: 'evaluatedOn (default -evaluatedOn, newest first) or territory',
      }),
    ),
    territoryId: Type.Optional(Uuid),
    from: Type.Optional(CalendarDate({ description: 'Evaluated on or after this day' })),
    to: Type.Optional(CalendarDate({ description: 'Evaluated on or before this day' })),
  },
  { additionalProperties: false },
);
export type EvaluationListQuery = Static<typeof EvaluationListQuerySchema>;

const evaluationBody = {
  territoryUnitId: Uuid,
  evaluatedOn: Day,
  areas: Type.Array(
    Type.Object(
      {
        area: Type.Enum(EVALUATION_AREAS),
        score: Type.Integer({ minimum: 0, maximum: EVALUATION_MAX_SCORE }),
        comment: Type.Optional(Nullable(NulFreeText(5000))),
      },
      { additionalProperties: false },
    ),
    { maxItems: EVALUATION_AREAS.length, description: 'Each area at most once' },
  ),
  checks: Type.Array(
    Type.Object(
      {
        check: Type.Enum(EVALUATION_CHECKS),
        value: Type.Boolean(),
        comment: Type.Optional(Nullable(NulFreeText(5000))),
      },
      { additionalProperties: false },
    ),
    { maxItems: EVALUATION_CHECKS.length, description: 'Each check at most once' },
  ),
  note: Type.Optional(Nullable(NulFreeText(10000))),
  evaluatorName: Type.Optional(Nullable(NulFreeText(200))),
};

export const CreateEvaluationBodySchema = Type.Object(evaluationBody, {
  $id: 'CreateEvaluationBody',
  additionalProperties: false,
});
export type CreateEvaluationBody = Static<typeof CreateEvaluationBodySchema>;

export const UpdateEvaluationBodySchema = Type.Partial(Type.Object(evaluationBody), {
  $id: 'UpdateEvaluationBody',
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateEvaluationBody = Static<typeof UpdateEvaluationBodySchema>;

export const EvaluationSeriesQuerySchema = Type.Object(
  { territoryId: Uuid },
  { additionalProperties: false },
);
export type EvaluationSeriesQuery = Static<typeof EvaluationSeriesQuerySchema>;

export const EvaluationSeriesSchema = Type.Object(
  {
    territory: TerritoryRef,
    /** One point per evaluation, oldest first. */
    points: Type.Array(
      Type.Object({
        evaluationId: Uuid,
        evaluatedOn: Day,
        /** Score per area; an area the evaluation left out is null. */
        scores: Type.Object(
          Object.fromEntries(EVALUATION_AREAS.map((a) => [a, AreaScoreOrNull])) as {
            [A in EvaluationArea]: typeof AreaScoreOrNull;
          },
        ),
        total: Type.Integer({ minimum: 0 }),
        maxTotal: Type.Integer({ minimum: 0 }),
        yesShare: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
      }),
    ),
  },
  { $id: 'EvaluationSeries' },
);
export type EvaluationSeries = Static<typeof EvaluationSeriesSchema>;

// --- region overview ---

export const PlansOverviewQuerySchema = Type.Object(
  {
    yearFrom: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    yearTo: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  },
  { additionalProperties: false },
);
export type PlansOverviewQuery = Static<typeof PlansOverviewQuerySchema>;

const Share = Nullable(
  Type.Number({ minimum: 0, maximum: 1, description: '0–1; null when 0 of 0' }),
);

export const OVERVIEW_GAPS = ['no_plan', 'no_coordinator'] as const;

export const PlansOverviewSchema = Type.Object(
  {
    yearFrom: Type.Integer(),
    yearTo: Type.Integer(),
    /** Per year: territories with a community plan in force (see docs/decisions/0402). */
    years: Type.Array(
      Type.Object({
        year: Type.Integer(),
        /** ORPs and planning areas with a community plan in force. */
        territories: Type.Integer({ minimum: 0 }),
        orps: Type.Integer({ minimum: 0 }),
        planningAreas: Type.Integer({ minimum: 0 }),
        /** Municipalities planning on their own, counted apart. */
        municipalities: Type.Integer({ minimum: 0 }),
        communityPlans: Type.Integer({ minimum: 0 }),
      }),
    ),
    /** ORPs whose current community plan (covering `yearTo`) names no coordinator, or that have none. */
    coordinatorGaps: Type.Array(
      Type.Object({
        territory: Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }),
        gap: Type.Enum(OVERVIEW_GAPS),
        plan: Nullable(
          Type.Object({ id: Uuid, title: Type.String(), status: Type.Enum(PLAN_STATUSES) }),
        ),
      }),
    ),
    /** Live activities of the plans overlapping the years (archived plans left out). */
    costing: Type.Object({
      activities: Type.Integer({ minimum: 0 }),
      withCost: Type.Integer({ minimum: 0 }),
      withFunding: Type.Integer({ minimum: 0 }),
      costShare: Share,
      fundingShare: Share,
      plans: Type.Array(
        Type.Object({
          plan: Type.Object({
            id: Uuid,
            title: Type.String(),
            kind: Type.Enum(PLAN_KINDS),
            yearFrom: Type.Integer(),
            yearTo: Type.Integer(),
            territoryName: Type.String(),
          }),
          activities: Type.Integer({ minimum: 0 }),
          withCost: Type.Integer({ minimum: 0 }),
          withFunding: Type.Integer({ minimum: 0 }),
          costShare: Share,
          fundingShare: Share,
        }),
      ),
    }),
  },
  { $id: 'PlansOverview' },
);
export type PlansOverview = Static<typeof PlansOverviewSchema>;
