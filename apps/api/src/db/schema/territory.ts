import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
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

/**
 * Population of a municipality by age group (codelist `age_group`) on a date: the base of
 * capacity targets set per 1,000 of an age group (decision 0602). Only municipalities hold
 * rows; an ORP's or the region's figure is the sum of its municipalities'. The registry's age
 * groups overlap (7–12 and 11–15), so the rows need not add up to the total population.
 */
export const populationByAge = pgTable(
  'population_by_age',
  {
    unitId: uuid()
      .notNull()
      .references(() => territorialUnits.id, { onDelete: 'cascade' }),
    ageGroup: text().notNull(),
    population: integer().notNull(),
    populationDate: date({ mode: 'string' }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.ageGroup] }),
    check('population_by_age_population_check', sql`${t.population} >= 0`),
  ],
);
