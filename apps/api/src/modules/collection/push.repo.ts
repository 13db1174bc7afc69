import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { submissions } from '../../db/schema/index.ts';
import { arrayParam } from './submission-values.ts';

/**
 * The ids of a campaign's submissions of these respondents (by public code) that `scope`
 * reaches, in one query: respondents that are unknown or outside it are simply absent.
 */
export async function findSubmissionIdsByRespondents(
  db: Db,
  campaignId: string,
  respondentCodes: readonly string[],
  scope: SQL | undefined,
): Promise<Map<string, string>> {
  if (!respondentCodes.length) return new Map();
  const rows = await db
    .select({ id: submissions.id, code: submissions.respondentCode })
    .from(submissions)
    .where(
      and(
        eq(submissions.campaignId, campaignId),
        sql`${submissions.respondentCode} = any(${arrayParam([...new Set(respondentCodes)], 'text')})`,
        scope,
      ),
    );
  return new Map(rows.map((r) => [r.code, r.id]));
}
