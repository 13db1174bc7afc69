import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';
import { territorialUnits } from './territory.ts';

/**
 * Every codelist of the domain (service types by §, forms, target groups, age groups, capacity
 * units, funding sources) as data: versioned by validity dates, editable by region admins, each
 * entry with the registry's id where one exists (`DruhSocialniSluzby/13`) so imports can map it.
 * `attributes` carries what only one codelist has (a service type's §, category, allowed forms).
 */
export const codelistItems = pgTable(
  'codelist_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    codelist: text().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    nameEn: text(),
    registryId: text(),
    attributes: jsonb()
      .notNull()
      .default(sql`'{}'::jsonb`),
    sortOrder: integer().notNull().default(0),
    validFrom: date({ mode: 'string' }).notNull().default('1900-01-01'),
    validTo: date({ mode: 'string' }),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('codelist_items_codelist_code_from_key').on(t.codelist, t.code, t.validFrom),
    index('codelist_items_registry_idx').on(t.codelist, t.registryId),
  ],
);

/** Postal address as the registry gives it; the municipality is kept by its ČSÚ/RÚIAN code. */
export interface Address {
  street: string | null;
  houseNumber: string | null;
  orientationNumber: string | null;
  postcode: string | null;
  municipalityCode: string | null;
  municipalityName?: string | null;
  addressPointCode: number | null;
}

