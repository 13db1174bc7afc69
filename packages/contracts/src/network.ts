import Type, { type Static } from 'typebox';
import { CalendarDate, ListOf, Nullable, PageQuery, Timestamp, Uuid } from './common.ts';
import { SERVICE_STATUSES } from './constants.ts';
import { PointSchema } from './territory.ts';

/**
 * The service network: providers, services (identity + effective-dated states) and their
 * facilities. Validity is half-open everywhere: `validFrom <= day < validTo` (null = open).
 */

const DateString = CalendarDate();
const Text = (maxLength: number) => Type.String({ maxLength });

export const ServiceStatusSchema = Type.Enum(SERVICE_STATUSES);

/** Postal address as the registry gives it; the municipality by its ČSÚ/RÚIAN code. */
export const AddressSchema = Type.Object(
  {
    street: Nullable(Text(200)),
    houseNumber: Nullable(Text(20)),
    orientationNumber: Nullable(Text(20)),
    postcode: Nullable(Text(10)),
    municipalityCode: Nullable(Type.String({ pattern: '^[0-9]{6}$' })),
    municipalityName: Type.Optional(Nullable(Text(200))),
    addressPointCode: Nullable(
      Type.Integer({ minimum: 1, maximum: 9007199254740991, description: 'RÚIAN address point' }),
    ),
  },
  { $id: 'Address', additionalProperties: false },
);
export type Address = Static<typeof AddressSchema>;

// --- providers ---

/** IČO: 8 digits, the last a mod-11 check digit (checked by the API: 400 naming /ico). */
const Ico = Type.String({ pattern: '^[0-9]{8}$', description: 'IČO, 8 digits with check digit' });

export const ProviderSchema = Type.Object(
  {
    id: Uuid,
    ico: Type.String(),
    icoValid: Type.Boolean({
      description: 'False when the registry gave an IČO with a wrong check digit (flagged)',
    }),
    name: Type.String(),
    legalForm: Nullable(Type.String()),
    address: Nullable(AddressSchema),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    web: Nullable(Type.String()),
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'Provider' },
);
export type Provider = Static<typeof ProviderSchema>;
export const ProviderListSchema = ListOf(ProviderSchema, 'ProviderList');
export type ProviderList = Static<typeof ProviderListSchema>;

export const PROVIDER_SORTS = ['name', 'ico'] as const;

