import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { FormDefinition } from '@socplan/contracts';
import { timestamps } from './columns.ts';
import { providers, services } from './network.ts';
import { territorialUnits } from './territory.ts';

/** A form template (its identity); what it asks lives in its versions. */
export const forms = pgTable(
  'forms',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    name: text().notNull(),
    nameEn: text(),
    description: text(),
    respondentKind: text().notNull(), // municipality | provider | service
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [unique('forms_code_key').on(t.code)],
);

/**
 * A version of a form: sections, fields and rules as one definition document. A draft is
 * edited in place; publishing freezes it for good (campaigns point at published versions).
 * At most one draft per form.
 */
export const formVersions = pgTable(
  'form_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    formId: uuid()
      .notNull()
      .references(() => forms.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    status: text().notNull().default('draft'), // draft | published
    definition: jsonb().$type<FormDefinition>().notNull(),
    publishedAt: timestamp({ withTimezone: true }),
    publishedBy: uuid(),
    publishedByName: text(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('form_versions_form_number_key').on(t.formId, t.number),
    uniqueIndex('form_versions_one_draft_idx')
      .on(t.formId)
      .where(sql`${t.status} = 'draft'`),
  ],
);

/**
 * A form version sent to respondents for a period. Opening fixes the respondents: one
 * submission row each (prefilled), so completeness, locking and the push API work on rows that
 * exist. One campaign per form and period.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    formId: uuid()
      .notNull()
      .references(() => forms.id, { onDelete: 'restrict' }),
    formVersionId: uuid()
      .notNull()
      .references(() => formVersions.id, { onDelete: 'restrict' }),
    periodKind: text().notNull(), // year | half | quarter
    year: integer().notNull(),
    periodNumber: integer(),
    /** `2025`, `2025-H1`, `2025-Q3`: sorts in time order within a kind. */
    period: text().notNull(),
    orpIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    serviceTypes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    opensOn: date({ mode: 'string' }).notNull(),
    deadline: date({ mode: 'string' }).notNull(),
    status: text().notNull().default('draft'), // draft | open | closed
    reminderDaysBefore: integer()
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    openedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdBy: uuid(),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('campaigns_form_period_key').on(t.formId, t.period),
    index('campaigns_form_version_idx').on(t.formVersionId),
    check('campaigns_deadline', sql`${t.deadline} >= ${t.opensOn}`),
  ],
);

/**
 * One respondent's answer to a campaign. The respondent is named by its public code (ČSÚ
 * municipality code, IČO, service identifier) and linked to what it is; `unit_id` places it in
 * the territory for scope (a municipality itself; a provider or service where it is based) and
 * `orp_id` groups completeness.
 */
export const submissions = pgTable(
  'submissions',
  {
    id: uuid().primaryKey().defaultRandom(),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    respondentKind: text().notNull(),
    respondentCode: text().notNull(),
    respondentName: text().notNull(),
    municipalityId: uuid().references(() => territorialUnits.id, { onDelete: 'restrict' }),
    providerId: uuid().references(() => providers.id, { onDelete: 'restrict' }),
    serviceId: uuid().references(() => services.id, { onDelete: 'restrict' }),
    unitId: uuid().references(() => territorialUnits.id, { onDelete: 'set null' }),
    orpId: uuid().references(() => territorialUnits.id, { onDelete: 'set null' }),
    /** A service respondent's type (peers for outliers are services of the same type). */
    serviceType: text(),
    status: text().notNull().default('draft'),
    /** Values stored now (0 = not started). */
    valueCount: integer().notNull().default(0),
    firstSubmittedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: uuid(),
    submittedByName: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: uuid(),
    reviewedByName: text(),
    approvedAt: timestamp({ withTimezone: true }),
    ...timestamps,
    version: integer().notNull().default(1),
  },
  (t) => [
    unique('submissions_campaign_respondent_key').on(t.campaignId, t.respondentCode),
    index('submissions_campaign_status_idx').on(t.campaignId, t.status),
    index('submissions_provider_idx').on(t.providerId),
    index('submissions_unit_idx').on(t.unitId),
  ],
);

/**
 * The current values of a submission, one row per value: a scalar field has `row` '', a table
 * cell has `field` = `table.column` and `row` = the row's code. Empty values have no row.
 */
export const submissionValues = pgTable(
  'submission_values',
  {
    submissionId: uuid()
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    field: text().notNull(),
    row: text().notNull().default(''),
    value: jsonb().notNull(),
    /** Prefilled when the campaign opened and not changed since. */
    prefilled: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.field, t.row] }),
    // The needs analysis reads the values of a form's measured fields field by field
    // (decision 0602); deduplicated, a few bytes per value.
    index('submission_values_field_idx').on(t.field),
  ],
);

/** One value's change within a write: `old` null = set for the first time, `new` null = cleared. */
export interface ValueChangeItem {
  field: string;
  row: string;
  old: unknown;
  new: unknown;
}

/**
 * Every write of a submission's values: who, when, through which channel, and each value it
 * changed (old and new) in write order. One row per write, not per value: a push of 5,000
 * values makes one row per submission it touched, so keeping the history costs a fraction of
 * writing the values (decision 0503). Append-only.
 */
export const submissionValueHistory = pgTable(
  'submission_value_history',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    submissionId: uuid()
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    changes: jsonb().$type<ValueChangeItem[]>().notNull(),
    principalId: uuid(),
    principalKind: text(),
    principalName: text(),
    channel: text().notNull(), // web | api | prefill
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('submission_value_history_submission_idx').on(t.submissionId, t.id)],
);

/** The steps of a submission's workflow: who moved it from which status to which, and why. */
export const submissionEvents = pgTable(
  'submission_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    submissionId: uuid()
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    action: text().notNull(),
    fromStatus: text().notNull(),
    toStatus: text().notNull(),
    principalId: uuid(),
    principalKind: text(),
    principalName: text(),
    channel: text().notNull(),
    note: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('submission_events_submission_idx').on(t.submissionId, t.id)],
);

/** Reviewers' comments, on the whole submission or on one field (and row) of it. */
export const submissionComments = pgTable(
  'submission_comments',
  {
    id: uuid().primaryKey().defaultRandom(),
    submissionId: uuid()
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    eventId: bigint({ mode: 'number' }).references(() => submissionEvents.id, {
      onDelete: 'set null',
    }),
    field: text(),
    row: text(),
    body: text().notNull(),
    authorId: uuid(),
    authorName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('submission_comments_submission_idx').on(t.submissionId)],
);

/** Reminders sent (by the reminder job) to respondents who had not submitted. */
export const campaignReminders = pgTable(
  'campaign_reminders',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    campaignId: uuid()
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    submissionId: uuid()
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    recipient: text().notNull(),
    trigger: text().notNull(), // scheduled | manual
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaign_reminders_campaign_idx').on(t.campaignId, t.submissionId)],
);

/**
 * Idempotency keys of machine clients' writes: the first request's answer is kept, so a retry
 * with the same key returns it and writes nothing. The row is inserted in the writing
 * transaction, so a concurrent retry waits for the first and then reads its answer.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principalId: uuid().notNull(),
    key: text().notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text().notNull(),
    statusCode: integer(),
    response: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.principalId, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
