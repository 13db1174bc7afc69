import Type, { type Static } from 'typebox';
import { CalendarDate, ListOf, Nullable, PageQuery, Timestamp, Uuid } from './common.ts';
import {
  ANALYSIS_MEASURES,
  CAMPAIGN_PERIOD_KINDS,
  CAMPAIGN_STATUSES,
  COLUMN_TYPES,
  FIELD_TYPES,
  FORM_VERSION_STATUSES,
  OUTLIER_REASONS,
  PREFILL_SOURCES,
  PUSH_OUTCOMES,
  RESPONDENT_KINDS,
  RULE_SEVERITIES,
  SUBMISSION_EVENT_ACTIONS,
  SUBMISSION_STATUSES,
  VALUE_CHANNELS,
} from './constants.ts';
import { NulFreeText } from './monitoring.ts';

/**
 * Data collection (sběr dat): form templates with immutable published versions, campaigns
 * that send a version to respondents for a period, one submission per respondent with its
 * review workflow and value history, completeness, and the push API for municipal and provider
 * information systems.
 *
 * Values travel in one shape everywhere (SPA, push API, exports):
 * `{ "<fieldCode>": value, "<tableFieldCode>": [ { "row": "<code>", "<columnCode>": value } ] }`.
 * Numbers are JSON numbers (decimal strings are accepted too), dates `YYYY-MM-DD`, choices
 * codelist codes, multiple choices arrays of codes; `null` clears a value. Validation issues
 * point at `/values/<field>` or, in a table, `/values/<table>/<rowCode>/<column>`.
 */

// --- form definitions (data, evaluated by @socplan/form-rules on server and in the browser) ---

const Code = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,62}$',
  description: 'A stable code: lower-case letters, digits and _, starting with a letter',
});
// No $id: it is also used wrapped in Type.Optional (a copy with the same $id), which Ajv
// refuses in a request body ("resolves to more than one schema").
export const LocalizedTextSchema = Type.Object({
  cs: NulFreeText(500, 1),
  en: Type.Optional(NulFreeText(500)),
});
export type LocalizedText = Static<typeof LocalizedTextSchema>;

const columnProperties = {
  code: Code,
  label: LocalizedTextSchema,
  help: Type.Optional(LocalizedTextSchema),
  unit: Type.Optional(NulFreeText(40)),
  required: Type.Optional(Type.Boolean({ default: false })),
  min: Type.Optional(Type.Number({ description: 'Smallest allowed number (numeric types)' })),
  max: Type.Optional(Type.Number({ description: 'Largest allowed number (numeric types)' })),
  decimals: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 6,
      description: 'Decimal places of a decimal field (default 2); money always 2, percent 2',
    }),
  ),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  codelist: Type.Optional(
    Type.String({ minLength: 1, maxLength: 50, description: 'Choices of a (multi)choice field' }),
  ),
  prefill: Type.Optional(Type.Enum(PREFILL_SOURCES)),
  /** What the analysis reads this value as (a number field, or a column of a table of service types). */
  measure: Type.Optional(Type.Enum(ANALYSIS_MEASURES)),
};

export const FormColumnSchema = Type.Object(
  { ...columnProperties, type: Type.Enum(COLUMN_TYPES) },
  { $id: 'FormColumn' },
);
export type FormColumn = Static<typeof FormColumnSchema>;

/**
 * Where a table's rows come from: a codelist's items, or the respondent provider's services.
 * No $id: also used wrapped in Type.Optional (see LocalizedText).
 */
export const TableRowsSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('codelist'),
    codelist: Type.String({ minLength: 1, maxLength: 50 }),
  }),
  Type.Object({ kind: Type.Literal('services') }),
]);
export type TableRows = Static<typeof TableRowsSchema>;

