import Type, { type Static } from 'typebox';
import { CalendarDate, ListOf, Nullable, PageQuery, Timestamp, Uuid } from './common.ts';
import { PLAN_KINDS, PLAN_NODE_LEVELS, PLAN_STATUSES, UNIT_KINDS } from './constants.ts';
import type { PlanTreeNode, PlanTreeTotals } from './plan-tree.ts';

/**
 * Plan records: regional (SPRSS), community (KP) and action (AP) plans, their status workflow,
 * frozen versions, amendments, the diff between versions, and attachments. The tree itself
 * (priorities → measures → activities) is in plan-tree.ts.
 */

export const PlanKindSchema = Type.Enum(PLAN_KINDS);
export const PlanStatusSchema = Type.Enum(PLAN_STATUSES);

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Text = (maxLength: number) => Type.String({ maxLength });

export const PlanTerritorySchema = Type.Object(
  { id: Uuid, kind: Type.Enum(UNIT_KINDS), name: Type.String(), code: Type.String() },
  { $id: 'PlanTerritory' },
);

export const PlanRefSchema = Type.Object(
  { id: Uuid, title: Type.String(), kind: PlanKindSchema },
  { $id: 'PlanRef' },
);
export type PlanRef = Static<typeof PlanRefSchema>;

/** The responsible coordinator: a person, a user of socplan (userId) or not. */
export const PlanCoordinatorSchema = Type.Object(
  {
    userId: Nullable(Uuid),
    name: Nullable(Type.String()),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
  },
  { $id: 'PlanCoordinator' },
);
export type PlanCoordinator = Static<typeof PlanCoordinatorSchema>;

const headerProperties = {
  id: Uuid,
  kind: PlanKindSchema,
  title: Type.String(),
  description: Nullable(Type.String()),
  territory: PlanTerritorySchema,
  yearFrom: Type.Integer(),
  yearTo: Type.Integer(),
  parentPlan: Nullable(PlanRefSchema),
  status: PlanStatusSchema,
  approvalBody: Nullable(Type.String({ description: 'Who approved the latest version' })),
  resolutionNumber: Nullable(Type.String()),
  approvedOn: Nullable(CalendarDate()),
  coordinator: Nullable(PlanCoordinatorSchema),
  workingVersion: Type.Integer({ description: 'The version the tree holds now' }),
  approvedVersion: Nullable(Type.Integer({ description: 'The latest approved (frozen) version' })),
  amendmentOpen: Type.Boolean({ description: 'An amendment is drafted (working > approved)' }),
  changeLog: Nullable(Type.String({ description: 'What the working version changes' })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer({ description: 'The ETag of the plan record' }),
};

/** A plan's header as frozen in a version (nothing that depends on who reads it). */
export const PlanHeaderSchema = Type.Object(headerProperties, { $id: 'PlanHeader' });
export type PlanHeader = Static<typeof PlanHeaderSchema>;

export const PlanSchema = Type.Object(
  {
    ...headerProperties,
    editable: Type.Boolean({
      description: 'The tree may change: no version approved yet, or an amendment open',
    }),
    canWrite: Type.Boolean({ description: 'The caller may change this plan' }),
  },
  { $id: 'Plan' },
);
export type Plan = Static<typeof PlanSchema>;
export const PlanListSchema = ListOf(PlanSchema, 'PlanList');
export type PlanList = Static<typeof PlanListSchema>;

export const PLAN_SORTS = ['title', 'yearFrom', 'kind', 'status'] as const;

export const PlanListQuerySchema = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(
      Type.String({
        pattern: '^-?(title|yearFrom|kind|status)$',
        description: 'title (default, Czech order), yearFrom, kind or status; - for descending',
      }),
    ),
    kind: Type.Optional(
      Type.Array(PlanKindSchema, { maxItems: 3, description: 'Repeat for several kinds' }),
    ),
    status: Type.Optional(
      Type.Array(PlanStatusSchema, { maxItems: 6, description: 'Repeat for several statuses' }),
    ),
    territoryId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Plans of this territorial unit or of any unit inside it',
      }),
    ),
    year: Type.Optional(
      Type.Integer({
        minimum: 1000,
        maximum: 9999,
        description:
          'Plans in force that year: a version approved, the year within the period, ' +
          'status approved, in force, expired or archived',
      }),
    ),
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'Part of the title (ignoring case and accents)' }),
    ),
    parentPlanId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type PlanListQuery = Static<typeof PlanListQuerySchema>;

