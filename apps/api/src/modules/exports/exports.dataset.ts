import { sql, type SQL } from 'drizzle-orm';
import type { TObject } from 'typebox';
import type { Action } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';

/** What a dataset's query gets: who asks and, for effective-dated data, the day. */
export interface ExportContext {
  principal: AuthPrincipal;
  asOf: string;
}

/** One column of the unique, stable order that keyset paging walks (a primary key's columns). */
export interface KeyColumn {
  /** The expression in the dataset's FROM (e.g. `sv.submission_id`). */
  expr: SQL;
  /** How a cursor's text is cast back for the comparison (so an index on `expr` is used). */
  cast: 'uuid' | 'text' | 'int';
  /** A column joined equal to this one (`submissions.id` = `sv.submission_id`): bounded too. */
  joined?: SQL;
}

/**
 * One version of a dataset: its row schema and how to read its rows. The query is the parts of a
 * SELECT; the engine adds paging, `updatedSince` and tombstones around it. `columns` is the row
 * mapper: JSON field → SQL expression, rendered by PostgreSQL as one JSON text per row (so a
 * million rows stream without an object per row in the API). Its keys are the schema's.
 */
export interface DatasetVersion {
  version: string;
  schema: TObject;
  /** FROM … [JOIN …] of the rows, with aliases the other parts use. */
  from: (ctx: ExportContext) => SQL;
  /** WHERE conditions: the caller's scope and the dataset's own; undefined entries are skipped. */
  where: (ctx: ExportContext) => (SQL | undefined)[];
  columns: (ctx: ExportContext) => Record<string, SQL>;
  key: KeyColumn[];
  /** The row's id as text (tombstones carry the same), for the `updatedSince` order. */
  id: SQL;
  /** When the row last changed; null = the dataset does not support `updatedSince`. */
  updatedAt: SQL | null;
  /**
   * Rows deleted softly (plan nodes): left out of a full export, reported as tombstones to
   * `updatedSince` (their updatedAt is when they were deleted).
   */
  softDeleted?: SQL;
  /**
   * Run with PostgreSQL's JIT off: jsonb_array_elements makes the planner guess billions of
   * rows, and compiling would cost more than the query (the analysis' aggregates).
   */
  jitOff?: boolean;
  /** GROUP BY for aggregates. */
  groupBy?: SQL[];
}

export interface Dataset {
  name: string;
  title: string;
  /** The module's read permission: 403 without it. */
  permission: Action;
  /** Whether `asOf` selects the state of a day. */
  asOf: boolean;
  /** Oldest first; the last is the current version. */
  versions: DatasetVersion[];
}

/** `json_build_object('a', x, …)::text` of a column map. */
export const jsonRow = (columns: Record<string, SQL>): SQL =>
  sql`json_build_object(${sql.join(
    Object.entries(columns).map(([name, expr]) => sql`${sql.raw(`'${name}'`)}, ${expr}`),
    sql`, `,
  )})::text`;

/** The conditions given, each in parentheses, joined by `and`; `true` when none is. */
export const allOf = (conditions: (SQL | undefined)[]): SQL => {
  const present = conditions.filter((c): c is SQL => c !== undefined).map((c) => sql`(${c})`);
  return present.length ? sql.join(present, sql` and `) : sql`true`;
};