export const FormFieldSchema = Type.Object(
  {
    ...columnProperties,
    type: Type.Enum(FIELD_TYPES),
    rows: Type.Optional(TableRowsSchema),
    columns: Type.Optional(Type.Array(FormColumnSchema, { maxItems: 50 })),
  },
  { $id: 'FormField' },
);
export type FormField = Static<typeof FormFieldSchema>;

export const FormSectionSchema = Type.Object(
  {
    code: Code,
    label: LocalizedTextSchema,
    help: Type.Optional(LocalizedTextSchema),
    fields: Type.Array(FormFieldSchema, { maxItems: 200 }),
  },
  { $id: 'FormSection' },
);
export type FormSection = Static<typeof FormSectionSchema>;

/**
 * A rule across fields, as data: `assert` must hold (where `when`, if given, holds). Expressions
 * use field codes, `table.column` (the column's values over all rows), numbers, strings,
 * + - * /, comparisons, && || !, and the functions sum, count, min, max, abs, round, filled,
 * empty. A rule whose operands are empty is not applicable (required fields catch emptiness).
 * Examples: `occupied <= capacity`; `sum(clients.count) == clients_total`;
 * when `refused > 0` assert `filled(refusal_reason)`.
 */
export const FormRuleSchema = Type.Object(
  {
    code: Code,
    when: Type.Optional(NulFreeText(1000, 1)),
    assert: NulFreeText(1000, 1),
    message: LocalizedTextSchema,
    severity: Type.Optional(Type.Enum(RULE_SEVERITIES, { default: 'error' })),
  },
  { $id: 'FormRule' },
);
export type FormRule = Static<typeof FormRuleSchema>;

export const FormDefinitionSchema = Type.Object(
  {
    sections: Type.Array(FormSectionSchema, { maxItems: 50 }),
    rules: Type.Array(FormRuleSchema, { maxItems: 200 }),
  },
  { $id: 'FormDefinition' },
);
export type FormDefinition = Static<typeof FormDefinitionSchema>;

// --- forms and versions ---

const FormVersionRefSchema = Type.Object({
  id: Uuid,
  number: Type.Integer({ minimum: 1 }),
  status: Type.Enum(FORM_VERSION_STATUSES),
});

export const FormSchema = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    name: Type.String(),
    nameEn: Nullable(Type.String()),
    description: Nullable(Type.String()),
    respondentKind: Type.Enum(RESPONDENT_KINDS),
    /** The newest version (a draft while one is being edited). */
    latestVersion: FormVersionRefSchema,
    /** The newest published version, which campaigns may use. */
    publishedVersion: Nullable(FormVersionRefSchema),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'Form' },
);
export type Form = Static<typeof FormSchema>;
export const FormListSchema = ListOf(FormSchema, 'FormList');
export type FormList = Static<typeof FormListSchema>;

export const FormListQuerySchema = Type.Object({
  ...PageQuery,
  respondentKind: Type.Optional(Type.Enum(RESPONDENT_KINDS)),
  q: Type.Optional(Type.String({ maxLength: 200 })),
});
export type FormListQuery = Static<typeof FormListQuerySchema>;

export const CreateFormBodySchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9-]{1,62}$', description: 'e.g. rocni-vykaz' }),
    name: NulFreeText(300, 1),
    nameEn: Type.Optional(Nullable(NulFreeText(300))),
    description: Type.Optional(Nullable(NulFreeText(4000))),
    respondentKind: Type.Enum(RESPONDENT_KINDS),
    /** The first draft's definition (empty when absent). */
    definition: Type.Optional(FormDefinitionSchema),
  },
  { $id: 'CreateFormBody' },
);
export type CreateFormBody = Static<typeof CreateFormBodySchema>;

export const UpdateFormBodySchema = Type.Object(
  {
    name: Type.Optional(NulFreeText(300, 1)),
    nameEn: Type.Optional(Nullable(NulFreeText(300))),
    description: Type.Optional(Nullable(NulFreeText(4000))),
  },
  { $id: 'UpdateFormBody', minProperties: 1 },
);
export type UpdateFormBody = Static<typeof UpdateFormBodySchema>;