/** A coordinator named by user (name and contacts taken from the account unless given) or by name. */
export const PlanCoordinatorInputSchema = Type.Object(
  {
    userId: Type.Optional(Nullable(Uuid)),
    name: Type.Optional(Nullable(Text(200))),
    email: Type.Optional(Nullable(Text(254))),
    phone: Type.Optional(Nullable(Text(100))),
  },
  { $id: 'PlanCoordinatorInput', additionalProperties: false },
);
export type PlanCoordinatorInput = Static<typeof PlanCoordinatorInputSchema>;

const planWritable = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Nullable(Text(10000))),
  yearFrom: Year,
  yearTo: Year,
  parentPlanId: Type.Optional(
    Nullable(
      Type.String({
        format: 'uuid',
        description:
          'Action plans: their community or regional plan (required). Community plans: the regional plan they follow.',
      }),
    ),
  ),
  coordinator: Type.Optional(Nullable(PlanCoordinatorInputSchema)),
};

export const CreatePlanBodySchema = Type.Object(
  {
    kind: PlanKindSchema,
    territoryId: Type.String({
      format: 'uuid',
      description:
        'Regional plans: the region; community plans: an ORP, planning area or municipality',
    }),
    ...planWritable,
  },
  { $id: 'CreatePlanBody', additionalProperties: false },
);
export type CreatePlanBody = Static<typeof CreatePlanBodySchema>;

export const UpdatePlanBodySchema = Type.Partial(
  Type.Object(planWritable, { additionalProperties: false }),
  { $id: 'UpdatePlanBody', additionalProperties: false, minProperties: 1 },
);
export type UpdatePlanBody = Static<typeof UpdatePlanBodySchema>;

const approvalFields = {
  approvalBody: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'e.g. Zastupitelstvo Libereckého kraje',
  }),
  resolutionNumber: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. 123/24/ZK' }),
  approvedOn: CalendarDate(),
};

export const PlanStatusBodySchema = Type.Object(
  {
    status: PlanStatusSchema,
    approvalBody: Type.Optional(approvalFields.approvalBody),
    resolutionNumber: Type.Optional(approvalFields.resolutionNumber),
    approvedOn: Type.Optional(approvalFields.approvedOn),
    note: Type.Optional(Text(2000)),
  },
  { $id: 'PlanStatusBody', additionalProperties: false },
);
export type PlanStatusBody = Static<typeof PlanStatusBodySchema>;

export const OpenAmendmentBodySchema = Type.Object(
  { changeLog: Type.String({ minLength: 1, maxLength: 10000 }) },
  { $id: 'OpenAmendmentBody', additionalProperties: false },
);
export type OpenAmendmentBody = Static<typeof OpenAmendmentBodySchema>;

export const ApproveAmendmentBodySchema = Type.Object(
  {
    ...approvalFields,
    changeLog: Type.Optional(Type.String({ minLength: 1, maxLength: 10000 })),
  },
  { $id: 'ApproveAmendmentBody', additionalProperties: false },
);
export type ApproveAmendmentBody = Static<typeof ApproveAmendmentBodySchema>;

// --- versions ---

export const PersonRefSchema = Type.Object(
  { id: Nullable(Uuid), name: Nullable(Type.String()) },
  { $id: 'PersonRef' },
);

export const PlanVersionSchema = Type.Object(
  {
    number: Type.Integer(),
    working: Type.Boolean({ description: 'The version being drafted (not frozen yet)' }),
    changeLog: Nullable(Type.String()),
    approvalBody: Nullable(Type.String()),
    resolutionNumber: Nullable(Type.String()),
    approvedOn: Nullable(CalendarDate()),
    frozenAt: Nullable(Timestamp),
    frozenBy: Nullable(PersonRefSchema),
  },
  { $id: 'PlanVersion' },
);
export type PlanVersion = Static<typeof PlanVersionSchema>;
export const PlanVersionListSchema = ListOf(PlanVersionSchema, 'PlanVersionList');
export type PlanVersionList = Static<typeof PlanVersionListSchema>;

export const PlanVersionParamsSchema = Type.Object({
  id: Uuid,
  number: Type.Integer({ minimum: 1, maximum: 100000 }),
});
export type PlanVersionParams = Static<typeof PlanVersionParamsSchema>;

