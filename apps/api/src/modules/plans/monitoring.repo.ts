import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  codelistItems,
  monitoringReports,
  monitoringRounds,
  planNodes,
} from '../../db/schema/index.ts';

export type RoundRow = typeof monitoringRounds.$inferSelect;
export type ReportRow = typeof monitoringReports.$inferSelect;
export type NodeRow = Pick<
  typeof planNodes.$inferSelect,
  'id' | 'parentId' | 'level' | 'position' | 'code' | 'title' | 'costs' | 'funding' | 'indicators'
>;

const r = monitoringRounds;
const m = monitoringReports;
const n = planNodes;

export async function findRoundRow(
  db: Db,
  id: string,
  lock = false,
): Promise<RoundRow | undefined> {
  const query = db.select().from(r).where(eq(r.id, id));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

/** A plan's rounds, oldest period first. */
export const roundRowsOfPlan = (db: Db, planId: string): Promise<RoundRow[]> =>
  db.select().from(r).where(eq(r.planId, planId)).orderBy(asc(r.year), asc(r.half), asc(r.id));

/** How many reports of each round are in each review status (one query for many rounds). */
export async function reviewCounts(
  db: Db,
  roundIds: string[],
): Promise<{ roundId: string; reviewStatus: string; n: number }[]> {
  if (roundIds.length === 0) return [];
  return db
    .select({ roundId: m.roundId, reviewStatus: m.reviewStatus, n: count() })
    .from(m)
    .where(inArray(m.roundId, roundIds))
    .groupBy(m.roundId, m.reviewStatus);
}

const nodeColumns = {
  id: n.id,
  parentId: n.parentId,
  level: n.level,
  position: n.position,
  code: n.code,
  title: n.title,
  costs: n.costs,
  funding: n.funding,
  indicators: n.indicators,
};

/** The live nodes of a plan (soft-deleted subtrees left out). */
export const liveNodeRows = (db: Db, planId: string): Promise<NodeRow[]> =>
  db
    .select(nodeColumns)
    .from(n)
    .where(and(eq(n.planId, planId), isNull(n.deletedAt)));

/** The reports of some rounds (all of a plan's for a timeline: one query, not one per round). */
export async function reportRowsOfRounds(db: Db, roundIds: string[]): Promise<ReportRow[]> {
  if (roundIds.length === 0) return [];
  return db.select().from(m).where(inArray(m.roundId, roundIds));
}

export async function findReportRow(
  db: Db,
  roundId: string,
  nodeId: string,
  lock = false,
): Promise<ReportRow | undefined> {
  const query = db
    .select()
    .from(m)
    .where(and(eq(m.roundId, roundId), eq(m.nodeId, nodeId)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

/** Codes of the funding_source codelist valid on some day of `year`. */
export async function fundingSourceCodesIn(db: Db, year: number): Promise<Set<string>> {
  const c = codelistItems;
  const rows = await db
    .selectDistinct({ code: c.code })
    .from(c)
    .where(
      and(
        eq(c.codelist, 'funding_source'),
        sql`(${c.validFrom} is null or ${c.validFrom} <= ${`${year}-12-31`}::date)`,
        sql`(${c.validTo} is null or ${c.validTo} > ${`${year}-01-01`}::date)`,
      ),
    );
  return new Set(rows.map((row) => row.code));
}