export const FormVersionSchema = Type.Object(
  {
    id: Uuid,
    formId: Uuid,
    formCode: Type.String(),
    formName: Type.String(),
    respondentKind: Type.Enum(RESPONDENT_KINDS),
    number: Type.Integer({ minimum: 1 }),
    status: Type.Enum(FORM_VERSION_STATUSES),
    definition: FormDefinitionSchema,
    publishedAt: Nullable(Timestamp),
    publishedByName: Nullable(Type.String()),
    /** Campaigns that use this version (a used version cannot be deleted). */
    campaignCount: Type.Integer({ minimum: 0 }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'FormVersion' },
);
export type FormVersion = Static<typeof FormVersionSchema>;
export const FormVersionListSchema = ListOf(FormVersionSchema, 'FormVersionList');
export type FormVersionList = Static<typeof FormVersionListSchema>;

export const PutFormVersionBodySchema = Type.Object(
  { definition: FormDefinitionSchema },
  { $id: 'PutFormVersionBody' },
);
export type PutFormVersionBody = Static<typeof PutFormVersionBodySchema>;

// --- campaigns ---

export const CampaignCountsSchema = Type.Object(
  {
    expected: Type.Integer({ minimum: 0 }),
    received: Type.Integer({ minimum: 0 }),
    approved: Type.Integer({ minimum: 0 }),
  },
  { $id: 'CampaignCounts' },
);

export const CampaignSchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    formId: Uuid,
    formName: Type.String(),
    formVersionId: Uuid,
    formVersionNumber: Type.Integer(),
    respondentKind: Type.Enum(RESPONDENT_KINDS),
    periodKind: Type.Enum(CAMPAIGN_PERIOD_KINDS),
    year: Type.Integer(),
    /** 1–2 for a half-year, 1–4 for a quarter, null for a year. */
    periodNumber: Nullable(Type.Integer({ minimum: 1, maximum: 4 })),
    /** `2025`, `2025-H1` or `2025-Q3`. */
    period: Type.String(),
    /** Respondents limited to these ORPs (empty: the whole region). */
    orpIds: Type.Array(Uuid),
    /** Provider or service respondents limited to these service types (empty: all). */
    serviceTypes: Type.Array(Type.String()),
    opensOn: CalendarDate(),
    deadline: CalendarDate(),
    status: Type.Enum(CAMPAIGN_STATUSES),
    /** Reminders go out this many days before the deadline (to who has not submitted). */
    reminderDaysBefore: Type.Array(Type.Integer({ minimum: 0, maximum: 90 })),
    counts: CampaignCountsSchema,
    openedAt: Nullable(Timestamp),
    closedAt: Nullable(Timestamp),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'Campaign' },
);
export type Campaign = Static<typeof CampaignSchema>;
export const CampaignListSchema = ListOf(CampaignSchema, 'CampaignList');
export type CampaignList = Static<typeof CampaignListSchema>;

export const CampaignListQuerySchema = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.Enum(CAMPAIGN_STATUSES)),
  formId: Type.Optional(Uuid),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
});
export type CampaignListQuery = Static<typeof CampaignListQuerySchema>;

const campaignInput = {
  name: NulFreeText(300, 1),
  periodKind: Type.Enum(CAMPAIGN_PERIOD_KINDS),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  periodNumber: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 4 }))),
  orpIds: Type.Optional(Type.Array(Uuid, { maxItems: 100, uniqueItems: true })),
  serviceTypes: Type.Optional(
    Type.Array(Type.String({ maxLength: 50 }), { maxItems: 100, uniqueItems: true }),
  ),
  opensOn: CalendarDate(),
  deadline: CalendarDate(),
  reminderDaysBefore: Type.Optional(
    Type.Array(Type.Integer({ minimum: 0, maximum: 90 }), { maxItems: 10, uniqueItems: true }),
  ),
};

