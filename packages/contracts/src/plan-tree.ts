import Type, { type Static, type TObject, type TSchema } from 'typebox';
import { Nullable, Timestamp, Uuid } from './common.ts';
import { PLAN_NODE_LEVELS } from './constants.ts';
import { Money, MoneyInput } from './financing.ts';
import { PlanCoordinatorInputSchema, PlanKindSchema, PlanStatusSchema } from './plans.ts';

/**
 * A plan's tree: priorities → measures → activities with codes (`1`, `1.2`, `1.2.3`), costing
 * and funding per year (entered on activities, rolled up to measures, priorities and the plan),
 * indicators, soft delete with restore, and action plans made from their parent plan.
 *
 * Money is CZK as decimal strings ("612345.00"); indicator values likewise (at most two decimals).
 */

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Text = (maxLength: number) => Type.String({ maxLength });
const Code = Type.String({ minLength: 1, maxLength: 50 });

/** A decimal with at most two places, as text: "12", "12.5", "-3.25". */
export const DecimalInput = Type.String({
  pattern: '^-?[0-9]{1,11}(\\.[0-9]{1,2})?$',
  description: 'A number with at most two decimals, as text, e.g. "12.5"',
});
/** A decimal as the API writes it: two places ("12.50"). */
export const Decimal = Type.String({ pattern: '^-?[0-9]+\\.[0-9]{2}$' });

export const PlanNodeLevelSchema = Type.Enum(PLAN_NODE_LEVELS);

// --- the tree as read ---

const YearAmount = Type.Object({ year: Type.Integer(), amount: Money });
const SourceYearAmount = Type.Object({
  source: Type.String(),
  year: Type.Integer(),
  amount: Money,
});

export const PlanNodeIndicatorSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    unit: Type.String(),
    baseline: Nullable(Decimal),
    targets: Type.Array(Type.Object({ year: Type.Integer(), value: Decimal })),
  },
  // No $id: the tree holds it at every level, and a $id may occur once per schema.
);
export type PlanNodeIndicator = Static<typeof PlanNodeIndicatorSchema>;

/**
 * Roll-ups of a node (its activities) or of the whole plan. `gap` is the cost of each activity
 * and year that no source covers; `overfunded` what sources give beyond an activity's cost in a
 * year. Neither offsets the other across activities: money of one activity does not pay another.
 * So `gap = cost − funded + overfunded`, year by year and in total.
 */
export const PlanTreeTotalsSchema = Type.Object(
  {
    costs: Type.Array(YearAmount, { description: 'Cost estimate per year of the plan' }),
    funding: Type.Array(SourceYearAmount, { description: 'Per source and year, where any' }),
    gap: Type.Array(YearAmount, { description: 'Cost not covered by any source, per year' }),
    overfunded: Type.Array(YearAmount, { description: 'Funding beyond the cost, per year' }),
    cost: Money,
    funded: Money,
    gapTotal: Money,
    overfundedTotal: Money,
    activities: Type.Integer({ description: 'Activities counted' }),
    activitiesWithCost: Type.Integer({ description: 'Of them with a cost estimate' }),
    activitiesWithFunding: Type.Integer({ description: 'Of them with a funding source' }),
  },
  // No $id: the tree holds it at every level.
);
export type PlanTreeTotals = Static<typeof PlanTreeTotalsSchema>;

/** What a node holds itself (no roll-ups, no children). */
const ownProperties = {
  id: Uuid,
  parentId: Nullable(Uuid),
  level: PlanNodeLevelSchema,
  position: Type.Integer({ description: 'Order among its siblings, from 1' }),
  code: Type.String({ description: '`1`, `1.2`, `1.2.3`' }),
  title: Type.String(),
  description: Nullable(Type.String()),
  targetGroups: Type.Array(Type.String()),
  serviceTypes: Type.Array(Type.String()),
  serviceIds: Type.Array(Uuid),
  services: Type.Array(Type.Object({ id: Uuid, name: Type.String() }), {
    description: 'The linked services the caller can see, with their names',
  }),
  responsible: Nullable(Type.String()),
  partners: Nullable(Type.String()),
  yearFrom: Nullable(Type.Integer()),
  yearTo: Nullable(Type.Integer()),
  costs: Type.Array(YearAmount, { description: 'Activities only' }),
  funding: Type.Array(SourceYearAmount, { description: 'Activities only' }),
  indicators: Type.Array(PlanNodeIndicatorSchema),
  templateNodeId: Nullable(Uuid),
  version: Type.Integer({ description: 'The ETag of the node (If-Match of its writes)' }),
};

