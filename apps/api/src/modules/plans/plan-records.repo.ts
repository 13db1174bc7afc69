import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import {
  monitoringRounds,
  planNodes,
  plans,
  planVersions,
  territorialUnits,
  users,
} from '../../db/schema/index.ts';
import type { PlanRow } from './plans.access.ts';

export type NewPlanRow = typeof plans.$inferInsert;
export type PlanNodeRow = typeof planNodes.$inferSelect;
export type PlanVersionRow = typeof planVersions.$inferSelect;

const parent = alias(plans, 'parent_plan');
const unit = territorialUnits;

/** A plan with what its DTO names: its territory, its parent plan, and whether the caller writes it. */
export interface PlanDetailRow {
  plan: PlanRow;
  territory: { id: string; kind: string; name: string; code: string };
  parent: { id: string; title: string; kind: string } | null;
  canWrite: boolean;
}

/** `writable` is the caller's planWriteCondition (undefined = all plans). */
const detailSelection = (writable: SQL | undefined) => ({
  plan: plans,
  territory: { id: unit.id, kind: unit.kind, name: unit.name, code: unit.code },
  parent: { id: parent.id, title: parent.title, kind: parent.kind },
  canWrite: sql<boolean>`coalesce((${writable ?? sql`true`}), false)`,
});

const detailQuery = (db: Db, writable: SQL | undefined) =>
  db
    .select(detailSelection(writable))
    .from(plans)
    .innerJoin(unit, eq(unit.id, plans.territoryUnitId))
    .leftJoin(parent, eq(parent.id, plans.parentPlanId));

export async function listPlanRows(
  db: Db,
  params: {
    where: SQL | undefined;
    writable: SQL | undefined;
    orderBy: SQL[];
    limit: number;
    offset: number;
  },
): Promise<{ rows: PlanDetailRow[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    detailQuery(db, params.writable)
      .where(params.where)
      .orderBy(...params.orderBy)
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(plans).where(params.where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findPlanDetail(
  db: Db,
  id: string,
  where: SQL | undefined,
  writable: SQL | undefined,
): Promise<PlanDetailRow | undefined> {
  const [row] = await detailQuery(db, writable)
    .where(and(eq(plans.id, id), where))
    .limit(1);
  return row;
}

export async function insertPlan(tx: Db, values: NewPlanRow): Promise<PlanRow> {
  const [row] = await tx.insert(plans).values(values).returning();
  if (!row) throw new Error('plan insert returned nothing');
  return row;
}

export async function updatePlan(
  tx: Db,
  id: string,
  values: Partial<NewPlanRow>,
): Promise<PlanRow> {
  const [row] = await tx
    .update(plans)
    .set({ ...values, version: sql`${plans.version} + 1`, updatedAt: sql`now()` })
    .where(eq(plans.id, id))
    .returning();
  if (!row) throw new Error('plan update returned nothing');
  return row;
}

export async function deletePlan(tx: Db, id: string): Promise<void> {
  await tx.delete(plans).where(eq(plans.id, id));
}

export async function findUnit(db: Db, id: string, where?: SQL) {
  const [row] = await db
    .select({ id: unit.id, kind: unit.kind, name: unit.name })
    .from(unit)
    .where(and(eq(unit.id, id), where));
  return row;
}

export async function findUser(db: Db, id: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

/** What keeps a plan from being deleted: versions, monitoring rounds and plans that name it. */
export async function referencesTo(db: Db, id: string) {
  const [row] = await queryRows<{ versions: number; rounds: number; children: number }>(
    db,
    sql`select
      (select count(*)::int from ${planVersions} where ${planVersions.planId} = ${id}) as versions,
      (select count(*)::int from ${monitoringRounds} where ${monitoringRounds.planId} = ${id}) as rounds,
      (select count(*)::int from ${plans} where ${plans.parentPlanId} = ${id}) as children`,
  );
  return row ?? { versions: 0, rounds: 0, children: 0 };
}

/** Action plans of a plan whose years would fall outside `yearFrom`–`yearTo`. */
export async function childrenOutside(db: Db, id: string, yearFrom: number, yearTo: number) {
  return db
    .select({ id: plans.id, title: plans.title, yearFrom: plans.yearFrom, yearTo: plans.yearTo })
    .from(plans)
    .where(
      and(
        eq(plans.parentPlanId, id),
        eq(plans.kind, 'action'),
        sql`(${plans.yearFrom} < ${yearFrom} or ${plans.yearTo} > ${yearTo})`,
      ),
    )
    .orderBy(asc(plans.title));
}

/** Live nodes with a timeframe reaching outside `yearFrom`–`yearTo`. */
export async function nodesOutside(db: Db, id: string, yearFrom: number, yearTo: number) {
  return db
    .select({ code: planNodes.code })
    .from(planNodes)
    .where(
      and(
        eq(planNodes.planId, id),
        isNull(planNodes.deletedAt),
        sql`(${planNodes.yearFrom} < ${yearFrom} or ${planNodes.yearTo} > ${yearTo})`,
      ),
    )
    .orderBy(asc(planNodes.code));
}

/** The live tree of a plan (the working version), every node once. */
export async function liveNodes(db: Db, planId: string): Promise<PlanNodeRow[]> {
  return db
    .select()
    .from(planNodes)
    .where(and(eq(planNodes.planId, planId), isNull(planNodes.deletedAt)));
}

export async function versionRows(db: Db, planId: string) {
  return db
    .select({
      number: planVersions.number,
      changeLog: planVersions.changeLog,
      approvalBody: planVersions.approvalBody,
      resolutionNumber: planVersions.resolutionNumber,
      approvedOn: planVersions.approvedOn,
      frozenAt: planVersions.frozenAt,
      frozenBy: planVersions.frozenBy,
      frozenByName: planVersions.frozenByName,
    })
    .from(planVersions)
    .where(eq(planVersions.planId, planId))
    .orderBy(asc(planVersions.number));
}

export async function findVersion(
  db: Db,
  planId: string,
  number: number,
): Promise<PlanVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.number, number)));
  return row;
}

export async function insertVersion(
  tx: Db,
  values: typeof planVersions.$inferInsert,
): Promise<PlanVersionRow> {
  const [row] = await tx.insert(planVersions).values(values).returning();
  if (!row) throw new Error('plan version insert returned nothing');
  return row;
}
