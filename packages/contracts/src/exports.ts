import Type, { type Static, type TSchema } from 'typebox';
import { CalendarDate, Nullable, Timestamp, Uuid } from './common.ts';
import { EXPORT_FORMATS } from './constants.ts';

/**
 * Exports for analysts (docs/exports.md, decision 0600): each dataset has versioned row
 * schemas (`export-<dataset>-v1`); a breaking change adds a v2 beside v1, which keeps working.
 * Amounts are integer haléř, shares basis points, as everywhere in the API.
 */

const Str = Type.String();
const NStr = Nullable(Type.String());
const NInt = Nullable(Type.Integer());
const NNum = Nullable(Type.Number());
const NDate = Nullable(CalendarDate());
const NTime = Nullable(Timestamp);
const Strings = Type.Array(Type.String());
const Json = Type.Unknown();

const row = <P extends Record<string, TSchema>>(id: string, properties: P, description: string) =>
  Type.Object(properties, { $id: id, additionalProperties: false, description });

export const ExportTerritorialUnitV1Schema = row(
  'export-territorial-units-v1',
  {
    id: Uuid,
    kind: Str,
    code: Str,
    ruianCode: NStr,
    name: Str,
    parentId: Nullable(Uuid),
    population: NInt,
    populationDate: NDate,
    pointLat: NNum,
    pointLon: NNum,
    updatedAt: Timestamp,
  },
  'A territorial unit: region, ORP, municipality or planning area (without its boundary).',
);

export const ExportProviderV1Schema = row(
  'export-providers-v1',
  {
    id: Uuid,
    ico: Str,
    icoValid: Type.Boolean(),
    name: Str,
    legalForm: NStr,
    address: Json,
    email: NStr,
    phone: NStr,
    web: NStr,
    updatedAt: Timestamp,
  },
  'A provider of social services (an organisation; its contacts are public in the registry).',
);

const CapacitiesSchema = Type.Array(
  Type.Object({
    form: Str,
    capacities: Type.Array(Type.Object({ unit: Str, count: Type.Number() })),
  }),
);

const ExportFacilitySchema = Type.Object(
  {
    id: Uuid,
    name: Str,
    municipalityCode: NStr,
    secretAddress: Type.Boolean(),
    address: Json,
    lat: NNum,
    lon: NNum,
    validFrom: NDate,
    validTo: NDate,
  },
  { description: 'A place of provision; a secret address has null address and coordinates.' },
);

export const ExportServiceV1Schema = row(
  'export-services-v1',
  {
    id: Uuid,
    providerId: Uuid,
    registryIdentifier: NStr,
    asOf: CalendarDate(),
    validFrom: CalendarDate(),
    validTo: NDate,
    typeCode: Str,
    name: Str,
    status: Str,
    registeredFrom: NDate,
    registeredTo: NDate,
    forms: CapacitiesSchema,
    targetGroups: Strings,
    ageGroups: Strings,
    territoryUnitIds: Strings,
    fteDirect: NNum,
    fteOther: NNum,
    email: NStr,
    phone: NStr,
    web: NStr,
    facilities: Type.Array(ExportFacilitySchema),
    updatedAt: Timestamp,
  },
  'A service in the state valid on `asOf` (forms with capacities), with its facilities.',
);

export const ExportNetworkEntryV1Schema = row(
  'export-network-entries-v1',
  {
    id: Uuid,
    periodId: Uuid,
    periodName: Str,
    serviceId: Uuid,
    level: Str,
    status: Str,
    capacities: Json,
    fte: NNum,
    entrustment: Json,
    decisionId: Nullable(Uuid),
    updatedAt: Timestamp,
  },
  'A service in the basic network of a period, with the capacity included.',
);

export const ExportReferenceValueV1Schema = row(
  'export-reference-values-v1',
  {
    id: Uuid,
    year: Type.Integer(),
    typeCode: Str,
    formCode: Str,
    unitBasis: Str,
    costPerUnitHaler: Type.Integer(),
    ownRevenueShareBp: Type.Integer(),
    updatedAt: Timestamp,
  },
  'A reference value of a service type and form in a year (cost per unit in haléř).',
);

export const ExportFinancingKeyV1Schema = row(
  'export-financing-keys-v1',
  {
    id: Uuid,
    yearFrom: Type.Integer(),
    yearTo: NInt,
    stateShareBp: Type.Integer(),
    regionShareBp: Type.Integer(),
    municipalShareBp: Type.Integer(),
    municipalSplit: Str,
    updatedAt: Timestamp,
  },
  'How the compensation payment splits between state, region and municipalities (basis points).',
);

export const ExportPlanV1Schema = row(
  'export-plans-v1',
  {
    id: Uuid,
    kind: Str,
    title: Str,
    territoryUnitId: Uuid,
    yearFrom: Type.Integer(),
    yearTo: Type.Integer(),
    parentPlanId: Nullable(Uuid),
    status: Str,
    approvalBody: NStr,
    resolutionNumber: NStr,
    approvedOn: NDate,
    approvedVersion: NInt,
    coordinatorName: NStr,
    coordinatorEmail: Type.Optional(NStr),
    coordinatorPhone: Type.Optional(NStr),
    updatedAt: Timestamp,
  },
  'A plan; the coordinator’s e-mail and phone only for region staff.',
);

export const ExportPlanNodeV1Schema = row(
  'export-plan-nodes-v1',
  {
    id: Uuid,
    planId: Uuid,
    planKind: Str,
    planTitle: Str,
    planTerritoryUnitId: Uuid,
    parentId: Nullable(Uuid),
    level: Str,
    position: Type.Integer(),
    code: Str,
    title: Str,
    description: NStr,
    targetGroups: Strings,
    serviceTypes: Strings,
    serviceIds: Strings,
    responsible: NStr,
    partners: NStr,
    yearFrom: NInt,
    yearTo: NInt,
    costs: Json,
    funding: Json,
    indicators: Json,
    updatedAt: Timestamp,
  },
  'One node of a plan’s working tree (priority, measure, activity) with its plan’s columns.',
);