export const CreateCampaignBodySchema = Type.Object(
  { ...campaignInput, formVersionId: Uuid },
  { $id: 'CreateCampaignBody' },
);
export type CreateCampaignBody = Static<typeof CreateCampaignBodySchema>;

/**
 * Changes a campaign (If-Match). While a draft, everything; once open, only the name, the
 * deadline and the reminders. `status` moves it: draft → open (the respondents are fixed and
 * prefilled then), open → closed, closed → open.
 */
export const UpdateCampaignBodySchema = Type.Object(
  {
    ...Type.Partial(Type.Object(campaignInput)).properties,
    status: Type.Optional(Type.Enum(CAMPAIGN_STATUSES)),
  },
  { $id: 'UpdateCampaignBody', minProperties: 1 },
);
export type UpdateCampaignBody = Static<typeof UpdateCampaignBodySchema>;

export const CampaignRespondentSchema = Type.Object(
  {
    code: Type.String({ description: 'ČSÚ municipality code, IČO or service identifier' }),
    name: Type.String(),
    orpId: Nullable(Uuid),
    orpName: Nullable(Type.String()),
    serviceType: Nullable(Type.String()),
  },
  { $id: 'CampaignRespondent' },
);
export type CampaignRespondent = Static<typeof CampaignRespondentSchema>;
export const CampaignRespondentListSchema = ListOf(
  CampaignRespondentSchema,
  'CampaignRespondentList',
);
export type CampaignRespondentList = Static<typeof CampaignRespondentListSchema>;

// --- completeness ---

const CompletenessCountsProperties = {
  expected: Type.Integer({ minimum: 0 }),
  /** Submitted at least once (submitted, returned, resubmitted or approved). */
  received: Type.Integer({ minimum: 0 }),
  onTime: Type.Integer({ minimum: 0 }),
  late: Type.Integer({ minimum: 0 }),
  approved: Type.Integer({ minimum: 0 }),
  returned: Type.Integer({ minimum: 0 }),
  /** Never submitted; `started` of them have entered some values. */
  missing: Type.Integer({ minimum: 0 }),
  started: Type.Integer({ minimum: 0 }),
};

export const CompletenessRespondentSchema = Type.Object(
  {
    submissionId: Uuid,
    code: Type.String(),
    name: Type.String(),
    orpId: Nullable(Uuid),
    orpName: Nullable(Type.String()),
    status: Type.Enum(SUBMISSION_STATUSES),
    started: Type.Boolean(),
    firstSubmittedAt: Nullable(Timestamp),
    /** Null until submitted; first submission on or before the deadline (Prague time). */
    onTime: Nullable(Type.Boolean()),
    approvedAt: Nullable(Timestamp),
    remindersSent: Type.Integer({ minimum: 0 }),
  },
  { $id: 'CompletenessRespondent' },
);
export type CompletenessRespondent = Static<typeof CompletenessRespondentSchema>;

export const CompletenessSchema = Type.Object(
  {
    campaignId: Uuid,
    deadline: CalendarDate(),
    totals: Type.Object(CompletenessCountsProperties),
    byOrp: Type.Array(
      Type.Object({
        orpId: Nullable(Uuid),
        orpCode: Nullable(Type.String()),
        orpName: Nullable(Type.String()),
        ...CompletenessCountsProperties,
      }),
    ),
    respondents: Type.Array(CompletenessRespondentSchema),
  },
  { $id: 'Completeness' },
);
export type Completeness = Static<typeof CompletenessSchema>;

export const CompletenessQuerySchema = Type.Object({
  orpId: Type.Optional(Uuid),
  status: Type.Optional(Type.Enum(SUBMISSION_STATUSES)),
  /** Only who has not submitted yet. */
  missing: Type.Optional(Type.Boolean()),
});
export type CompletenessQuery = Static<typeof CompletenessQuerySchema>;

