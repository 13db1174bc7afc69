import Type, { type Static } from 'typebox';
import { CalendarDate, ListOf, Nullable, PageQuery, Timestamp, Uuid } from './common.ts';

/**
 * The basic network (základní síť): periods with the resolutions that set them, entries
 * (a service in the network of a period) with their workflow, municipal statements of need
 * and comments.
 */

// --- constants (plain values, also for the SPA) ---

export const NETWORK_ENTRY_STATUSES = [
  'requested',
  'assessed',
  'approved',
  'rejected',
  'changed',
  'removed',
] as const;
export type NetworkEntryStatus = (typeof NETWORK_ENTRY_STATUSES)[number];

export const NETWORK_LEVELS = ['basic', 'development'] as const;
export type NetworkLevel = (typeof NETWORK_LEVELS)[number];

/**
 * The workflow: which statuses an entry may move to from each status. `changed` records a
 * change of capacity, FTE, level or entrustment after approval (again and again if need be).
 */
export const NETWORK_ENTRY_TRANSITIONS: Record<NetworkEntryStatus, readonly NetworkEntryStatus[]> =
  {
    requested: ['assessed'],
    assessed: ['approved', 'rejected'],
    approved: ['changed', 'removed'],
    changed: ['changed', 'removed'],
    rejected: [],
    removed: [],
  };

/** Transitions to these statuses need a reason. */
export const REASON_REQUIRED: readonly NetworkEntryStatus[] = ['rejected', 'changed', 'removed'];

/** Statuses in which an entry belongs to the network (and is financed). */
export const IN_NETWORK_STATUSES: readonly NetworkEntryStatus[] = ['approved', 'changed'];

// --- periods and decisions ---

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Day = CalendarDate();

export const NetworkPeriodSchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    yearFrom: Type.Integer(),
    yearTo: Type.Integer(),
    entryCount: Type.Integer({ minimum: 0 }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'NetworkPeriod' },
);
export type NetworkPeriod = Static<typeof NetworkPeriodSchema>;
export const NetworkPeriodListSchema = ListOf(NetworkPeriodSchema, 'NetworkPeriodList');

export const NetworkPeriodListQuerySchema = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(
      Type.String({
        pattern: '^-?(yearFrom|name)$',
        description: 'yearFrom (default, newest first with -yearFrom) or name',
      }),
    ),
    year: Type.Optional(Type.Integer({ description: 'Only periods covering this year' })),
  },
  { additionalProperties: false },
);
export type NetworkPeriodListQuery = Static<typeof NetworkPeriodListQuerySchema>;

export const CreateNetworkPeriodBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    yearFrom: Year,
    yearTo: Year,
  },
  { $id: 'CreateNetworkPeriodBody', additionalProperties: false },
);
export type CreateNetworkPeriodBody = Static<typeof CreateNetworkPeriodBodySchema>;

export const UpdateNetworkPeriodBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    yearFrom: Type.Optional(Year),
    yearTo: Type.Optional(Year),
  },
  { $id: 'UpdateNetworkPeriodBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateNetworkPeriodBody = Static<typeof UpdateNetworkPeriodBodySchema>;

export const NetworkDecisionSchema = Type.Object(
  {
    id: Uuid,
    periodId: Uuid,
    resolutionNumber: Type.String({ description: 'e.g. "123/24/ZK"' }),
    decidedOn: Day,
    body: Nullable(Type.String({ description: 'Who decided: regional assembly, council, …' })),
    note: Nullable(Type.String()),
    createdAt: Timestamp,
  },
  { $id: 'NetworkDecision' },
);
export type NetworkDecision = Static<typeof NetworkDecisionSchema>;
export const NetworkDecisionListSchema = ListOf(NetworkDecisionSchema, 'NetworkDecisionList');

export const CreateNetworkDecisionBodySchema = Type.Object(
  {
    resolutionNumber: Type.String({ minLength: 1, maxLength: 100 }),
    decidedOn: Day,
    body: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { $id: 'CreateNetworkDecisionBody', additionalProperties: false },
);
export type CreateNetworkDecisionBody = Static<typeof CreateNetworkDecisionBodySchema>;

// --- entries ---

/** A codelist code (form, capacity unit, service type). */
export const codeString = (description: string) =>
  Type.String({ minLength: 1, maxLength: 50, pattern: '^[0-9A-Za-z._/-]+$', description });

// Schemas nested more than once in one response carry no $id (the serializer refuses two
// copies of one $id).
export const IncludedCapacitySchema = Type.Object(
  {
    form: codeString('Form code (codelist of forms)'),
    unit: codeString('Capacity unit code (beds, clients, …)'),
    count: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type IncludedCapacity = Static<typeof IncludedCapacitySchema>;

const Capacities = Type.Array(IncludedCapacitySchema, { maxItems: 50 });
/** An entry includes some capacity (one line per form and unit). */
const IncludedCapacities = Type.Array(IncludedCapacitySchema, { minItems: 1, maxItems: 50 });

/**
 * FTE or null as one JSON-schema type list: a `Nullable(Type.Number())` union would let Ajv's
 * type coercion turn `null` into 0 in its first branch.
 */
const Fte = Type.Unsafe<number | null>({
  type: ['number', 'null'],
  minimum: 0,
  maximum: 999_999.99,
  description:
    'Full-time equivalents of direct-care staff included, at most 2 decimals; null: none',
});

export const EntrustmentSchema = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 100, description: 'Number of the act' }),
    validFrom: Day,
    validTo: Nullable(Day),
    capacities: Capacities,
  },
  { additionalProperties: false },
);
export type Entrustment = Static<typeof EntrustmentSchema>;