export const ExportMonitoringReportV1Schema = row(
  'export-monitoring-reports-v1',
  {
    id: Uuid,
    planId: Uuid,
    roundId: Uuid,
    period: Str,
    nodeId: Uuid,
    nodeCode: Str,
    status: Str,
    progress: NInt,
    indicatorActuals: Json,
    spend: Json,
    comment: NStr,
    evidence: Json,
    reviewStatus: Str,
    submittedAt: NTime,
    reviewedAt: NTime,
    updatedAt: Timestamp,
  },
  'An activity’s monitoring report in a round (who wrote it is left out: personal data).',
);

export const ExportCampaignV1Schema = row(
  'export-campaigns-v1',
  {
    id: Uuid,
    name: Str,
    formId: Uuid,
    formCode: Str,
    formVersionId: Uuid,
    respondentKind: Str,
    periodKind: Str,
    year: Type.Integer(),
    period: Str,
    orpIds: Strings,
    serviceTypes: Strings,
    opensOn: CalendarDate(),
    deadline: CalendarDate(),
    status: Str,
    openedAt: NTime,
    closedAt: NTime,
    updatedAt: Timestamp,
  },
  'A data collection campaign: a form version sent to respondents for a period.',
);

export const ExportSubmissionValueV1Schema = row(
  'export-submission-values-v1',
  {
    id: Type.String({ description: '`submissionId/field/row`' }),
    submissionId: Uuid,
    campaignId: Uuid,
    period: Str,
    formCode: Str,
    respondentKind: Str,
    respondentCode: Str,
    respondentName: Str,
    status: Str,
    field: Str,
    row: Str,
    value: Json,
    updatedAt: Timestamp,
  },
  'One collected value in long format (a table cell: field `table.column`, row its code).',
);

export const ExportCapacityByOrpV1Schema = row(
  'export-capacity-by-orp-v1',
  {
    id: Type.String({ description: '`orpCode/typeCode/form/unit`' }),
    asOf: CalendarDate(),
    orpId: Uuid,
    orpCode: Str,
    orpName: Str,
    typeCode: Str,
    form: Str,
    unit: Str,
    services: Type.Integer(),
    capacity: Type.Number(),
  },
  'Capacity in the network on `asOf` by ORP × service type × form × unit (aggregate).',
);

export const ExportCollectedValuesByOrpV1Schema = row(
  'export-collected-values-by-orp-v1',
  {
    id: Type.String({
      description: '`campaignId/orpCode/field/row` (orpCode empty without an ORP)',
    }),
    campaignId: Uuid,
    period: Str,
    formCode: Str,
    orpId: Nullable(Uuid),
    orpCode: NStr,
    orpName: NStr,
    field: Str,
    row: Str,
    respondents: Type.Integer({ description: 'Counted submissions with a number in this cell' }),
    sum: Type.Number(),
    min: Type.Number(),
    max: Type.Number(),
    mean: Type.Number({ description: 'Rounded to 4 decimals' }),
  },
  'Numbers collected in a campaign, by ORP × field × row, over the counted (submitted, ' +
    'resubmitted, approved) submissions (aggregate).',
);

/** A row deleted since `updatedSince`, in the stream at the time of its deletion. */
export const ExportTombstoneSchema = Type.Object(
  { deleted: Type.Literal(true), id: Str, deletedAt: Timestamp },
  { $id: 'ExportTombstone', additionalProperties: false },
);
export type ExportTombstone = Static<typeof ExportTombstoneSchema>;

export const ExportDatasetParamsSchema = Type.Object({
  dataset: Type.String({ pattern: '^[a-z][a-z-]{1,40}$' }),
});

export const ExportQuerySchema = Type.Object(
  {
    format: Type.Optional(Type.Enum(EXPORT_FORMATS)),
    version: Type.Optional(Type.String({ pattern: '^v[0-9]{1,3}$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 })),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
    updatedSince: Type.Optional(Timestamp),
    asOf: Type.Optional(CalendarDate({ description: 'Datasets with effective dates: that day' })),
  },
  { $id: 'ExportQuery' },
);
export type ExportQuery = Static<typeof ExportQuerySchema>;

export const ExportSchemaQuerySchema = Type.Object({
  version: Type.Optional(Type.String({ pattern: '^v[0-9]{1,3}$' })),
});

export const ExportPageSchema = Type.Object(
  {
    items: Type.Array(Type.Unknown(), {
      description: 'Rows of the dataset’s schema; with updatedSince also tombstones',
    }),
    nextCursor: Nullable(Type.String()),
    schemaVersion: Str,
  },
  { $id: 'ExportPage' },
);
export type ExportPage = Static<typeof ExportPageSchema>;

export const ExportDatasetSchema = Type.Object(
  {
    name: Str,
    title: Str,
    version: Type.String({ description: 'The current version' }),
    versions: Strings,
    schema: Type.String({ description: 'Link to the JSON Schema of a row' }),
    formats: Type.Array(Type.Enum(EXPORT_FORMATS)),
    updatedSince: Type.Boolean(),
    asOf: Type.Boolean(),
    permission: Str,
  },
  { $id: 'ExportDataset' },
);
export type ExportDataset = Static<typeof ExportDatasetSchema>;

export const ExportCatalogueSchema = Type.Object(
  { items: Type.Array(ExportDatasetSchema) },
  { $id: 'ExportCatalogue' },
);
export type ExportCatalogue = Static<typeof ExportCatalogueSchema>;
