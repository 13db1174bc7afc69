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

/**
 * What each role may do: the one table that answers "may role R do A", shared by the API (which
 * also scopes every call, modules/auth/authorization.ts) and the SPA (which only hides what
 * would be refused). Later modules add their actions here.
 */
export const PERMISSIONS = {
  'territory.read': [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  'territory.write': ['region_admin'],
  'admin.users': ['region_admin'],
  'audit.read': ['region_admin'],
  'codelists.read': [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  'codelists.write': ['region_admin'],
  /** Providers, services, facilities: scoped (a provider its own, a coordinator its territory). */
  'network.read': [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  'network.write': ['region_admin', 'region_staff', 'provider'],
  /** Secret addresses (shelters) are seen by region staff only. */
  'network.secretAddresses': ['region_admin', 'region_staff'],
  'registry.import': ['region_admin', 'region_staff'],
  'basicNetwork.read': [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  /** Periods, decisions and the assess/approve/reject/change/remove workflow. */
  'basicNetwork.manage': ['region_admin', 'region_staff'],
  /** Asking for a service of one's own to enter the network. */
  'basicNetwork.request': ['region_admin', 'region_staff', 'provider'],
  'basicNetwork.comment': [
    'region_admin',
    'region_staff',
    'coordinator',
    'municipality',
    'provider',
  ],
  /** A municipality's statement of need on an entry in its territory. */
  'basicNetwork.statement': ['region_admin', 'region_staff', 'coordinator', 'municipality'],
  'financing.read': ['region_admin', 'region_staff', 'analyst'],
  'financing.write': ['region_admin', 'region_staff'],
  /** Plans: a coordinator or municipality reads those covering its territory (and the region's). */
  'plans.read': ['region_admin', 'region_staff', 'analyst', 'coordinator', 'municipality'],
  /** Plans, their trees, versions and attachments: a coordinator in its territory only. */
  'plans.write': ['region_admin', 'region_staff', 'coordinator'],
  /** Entering monitoring reports of a plan one may write. */
  'monitoring.report': ['region_admin', 'region_staff', 'coordinator'],
  /** Accepting or returning submitted reports. */
  'monitoring.review': ['region_admin', 'region_staff', 'coordinator'],
  'evaluations.read': ['region_admin', 'region_staff', 'analyst', 'coordinator'],
  'evaluations.write': ['region_admin', 'region_staff'],
  /** Form templates, their versions and campaigns (region-wide). */
  'collection.manage': ['region_admin', 'region_staff'],
  /**
   * Campaigns and submissions: region-wide roles all, a coordinator its territory's, a
   * municipality its own, a provider its own and its services'.
   */
  'collection.read': [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  /** Entering, pushing and submitting one's own submissions (region staff on behalf of others). */
  'collection.respond': ['region_admin', 'region_staff', 'municipality', 'provider'],
  /** Returning, approving and reopening submissions. */
  'collection.review': ['region_admin', 'region_staff'],
  /** Analyses and dashboards: region-wide roles the region, a coordinator its territory. */
  'analysis.read': ['region_admin', 'region_staff', 'analyst', 'coordinator'],
  /** Capacity targets the analysis compares the network with. */
  'analysis.targets': ['region_admin', 'region_staff'],
} as const satisfies Record<string, readonly Role[]>;
export type Action = keyof typeof PERMISSIONS;

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
  'need_level',
  'refusal_reason',
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

// --- data collection (issue 4/5) ---

/** Who answers a form: a municipality, a provider, or each service (one submission per service). */
export const RESPONDENT_KINDS = ['municipality', 'provider', 'service'] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];

/** Types of a form field; `table` has rows keyed by a codelist (or the respondent's services). */
export const FIELD_TYPES = [
  'integer',
  'decimal',
  'money',
  'percent',
  'text',
  'boolean',
  'date',
  'choice',
  'multiChoice',
  'table',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
/** The types a table column may have (no table in a table). */
export const COLUMN_TYPES = FIELD_TYPES.filter((t) => t !== 'table') as Exclude<
  FieldType,
  'table'
>[];
export type ColumnType = Exclude<FieldType, 'table'>;

/** Where a field's value is prefilled from when a campaign opens. */
export const PREFILL_SOURCES = ['previousPeriod', 'networkCapacity'] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

export const RULE_SEVERITIES = ['error', 'warning'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

/** A form version is a draft until published; a published version never changes. */
export const FORM_VERSION_STATUSES = ['draft', 'published'] as const;
export type FormVersionStatus = (typeof FORM_VERSION_STATUSES)[number];

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
/** Which campaign status may follow which (opening materialises the respondents). */
export const CAMPAIGN_STATUS_TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open'],
};

export const CAMPAIGN_PERIOD_KINDS = ['year', 'half', 'quarter'] as const;
export type CampaignPeriodKind = (typeof CAMPAIGN_PERIOD_KINDS)[number];

export const SUBMISSION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'resubmitted',
  'approved',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Statuses in which the respondent may change values (and the push API may write them). */
export const EDITABLE_SUBMISSION_STATUSES: readonly SubmissionStatus[] = ['draft', 'returned'];

export const SUBMISSION_ACTIONS = ['submit', 'return', 'approve', 'reopen'] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

/**
 * The submission state machine: from which statuses an action is allowed, what it leads to,
 * and the permission it needs. Submitting a returned submission makes it `resubmitted`.
 */
export const SUBMISSION_TRANSITIONS: Record<
  SubmissionAction,
  {
    from: readonly SubmissionStatus[];
    to: (from: SubmissionStatus) => SubmissionStatus;
    permission: 'collection.respond' | 'collection.review';
  }
> = {
  submit: {
    from: ['draft', 'returned'],
    to: (from) => (from === 'returned' ? 'resubmitted' : 'submitted'),
    permission: 'collection.respond',
  },
  return: {
    from: ['submitted', 'resubmitted'],
    to: () => 'returned',
    permission: 'collection.review',
  },
  approve: {
    from: ['submitted', 'resubmitted'],
    to: () => 'approved',
    permission: 'collection.review',
  },
  reopen: { from: ['approved'], to: () => 'returned', permission: 'collection.review' },
};

/** Steps recorded in a submission's timeline. */
export const SUBMISSION_EVENT_ACTIONS = [
  'submitted',
  'resubmitted',
  'returned',
  'approved',
  'reopened',
] as const;
export type SubmissionEventAction = (typeof SUBMISSION_EVENT_ACTIONS)[number];

/** How a value arrived: typed in the SPA, pushed by an information system, or prefilled. */
export const VALUE_CHANNELS = ['web', 'api', 'prefill'] as const;
export type ValueChannel = (typeof VALUE_CHANNELS)[number];

/** What the push API did with one submission. */
export const PUSH_OUTCOMES = ['imported', 'updated', 'unchanged', 'rejected'] as const;
export type PushOutcome = (typeof PUSH_OUTCOMES)[number];

/** Why a value of a submission under review is highlighted. */
export const OUTLIER_REASONS = ['history', 'peers'] as const;
export type OutlierReason = (typeof OUTLIER_REASONS)[number];

// --- analysis, exports, public catalogue (issue 5/5) ---

/**
 * What a form column or field measures, for the analysis (needs vs supply, waiting lists,
 * refused applicants): tagged in the form builder, so the analysis reads any form that says
 * what it asks, not field codes written into the code.
 */
export const ANALYSIS_MEASURES = [
  'neededCapacity',
  'capacity',
  'clientsServed',
  'waitingList',
  'refusedApplicants',
  'costs',
] as const;
export type AnalysisMeasure = (typeof ANALYSIS_MEASURES)[number];

/** Formats of the analysts' exports (`?format=` or the Accept header). */
export const EXPORT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
