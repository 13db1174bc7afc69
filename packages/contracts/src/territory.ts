import Type, { type Static } from 'typebox';
import { CalendarDate, ListOf, Nullable, PageQuery, Timestamp, Uuid } from './common.ts';
import { UNIT_KINDS } from './constants.ts';

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
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { $id: 'LatLon', additionalProperties: false },
);
export type LatLon = Static<typeof PointSchema>;

export const TerritorialUnitSchema = Type.Object(
  {
    id: Uuid,
    kind: UnitKindSchema,
    code: Type.String({
      description: 'ČSÚ code (region, ORP, municipality) or own code (planning area)',
    }),
    ruianCode: Nullable(Type.String()),
    name: Type.String(),
    parentId: Nullable(Uuid),
    population: Nullable(Type.Integer({ minimum: 0 })),
    populationDate: Nullable(CalendarDate()),
    point: Nullable(PointSchema),
    hasGeometry: Type.Boolean(),
    memberIds: Type.Optional(
      Type.Array(Uuid, { description: 'Municipalities of a planning area' }),
    ),
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'TerritorialUnit' },
);
export type TerritorialUnit = Static<typeof TerritorialUnitSchema>;

/** Fields a list of territorial units can be sorted by (`-field` for descending). */
export const TERRITORIAL_UNIT_SORTS = ['name', 'code', 'population', 'kind'] as const;

export const TerritorialUnitListQuerySchema = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(
      Type.String({
        pattern: '^-?(name|code|population|kind)$',
        description: 'name (default), code, population or kind; prefix - for descending',
      }),
    ),
    kind: Type.Optional(UnitKindSchema),
    parentId: Type.Optional(Uuid),
    q: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          'Search: part of the name (ignoring case and diacritics) or the start of the code',
      }),
    ),
  },
  { additionalProperties: false },
);
export type TerritorialUnitListQuery = Static<typeof TerritorialUnitListQuerySchema>;

const unitWritable = {
  code: Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9A-Za-z._-]+$' }),
  ruianCode: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  parentId: Type.Optional(Nullable(Uuid)),
  population: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 2147483647 }))),
  populationDate: Type.Optional(Nullable(CalendarDate())),
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

// --- the map: GET /api/territorial-units/geojson ---

export const TerritorialUnitGeoJsonQuerySchema = Type.Object(
  {
    kind: UnitKindSchema,
    parentId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type TerritorialUnitGeoJsonQuery = Static<typeof TerritorialUnitGeoJsonQuerySchema>;

export const UnitFeaturePropertiesSchema = Type.Object({
  id: Uuid,
  kind: UnitKindSchema,
  code: Type.String(),
  name: Type.String(),
  population: Nullable(Type.Integer()),
});
export type UnitFeatureProperties = Static<typeof UnitFeaturePropertiesSchema>;

/** The boundary when imported, else a Point at the representative point ([lon, lat]). */
export const UnitFeatureGeometrySchema = Type.Object({
  type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon'), Type.Literal('Point')]),
  coordinates: Type.Array(Type.Any()),
});

export const UnitFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: Uuid,
  properties: UnitFeaturePropertiesSchema,
  geometry: UnitFeatureGeometrySchema,
});

export const UnitFeatureCollectionSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(UnitFeatureSchema),
  },
  { $id: 'UnitFeatureCollection' },
);
export type UnitFeatureCollection = Static<typeof UnitFeatureCollectionSchema>;

// --- imports (202 + job; the report is the job's result) ---

export const BoundaryImportQuerySchema = Type.Object(
  {
    kind: Type.Optional(
      Type.Enum(UNIT_KINDS, {
        description: 'Match features only to units of this kind (else any kind, if unambiguous)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type BoundaryImportQuery = Static<typeof BoundaryImportQuerySchema>;

export const MunicipalityImportQuerySchema = Type.Object(
  {
    populationDate: Type.Optional(
      CalendarDate({ description: 'Reference date of the population figures' }),
    ),
  },
  { additionalProperties: false },
);
export type MunicipalityImportQuery = Static<typeof MunicipalityImportQuerySchema>;

/** Result report of a boundary or municipality import (stored on the job). */
export const ImportReportSchema = Type.Object(
  {
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    rejected: Type.Array(
      Type.Object({
        row: Type.Integer({
          description:
            'CSV: line number in the file (header = 1); GeoJSON: feature number (1-based)',
        }),
        code: Nullable(Type.String()),
        reason: Type.String(),
      }),
    ),
    unmatched: Type.Array(Type.String(), { description: 'Codes in the file that match no unit' }),
  },
  { $id: 'ImportReport' },
);
export type ImportReport = Static<typeof ImportReportSchema>;

export const TerritorialUnitListSchema = ListOf(TerritorialUnitSchema, 'TerritorialUnitList');
export type TerritorialUnitList = Static<typeof TerritorialUnitListSchema>;

// --- population by age group (decision 0602) ---

export const PopulationByAgeImportQuerySchema = Type.Object(
  {
    populationDate: CalendarDate({ description: 'Reference date of the figures in the file' }),
  },
  { additionalProperties: false },
);
export type PopulationByAgeImportQuery = Static<typeof PopulationByAgeImportQuerySchema>;

/** What an import of a population breakdown did, row by row (it is all or nothing). */
export const PopulationByAgeImportReportSchema = Type.Object(
  {
    populationDate: CalendarDate(),
    /** Municipalities the file gave figures for. */
    municipalities: Type.Integer({ minimum: 0 }),
    created: Type.Integer({ minimum: 0 }),
    updated: Type.Integer({ minimum: 0 }),
    unchanged: Type.Integer({ minimum: 0 }),
    rows: Type.Array(
      Type.Object({
        line: Type.Integer({ description: 'Line in the file (the header is line 1)' }),
        code: Type.String({ description: 'ČSÚ code of the municipality' }),
        unitId: Uuid,
        name: Type.String(),
        ageGroup: Type.String(),
        population: Type.Integer({ minimum: 0 }),
        status: Type.Enum(['created', 'updated', 'unchanged']),
      }),
    ),
  },
  { $id: 'PopulationByAgeImportReport' },
);
export type PopulationByAgeImportReport = Static<typeof PopulationByAgeImportReportSchema>;

/**
 * A unit's population by age group: a municipality's own figures; an ORP's, a region's or a
 * planning area's are the sums over its municipalities. A group is complete when every one
 * of them has a figure for it (else its sum falls short and the analysis does not use it).
 */
export const PopulationByAgeSchema = Type.Object(
  {
    unitId: Uuid,
    kind: UnitKindSchema,
    code: Type.String(),
    name: Type.String(),
    /** The unit's total population (territorial_units.population, for comparison). */
    population: Nullable(Type.Integer({ minimum: 0 })),
    /** Municipalities the figures are summed over (1 for a municipality). */
    municipalities: Type.Integer({ minimum: 0 }),
    groups: Type.Array(
      Type.Object({
        ageGroup: Type.String({ description: 'Code of codelist age_group' }),
        population: Type.Integer({ minimum: 0 }),
        /** Municipalities with a figure for this group. */
        municipalities: Type.Integer({ minimum: 0 }),
        complete: Type.Boolean(),
        earliestDate: CalendarDate(),
        latestDate: CalendarDate(),
      }),
    ),
  },
  { $id: 'PopulationByAge' },
);
export type PopulationByAge = Static<typeof PopulationByAgeSchema>;