export const PlanVersionDetailSchema = Type.Object(
  {
    ...PlanVersionSchema.properties,
    plan: PlanHeaderSchema,
    tree: Type.Unknown({
      description:
        '{nodes, totals}: the frozen nodes as a tree with roll-ups, in the shape of GET /api/plans/:id/tree',
    }),
  },
  { $id: 'PlanVersionDetail' },
);
/** The tree is typed here (its schema lives in plan-tree.ts, which imports this file). */
export type PlanVersionDetail = Omit<Static<typeof PlanVersionDetailSchema>, 'tree'> & {
  tree: { nodes: PlanTreeNode[]; totals: PlanTreeTotals };
};

export const PlanDiffQuerySchema = Type.Object(
  {
    from: Type.Integer({ minimum: 1, maximum: 100000, description: 'A frozen version' }),
    to: Type.Optional(
      Type.String({
        pattern: '^([1-9][0-9]{0,5}|working)$',
        default: 'working',
        description: 'A frozen version or "working" (the tree as it is now; default)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PlanDiffQuery = Static<typeof PlanDiffQuerySchema>;

export const FieldChangeSchema = Type.Object(
  // No $id: a diff holds it twice (header and node changes), and a $id may occur once.
  { field: Type.String(), from: Type.Unknown(), to: Type.Unknown() },
);
export type FieldChange = Static<typeof FieldChangeSchema>;

const NodeRef = {
  id: Uuid,
  level: Type.Enum(PLAN_NODE_LEVELS),
  code: Type.String(),
  title: Type.String(),
};
const Place = Type.Object({
  parentId: Nullable(Uuid),
  position: Type.Integer(),
  code: Type.String(),
});

export const PlanDiffSchema = Type.Object(
  {
    from: Type.Integer(),
    to: Type.Union([Type.Integer(), Type.Literal('working')]),
    plan: Type.Array(FieldChangeSchema, { description: 'Header fields that changed' }),
    added: Type.Array(Type.Object(NodeRef), { description: 'Nodes in `to` only' }),
    removed: Type.Array(Type.Object(NodeRef), { description: 'Nodes in `from` only' }),
    moved: Type.Array(Type.Object({ ...NodeRef, before: Place, after: Place }), {
      description: 'Nodes whose parent, position or code changed',
    }),
    changed: Type.Array(Type.Object({ ...NodeRef, changes: Type.Array(FieldChangeSchema) }), {
      description: 'Nodes whose content changed, field by field',
    }),
  },
  { $id: 'PlanDiff' },
);
export type PlanDiff = Static<typeof PlanDiffSchema>;

// --- attachments ---

export const PLAN_ATTACHMENT_KINDS = ['file', 'link'] as const;

export const PlanAttachmentSchema = Type.Object(
  {
    id: Uuid,
    planId: Uuid,
    kind: Type.Enum(PLAN_ATTACHMENT_KINDS),
    name: Type.String(),
    url: Nullable(Type.String({ description: 'Links: the address' })),
    mediaType: Nullable(Type.String({ description: 'Files: the content type' })),
    sizeBytes: Nullable(Type.Integer()),
    createdBy: Nullable(PersonRefSchema),
    createdAt: Timestamp,
  },
  { $id: 'PlanAttachment' },
);
export type PlanAttachment = Static<typeof PlanAttachmentSchema>;
export const PlanAttachmentListSchema = ListOf(PlanAttachmentSchema, 'PlanAttachmentList');
export type PlanAttachmentList = Static<typeof PlanAttachmentListSchema>;

/** A link as JSON; a file is sent as multipart/form-data instead (field `file`, optional `name`). */
export const CreatePlanLinkBodySchema = Type.Object(
  {
    kind: Type.Literal('link'),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    url: Type.String({ maxLength: 2000, pattern: '^[hH][tT][tT][pP][sS]?://[^\\s]+$' }),
  },
  { $id: 'CreatePlanLinkBody', additionalProperties: false },
);
export type CreatePlanLinkBody = Static<typeof CreatePlanLinkBodySchema>;

export const PlanAttachmentParamsSchema = Type.Object({ id: Uuid, attachmentId: Uuid });
export type PlanAttachmentParams = Static<typeof PlanAttachmentParamsSchema>;
