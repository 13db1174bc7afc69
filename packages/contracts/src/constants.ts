/**
 * Plain values shared by the API and the SPA, importable without TypeBox
 * (`@socplan/contracts/constants`), so the browser bundle does not carry the schema builder.
 */

/**
 * Roles are the platform's own access concepts (not a domain codelist). Region-wide roles carry
 * no unit; `coordinator` and `municipality` are bound to a territorial unit; `provider` to a provider.
 */
export const ROLES = [
  'region_admin',
  'region_staff',
  'analyst',
  'coordinator',
  'municipality',
  'provider',
] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of territorial unit, from the largest. */
export const UNIT_KINDS = ['region', 'orp', 'planning_area', 'municipality'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The unit kinds a unit-bound role is assigned to; roles not listed take no unit. */
export const ROLE_UNIT_KINDS: Partial<Record<Role, readonly UnitKind[]>> = {
  coordinator: ['orp', 'planning_area'],
  municipality: ['municipality'],
};

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * The codelists of the domain. Which codelists exist is structure (the API validates against
 * them); their items are data: seeded, versioned by validity dates, edited by region admins.
 */
export const CODELISTS = [
  'service_type',
  'form',
  'target_group',
  'age_group',
  'capacity_unit',
  'funding_source',
] as const;
export type Codelist = (typeof CODELISTS)[number];

/** A service's status in one of its effective-dated states. */
export const SERVICE_STATUSES = ['active', 'suspended', 'ended'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** Fields of a service state whose change is effective-dated: a new state from `effectiveFrom`. */
export const SERVICE_DATED_FIELDS = [
  'typeCode',
  'status',
  'registeredFrom',
  'registeredTo',
  'forms',
  'targetGroups',
  'ageGroups',
  'territoryUnitIds',
  'fteDirect',
  'fteOther',
] as const;

/** Fields of a service state corrected in place (unless a change is dated explicitly). */
export const SERVICE_IN_PLACE_FIELDS = ['name', 'email', 'phone', 'web'] as const;

/** The fields a service's history compares and reports (`changes[].field`), in this order. */
export const SERVICE_HISTORY_FIELDS = [
  ...SERVICE_DATED_FIELDS,
  ...SERVICE_IN_PLACE_FIELDS,
] as const;
export type ServiceHistoryField = (typeof SERVICE_HISTORY_FIELDS)[number];

// --- plans (issue 3/5) ---

/** SPRSS (regional), KP (community) and AP (action) plans. */
export const PLAN_KINDS = ['regional', 'community', 'action'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** A plan's life: draft → consultation → approved → in force → expired / archived. */
export const PLAN_STATUSES = [
  'draft',
  'consultation',
  'approved',
  'in_force',
  'expired',
  'archived',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * The status workflow: which statuses a plan may move to from each. Moving to `approved`
 * freezes the working version; approving an amendment later keeps the status (see
 * POST /api/plans/:id/amendments/approve).
 */
export const PLAN_STATUS_TRANSITIONS: Record<PlanStatus, readonly PlanStatus[]> = {
  draft: ['consultation'],
  consultation: ['draft', 'approved'],
  approved: ['in_force', 'archived'],
  in_force: ['expired', 'archived'],
  expired: ['archived'],
  archived: [],
};

/** Statuses in which a plan's approved version may be amended. */
export const AMENDABLE_PLAN_STATUSES: readonly PlanStatus[] = ['approved', 'in_force'];

/** Unit kinds a plan of each kind may be made for (an action plan lies within its parent's). */
export const PLAN_TERRITORY_KINDS = {
  regional: ['region'],
  community: ['orp', 'planning_area', 'municipality'],
  action: ['region', 'orp', 'planning_area', 'municipality'],
} as const satisfies Record<PlanKind, readonly UnitKind[]>;

/** Problem type of a delete that needs `?confirm=true` (the subtree has monitoring reports). */
export const CONFIRMATION_REQUIRED_PROBLEM = 'https://socplan.cz/problems/confirmation-required';

/** The levels of a plan's tree, from the top: priority → measure → activity. */
export const PLAN_NODE_LEVELS = ['priority', 'measure', 'activity'] as const;
export type PlanNodeLevel = (typeof PLAN_NODE_LEVELS)[number];

/** What a monitoring report says of an activity. */
export const ACTIVITY_STATUSES = [
  'not_started',
  'in_progress',
  'done',
  'postponed',
  'cancelled',
] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** A monitoring report's review: draft → submitted → accepted, or returned (and resubmitted). */
export const REPORT_REVIEW_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportReviewStatus = (typeof REPORT_REVIEW_STATUSES)[number];

/** The 8 areas of the MPSV quality criteria of community planning, scored in an evaluation. */
export const EVALUATION_AREAS = [
  'legitimacy',
  'situation_description',
  'qualification',
  'process_management',
  'involvement',
  'development_plan',
  'information',
  'quality_improvement',
] as const;
export type EvaluationArea = (typeof EVALUATION_AREAS)[number];

/** The region's yes/no checks of a planning process (used since 2012). */
export const EVALUATION_CHECKS = [
  'coordinator_named',
  'triad_involved',
  'swot_used',
  'analysis_linked',
  'cost_estimates',
  'funding_sources',
] as const;
export type EvaluationCheck = (typeof EVALUATION_CHECKS)[number];