export const providers = pgTable(
  'providers',
  {
    id: uuid().primaryKey().defaultRandom(),
    ico: text().notNull(),
    /** False when the registry gave an IČO with a wrong check digit (flagged, not rejected). */
    icoValid: boolean().notNull().default(true),
    name: text().notNull(),
    legalForm: text(),
    address: jsonb().$type<Address>(),
    email: text(),
    phone: text(),
    web: text(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [unique('providers_ico_key').on(t.ico)],
);

/** The stable identity of a registered service; what changes over time lives in service_states. */
export const services = pgTable(
  'services',
  {
    id: uuid().primaryKey().defaultRandom(),
    providerId: uuid()
      .notNull()
      .references(() => providers.id, { onDelete: 'restrict' }),
    /** The public 7-digit identifier (identifikátor sociální služby). */
    registryIdentifier: text(),
    /** The registry item's portalId: the key of a registration in rpss.json. */
    registryPortalId: integer(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    index('services_provider_idx').on(t.providerId),
    index('services_identifier_idx').on(t.registryIdentifier),
    unique('services_portal_id_key').on(t.registryPortalId),
  ],
);

/** One form of provision with its capacities (a form may count several units). */
export interface ServiceForm {
  form: string;
  capacities: { unit: string; count: number }[];
}

/**
 * Effective-dated state of a service: a change of capacity, forms, territory or status closes
 * the current row (`valid_to` = the day the change takes effect) and opens a new one, so the
 * network "as of" any date is one query: valid_from <= d < coalesce(valid_to, infinity).
 */
export const serviceStates = pgTable(
  'service_states',
  {
    id: uuid().primaryKey().defaultRandom(),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    typeCode: text().notNull(),
    name: text().notNull(),
    status: text().notNull(), // active | suspended | ended
    registeredFrom: date({ mode: 'string' }),
    registeredTo: date({ mode: 'string' }),
    forms: jsonb()
      .$type<ServiceForm[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    targetGroups: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ageGroups: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Territory served: units (municipalities, ORPs, the region) the service covers. */
    territoryUnitIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Staff the region tracks (not the registry): full-time equivalents. */
    fteDirect: numeric({ precision: 8, scale: 2 }),
    fteOther: numeric({ precision: 8, scale: 2 }),
    email: text(),
    phone: text(),
    web: text(),
    changeNote: text(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_states_service_idx').on(t.serviceId, t.validFrom),
    index('service_states_current_idx')
      .on(t.serviceId)
      .where(sql`${t.validTo} is null`),
    check('service_states_valid_range', sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
  ],
);

/**
 * A place where a service is provided. A facility has no identifier of its own in the registry;
 * it is placed by its municipality code (its ORP is resolved through territorial_units, so it
 * resolves once the municipality is imported). A secret address (shelters) is never shown
 * outside region staff.
 */
export const facilities = pgTable(
  'facilities',
  {
    id: uuid().primaryKey().defaultRandom(),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    address: jsonb().$type<Address>(),
    addressPointCode: bigint({ mode: 'number' }),
    municipalityCode: text(),
    lat: doublePrecision(),
    lon: doublePrecision(),
    secretAddress: boolean().notNull().default(false),
    validFrom: date({ mode: 'string' }),
    validTo: date({ mode: 'string' }),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    index('facilities_service_idx').on(t.serviceId),
    index('facilities_municipality_idx').on(t.municipalityCode),
  ],
);

// --- the basic network (základní síť) ---

export const networkPeriods = pgTable(
  'network_periods',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    yearFrom: integer().notNull(),
    yearTo: integer().notNull(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [check('network_periods_years', sql`${t.yearTo} >= ${t.yearFrom}`)],
);

/** Resolutions of the regional assembly or council that set or changed the network. */
export const networkDecisions = pgTable(
  'network_decisions',
  {
    id: uuid().primaryKey().defaultRandom(),
    periodId: uuid()
      .notNull()
      .references(() => networkPeriods.id, { onDelete: 'cascade' }),
    resolutionNumber: text().notNull(),
    decidedOn: date({ mode: 'string' }).notNull(),
    body: text(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('network_decisions_period_idx').on(t.periodId)],
);

/** Capacity included in the network or entrusted, per form and unit. */
export interface IncludedCapacity {
  form: string;
  unit: string;
  count: number;
}

export interface Entrustment {
  number: string;
  validFrom: string;
  validTo: string | null;
  capacities: IncludedCapacity[];
}

/**
 * A service in the network of a period: requested → assessed → approved / rejected → changed →
 * removed. Each transition is kept in network_entry_events with its reason.
 */
export const networkEntries = pgTable(
  'network_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    periodId: uuid()
      .notNull()
      .references(() => networkPeriods.id, { onDelete: 'restrict' }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'restrict' }),
    level: text().notNull().default('basic'), // basic | development
    status: text().notNull().default('requested'),
    capacities: jsonb()
      .$type<IncludedCapacity[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    fte: numeric({ precision: 8, scale: 2 }),
    entrustment: jsonb().$type<Entrustment>(),
    decisionId: uuid().references(() => networkDecisions.id, { onDelete: 'set null' }),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('network_entries_period_service_key').on(t.periodId, t.serviceId),
    index('network_entries_service_idx').on(t.serviceId),
  ],
);

export const networkEntryEvents = pgTable(
  'network_entry_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    entryId: uuid()
      .notNull()
      .references(() => networkEntries.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    principalId: uuid(),
    principalName: text(),
    fromStatus: text(),
    toStatus: text().notNull(),
    reason: text(),
    snapshot: jsonb(),
  },
  (t) => [index('network_entry_events_entry_idx').on(t.entryId, t.at)],
);

/** A municipality's statement of need (vyjádření obce k potřebnosti) on an entry. */
export const networkStatements = pgTable(
  'network_statements',
  {
    id: uuid().primaryKey().defaultRandom(),
    entryId: uuid()
      .notNull()
      .references(() => networkEntries.id, { onDelete: 'cascade' }),
    municipalityId: uuid()
      .notNull()
      .references(() => territorialUnits.id, { onDelete: 'restrict' }),
    needed: boolean().notNull(),
    capacities: jsonb()
      .$type<IncludedCapacity[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    text: text(),
    authorId: uuid(),
    authorName: text(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [index('network_statements_entry_idx').on(t.entryId)],
);

export const networkComments = pgTable(
  'network_comments',
  {
    id: uuid().primaryKey().defaultRandom(),
    entryId: uuid()
      .notNull()
      .references(() => networkEntries.id, { onDelete: 'cascade' }),
    authorId: uuid(),
    authorName: text(),
    text: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('network_comments_entry_idx').on(t.entryId, t.createdAt)],
);

// --- financing parameters (data with validity years; money in integer haléř) ---

/** The region's normative cost per unit for a service type and form in a year. */
export const referenceValues = pgTable(
  'reference_values',
  {
    id: uuid().primaryKey().defaultRandom(),
    year: integer().notNull(),
    typeCode: text().notNull(),
    formCode: text().notNull(),
    /** What one unit is: `fte` (field, outpatient) or `bed` (residential). */
    unitBasis: text().notNull(),
    costPerUnitHaler: bigint({ mode: 'number' }).notNull(),
    /** Expected own revenues (user fees, care allowance, insurance) in basis points of cost. */
    ownRevenueShareBp: integer().notNull(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('reference_values_year_type_form_key').on(t.year, t.typeCode, t.formCode),
    check('reference_values_share', sql`${t.ownRevenueShareBp} between 0 and 10000`),
    check('reference_values_cost', sql`${t.costPerUnitHaler} >= 0`),
  ],
);

/** The financing key: how the compensation payment splits between state, region and municipalities. */
export const financingKeys = pgTable(
  'financing_keys',
  {
    id: uuid().primaryKey().defaultRandom(),
    yearFrom: integer().notNull(),
    yearTo: integer(),
    stateShareBp: integer().notNull(),
    regionShareBp: integer().notNull(),
    municipalShareBp: integer().notNull(),
    /** How the municipal part divides among municipalities of the territory served. */
    municipalSplit: text().notNull().default('population'),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    check(
      'financing_keys_sum',
      sql`${t.stateShareBp} + ${t.regionShareBp} + ${t.municipalShareBp} = 10000 and ${t.stateShareBp} >= 0 and ${t.regionShareBp} >= 0 and ${t.municipalShareBp} >= 0`,
    ),
  ],
);

// --- registry (RPSS) imports: analysed into a diff, reviewed, then applied in one transaction ---

export const registryImports = pgTable(
  'registry_imports',
  {
    id: uuid().primaryKey().defaultRandom(),
    jobId: uuid(),
    status: text().notNull().default('analysing'), // analysing | ready | applying | applied | failed | superseded
    fileName: text(),
    /** Whether the file was filtered to the region's territory (false: ministry-wide deployment). */
    regionOnly: boolean().notNull().default(true),
    summary: jsonb(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    appliedBy: uuid(),
    appliedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [index('registry_imports_created_idx').on(t.createdAt)],
);

/** One difference between the file and the network: new, changed (field by field) or ended. */
export const registryImportChanges = pgTable(
  'registry_import_changes',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    importId: uuid()
      .notNull()
      .references(() => registryImports.id, { onDelete: 'cascade' }),
    entity: text().notNull(), // provider | service | facility
    change: text().notNull(), // new | changed | ended
    key: text().notNull(),
    label: text(),
    fields: jsonb(), // [{ field, before, after }]
    data: jsonb(), // the normalised record to write on apply
  },
  (t) => [index('registry_import_changes_import_idx').on(t.importId, t.entity, t.change)],
);

/** A row the import could not take, with the reason (bad IČO, unknown code, missing address, …). */
export const registryImportIssues = pgTable(
  'registry_import_issues',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    importId: uuid()
      .notNull()
      .references(() => registryImports.id, { onDelete: 'cascade' }),
    severity: text().notNull(), // error (row skipped) | warning (row kept)
    itemIndex: integer(),
    identifier: text(),
    reason: text().notNull(),
  },
  (t) => [index('registry_import_issues_import_idx').on(t.importId)],
);

/**
 * Normalised registry records of an import while it is analysed (provider by IČO, service by
 * portalId, facility by its dedupe key), written in multi-row batches as the file streams in and
 * compared with the network in SQL; emptied once the diff is in registry_import_changes.
 * `data` holds the compared fields only, `extra` what the diff and apply need besides them.
 */
export const registryImportStaging = pgTable(
  'registry_import_staging',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    importId: uuid()
      .notNull()
      .references(() => registryImports.id, { onDelete: 'cascade' }),
    entity: text().notNull(), // provider | service | facility
    key: text().notNull(),
    itemIndex: integer().notNull(),
    data: jsonb().notNull(),
    extra: jsonb()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index('registry_import_staging_key_idx').on(t.importId, t.entity, t.key)],
);

/**
 * Coordinates of RÚIAN address points (kodAdresnihoMista → WGS84), loaded from a CSV by region
 * staff: the registry has no coordinates, so facilities get theirs from here on import.
 */
export const addressPoints = pgTable(
  'address_points',
  {
    code: bigint({ mode: 'number' }).primaryKey(),
    municipalityCode: text(),
    lat: doublePrecision().notNull(),
    lon: doublePrecision().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('address_points_lat', sql`${t.lat} between -90 and 90`),
    check('address_points_lon', sql`${t.lon} between -180 and 180`),
  ],
);
