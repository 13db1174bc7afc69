import Type, { type Static } from 'typebox';
import { Nullable, PageQuery, Timestamp, Uuid } from './common.ts';

export const UNIT_KINDS = ['region', 'orp', 'municipality', 'planning_area'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UnitKindSchema = Type.Enum(UNIT_KINDS);

/** GeoJSON geometry, kept loose: validated as an object with a type and coordinates. */
export const GeometrySchema = Type.Object(
  {
    type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
    coordinates: Type.Array(Type.Any()),
  },
  { $id: 'Geometry' },
);
export const PointSchema = Type.Object(
  { lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) },
  { $id: 'LatLon', additionalProperties: false },
);
export type LatLon = Static<typeof PointSchema>;

export const TerritorialUnitSchema = Type.Object(
  {
    id: Uuid,
    kind: UnitKindSchema,
    code: Type.String({ description: 'ČSÚ code (region, ORP, municipality) or own code (planning area)' }),
    ruianCode: Nullable(Type.String()),
    name: Type.String(),
    parentId: Nullable(Uuid),
    population: Nullable(Type.Integer({ minimum: 0 })),
    populationDate: Nullable(Type.String({ format: 'date' })),
    point: Nullable(PointSchema),
    hasGeometry: Type.Boolean(),
    memberIds: Type.Optional(Type.Array(Uuid, { description: 'Municipalities of a planning area' })),
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'TerritorialUnit' },
);
export type TerritorialUnit = Static<typeof TerritorialUnitSchema>;

export const TerritorialUnitListQuerySchema = Type.Object(
  {
    ...PageQuery,
    kind: Type.Optional(UnitKindSchema),
    parentId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Search in name and code' })),
  },
  { additionalProperties: false },
);
export type TerritorialUnitListQuery = Static<typeof TerritorialUnitListQuerySchema>;

const unitWritable = {
  code: Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9A-Za-z._-]+$' }),
  ruianCode: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  parentId: Type.Optional(Nullable(Uuid)),
  population: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  populationDate: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  point: Type.Optional(Nullable(PointSchema)),
  geometry: Type.Optional(Nullable(GeometrySchema)),
  memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 10000 })),
};

export const CreateTerritorialUnitBodySchema = Type.Object(
  { kind: UnitKindSchema, ...unitWritable },
  { $id: 'CreateTerritorialUnitBody', additionalProperties: false },
);
export type CreateTerritorialUnitBody = Static<typeof CreateTerritorialUnitBodySchema>;

export const UpdateTerritorialUnitBodySchema = Type.Partial(
  Type.Object(unitWritable, { additionalProperties: false }),
  { $id: 'UpdateTerritorialUnitBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateTerritorialUnitBody = Static<typeof UpdateTerritorialUnitBodySchema>;

/** Result report of a boundary or municipality import (stored on the job). */
export const ImportReportSchema = Type.Object(
  {
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    rejected: Type.Array(
      Type.Object({ row: Type.Integer(), code: Nullable(Type.String()), reason: Type.String() }),
    ),
    unmatched: Type.Array(Type.String(), { description: 'Codes in the file that match no unit' }),
  },
  { $id: 'ImportReport' },
);
export type ImportReport = Static<typeof ImportReportSchema>;