export const NetworkEntryServiceSchema = Type.Object({
  id: Uuid,
  name: Nullable(Type.String({ description: 'From the service’s latest state' })),
  typeCode: Nullable(Type.String()),
  providerId: Uuid,
  providerName: Type.String(),
});

export const NetworkEntrySchema = Type.Object(
  {
    id: Uuid,
    periodId: Uuid,
    serviceId: Uuid,
    service: NetworkEntryServiceSchema,
    level: Type.Enum(NETWORK_LEVELS),
    status: Type.Enum(NETWORK_ENTRY_STATUSES),
    capacities: Type.Array(IncludedCapacitySchema),
    fte: Nullable(Type.Number()),
    entrustment: Nullable(EntrustmentSchema),
    decisionId: Nullable(Uuid),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'NetworkEntry' },
);
export type NetworkEntry = Static<typeof NetworkEntrySchema>;
export const NetworkEntryListSchema = ListOf(NetworkEntrySchema, 'NetworkEntryList');

/** What an event keeps of the entry as it was after the transition. */
export const NetworkEntrySnapshotSchema = Type.Object({
  status: Type.Enum(NETWORK_ENTRY_STATUSES),
  level: Type.Enum(NETWORK_LEVELS),
  capacities: Type.Array(IncludedCapacitySchema),
  fte: Nullable(Type.Number()),
  entrustment: Nullable(EntrustmentSchema),
  decisionId: Nullable(Uuid),
});
export type NetworkEntrySnapshot = Static<typeof NetworkEntrySnapshotSchema>;

export const NetworkEntryEventSchema = Type.Object(
  {
    id: Type.Integer(),
    at: Timestamp,
    principalId: Nullable(Uuid),
    principalName: Nullable(Type.String()),
    from: Nullable(Type.Enum(NETWORK_ENTRY_STATUSES)),
    to: Type.Enum(NETWORK_ENTRY_STATUSES),
    reason: Nullable(Type.String()),
    snapshot: Nullable(NetworkEntrySnapshotSchema),
  },
  { $id: 'NetworkEntryEvent' },
);
export type NetworkEntryEvent = Static<typeof NetworkEntryEventSchema>;

export const NetworkStatementSchema = Type.Object(
  {
    id: Uuid,
    entryId: Uuid,
    municipalityId: Uuid,
    municipalityName: Type.String(),
    needed: Type.Boolean(),
    capacities: Type.Array(IncludedCapacitySchema),
    text: Nullable(Type.String()),
    authorId: Nullable(Uuid),
    authorName: Nullable(Type.String()),
    createdAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'NetworkStatement' },
);
export type NetworkStatement = Static<typeof NetworkStatementSchema>;

export const NetworkCommentSchema = Type.Object(
  {
    id: Uuid,
    entryId: Uuid,
    authorId: Nullable(Uuid),
    authorName: Nullable(Type.String()),
    text: Type.String(),
    createdAt: Timestamp,
  },
  { $id: 'NetworkComment' },
);
export type NetworkComment = Static<typeof NetworkCommentSchema>;