const nodeProperties = {
  ...ownProperties,
  hasCostEstimate: Type.Boolean({
    description:
      'Activity: a cost in some year; above: every activity below has one (and one exists)',
  }),
  hasFunding: Type.Boolean({
    description: 'Activity: a funding source in some year; above: every activity below has one',
  }),
  totals: PlanTreeTotalsSchema,
};

// The tree is three levels deep by definition, so its schema nests three times instead of
// recursing (a recursive $ref is poorly supported by the serialiser and the OpenAPI tools).
const nodeWith = <T extends TSchema>(children: T) =>
  Type.Object({ ...nodeProperties, children: Type.Array(children) });
const ActivityNode = nodeWith(Type.Object({}, { description: 'Activities have no children' }));
const MeasureNode = nodeWith(ActivityNode);
const PriorityNode = nodeWith(MeasureNode);

/** One node of the tree with its roll-ups and children (the same shape on every level). */
export type PlanTreeNode = Static<TObject<typeof nodeProperties>> & { children: PlanTreeNode[] };

export const PlanTreeSchema = Type.Object(
  {
    plan: Type.Object({
      id: Uuid,
      title: Type.String(),
      kind: PlanKindSchema,
      yearFrom: Type.Integer(),
      yearTo: Type.Integer(),
      status: PlanStatusSchema,
      editable: Type.Boolean({
        description: 'The tree may change (no approved version is locked)',
      }),
      canWrite: Type.Boolean({ description: 'The caller may change this plan' }),
      version: Type.Integer({ description: 'The ETag of the plan record' }),
      totals: PlanTreeTotalsSchema,
    }),
    nodes: Type.Array(PriorityNode, {
      description: 'Priorities with their measures and activities',
    }),
  },
  { $id: 'PlanTree' },
);
export type PlanTree = Omit<Static<typeof PlanTreeSchema>, 'nodes'> & { nodes: PlanTreeNode[] };

/** A node after a write: its own fields (the tree is re-read for roll-ups and children). */
export const PlanNodeSchema = Type.Object(
  { ...ownProperties, planId: Uuid, updatedAt: Timestamp },
  { $id: 'PlanNode' },
);
export type PlanNode = Static<typeof PlanNodeSchema>;

// --- writes ---

const CostInput = Type.Object(
  { year: Type.Integer({ minimum: 1000, maximum: 9999 }), amount: MoneyInput },
  { additionalProperties: false },
);
const FundingInput = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 50, description: 'Codelist funding_source' }),
    year: Type.Integer({ minimum: 1000, maximum: 9999 }),
    amount: MoneyInput,
  },
  { additionalProperties: false },
);
export const PlanNodeIndicatorInputSchema = Type.Object(
  {
    id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'Keep an existing indicator (monitoring refers to it); new ones get an id',
      }),
    ),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    unit: Type.String({ maxLength: 50 }),
    baseline: Type.Optional(Nullable(DecimalInput)),
    targets: Type.Optional(
      Type.Array(
        Type.Object(
          { year: Type.Integer({ minimum: 1000, maximum: 9999 }), value: DecimalInput },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { $id: 'PlanNodeIndicatorInput', additionalProperties: false },
);
export type PlanNodeIndicatorInput = Static<typeof PlanNodeIndicatorInputSchema>;

const nodeWritable = {
  title: Type.String({ minLength: 1, maxLength: 500 }),
  description: Type.Optional(Nullable(Text(20000))),
  targetGroups: Type.Optional(
    Type.Array(Code, { maxItems: 50, description: 'Codelist target_group' }),
  ),
  serviceTypes: Type.Optional(
    Type.Array(Code, { maxItems: 50, description: 'Codelist service_type' }),
  ),
  serviceIds: Type.Optional(
    Type.Array(Type.String({ format: 'uuid' }), {
      maxItems: 200,
      description: 'Services of the network',
    }),
  ),
  responsible: Type.Optional(Nullable(Text(1000))),
  partners: Type.Optional(Nullable(Text(2000))),
  yearFrom: Type.Optional(Nullable(Year)),
  yearTo: Type.Optional(Nullable(Year)),
  costs: Type.Optional(
    Type.Array(CostInput, { maxItems: 100, description: 'Activities only; one per year' }),
  ),
  funding: Type.Optional(
    Type.Array(FundingInput, {
      maxItems: 1000,
      description: 'Activities only; one per source and year',
    }),
  ),
  indicators: Type.Optional(Type.Array(PlanNodeIndicatorInputSchema, { maxItems: 50 })),
};

export const CreatePlanNodeBodySchema = Type.Object(
  {
    parentId: Nullable(
      Type.String({
        format: 'uuid',
        description: 'null: a priority; a priority: a measure; a measure: an activity',
      }),
    ),
    position: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100000,
        description: 'Among its siblings; default last',
      }),
    ),
    ...nodeWritable,
  },
  { $id: 'CreatePlanNodeBody', additionalProperties: false },
);
export type CreatePlanNodeBody = Static<typeof CreatePlanNodeBodySchema>;

