import Type, { type Static, type TSchema } from 'typebox';

/**
 * The public catalogue as Open Referral HSDS 3 (`/api/hsds/…`, no login), following the HSDS
 * API reference (paths, `page`/`per_page` paging, the Page envelope). Field names are HSDS's
 * (snake_case), not the house's camelCase: the point is that HSDS tools read it unchanged.
 * These schemas declare exactly the fields the API emits (the serialiser drops anything else);
 * the tests validate the answers against the official HSDS JSON Schemas.
 */

const Id = Type.String({ format: 'uuid' });
const Opt = <T extends TSchema>(schema: T) => Type.Optional(schema);

/** The API's description of itself (HSDS API reference: `GET /`). */
export const HsdsApiInfoSchema = Type.Object(
  {
    version: Type.String({ description: 'HSDS version of this API' }),
    openapi_url: Type.String({ format: 'uri' }),
    description: Type.String(),
    publisher: Type.Object({ name: Type.String() }),
  },
  { $id: 'HsdsApiInfo' },
);
export type HsdsApiInfo = Static<typeof HsdsApiInfoSchema>;

export const HsdsTaxonomySchema = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  version: Opt(Type.String()),
});
export type HsdsTaxonomy = Static<typeof HsdsTaxonomySchema>;

export const HsdsTaxonomyTermSchema = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  taxonomy: Type.String(),
  taxonomy_id: Id,
  language: Type.String(),
  taxonomy_detail: Opt(HsdsTaxonomySchema),
});
export type HsdsTaxonomyTerm = Static<typeof HsdsTaxonomyTermSchema>;

/** A link of a service to a taxonomy term (its type, forms, target groups). */
const HsdsAttributeSchema = Type.Object({
  id: Id,
  link_id: Id,
  link_type: Type.String(),
  link_entity: Type.String(),
  taxonomy_term_id: Id,
  taxonomy_term: HsdsTaxonomyTermSchema,
});

const HsdsPhoneSchema = Type.Object({
  id: Id,
  service_id: Opt(Id),
  organization_id: Opt(Id),
  number: Type.String(),
});

const HsdsLanguageSchema = Type.Object({
  id: Id,
  service_id: Id,
  name: Type.String(),
  code: Type.String(),
});

const HsdsContactSchema = Type.Object({
  id: Id,
  service_id: Id,
  name: Opt(Type.String()),
  email: Opt(Type.String()),
});

const HsdsAddressSchema = Type.Object({
  id: Id,
  location_id: Id,
  address_1: Type.String(),
  city: Type.String(),
  region: Opt(Type.String()),
  state_province: Type.String(),
  postal_code: Type.String(),
  country: Type.String(),
  address_type: Type.String(),
});

export const HsdsLocationSchema = Type.Object({
  id: Id,
  location_type: Type.String(),
  organization_id: Opt(Id),
  name: Type.String(),
  latitude: Opt(Type.Number()),
  longitude: Opt(Type.Number()),
  external_identifier: Opt(Type.String()),
  external_identifier_type: Opt(Type.String()),
  addresses: Type.Array(HsdsAddressSchema),
});
export type HsdsLocation = Static<typeof HsdsLocationSchema>;

const HsdsServiceAreaSchema = Type.Object({
  id: Id,
  service_id: Id,
  name: Type.String(),
  description: Type.String(),
});

const HsdsOrganizationIdentifierSchema = Type.Object({
  id: Id,
  organization_id: Id,
  identifier_type: Type.String(),
  identifier: Type.String(),
});

/** One-to-one fields of an organization (the list); the detail adds its services. */
const organizationFields = {
  id: Id,
  name: Type.String(),
  description: Type.String(),
  email: Opt(Type.String()),
  website: Opt(Type.String()),
  legal_status: Opt(Type.String()),
};

/** One-to-one fields of a service (the list's `service_list`). */
const serviceFields = {
  id: Id,
  organization_id: Id,
  name: Type.String(),
  description: Type.String(),
  url: Opt(Type.String()),
  email: Opt(Type.String()),
  status: Type.String(),
  eligibility_description: Opt(Type.String()),
  last_modified: Type.String(),
};

export const HsdsOrganizationSchema = Type.Object({
  ...organizationFields,
  phones: Opt(Type.Array(HsdsPhoneSchema)),
  organization_identifiers: Opt(Type.Array(HsdsOrganizationIdentifierSchema)),
  services: Opt(
    Type.Array(Type.Object({ id: Id, name: Type.String(), status: Type.String() }), {
      description: 'The organization’s active services (id, name, status)',
    }),
  ),
});
export type HsdsOrganization = Static<typeof HsdsOrganizationSchema>;

export const HsdsServiceAtLocationSchema = Type.Object({
  id: Id,
  service_id: Id,
  location_id: Id,
  location: Opt(HsdsLocationSchema),
});
export type HsdsServiceAtLocation = Static<typeof HsdsServiceAtLocationSchema>;

