import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { providers } from './network.ts';
import { territorialUnits } from './territory.ts';

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

/** Machine clients of municipal and provider information systems (client-credentials). */
export const apiClients = pgTable('api_clients', {
  id: uuid().primaryKey().defaultRandom(),
  clientId: text().notNull().unique(),
  name: text().notNull(),
  secretHash: text().notNull(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp({ withTimezone: true }),
  version: integer().notNull().default(1),
});

/**
 * A role bound to a scope, held by a user or an API client. Region-wide roles have no unit;
 * coordinator/municipality name a territorial unit; provider names a provider.
 */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    apiClientId: uuid().references(() => apiClients.id, { onDelete: 'cascade' }),
    role: text().notNull(),
    territorialUnitId: uuid().references(() => territorialUnits.id, { onDelete: 'restrict' }),
    providerId: uuid().references(() => providers.id, { onDelete: 'restrict' }),
  },
  (t) => [
    index('role_assignments_user_idx').on(t.userId),
    index('role_assignments_client_idx').on(t.apiClientId),
    check('role_assignments_one_holder', sql`(${t.userId} is null) <> (${t.apiClientId} is null)`),
  ],
);

/** Rotating refresh tokens; a reused (already rotated) token revokes its whole family. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid().notNull(),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId)],
);
