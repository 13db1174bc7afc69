import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { bytea } from './platform.ts';
import { timestamps } from './columns.ts';
import { territorialUnits } from './territory.ts';

/**
 * A regional (SPRSS), community (KP) or action (AP) plan. Its tree (plan_nodes) is the working
 * version `workingVersion`; approving freezes it into plan_versions as `approvedVersion`. The
 * tree is editable while no version is approved or an amendment is open
 * (workingVersion > approvedVersion); an approved version is read-only.
 */
export const plans = pgTable(
  'plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(), // PLAN_KINDS
    title: text().notNull(),
    description: text(),
    territoryUnitId: uuid()
      .notNull()
      .references(() => territorialUnits.id, { onDelete: 'restrict' }),
    yearFrom: integer().notNull(),
    yearTo: integer().notNull(),
    /** An action plan's community or regional plan; the regional plan a community plan follows. */
    parentPlanId: uuid().references((): AnyPgColumn => plans.id, { onDelete: 'restrict' }),
    status: text().notNull().default('draft'), // PLAN_STATUSES
    approvalBody: text(),
    resolutionNumber: text(),
    approvedOn: date({ mode: 'string' }),
    /** The responsible coordinator: a person, a user of socplan or not. */
    coordinatorUserId: uuid().references(() => users.id, { onDelete: 'set null' }),
    coordinatorName: text(),
    coordinatorEmail: text(),
    coordinatorPhone: text(),
    workingVersion: integer().notNull().default(1),
    approvedVersion: integer(),
    /** What the working version changes (an amendment's change log). */
    changeLog: text(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    check('plans_years', sql`${t.yearTo} >= ${t.yearFrom}`),
    index('plans_territory_idx').on(t.territoryUnitId),
    index('plans_parent_idx').on(t.parentPlanId),
  ],
);

/** Cost estimate of an activity in one year, integer haléř. */
export interface NodeCost {
  year: number;
  amount: number;
}

/** Amount a funding source (codelist funding_source) covers in one year, integer haléř. */
export interface NodeFunding {
  source: string;
  year: number;
  amount: number;
}

/** An indicator of a node; values are integer hundredths (two decimals, never floats). */
export interface NodeIndicator {
  id: string;
  name: string;
  unit: string;
  baseline: number | null;
  targets: { year: number; value: number }[];
}

/**
 * The plan's tree: priorities → measures → activities, ordered by `position` among live
 * siblings, `code` (`1`, `1.2`, `1.2.3`) kept consistent by every insert, move, delete and
 * restore. Costs and funding are entered on activities and rolled up on read. Deleting is soft:
 * a node and its subtree share a `deletionId` and come back together on restore.
 */
export const planNodes = pgTable(
  'plan_nodes',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    parentId: uuid().references((): AnyPgColumn => planNodes.id, { onDelete: 'restrict' }),
    level: text().notNull(), // PLAN_NODE_LEVELS
    position: integer().notNull(),
    code: text().notNull(),
    title: text().notNull(),
    description: text(),
    targetGroups: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    serviceTypes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    serviceIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** The garant: who answers for the node. */
    responsible: text(),
    partners: text(),
    yearFrom: integer(),
    yearTo: integer(),
    costs: jsonb()
      .$type<NodeCost[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    funding: jsonb()
      .$type<NodeFunding[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    indicators: jsonb()
      .$type<NodeIndicator[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The node of the parent plan this one was copied from (action plans from a template). */
    templateNodeId: uuid(),
    deletedAt: timestamp({ withTimezone: true }),
    deletedBy: uuid(),
    deletionId: uuid(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    index('plan_nodes_plan_idx').on(t.planId, t.parentId, t.position),
    index('plan_nodes_deletion_idx').on(t.deletionId),
  ],
);

/** A frozen version of a plan: header and tree as approved, with the change log. */
export const planVersions = pgTable(
  'plan_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    changeLog: text(),
    approvalBody: text(),
    resolutionNumber: text(),
    approvedOn: date({ mode: 'string' }),
    /** The plan and its live tree at approval, as the API returns them. */
    snapshot: jsonb().notNull(),
    frozenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    frozenBy: uuid(),
    frozenByName: text(),
  },
  (t) => [unique('plan_versions_plan_number_key').on(t.planId, t.number)],
);

/** A document of a plan: an uploaded file or a link. */
export const planAttachments = pgTable(
  'plan_attachments',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    kind: text().notNull(), // file | link
    name: text().notNull(),
    url: text(),
    mediaType: text(),
    sizeBytes: integer(),
    content: bytea(),
    createdBy: uuid(),
    createdByName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_attachments_plan_idx').on(t.planId)],
);

/** A monitoring round of a plan: a year (`2025`) or half-year (`2025-H1`). */
export const monitoringRounds = pgTable(
  'monitoring_rounds',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: 'restrict' }),
    period: text().notNull(),
    year: integer().notNull(),
    half: integer(), // 1 | 2 | null for a whole year
    status: text().notNull().default('open'), // open | closed
    dueOn: date({ mode: 'string' }),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [unique('monitoring_rounds_plan_period_key').on(t.planId, t.period)],
);

/** Actual value of an indicator in a report, integer hundredths. */
export interface IndicatorActual {
  indicatorId: string;
  value: number;
}

/** Actual spend of a funding source in a report, integer haléř. */
export interface ActualSpend {
  source: string;
  amount: number;
}

export interface EvidenceLink {
  url: string;
  label: string | null;
}

/** One activity's report in a round, with its review (draft → submitted → accepted / returned). */
export const monitoringReports = pgTable(
  'monitoring_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    roundId: uuid()
      .notNull()
      .references(() => monitoringRounds.id, { onDelete: 'restrict' }),
    nodeId: uuid()
      .notNull()
      .references(() => planNodes.id, { onDelete: 'restrict' }),
    status: text().notNull().default('not_started'), // ACTIVITY_STATUSES
    /** Entered progress 0–100 (used where the activity has no indicator with a target). */
    progress: integer(),
    indicatorActuals: jsonb()
      .$type<IndicatorActual[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    spend: jsonb()
      .$type<ActualSpend[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    comment: text(),
    evidence: jsonb()
      .$type<EvidenceLink[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    reviewStatus: text().notNull().default('draft'), // REPORT_REVIEW_STATUSES
    reviewComment: text(),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: uuid(),
    submittedByName: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: uuid(),
    reviewedByName: text(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('monitoring_reports_round_node_key').on(t.roundId, t.nodeId),
    index('monitoring_reports_node_idx').on(t.nodeId),
  ],
);

export interface AreaScore {
  area: string; // EVALUATION_AREAS
  score: number; // 0–3
  comment: string | null;
}

export interface CheckAnswer {
  check: string; // EVALUATION_CHECKS
  value: boolean;
  comment: string | null;
}

/** An evaluation of a territory's planning process on a date (the region's rubric). */
export const processEvaluations = pgTable(
  'process_evaluations',
  {
    id: uuid().primaryKey().defaultRandom(),
    territoryUnitId: uuid()
      .notNull()
      .references(() => territorialUnits.id, { onDelete: 'restrict' }),
    evaluatedOn: date({ mode: 'string' }).notNull(),
    areas: jsonb()
      .$type<AreaScore[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    checks: jsonb()
      .$type<CheckAnswer[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    note: text(),
    evaluatorName: text(),
    createdBy: uuid(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [index('process_evaluations_unit_idx').on(t.territoryUnitId, t.evaluatedOn)],
);