// --- submissions ---

/** Scalar values, and table rows keyed by `row`. */
export const SubmissionValuesSchema = Type.Record(Type.String(), Type.Unknown(), {
  $id: 'SubmissionValues',
  description:
    '{ "<fieldCode>": value, "<tableFieldCode>": [ { "row": "<codelist code>", "<columnCode>": value } ] }',
});
export type SubmissionValues = Static<typeof SubmissionValuesSchema>;

export const ValidationIssueSchema = Type.Object(
  {
    pointer: Type.String({ description: '/values/<field> or /values/<table>/<rowCode>/<column>' }),
    field: Type.String(),
    row: Type.Optional(Type.String()),
    column: Type.Optional(Type.String()),
    rule: Type.Optional(Type.String({ description: 'The code of the failed rule' })),
    severity: Type.Enum(RULE_SEVERITIES),
    detail: Type.String(),
  },
  { $id: 'ValidationIssue' },
);
export type ValidationIssue = Static<typeof ValidationIssueSchema>;

const PersonAtProperties = {
  principalName: Nullable(Type.String()),
  principalKind: Nullable(Type.Enum(['user', 'client'])),
};

export const SubmissionEventSchema = Type.Object(
  {
    id: Type.Integer(),
    action: Type.Enum(SUBMISSION_EVENT_ACTIONS),
    fromStatus: Type.Enum(SUBMISSION_STATUSES),
    toStatus: Type.Enum(SUBMISSION_STATUSES),
    ...PersonAtProperties,
    channel: Type.Enum(VALUE_CHANNELS),
    note: Nullable(Type.String()),
    at: Timestamp,
  },
  { $id: 'SubmissionEvent' },
);
export type SubmissionEvent = Static<typeof SubmissionEventSchema>;

export const SubmissionCommentSchema = Type.Object(
  {
    id: Uuid,
    /** Null: a comment on the whole submission. */
    field: Nullable(Type.String()),
    row: Nullable(Type.String()),
    body: Type.String(),
    authorName: Nullable(Type.String()),
    /** The return (event id) it came with; the newest return's comments are the open ones. */
    eventId: Nullable(Type.Integer()),
    createdAt: Timestamp,
  },
  { $id: 'SubmissionComment' },
);
export type SubmissionComment = Static<typeof SubmissionCommentSchema>;

const ChoiceSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
});

export const SubmissionSummarySchema = Type.Object(
  {
    id: Uuid,
    campaignId: Uuid,
    campaignName: Type.String(),
    period: Type.String(),
    deadline: CalendarDate(),
    campaignStatus: Type.Enum(CAMPAIGN_STATUSES),
    respondentKind: Type.Enum(RESPONDENT_KINDS),
    respondentCode: Type.String(),
    respondentName: Type.String(),
    orpId: Nullable(Uuid),
    orpName: Nullable(Type.String()),
    status: Type.Enum(SUBMISSION_STATUSES),
    valueCount: Type.Integer({ minimum: 0 }),
    firstSubmittedAt: Nullable(Timestamp),
    submittedAt: Nullable(Timestamp),
    approvedAt: Nullable(Timestamp),
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'SubmissionSummary' },
);
export type SubmissionSummary = Static<typeof SubmissionSummarySchema>;
export const SubmissionListSchema = ListOf(SubmissionSummarySchema, 'SubmissionList');
export type SubmissionList = Static<typeof SubmissionListSchema>;

export const SUBMISSION_SORTS = ['respondentName', 'status', 'submittedAt', 'deadline'] as const;
export const SubmissionListQuerySchema = Type.Object({
  ...PageQuery,
  campaignId: Type.Optional(Uuid),
  status: Type.Optional(Type.Enum(SUBMISSION_STATUSES)),
  orpId: Type.Optional(Uuid),
  /** Only campaigns that are open now. */
  open: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200 })),
});
export type SubmissionListQuery = Static<typeof SubmissionListQuerySchema>;