export const NetworkEntryDetailSchema = Type.Object(
  {
    ...NetworkEntrySchema.properties,
    /** What the caller may move the entry to now (empty without the right to manage). */
    allowedTransitions: Type.Array(Type.Enum(NETWORK_ENTRY_STATUSES)),
    events: Type.Array(NetworkEntryEventSchema),
    statements: Type.Array(NetworkStatementSchema),
    comments: Type.Array(NetworkCommentSchema),
  },
  { $id: 'NetworkEntryDetail' },
);
export type NetworkEntryDetail = Static<typeof NetworkEntryDetailSchema>;

export const NETWORK_ENTRY_SORTS = ['createdAt', 'updatedAt', 'status', 'serviceName'] as const;

export const NetworkEntryListQuerySchema = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(
      Type.String({
        pattern: '^-?(createdAt|updatedAt|status|serviceName)$',
        description: 'serviceName (default), createdAt, updatedAt or status; - for descending',
      }),
    ),
    periodId: Type.Optional(Uuid),
    serviceId: Type.Optional(Uuid),
    providerId: Type.Optional(Uuid),
    status: Type.Optional(
      Type.Array(Type.Enum(NETWORK_ENTRY_STATUSES), {
        maxItems: 6,
        description: 'One or more statuses (repeat the parameter)',
      }),
    ),
    level: Type.Optional(Type.Enum(NETWORK_LEVELS)),
    typeCode: Type.Optional(Type.String({ maxLength: 50, description: 'Service type code' })),
    territoryId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          'A territorial unit: entries of services with a facility in it or serving it (incl. units inside)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type NetworkEntryListQuery = Static<typeof NetworkEntryListQuerySchema>;

const entryWritable = {
  level: Type.Optional(Type.Enum(NETWORK_LEVELS)),
  capacities: Type.Optional(IncludedCapacities),
  fte: Type.Optional(Fte),
  entrustment: Type.Optional(Nullable(EntrustmentSchema)),
};

export const CreateNetworkEntryBodySchema = Type.Object(
  {
    periodId: Uuid,
    serviceId: Uuid,
    ...entryWritable,
    capacities: IncludedCapacities,
  },
  { $id: 'CreateNetworkEntryBody', additionalProperties: false },
);
export type CreateNetworkEntryBody = Static<typeof CreateNetworkEntryBodySchema>;

export const UpdateNetworkEntryBodySchema = Type.Object(entryWritable, {
  $id: 'UpdateNetworkEntryBody',
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateNetworkEntryBody = Static<typeof UpdateNetworkEntryBodySchema>;

export const NetworkEntryChangesSchema = Type.Object(entryWritable, {
  additionalProperties: false,
  minProperties: 1,
});
export type NetworkEntryChanges = Static<typeof NetworkEntryChangesSchema>;

export const NetworkEntryTransitionBodySchema = Type.Object(
  {
    to: Type.Enum(NETWORK_ENTRY_STATUSES),
    reason: Type.Optional(
      Type.String({
        maxLength: 4000,
        description: 'Required for rejected, changed and removed',
      }),
    ),
    decisionId: Type.Optional(
      Nullable(Type.String({ format: 'uuid', description: 'A decision of the entry’s period' })),
    ),
    changes: Type.Optional(NetworkEntryChangesSchema),
  },
  { $id: 'NetworkEntryTransitionBody', additionalProperties: false },
);
export type NetworkEntryTransitionBody = Static<typeof NetworkEntryTransitionBodySchema>;

export const CreateNetworkStatementBodySchema = Type.Object(
  {
    municipalityId: Uuid,
    needed: Type.Boolean(),
    capacities: Type.Optional(Capacities),
    text: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { $id: 'CreateNetworkStatementBody', additionalProperties: false },
);
export type CreateNetworkStatementBody = Static<typeof CreateNetworkStatementBodySchema>;

export const CreateNetworkCommentBodySchema = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 4000 }) },
  { $id: 'CreateNetworkCommentBody', additionalProperties: false },
);
export type CreateNetworkCommentBody = Static<typeof CreateNetworkCommentBodySchema>;

export const DecisionParamsSchema = Type.Object({ id: Uuid, decisionId: Uuid });
export const StatementParamsSchema = Type.Object({ id: Uuid, statementId: Uuid });
export const CommentParamsSchema = Type.Object({ id: Uuid, commentId: Uuid });
