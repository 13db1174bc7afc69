import { timestamp } from 'drizzle-orm/pg-core';

/** Creation and last-change times of a row (the service layer sets updatedAt on writes). */
export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};