/** A service; the list has only the one-to-one fields unless `full=true`. */
export const HsdsServiceSchema = Type.Object({
  ...serviceFields,
  organization: Opt(Type.Object(organizationFields)),
  phones: Opt(Type.Array(HsdsPhoneSchema)),
  contacts: Opt(Type.Array(HsdsContactSchema)),
  languages: Opt(Type.Array(HsdsLanguageSchema)),
  service_areas: Opt(Type.Array(HsdsServiceAreaSchema)),
  service_at_locations: Opt(Type.Array(HsdsServiceAtLocationSchema)),
  attributes: Opt(Type.Array(HsdsAttributeSchema)),
});
export type HsdsService = Static<typeof HsdsServiceSchema>;

/** The HSDS API reference's Page envelope around `contents`. */
const PageOf = <T extends TSchema>(item: T, $id: string) =>
  Type.Object(
    {
      total_items: Type.Integer({ minimum: 0 }),
      total_pages: Type.Integer({ minimum: 0 }),
      page_number: Type.Integer({ minimum: 1 }),
      size: Type.Integer({ minimum: 0, description: 'Entities on this page' }),
      first_page: Type.Boolean(),
      last_page: Type.Boolean(),
      empty: Type.Boolean(),
      contents: Type.Array(item),
    },
    { $id },
  );

export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export const HsdsServicePageSchema = PageOf(HsdsServiceSchema, 'HsdsServicePage');
export const HsdsOrganizationPageSchema = PageOf(HsdsOrganizationSchema, 'HsdsOrganizationPage');
export const HsdsLocationPageSchema = PageOf(HsdsLocationSchema, 'HsdsLocationPage');
export const HsdsServiceAtLocationPageSchema = PageOf(
  HsdsServiceAtLocationSchema,
  'HsdsServiceAtLocationPage',
);
export const HsdsTaxonomyPageSchema = PageOf(HsdsTaxonomySchema, 'HsdsTaxonomyPage');
export const HsdsTaxonomyTermPageSchema = PageOf(HsdsTaxonomyTermSchema, 'HsdsTaxonomyTermPage');

/** Single objects (with `$id` for the OpenAPI document). */
export const HsdsServiceDetailSchema = Type.Object(HsdsServiceSchema.properties, {
  $id: 'HsdsService',
});
export const HsdsOrganizationDetailSchema = Type.Object(HsdsOrganizationSchema.properties, {
  $id: 'HsdsOrganization',
});
export const HsdsLocationDetailSchema = Type.Object(HsdsLocationSchema.properties, {
  $id: 'HsdsLocation',
});
export const HsdsServiceAtLocationDetailSchema = Type.Object(
  HsdsServiceAtLocationSchema.properties,
  { $id: 'HsdsServiceAtLocation' },
);
export const HsdsTaxonomyDetailSchema = Type.Object(HsdsTaxonomySchema.properties, {
  $id: 'HsdsTaxonomy',
});
export const HsdsTaxonomyTermDetailSchema = Type.Object(HsdsTaxonomyTermSchema.properties, {
  $id: 'HsdsTaxonomyTerm',
});

const paging = {
  page: Opt(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  per_page: Opt(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  format: Opt(Type.Literal('json', { description: 'Only json (ndjson is not offered)' })),
};
const search = Opt(
  Type.String({ maxLength: 100, description: 'Part of a name (ignoring case and diacritics)' }),
);
const full = Opt(Type.Boolean({ description: 'Fully nested objects in the list' }));

export const HsdsPageQuerySchema = Type.Object(
  { ...paging, search },
  { additionalProperties: false },
);
export type HsdsPageQuery = Static<typeof HsdsPageQuerySchema>;

export const HsdsServiceQuerySchema = Type.Object(
  {
    ...paging,
    search,
    full,
    taxonomy_term_id: Opt(Id),
    taxonomy_id: Opt(Id),
    organization_id: Opt(Id),
    modified_after: Opt(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type HsdsServiceQuery = Static<typeof HsdsServiceQuerySchema>;

export const HsdsOrganizationQuerySchema = Type.Object(
  { ...paging, search, full, full_service: full },
  { additionalProperties: false },
);
export type HsdsOrganizationQuery = Static<typeof HsdsOrganizationQuerySchema>;

export const HsdsServiceAtLocationQuerySchema = Type.Object(
  {
    ...paging,
    search,
    full,
    taxonomy_term_id: Opt(Id),
    taxonomy_id: Opt(Id),
    organization_id: Opt(Id),
    postcode: Opt(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
export type HsdsServiceAtLocationQuery = Static<typeof HsdsServiceAtLocationQuerySchema>;

export const HsdsTaxonomyTermQuerySchema = Type.Object(
  { ...paging, search, taxonomy_id: Opt(Id) },
  { additionalProperties: false },
);
export type HsdsTaxonomyTermQuery = Static<typeof HsdsTaxonomyTermQuerySchema>;
