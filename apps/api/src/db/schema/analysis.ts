import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';

/**
 * What capacity the region aims for: units of a service type (optionally of one form of
 * provision) per 1,000 inhabitants — of the whole population, or of an age group where a
 * population breakdown exists. Set by region staff; the analysis compares the network with it.
 */
export const capacityTargets = pgTable(
  'capacity_targets',
  {
    id: uuid().primaryKey().defaultRandom(),
    typeCode: text().notNull(),
    /** A form of provision (codelist `form`), or '' for every form of the type. */
    formCode: text().notNull().default(''),
    /** The capacity unit counted (codelist `capacity_unit`), e.g. beds, clients. */
    unit: text().notNull(),
    perThousand: numeric({ precision: 10, scale: 3 }).notNull(),
    /** 'total', or an age group code (codelist `age_group`) whose population is the base. */
    populationBase: text().notNull().default('total'),
    note: text(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('capacity_targets_type_form_unit_key').on(t.typeCode, t.formCode, t.unit),
    check('capacity_targets_positive', sql`${t.perThousand} >= 0`),
  ],
);

/**
 * Tombstones: what was deleted from an exported dataset and when, written by triggers
 * (migration 0009), so an analyst's mirror synced with `updatedSince` learns of deletions.
 * `entity_id` is the row's id (a value of a submission: `submissionId/field/row`).
 */
export const deletedRecords = pgTable(
  'deleted_records',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    entity: text().notNull(),
    entityId: text().notNull(),
    deletedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('deleted_records_entity_idx').on(t.entity, t.deletedAt, t.id)],
);

/**
 * Where the network's capacity sits on a day (decision 0602): each active service's shares of
 * its territories (`att_base` of capacity.attribution.ts), kept per day for the analyses. A day
 * is current while its `change_id` is the latest network or territory change (a trigger on
 * service_states, facilities, territorial_units and planning_area_members adds one, migration
 * 0013); a stale day is never read, the analyses compute it inline and refill it.
 */
export const capacityAttributionDays = pgTable('capacity_attribution_days', {
  day: date({ mode: 'string' }).primaryKey(),
  changeId: bigint({ mode: 'number' }).notNull(),
  /** Active services of the day without a place (serving only the whole region). */
  unplacedServices: integer().notNull().default(0),
  filledAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const capacityAttribution = pgTable(
  'capacity_attribution',
  {
    day: date({ mode: 'string' }).notNull(),
    serviceId: uuid().notNull(),
    /** Null: the whole ORP (a service serving it, spread over its municipalities on drill-down). */
    municipalityId: uuid(),
    orpId: uuid(),
    share: numeric().notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.day], foreignColumns: [capacityAttributionDays.day] }).onDelete(
      'cascade',
    ),
    index('capacity_attribution_day_idx').on(t.day),
  ],
);

/** The capacities of the day's active services (`caps` of capacity.attribution.ts). */
export const capacityAttributionCaps = pgTable(
  'capacity_attribution_caps',
  {
    day: date({ mode: 'string' }).notNull(),
    serviceId: uuid().notNull(),
    typeCode: text().notNull(),
    form: text(),
    unit: text(),
    count: numeric(),
  },
  (t) => [
    foreignKey({ columns: [t.day], foreignColumns: [capacityAttributionDays.day] }).onDelete(
      'cascade',
    ),
    index('capacity_attribution_caps_day_idx').on(t.day),
  ],
);

/** One row per statement that changed the network or the territory (written by triggers). */
export const capacityAttributionChanges = pgTable('capacity_attribution_changes', {
  id: bigserial({ mode: 'number' }).primaryKey(),
});
