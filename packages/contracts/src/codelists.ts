import Type, { type Static } from 'typebox';
import { CalendarDate, ListOf, Nullable, Timestamp, Uuid } from './common.ts';
import { CODELISTS } from './constants.ts';

export const CodelistNameSchema = Type.Enum(CODELISTS, {
  description:
    'service_type (druh by §), form (pob/amb/ter), target_group, age_group, capacity_unit, funding_source',
});

const DateString = CalendarDate();

/** Service categories by the Act: P social counselling, C care, V prevention. */
export const SERVICE_CATEGORIES = ['P', 'C', 'V'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** What a `service_type` item carries in `attributes`. */
export const ServiceTypeAttributesSchema = Type.Object(
  {
    paragraph: Type.String({ description: 'The § of Act 108/2006, e.g. "49", "60a"' }),
    category: Type.Enum(SERVICE_CATEGORIES),
    forms: Type.Array(Type.String(), {
      description: 'Codes of the `form` codelist the type may be provided in',
    }),
  },
  { $id: 'ServiceTypeAttributes', additionalProperties: false },
);
export type ServiceTypeAttributes = Static<typeof ServiceTypeAttributesSchema>;

export const CodelistItemSchema = Type.Object(
  {
    id: Uuid,
    codelist: CodelistNameSchema,
    code: Type.String({
      description: 'Stable code: the § for service types, pob/amb/ter for forms',
    }),
    name: Type.String({ description: 'Czech name' }),
    nameEn: Nullable(Type.String()),
    registryId: Nullable(
      Type.String({ description: 'The id in the ministry registry, e.g. DruhSocialniSluzby/13' }),
    ),
    attributes: Type.Record(Type.String(), Type.Unknown(), {
      description: 'Per codelist: a service type has {paragraph, category, forms}',
    }),
    sortOrder: Type.Integer(),
    validFrom: DateString,
    validTo: Nullable(
      CalendarDate({
        description: 'The first day the item no longer applies (exclusive); null = open-ended',
      }),
    ),
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'CodelistItem' },
);
export type CodelistItem = Static<typeof CodelistItemSchema>;

export const CodelistItemListSchema = ListOf(CodelistItemSchema, 'CodelistItemList');
export type CodelistItemList = Static<typeof CodelistItemListSchema>;

export const CodelistParamsSchema = Type.Object({ codelist: CodelistNameSchema });
export type CodelistParams = Static<typeof CodelistParamsSchema>;

export const CodelistItemParamsSchema = Type.Object({ codelist: CodelistNameSchema, id: Uuid });
export type CodelistItemParams = Static<typeof CodelistItemParamsSchema>;

export const CodelistQuerySchema = Type.Object(
  {
    asOf: Type.Optional(CalendarDate({ description: 'Items valid on this day (default: today)' })),
    all: Type.Optional(
      Type.Boolean({ description: 'Every version of every item, ended ones included' }),
    ),
  },
  { additionalProperties: false },
);
export type CodelistQuery = Static<typeof CodelistQuerySchema>;

/** One codelist with how many items are valid today (GET /api/codelists). */
export const CodelistSummarySchema = Type.Object(
  { codelist: CodelistNameSchema, items: Type.Integer({ minimum: 0 }) },
  { $id: 'CodelistSummary' },
);
export const CodelistSummaryListSchema = ListOf(CodelistSummarySchema, 'CodelistSummaryList');
export type CodelistSummaryList = Static<typeof CodelistSummaryListSchema>;

const itemWritable = {
  name: Type.String({ minLength: 1, maxLength: 300 }),
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  registryId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
  attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  sortOrder: Type.Optional(Type.Integer({ minimum: -1000000, maximum: 1000000 })),
  validTo: Type.Optional(Nullable(DateString)),
};

/**
 * A new item, or a new version of an item (same code, later `validFrom`): the version valid
 * until then is ended at `validFrom`.
 */
export const CreateCodelistItemBodySchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z._-]+$' }),
    validFrom: Type.Optional(DateString),
    ...itemWritable,
  },
  { $id: 'CreateCodelistItemBody', additionalProperties: false },
);
export type CreateCodelistItemBody = Static<typeof CreateCodelistItemBodySchema>;

/** Corrects an item version; ending an item is setting `validTo`. Code and validFrom are fixed. */
export const UpdateCodelistItemBodySchema = Type.Partial(
  Type.Object(itemWritable, { additionalProperties: false }),
  { $id: 'UpdateCodelistItemBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateCodelistItemBody = Static<typeof UpdateCodelistItemBodySchema>;
