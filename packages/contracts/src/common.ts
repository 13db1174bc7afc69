import Type, { type Static, type TSchema } from 'typebox';

/** RFC 9457 problem document; every 4xx/5xx answer of the API has this shape. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'Stable URI naming the kind of problem' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.Optional(Type.String({ description: 'Stable machine-readable error code' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.String({ description: 'JSON pointer to the offending field, e.g. /email' }),
          detail: Type.String(),
          in: Type.Optional(Type.Enum(['body', 'query', 'params', 'headers'])),
          rule: Type.Optional(Type.String({ description: 'The code of a failed form rule' })),
        }),
      ),
    ),
  },
  { $id: 'Problem' },
);
export type Problem = Static<typeof ProblemSchema>;

/** Problem `type` URIs; the `code` is the last path segment. */
export const ProblemTypes = {
  validation: 'https://socplan.cz/problems/validation',
  notFound: 'https://socplan.cz/problems/not-found',
  unauthorized: 'https://socplan.cz/problems/unauthorized',
  forbidden: 'https://socplan.cz/problems/forbidden',
  conflict: 'https://socplan.cz/problems/conflict',
  preconditionFailed: 'https://socplan.cz/problems/precondition-failed',
  preconditionRequired: 'https://socplan.cz/problems/precondition-required',
  payloadTooLarge: 'https://socplan.cz/problems/payload-too-large',
  unsupportedMediaType: 'https://socplan.cz/problems/unsupported-media-type',
  tooManyRequests: 'https://socplan.cz/problems/too-many-requests',
  unavailable: 'https://socplan.cz/problems/service-unavailable',
  internal: 'https://socplan.cz/problems/internal',
} as const;

export const Uuid = Type.String({ format: 'uuid' });
export const IdParamsSchema = Type.Object({ id: Uuid });
export type IdParams = Static<typeof IdParamsSchema>;
export const Timestamp = Type.String({ format: 'date-time' });
/**
 * A value or null, null tried first. With Ajv's `coerceTypes` (the API's setting) a union of
 * string-then-null coerces an incoming null to "" in the string branch, so `{"email": null}`
 * would store an empty string; null first keeps null (and turns "" into null).
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

/**
 * A calendar date, YYYY-MM-DD, years 1000–9999: `format: 'date'` alone lets year 0000 through,
 * which PostgreSQL refuses (a 500 instead of a 400).
 */
export const CalendarDate = (options: { description?: string } = {}) =>
  Type.String({ format: 'date', pattern: '^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$', ...options });

/** Paging shared by every list endpoint; `sort` is `field` or `-field` (descending). */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  sort: Type.Optional(Type.String({ pattern: '^-?[a-zA-Z]+$' })),
};

export const ListOf = <T extends TSchema>(item: T, $id: string) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer({ minimum: 0 }) }, { $id });

export interface List<T> {
  items: T[];
  total: number;
}
