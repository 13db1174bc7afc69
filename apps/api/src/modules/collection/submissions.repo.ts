import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { submissions } from '../../db/schema/index.ts';
import { arrayParam } from './submission-values.ts';

export type SubmissionRow = typeof submissions.$inferSelect;

/**
 * Locks submissions for a write (values or workflow), in id order so that two writers locking
 * overlapping sets cannot deadlock. Returns the locked rows by id; missing ids are absent.
 */
export async function lockSubmissions(
  tx: Db,
  ids: readonly string[],
): Promise<Map<string, SubmissionRow>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select()
    .from(submissions)
    .where(sql`${submissions.id} = any(${arrayParam([...new Set(ids)], 'uuid')})`)
    .orderBy(submissions.id)
    .for('update');
  return new Map(rows.map((r) => [r.id, r]));
}

/** One submission, optionally only within a scope condition (collection.access). */
export async function findSubmission(
  db: Db,
  id: string,
  scope?: SQL,
): Promise<SubmissionRow | undefined> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.id, id), scope));
  return row;
}

/** The submission of a respondent (by its public code) in a campaign, within a scope. */
export async function findSubmissionByRespondent(
  db: Db,
  campaignId: string,
  respondentCode: string,
  scopeCondition?: SQL,
): Promise<SubmissionRow | undefined> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.campaignId, campaignId),
        eq(submissions.respondentCode, respondentCode),
        scopeCondition,
      ),
    );
  return row;
}
