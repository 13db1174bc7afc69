import {
  type AnyPgColumn,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

export const territorialUnits = pgTable(
  'territorial_units',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(), // region | orp | municipality | planning_area (checked in service)
    code: text().notNull(),
    ruianCode: text(),
    name: text().notNull(),
    parentId: uuid().references((): AnyPgColumn => territorialUnits.id, { onDelete: 'restrict' }),
    population: integer(),
    populationDate: date({ mode: 'string' }),
    geometry: jsonb(),
    pointLat: doublePrecision(),
    pointLon: doublePrecision(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('territorial_units_kind_code_key').on(t.kind, t.code),
    index('territorial_units_parent_idx').on(t.parentId),
    index('territorial_units_kind_name_idx').on(t.kind, t.name),
  ],
);

/** Municipalities that make up a planning area (mikroregion, svazek obcí). */
export const planningAreaMembers = pgTable(
  'planning_area_members',
  {
    planningAreaId: uuid()
      .notNull()
      .references(() => territorialUnits.id, { onDelete: 'cascade' }),
    municipalityId: uuid()
      .notNull()
      .references(() => territorialUnits.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.planningAreaId, t.municipalityId] }),
    index('planning_area_members_municipality_idx').on(t.municipalityId),
  ],
);
