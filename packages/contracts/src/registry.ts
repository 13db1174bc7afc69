import Type, { type Static } from 'typebox';
import { CalendarDate, ListOf, Nullable, Timestamp, Uuid } from './common.ts';

/**
 * Imports of the ministry's registry of social services (RPSS, `rpss.json`): the file is
 * analysed into a diff against the network (new / changed field by field / ended) and a report
 * of issues; region staff review it and apply it in one transaction.
 */

/** analysing → ready → applied; failed (the file could not be read); superseded (a newer import). */
export const REGISTRY_IMPORT_STATUSES = [
  'analysing',
  'ready',
  'applying',
  'applied',
  'failed',
  'superseded',
] as const;
export type RegistryImportStatus = (typeof REGISTRY_IMPORT_STATUSES)[number];

export const REGISTRY_ENTITIES = ['provider', 'service', 'facility'] as const;
export type RegistryEntity = (typeof REGISTRY_ENTITIES)[number];

export const REGISTRY_CHANGE_KINDS = ['new', 'changed', 'ended'] as const;
export type RegistryChangeKind = (typeof REGISTRY_CHANGE_KINDS)[number];

export const REGISTRY_ISSUE_SEVERITIES = ['error', 'warning'] as const;
export type RegistryIssueSeverity = (typeof REGISTRY_ISSUE_SEVERITIES)[number];

const Count = Type.Integer({ minimum: 0 });

export const RegistryChangeCountsSchema = Type.Object({
  new: Count,
  changed: Count,
  ended: Count,
  unchanged: Count,
});
export type RegistryChangeCounts = Static<typeof RegistryChangeCountsSchema>;

export const RegistryImportSummarySchema = Type.Object(
  {
    effectiveDate: Type.String({
      format: 'date',
      description: 'The day changes take effect (new service states, ends of absent facilities)',
    }),
    bytes: Type.Optional(Count),
    items: Type.Optional(Type.Integer({ description: 'Registrations (items) read from the file' })),
    kept: Type.Optional(
      Type.Integer({ description: 'Registrations in the region (all with regionOnly=false)' }),
    ),
    outsideRegion: Type.Optional(Count),
    skipped: Type.Optional(Type.Integer({ description: 'Items skipped with an error issue' })),
    changes: Type.Optional(
      Type.Object({
        provider: RegistryChangeCountsSchema,
        service: RegistryChangeCountsSchema,
        facility: RegistryChangeCountsSchema,
      }),
    ),
    totalChanges: Type.Optional(Count),
    issues: Type.Optional(Type.Object({ errors: Count, warnings: Count })),
    byType: Type.Optional(
      Type.Record(Type.String(), Type.Integer(), {
        description: 'Active registrations in the file by service type code',
      }),
    ),
    byOrp: Type.Optional(
      Type.Record(Type.String(), Type.Integer(), {
        description:
          'Active registrations with an active facility in the ORP, by the ORP’s ČSÚ code ' +
          '(a registration counts once per ORP)',
      }),
    ),
    unknownMunicipalities: Type.Optional(
      Type.Array(Type.String(), {
        description: 'Municipality codes of facilities that socplan does not know (yet)',
      }),
    ),
    applied: Type.Optional(
      Type.Object({
        providers: Count,
        services: Count,
        facilities: Count,
      }),
    ),
    error: Type.Optional(Type.String({ description: 'Why the analysis failed' })),
  },
  { $id: 'RegistryImportSummary' },
);
export type RegistryImportSummary = Static<typeof RegistryImportSummarySchema>;

export const RegistryImportSchema = Type.Object(
  {
    id: Uuid,
    status: Type.Enum(REGISTRY_IMPORT_STATUSES),
    jobId: Nullable(Uuid),
    fileName: Nullable(Type.String()),
    regionOnly: Type.Boolean(),
    summary: Nullable(RegistryImportSummarySchema),
    createdBy: Nullable(Uuid),
    createdAt: Timestamp,
    appliedBy: Nullable(Uuid),
    appliedAt: Nullable(Timestamp),
    version: Type.Integer(),
  },
  { $id: 'RegistryImport' },
);
export type RegistryImport = Static<typeof RegistryImportSchema>;