export const ProviderListQuerySchema = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(
      Type.String({
        pattern: '^-?(name|ico)$',
        description: 'name (default, Czech order) or ico; prefix - for descending',
      }),
    ),
    q: Type.Optional(
      Type.String({
        maxLength: 100,
        description: 'Part of the name (ignoring case and diacritics) or the start of the IČO',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ProviderListQuery = Static<typeof ProviderListQuerySchema>;

const providerWritable = {
  ico: Ico,
  name: Type.String({ minLength: 1, maxLength: 300 }),
  legalForm: Type.Optional(Nullable(Text(100))),
  address: Type.Optional(Nullable(AddressSchema)),
  email: Type.Optional(Nullable(Text(254))),
  phone: Type.Optional(Nullable(Text(100))),
  web: Type.Optional(Nullable(Text(300))),
};

export const CreateProviderBodySchema = Type.Object(providerWritable, {
  $id: 'CreateProviderBody',
  additionalProperties: false,
});
export type CreateProviderBody = Static<typeof CreateProviderBodySchema>;

export const UpdateProviderBodySchema = Type.Partial(
  Type.Object(providerWritable, { additionalProperties: false }),
  { $id: 'UpdateProviderBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateProviderBody = Static<typeof UpdateProviderBodySchema>;

export const ProviderRefSchema = Type.Object(
  { id: Uuid, ico: Type.String(), name: Type.String() },
  { $id: 'ProviderRef' },
);
export type ProviderRef = Static<typeof ProviderRefSchema>;

// --- services ---

export const CapacitySchema = Type.Object(
  {
    unit: Type.String({ description: 'Code of the capacity_unit codelist (luzka, klient, …)' }),
    count: Type.Integer({ minimum: 0, maximum: 1000000 }),
  },
  { additionalProperties: false },
);
export type Capacity = Static<typeof CapacitySchema>;

export const ServiceFormSchema = Type.Object(
  {
    form: Type.String({ description: 'Code of the form codelist (pob, amb, ter)' }),
    capacities: Type.Array(CapacitySchema, { maxItems: 10 }),
  },
  // No $id: a service detail repeats it (current state and history), and a $id may occur once.
  { additionalProperties: false },
);
export type ServiceForm = Static<typeof ServiceFormSchema>;

const stateProperties = {
  id: Uuid,
  validFrom: DateString,
  validTo: Nullable(CalendarDate({ description: 'The day the next state begins (exclusive)' })),
  typeCode: Type.String({ description: 'Code of the service_type codelist (the §)' }),
  name: Type.String(),
  status: ServiceStatusSchema,
  registeredFrom: Nullable(DateString),
  registeredTo: Nullable(DateString),
  forms: Type.Array(ServiceFormSchema),
  targetGroups: Type.Array(Type.String()),
  ageGroups: Type.Array(Type.String()),
  territoryUnitIds: Type.Array(Uuid, { description: 'Territory served (units)' }),
  fteDirect: Nullable(Type.Number({ description: 'FTE of direct-care staff' })),
  fteOther: Nullable(Type.Number()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  web: Nullable(Type.String()),
  changeNote: Nullable(Type.String()),
  createdAt: Timestamp,
};

/** What a service was in a period: capacity, forms, territory, status, staff. */
export const ServiceStateSchema = Type.Object(stateProperties, { $id: 'ServiceState' });
export type ServiceState = Static<typeof ServiceStateSchema>;

export const ServiceChangeSchema = Type.Object(
  { field: Type.String(), before: Type.Unknown(), after: Type.Unknown() },
  { $id: 'ServiceChange' },
);
export type ServiceChange = Static<typeof ServiceChangeSchema>;

/** A state in the history, with what changed against the state before it. */
export const ServiceHistoryEntrySchema = Type.Object(
  { ...stateProperties, changes: Type.Array(ServiceChangeSchema) },
  { $id: 'ServiceHistoryEntry' },
);
export type ServiceHistoryEntry = Static<typeof ServiceHistoryEntrySchema>;

/**
 * A place of provision. For callers who may not see secret addresses (everyone but region
 * staff), a secret facility comes with `address`, `addressPointCode` and `point` null.
 */
export const FacilitySchema = Type.Object(
  {
    id: Uuid,
    serviceId: Uuid,
    name: Type.String(),
    address: Nullable(AddressSchema),
    addressPointCode: Nullable(Type.Integer()),
    municipalityCode: Nullable(Type.String()),
    municipalityId: Nullable(Uuid),
    municipalityName: Nullable(Type.String()),
    orpId: Nullable(Uuid),
    orpName: Nullable(Type.String()),
    point: Nullable(PointSchema),
    secretAddress: Type.Boolean(),
    validFrom: Nullable(DateString),
    validTo: Nullable(DateString),
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'Facility' },
);
export type Facility = Static<typeof FacilitySchema>;

const serviceProperties = {
  id: Uuid,
  identifier: Nullable(Type.String({ description: 'Registry identifier (7 digits)' })),
  registryPortalId: Nullable(Type.Integer()),
  provider: ProviderRefSchema,
  state: ServiceStateSchema,
  facilities: Type.Array(FacilitySchema),
  updatedAt: Timestamp,
  version: Type.Integer(),
};

/** A service as of a day: its state then and its facilities valid then. */
export const ServiceSchema = Type.Object(serviceProperties, { $id: 'Service' });
export type Service = Static<typeof ServiceSchema>;
export const ServiceListSchema = ListOf(ServiceSchema, 'ServiceList');
export type ServiceList = Static<typeof ServiceListSchema>;

/** One service with every state it had, newest first. */
export const ServiceDetailSchema = Type.Object(
  { ...serviceProperties, history: Type.Array(ServiceHistoryEntrySchema) },
  { $id: 'ServiceDetail' },
);
export type ServiceDetail = Static<typeof ServiceDetailSchema>;

export const SERVICE_SORTS = ['name', 'identifier', 'type', 'provider'] as const;

const AsOf = CalendarDate({
  description:
    'The network as it was on this day: the state valid then, only services that existed then',
});

/** The filters of the services list, also used by the map layer. */
const serviceFilters = {
  type: Type.Optional(
    Type.Array(Type.String({ maxLength: 10 }), {
      maxItems: 50,
      description: 'Service type codes (§), any of',
    }),
  ),
  form: Type.Optional(
    Type.Array(Type.String({ maxLength: 10 }), { maxItems: 10, description: 'Form codes, any of' }),
  ),
  targetGroup: Type.Optional(
    Type.Array(Type.String({ maxLength: 40 }), {
      maxItems: 50,
      description: 'Target group codes, any of',
    }),
  ),
  territoryId: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'A territorial unit: services with a facility in it (or anything inside it, e.g. an ORP) ' +
        'or whose territory served includes it, something inside it or a unit above it',
    }),
  ),
  providerId: Type.Optional(Uuid),
  status: Type.Optional(Type.Array(ServiceStatusSchema, { maxItems: 3 })),
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description:
        'Part of the service or provider name (ignoring case and diacritics), or the start of the identifier or IČO',
    }),
  ),
  asOf: Type.Optional(AsOf),
};