export const SubmissionSchema = Type.Object(
  {
    ...SubmissionSummarySchema.properties,
    formVersionId: Uuid,
    definition: FormDefinitionSchema,
    /** The allowed codes of every (multi)choice field and column, by field code. */
    choices: Type.Record(Type.String(), Type.Array(ChoiceSchema)),
    /** The rows of every table field, by field code. */
    rows: Type.Record(Type.String(), Type.Array(ChoiceSchema)),
    values: SubmissionValuesSchema,
    /** Values that were prefilled and not changed since: `field` or `table/row/column`. */
    prefilled: Type.Array(Type.String()),
    /** The current verdict of the values (what submitting would report). */
    issues: Type.Array(ValidationIssueSchema),
    comments: Type.Array(SubmissionCommentSchema),
    events: Type.Array(SubmissionEventSchema),
  },
  { $id: 'Submission' },
);
export type Submission = Static<typeof SubmissionSchema>;

/** Autosave from the SPA (If-Match): the given values replace those fields; null clears. */
export const PatchSubmissionBodySchema = Type.Object(
  { values: SubmissionValuesSchema },
  { $id: 'PatchSubmissionBody' },
);
export type PatchSubmissionBody = Static<typeof PatchSubmissionBodySchema>;

export const ReturnSubmissionBodySchema = Type.Object(
  {
    comment: Type.Optional(Nullable(NulFreeText(4000))),
    fieldComments: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ minLength: 1, maxLength: 200 }),
          row: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
          comment: NulFreeText(4000, 1),
        }),
        { maxItems: 500 },
      ),
    ),
  },
  { $id: 'ReturnSubmissionBody' },
);
export type ReturnSubmissionBody = Static<typeof ReturnSubmissionBodySchema>;

export const ReopenSubmissionBodySchema = Type.Object(
  { reason: NulFreeText(4000, 1) },
  { $id: 'ReopenSubmissionBody' },
);
export type ReopenSubmissionBody = Static<typeof ReopenSubmissionBodySchema>;

export const ValueChangeSchema = Type.Object(
  {
    field: Type.String(),
    row: Nullable(Type.String()),
    oldValue: Type.Unknown(),
    newValue: Type.Unknown(),
    ...PersonAtProperties,
    channel: Type.Enum(VALUE_CHANNELS),
    at: Timestamp,
  },
  { $id: 'ValueChange' },
);
export type ValueChange = Static<typeof ValueChangeSchema>;
export const ValueChangeListSchema = ListOf(ValueChangeSchema, 'ValueChangeList');
export type ValueChangeList = Static<typeof ValueChangeListSchema>;

/** The review screen: each value beside last period's and its peers', outliers flagged. */
export const SubmissionComparisonSchema = Type.Object(
  {
    previous: Nullable(
      Type.Object({ submissionId: Uuid, campaignId: Uuid, period: Type.String() }),
    ),
    /** What the peers are: respondents of the same campaign (services: of the same type). */
    peerCount: Type.Integer({ minimum: 0 }),
    fields: Type.Array(
      Type.Object({
        field: Type.String(),
        row: Nullable(Type.String()),
        value: Type.Unknown(),
        previous: Type.Unknown(),
        peerMedian: Nullable(Type.Number()),
        outlier: Type.Array(Type.Enum(OUTLIER_REASONS)),
      }),
    ),
  },
  { $id: 'SubmissionComparison' },
);
export type SubmissionComparison = Static<typeof SubmissionComparisonSchema>;

// --- push API ---

export const PushParamsSchema = Type.Object({
  id: Uuid,
  respondentCode: Type.String({
    pattern: '^[0-9A-Za-z]{1,20}$',
    description: 'ČSÚ municipality code, IČO, or service identifier',
  }),
});
export type PushParams = Static<typeof PushParamsSchema>;

