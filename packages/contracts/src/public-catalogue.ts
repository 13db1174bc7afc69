import Type, { type Static } from 'typebox';
import { Nullable, Uuid } from './common.ts';
import { AddressSchema } from './network.ts';

/**
 * The public service catalogue (`/api/public/…`, no login): active services as a citizen looks
 * for them. Secret addresses (shelters) are never part of any answer: not as an address, not as
 * coordinates, not as a municipality; such a service says `addressWithheld: true` instead.
 */

/**
 * A codelist item as the public sees it: its code and its names in Czech and English. No `$id`:
 * it appears many times in one answer, and a schema with an `$id` may appear once.
 */
export const PublicCodeNameSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
});
export type PublicCodeName = Static<typeof PublicCodeNameSchema>;

export const PublicContactsSchema = Type.Object(
  { email: Nullable(Type.String()), phone: Nullable(Type.String()), web: Nullable(Type.String()) },
  { $id: 'PublicContacts' },
);
export type PublicContacts = Static<typeof PublicContactsSchema>;

/** A published (never secret) place of provision. */
export const PublicFacilitySchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    address: Nullable(AddressSchema),
    municipalityCode: Nullable(Type.String()),
    municipalityName: Nullable(Type.String()),
    lat: Nullable(Type.Number()),
    lon: Nullable(Type.Number()),
    distanceKm: Nullable(
      Type.Number({
        description: 'From the place searched for (point or municipality centre); null without one',
      }),
    ),
  },
  { $id: 'PublicFacility' },
);
export type PublicFacility = Static<typeof PublicFacilitySchema>;

const addressWithheld = Type.Boolean({
  description: 'The service has places of provision whose address is not published (shelters)',
});

export const PublicServiceSummarySchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    type: PublicCodeNameSchema,
    forms: Type.Array(PublicCodeNameSchema),
    targetGroups: Type.Array(PublicCodeNameSchema),
    provider: Type.Object({ id: Uuid, name: Type.String() }),
    nearestFacility: Nullable(PublicFacilitySchema),
    addressWithheld,
    contacts: PublicContactsSchema,
  },
  { $id: 'PublicServiceSummary' },
);
export type PublicServiceSummary = Static<typeof PublicServiceSummarySchema>;

export const PublicServiceListSchema = Type.Object(
  { items: Type.Array(PublicServiceSummarySchema), total: Type.Integer({ minimum: 0 }) },
  { $id: 'PublicServiceList' },
);
export type PublicServiceList = Static<typeof PublicServiceListSchema>;

const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' });

/** What a visitor searches by: the list of services and the map take the same filters. */
const searchFilters = {
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'Part of the service or provider name (ignoring case and diacritics)',
    }),
  ),
  municipality: Type.Optional(
    Type.String({
      pattern:
        '^([0-9]{6}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
      description:
        'A municipality by its ČSÚ code (6 digits) or any territorial unit by id: services ' +
        'whose territory served covers it or with a place of provision in it',
    }),
  ),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: 'With lon: a point' })),
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  radiusKm: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 500,
      description: 'With a point or municipality: only services with a facility this close',
    }),
  ),
  targetGroup: Type.Optional(Code),
  type: Type.Optional(Code),
  form: Type.Optional(Code),
};

export const PublicServiceQuerySchema = Type.Object(
  {
    ...searchFilters,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
  },
  { additionalProperties: false },
);
export type PublicServiceQuery = Static<typeof PublicServiceQuerySchema>;

export const PublicServiceDetailSchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    identifier: Nullable(Type.String({ description: 'Registry identifier (7 digits)' })),
    type: PublicCodeNameSchema,
    provider: Type.Object({
      id: Uuid,
      name: Type.String(),
      ico: Type.String(),
      web: Nullable(Type.String()),
    }),
    contacts: PublicContactsSchema,
    forms: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        nameEn: Nullable(Type.String()),
        capacities: Type.Array(Type.Object({ unit: PublicCodeNameSchema, count: Type.Number() })),
      }),
    ),
    targetGroups: Type.Array(PublicCodeNameSchema),
    ageGroups: Type.Array(PublicCodeNameSchema),
    territory: Type.Array(
      Type.Object({ id: Uuid, kind: Type.String(), code: Type.String(), name: Type.String() }),
      { description: 'Territory served, broadest first' },
    ),
    facilities: Type.Array(PublicFacilitySchema),
    addressWithheld,
  },
  { $id: 'PublicServiceDetail' },
);
export type PublicServiceDetail = Static<typeof PublicServiceDetailSchema>;

/** One point of the public map: a published facility of an active service. */
export const PublicMapPointSchema = Type.Object(
  {
    id: Uuid,
    serviceId: Uuid,
    name: Type.String({ description: 'The facility' }),
    serviceName: Type.String(),
    type: Type.String({ description: 'Service type code' }),
    lat: Type.Number(),
    lon: Type.Number(),
  },
  { $id: 'PublicMapPoint' },
);
export type PublicMapPoint = Static<typeof PublicMapPointSchema>;

/**
 * The map's filters: those of the search, so the map shows the facilities of the services the
 * list finds (with radiusKm, those of their facilities that close); without any, every one.
 */
export const PublicMapQuerySchema = Type.Object(searchFilters, { additionalProperties: false });
export type PublicMapQuery = Static<typeof PublicMapQuerySchema>;

export const PublicMapSchema = Type.Object(
  { items: Type.Array(PublicMapPointSchema) },
  { $id: 'PublicMap' },
);
export type PublicMap = Static<typeof PublicMapSchema>;

/** What the search form offers: the codelists in use, with names in both languages. */
export const PublicFacetsSchema = Type.Object(
  {
    serviceTypes: Type.Array(PublicCodeNameSchema),
    forms: Type.Array(PublicCodeNameSchema),
    targetGroups: Type.Array(PublicCodeNameSchema),
  },
  { $id: 'PublicFacets' },
);
export type PublicFacets = Static<typeof PublicFacetsSchema>;

/** A municipality for the place picker, with its ORP to tell namesakes apart. */
export const PublicPlaceSchema = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    name: Type.String(),
    orpName: Nullable(Type.String()),
    lat: Nullable(Type.Number()),
    lon: Nullable(Type.Number()),
  },
  { $id: 'PublicPlace' },
);
export type PublicPlace = Static<typeof PublicPlaceSchema>;

export const PublicPlaceListSchema = Type.Object(
  { items: Type.Array(PublicPlaceSchema) },
  { $id: 'PublicPlaceList' },
);
export type PublicPlaceList = Static<typeof PublicPlaceListSchema>;

export const PublicPlaceQuerySchema = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Start of a municipality name (ignoring case and diacritics) or its code',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  },
  { additionalProperties: false },
);
export type PublicPlaceQuery = Static<typeof PublicPlaceQuerySchema>;