export const ServiceListQuerySchema = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(
      Type.String({
        pattern: '^-?(name|identifier|type|provider)$',
        description:
          'name (default, Czech order), identifier, type (by §) or provider; prefix - for descending',
      }),
    ),
    ...serviceFilters,
  },
  { additionalProperties: false },
);
export type ServiceListQuery = Static<typeof ServiceListQuerySchema>;

export const ServiceGeoJsonQuerySchema = Type.Object(serviceFilters, {
  additionalProperties: false,
});
export type ServiceGeoJsonQuery = Static<typeof ServiceGeoJsonQuerySchema>;

export const ServiceDetailQuerySchema = Type.Object(
  { asOf: Type.Optional(AsOf) },
  { additionalProperties: false },
);
export type ServiceDetailQuery = Static<typeof ServiceDetailQuerySchema>;

const EffectiveFrom = CalendarDate({
  description:
    'The day the change takes effect (default today). The current state ends that day and a ' +
    'new one begins; the day the current state began corrects it in place; earlier is refused.',
});

const stateWritable = {
  typeCode: Type.String({ minLength: 1, maxLength: 10 }),
  name: Type.String({ minLength: 1, maxLength: 300 }),
  status: ServiceStatusSchema,
  registeredFrom: Nullable(DateString),
  registeredTo: Nullable(DateString),
  forms: Type.Array(ServiceFormSchema, { maxItems: 3 }),
  targetGroups: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 }),
  ageGroups: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
  territoryUnitIds: Type.Array(Uuid, { maxItems: 1000 }),
  fteDirect: Nullable(Type.Number({ minimum: 0, maximum: 100000 })),
  fteOther: Nullable(Type.Number({ minimum: 0, maximum: 100000 })),
  email: Nullable(Text(254)),
  phone: Nullable(Text(100)),
  web: Nullable(Text(300)),
  changeNote: Nullable(Text(1000)),
};

const Identifier = Nullable(
  Type.String({ pattern: '^[0-9]{7}$', description: 'Registry identifier, 7 digits' }),
);