export const PushSubmissionBodySchema = Type.Object(
  {
    values: SubmissionValuesSchema,
    /** Submit after writing (the values must then pass every check). */
    submit: Type.Optional(Type.Boolean({ default: false })),
  },
  { $id: 'PushSubmissionBody' },
);
export type PushSubmissionBody = Static<typeof PushSubmissionBodySchema>;

export const PushValueCountsSchema = Type.Object(
  {
    inserted: Type.Integer({ minimum: 0 }),
    updated: Type.Integer({ minimum: 0 }),
    cleared: Type.Integer({ minimum: 0 }),
    unchanged: Type.Integer({ minimum: 0 }),
  },
  { $id: 'PushValueCounts' },
);
export type PushValueCounts = Static<typeof PushValueCountsSchema>;

export const PushResultSchema = Type.Object(
  {
    respondent: Type.String(),
    outcome: Type.Enum(PUSH_OUTCOMES),
    submissionId: Nullable(Uuid),
    /** The submission's status after the push (before it, when rejected). */
    status: Nullable(Type.Enum(SUBMISSION_STATUSES)),
    values: PushValueCountsSchema,
    errors: Type.Array(
      Type.Object({
        pointer: Type.String(),
        detail: Type.String(),
        rule: Type.Optional(Type.String()),
      }),
    ),
  },
  { $id: 'PushResult' },
);
export type PushResult = Static<typeof PushResultSchema>;

export const BulkPushBodySchema = Type.Object(
  {
    submissions: Type.Array(
      Type.Object({
        respondent: PushParamsSchema.properties.respondentCode,
        values: SubmissionValuesSchema,
        submit: Type.Optional(Type.Boolean({ default: false })),
      }),
      { minItems: 1, maxItems: 5000 },
    ),
  },
  { $id: 'BulkPushBody' },
);
export type BulkPushBody = Static<typeof BulkPushBodySchema>;

export const BulkPushQuerySchema = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ default: false })),
  /** CSV only: submit every submission in the file after writing it. */
  submit: Type.Optional(Type.Boolean({ default: false })),
});
export type BulkPushQuery = Static<typeof BulkPushQuerySchema>;

export const BulkPushReportSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    totals: Type.Object({
      imported: Type.Integer({ minimum: 0 }),
      updated: Type.Integer({ minimum: 0 }),
      unchanged: Type.Integer({ minimum: 0 }),
      rejected: Type.Integer({ minimum: 0 }),
      // The counts' properties, not the $id'd schema: the same $id twice in one response
      // beside an anyOf makes fast-json-stringify refuse it ("resolves to more than one schema").
      values: Type.Object(PushValueCountsSchema.properties),
    }),
    results: Type.Array(PushResultSchema),
  },
  { $id: 'BulkPushReport' },
);
export type BulkPushReport = Static<typeof BulkPushReportSchema>;

export const CollectionProblemCodes = {
  /** Submitting values that fail a check: `errors` lists every failed field and rule. */
  invalidSubmission: 'invalid-submission',
  /** The same Idempotency-Key with a different request. */
  idempotencyKeyReused: 'idempotency-key-reused',
} as const;

// --- completeness: who has not submitted (H2) ---

export const MissingRespondentListSchema = ListOf(
  CompletenessRespondentSchema,
  'MissingRespondentList',
);
export type MissingRespondentList = Static<typeof MissingRespondentListSchema>;

export const MissingRespondentsQuerySchema = Type.Object({
  orpId: Type.Optional(Uuid),
  /** `csv`: a spreadsheet for Excel (UTF-8 with BOM, `;`); also chosen by `Accept: text/csv`. */
  format: Type.Optional(Type.Enum(['json', 'csv'])),
});
export type MissingRespondentsQuery = Static<typeof MissingRespondentsQuerySchema>;
