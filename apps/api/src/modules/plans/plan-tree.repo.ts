import { and, count, eq, inArray, isNull, isNotNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { monitoringReports, planNodes, plans, serviceStates } from '../../db/schema/index.ts';
import type { PlanNodeRow } from './plan-tree.build.ts';
import type { PlanRow } from './plans.access.ts';

export type NewPlanNodeRow = typeof planNodes.$inferInsert;

/** The plan (when `readable` lets the caller read it) with the caller's `canWrite`. */
export async function findPlanWithRight(
  db: Db,
  id: string,
  readable: SQL | undefined,
  writable: SQL | undefined,
): Promise<{ plan: PlanRow; canWrite: boolean } | undefined> {
  const [row] = await db
    .select({
      plan: plans,
      canWrite: sql<boolean>`coalesce((${writable ?? sql`true`}), false)`,
    })
    .from(plans)
    .where(and(eq(plans.id, id), readable));
  return row;
}

/** Current names of the services (one query for the whole tree), limited to `visible`. */
export async function serviceNames(
  db: Db,
  ids: readonly string[],
  visible: SQL | undefined,
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: serviceStates.serviceId, name: serviceStates.name })
    .from(serviceStates)
    .where(and(inArray(serviceStates.serviceId, [...ids]), isNull(serviceStates.validTo), visible));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * A node of the plan; with `live`, only while not deleted. (Writers hold the plan row locked,
 * which guards its nodes too.)
 */
export async function findNode(
  db: Db,
  planId: string,
  nodeId: string,
  options: { live?: boolean } = {},
): Promise<PlanNodeRow | undefined> {
  const [row] = await db
    .select()
    .from(planNodes)
    .where(
      and(
        eq(planNodes.id, nodeId),
        eq(planNodes.planId, planId),
        options.live ? isNull(planNodes.deletedAt) : undefined,
      ),
    );
  return row;
}

/** The live nodes' shape (ids and parents), for subtrees and renumbering decisions. */
export async function liveShape(
  db: Db,
  planId: string,
): Promise<{ id: string; parentId: string | null }[]> {
  return db
    .select({ id: planNodes.id, parentId: planNodes.parentId })
    .from(planNodes)
    .where(and(eq(planNodes.planId, planId), isNull(planNodes.deletedAt)));
}

export async function insertNodes(tx: Db, values: NewPlanNodeRow[]): Promise<PlanNodeRow[]> {
  if (values.length === 0) return [];
  return tx.insert(planNodes).values(values).returning();
}

export async function updateNode(
  tx: Db,
  id: string,
  values: Partial<NewPlanNodeRow>,
): Promise<PlanNodeRow> {
  const [row] = await tx
    .update(planNodes)
    .set({ ...values, version: sql`${planNodes.version} + 1`, updatedAt: sql`now()` })
    .where(eq(planNodes.id, id))
    .returning();
  if (!row) throw new Error('plan node update returned nothing');
  return row;
}

/** How many monitoring reports the nodes have (a delete of them asks for confirmation). */
export async function reportCount(db: Db, nodeIds: readonly string[]): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(monitoringReports)
    .where(inArray(monitoringReports.nodeId, [...nodeIds]));
  return row?.n ?? 0;
}

export async function markDeleted(
  tx: Db,
  nodeIds: readonly string[],
  deletion: { deletionId: string; deletedBy: string },
): Promise<void> {
  await tx
    .update(planNodes)
    .set({ ...deletion, deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(inArray(planNodes.id, [...nodeIds]));
}

/** Brings back every node of a deletion; returns them. */
export async function undelete(tx: Db, deletionId: string): Promise<PlanNodeRow[]> {
  return tx
    .update(planNodes)
    .set({ deletedAt: null, deletedBy: null, deletionId: null, updatedAt: sql`now()` })
    .where(eq(planNodes.deletionId, deletionId))
    .returning();
}

const parentNode = alias(planNodes, 'parent_node');

/** The plan's deleted nodes, each with whether its parent is live (one query). */
export async function deletedNodes(db: Db, planId: string) {
  return db
    .select({
      id: planNodes.id,
      parentId: planNodes.parentId,
      level: planNodes.level,
      code: planNodes.code,
      title: planNodes.title,
      deletionId: planNodes.deletionId,
      deletedAt: planNodes.deletedAt,
      deletedBy: planNodes.deletedBy,
      parentLive: sql<boolean>`(${parentNode.id} is not null and ${parentNode.deletedAt} is null)`,
    })
    .from(planNodes)
    .leftJoin(parentNode, eq(parentNode.id, planNodes.parentId))
    .where(and(eq(planNodes.planId, planId), isNotNull(planNodes.deletionId)));
}