export const CreateServiceBodySchema = Type.Object(
  {
    providerId: Uuid,
    identifier: Type.Optional(Identifier),
    registryPortalId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
    typeCode: stateWritable.typeCode,
    name: stateWritable.name,
    status: Type.Optional(stateWritable.status),
    registeredFrom: Type.Optional(stateWritable.registeredFrom),
    registeredTo: Type.Optional(stateWritable.registeredTo),
    forms: Type.Optional(stateWritable.forms),
    targetGroups: Type.Optional(stateWritable.targetGroups),
    ageGroups: Type.Optional(stateWritable.ageGroups),
    territoryUnitIds: Type.Optional(stateWritable.territoryUnitIds),
    fteDirect: Type.Optional(stateWritable.fteDirect),
    fteOther: Type.Optional(stateWritable.fteOther),
    email: Type.Optional(stateWritable.email),
    phone: Type.Optional(stateWritable.phone),
    web: Type.Optional(stateWritable.web),
    changeNote: Type.Optional(stateWritable.changeNote),
    effectiveFrom: Type.Optional(EffectiveFrom),
  },
  { $id: 'CreateServiceBody', additionalProperties: false },
);
export type CreateServiceBody = Static<typeof CreateServiceBodySchema>;

/**
 * Changes a service. Type, status, forms and capacities, target and age groups, territory,
 * registration dates and FTE are effective-dated (a new state from `effectiveFrom`); name and
 * contacts alone are corrected in the current state unless `effectiveFrom` is given.
 */
export const UpdateServiceBodySchema = Type.Object(
  {
    providerId: Type.Optional(Uuid),
    identifier: Type.Optional(Identifier),
    registryPortalId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
    ...Type.Partial(Type.Object(stateWritable)).properties,
    effectiveFrom: Type.Optional(EffectiveFrom),
  },
  { $id: 'UpdateServiceBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateServiceBody = Static<typeof UpdateServiceBodySchema>;

// --- facilities ---

export const FacilityParamsSchema = Type.Object({ id: Uuid, facilityId: Uuid });
export type FacilityParams = Static<typeof FacilityParamsSchema>;

const facilityWritable = {
  name: Type.String({ minLength: 1, maxLength: 300 }),
  address: Type.Optional(Nullable(AddressSchema)),
  addressPointCode: Type.Optional(
    Nullable(Type.Integer({ minimum: 1, maximum: 9007199254740991 })),
  ),
  municipalityCode: Type.Optional(
    Nullable(Type.String({ pattern: '^[0-9]{6}$', description: 'ČSÚ/RÚIAN municipality code' })),
  ),
  point: Type.Optional(Nullable(PointSchema)),
  secretAddress: Type.Optional(
    Type.Boolean({ description: 'Shelters: the address is shown to region staff only' }),
  ),
  validFrom: Type.Optional(Nullable(DateString)),
  validTo: Type.Optional(Nullable(CalendarDate({ description: 'First day no longer provided' }))),
};

export const CreateFacilityBodySchema = Type.Object(facilityWritable, {
  $id: 'CreateFacilityBody',
  additionalProperties: false,
});
export type CreateFacilityBody = Static<typeof CreateFacilityBodySchema>;

export const UpdateFacilityBodySchema = Type.Partial(
  Type.Object(facilityWritable, { additionalProperties: false }),
  { $id: 'UpdateFacilityBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateFacilityBody = Static<typeof UpdateFacilityBodySchema>;

// --- the map: GET /api/services/facilities.geojson ---

export const FacilityFeaturePropertiesSchema = Type.Object({
  facilityId: Uuid,
  facilityName: Type.String(),
  serviceId: Uuid,
  serviceName: Type.String(),
  typeCode: Type.String(),
  status: ServiceStatusSchema,
  providerId: Uuid,
  providerName: Type.String(),
  secretAddress: Type.Boolean({ description: 'Only region staff ever get secret facilities' }),
});
export type FacilityFeatureProperties = Static<typeof FacilityFeaturePropertiesSchema>;

export const FacilityFeatureCollectionSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object({
        type: Type.Literal('Feature'),
        id: Uuid,
        properties: FacilityFeaturePropertiesSchema,
        geometry: Type.Object({
          type: Type.Literal('Point'),
          coordinates: Type.Array(Type.Number(), {
            minItems: 2,
            maxItems: 2,
            description: '[lon, lat]',
          }),
        }),
      }),
    ),
  },
  { $id: 'FacilityFeatureCollection' },
);
export type FacilityFeatureCollection = Static<typeof FacilityFeatureCollectionSchema>;