export const UpdatePlanNodeBodySchema = Type.Partial(
  Type.Object(nodeWritable, { additionalProperties: false }),
  { $id: 'UpdatePlanNodeBody', additionalProperties: false, minProperties: 1 },
);
export type UpdatePlanNodeBody = Static<typeof UpdatePlanNodeBodySchema>;

/** Fields of node writes that hold decimals (money, indicator values): text, never numbers. */
export const PLAN_NODE_DECIMAL_FIELDS = ['amount', 'baseline', 'value'] as const;

export const MovePlanNodeBodySchema = Type.Object(
  {
    parentId: Nullable(Type.String({ format: 'uuid' })),
    position: Type.Integer({ minimum: 1, maximum: 100000, description: 'Among the new siblings' }),
  },
  { $id: 'MovePlanNodeBody', additionalProperties: false },
);
export type MovePlanNodeBody = Static<typeof MovePlanNodeBodySchema>;

export const PlanNodeParamsSchema = Type.Object({ id: Uuid, nodeId: Uuid });
export type PlanNodeParams = Static<typeof PlanNodeParamsSchema>;

export const DeletePlanNodeQuerySchema = Type.Object(
  {
    confirm: Type.Optional(
      Type.Boolean({ description: 'Delete even though the subtree has monitoring reports' }),
    ),
  },
  { additionalProperties: false },
);
export type DeletePlanNodeQuery = Static<typeof DeletePlanNodeQuerySchema>;

export const PlanNodeDeletionSchema = Type.Object(
  {
    deletionId: Uuid,
    nodeId: Uuid,
    level: PlanNodeLevelSchema,
    code: Type.String({ description: 'The code it had when deleted' }),
    title: Type.String(),
    deletedAt: Timestamp,
    deletedBy: Nullable(Uuid),
    count: Type.Integer({ description: 'Nodes deleted with it (itself included)' }),
    restorable: Type.Boolean({ description: 'Its parent is live (or it is a priority)' }),
  },
  { $id: 'PlanNodeDeletion' },
);
export type PlanNodeDeletion = Static<typeof PlanNodeDeletionSchema>;
export const PlanNodeDeletionListSchema = Type.Object(
  { items: Type.Array(PlanNodeDeletionSchema), total: Type.Integer({ minimum: 0 }) },
  { $id: 'PlanNodeDeletionList' },
);
export type PlanNodeDeletionList = Static<typeof PlanNodeDeletionListSchema>;

// --- action plans from their parent ---

export const CreateActionPlanBodySchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    yearFrom: Year,
    yearTo: Year,
    territoryUnitId: Type.Optional(
      Type.String({ format: 'uuid', description: "Default: the parent plan's territory" }),
    ),
    nodeIds: Type.Optional(
      Type.Array(Type.String({ format: 'uuid' }), {
        maxItems: 5000,
        description:
          'Measures or activities to copy (with their priorities and measures); default all',
      }),
    ),
    coordinator: Type.Optional(Nullable(PlanCoordinatorInputSchema)),
  },
  { $id: 'CreateActionPlanBody', additionalProperties: false },
);
export type CreateActionPlanBody = Static<typeof CreateActionPlanBodySchema>;