export const RegistryImportListSchema = ListOf(RegistryImportSchema, 'RegistryImportList');
export type RegistryImportList = Static<typeof RegistryImportListSchema>;

const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

export const RegistryImportListQuerySchema = Type.Object(
  { ...Paging, status: Type.Optional(Type.Enum(REGISTRY_IMPORT_STATUSES)) },
  { additionalProperties: false },
);
export type RegistryImportListQuery = Static<typeof RegistryImportListQuerySchema>;

export const CreateRegistryImportQuerySchema = Type.Object(
  {
    regionOnly: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'Keep only registrations with a facility in the region (false: a ministry-wide deployment keeps all)',
      }),
    ),
    effectiveDate: Type.Optional(
      CalendarDate({
        description: 'The date of the registry extract: changes take effect on it (default today)',
      }),
    ),
    fileName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CreateRegistryImportQuery = Static<typeof CreateRegistryImportQuerySchema>;

export const RegistryFieldChangeSchema = Type.Object({
  field: Type.String(),
  before: Type.Any(),
  after: Type.Any(),
});
export type RegistryFieldChange = Static<typeof RegistryFieldChangeSchema>;

export const RegistryChangeSchema = Type.Object(
  {
    id: Type.Integer(),
    entity: Type.Enum(REGISTRY_ENTITIES),
    change: Type.Enum(REGISTRY_CHANGE_KINDS),
    key: Type.String({
      description: 'provider: IČO; service: the registry portalId; facility: portalId|name|…',
    }),
    label: Nullable(Type.String()),
    entityId: Nullable(Uuid),
    fields: Nullable(
      Type.Array(RegistryFieldChangeSchema, { description: 'changed/ended: field by field' }),
    ),
    record: Nullable(Type.Any({ description: 'The normalised record that apply writes' })),
  },
  { $id: 'RegistryChange' },
);
export type RegistryChange = Static<typeof RegistryChangeSchema>;

export const RegistryChangeListSchema = ListOf(RegistryChangeSchema, 'RegistryChangeList');
export type RegistryChangeList = Static<typeof RegistryChangeListSchema>;

export const RegistryChangeListQuerySchema = Type.Object(
  {
    ...Paging,
    entity: Type.Optional(Type.Enum(REGISTRY_ENTITIES)),
    change: Type.Optional(Type.Enum(REGISTRY_CHANGE_KINDS)),
  },
  { additionalProperties: false },
);
export type RegistryChangeListQuery = Static<typeof RegistryChangeListQuerySchema>;

export const RegistryIssueSchema = Type.Object(
  {
    id: Type.Integer(),
    severity: Type.Enum(REGISTRY_ISSUE_SEVERITIES, {
      description: 'error: the item was skipped; warning: it was imported as noted',
    }),
    itemIndex: Nullable(Type.Integer({ description: 'Index of the item in polozky (from 0)' })),
    identifier: Nullable(Type.String()),
    reason: Type.String(),
  },
  { $id: 'RegistryIssue' },
);
export type RegistryIssue = Static<typeof RegistryIssueSchema>;

export const RegistryIssueListSchema = ListOf(RegistryIssueSchema, 'RegistryIssueList');
export type RegistryIssueList = Static<typeof RegistryIssueListSchema>;

export const RegistryIssueListQuerySchema = Type.Object(
  { ...Paging, severity: Type.Optional(Type.Enum(REGISTRY_ISSUE_SEVERITIES)) },
  { additionalProperties: false },
);
export type RegistryIssueListQuery = Static<typeof RegistryIssueListQuerySchema>;

/** Result of loading address-point coordinates (CSV kodAdresnihoMista,obecKod,lat,lon). */
export const AddressPointImportReportSchema = Type.Object(
  {
    created: Count,
    updated: Count,
    unchanged: Count,
    rejected: Type.Array(
      Type.Object({
        row: Type.Integer({ description: 'Line in the file (header = 1)' }),
        code: Nullable(Type.String()),
        reason: Type.String(),
      }),
    ),
  },
  { $id: 'AddressPointImportReport' },
);
export type AddressPointImportReport = Static<typeof AddressPointImportReportSchema>;
