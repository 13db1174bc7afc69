import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { planNodes } from '../../db/schema/index.ts';

/**
 * Codes of a plan's tree (`1`, `1.2`, `1.2.3`): the position of each live node among its live
 * siblings, dense from 1, joined with its ancestors' positions. Every write that changes the
 * shape of the tree (insert, move, delete, restore, import) ends with `renumberPlan` in the same
 * transaction, with the plan row locked, so codes are never seen half-updated or duplicated.
 */

export interface NumberedNode {
  id: string;
  parentId: string | null;
  position: number;
  code: string;
}

/** Where one node goes among its siblings (its parentId is already the new one). */
export interface Placement {
  id: string;
  /** 1-based; beyond the end means last. */
  position: number;
}

/** Plain code-unit order: codes, ids and codelist codes are ASCII (and localeCompare is slow). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Siblings in their stored order; ties (never after renumbering) by old code, then id. */
export const bySiblingOrder = (a: NumberedNode, b: NumberedNode): number =>
  a.position - b.position || compareText(a.code, b.code) || compareText(a.id, b.id);

/**
 * Dense positions and codes of the live nodes, keeping their order (position, then old code)
 * and putting `place` at its position. Nodes not reachable from a root are left out.
 */
export function numberTree(
  nodes: readonly NumberedNode[],
  place?: Placement,
): Map<string, { position: number; code: string }> {
  const childrenOf = new Map<string | null, NumberedNode[]>();
  for (const node of nodes) {
    if (node.id === place?.id) continue;
    const siblings = childrenOf.get(node.parentId);
    if (siblings) siblings.push(node);
    else childrenOf.set(node.parentId, [node]);
  }
  for (const siblings of childrenOf.values()) siblings.sort(bySiblingOrder);
  const placed = place && nodes.find((n) => n.id === place.id);
  if (placed) {
    const siblings = childrenOf.get(placed.parentId) ?? [];
    siblings.splice(Math.max(0, Math.min(place.position - 1, siblings.length)), 0, placed);
    childrenOf.set(placed.parentId, siblings);
  }

  const numbered = new Map<string, { position: number; code: string }>();
  const visit = (parentId: string | null, prefix: string) => {
    (childrenOf.get(parentId) ?? []).forEach((node, index) => {
      const code = `${prefix}${index + 1}`;
      numbered.set(node.id, { position: index + 1, code });
      visit(node.id, `${code}.`);
    });
  };
  visit(null, '');
  return numbered;
}

// Rows per UPDATE … FROM (VALUES …): three parameters each, well under PostgreSQL's 65,535.
const UPDATE_CHUNK = 5000;

/**
 * Renumbers the live nodes of a plan (and puts `place` where asked): one select and one update
 * of the rows whose position or code changed. Call it with the plan locked
 * (lockWritablePlan), after inserting, moving, deleting or restoring nodes.
 */
export async function renumberPlan(tx: Db, planId: string, place?: Placement): Promise<void> {
  const live = await tx
    .select({
      id: planNodes.id,
      parentId: planNodes.parentId,
      position: planNodes.position,
      code: planNodes.code,
    })
    .from(planNodes)
    .where(and(eq(planNodes.planId, planId), isNull(planNodes.deletedAt)));
  const numbered = numberTree(live, place);
  const changed = live.flatMap((node) => {
    const next = numbered.get(node.id);
    return next && (next.position !== node.position || next.code !== node.code)
      ? [{ id: node.id, ...next }]
      : [];
  });
  for (let i = 0; i < changed.length; i += UPDATE_CHUNK) {
    const rows = changed
      .slice(i, i + UPDATE_CHUNK)
      .map((row) => sql`(${row.id}::uuid, ${row.position}::integer, ${row.code}::text)`);
    // Renumbering is not an edit of the node: its version (the ETag a client holds) stays.
    await tx.execute(sql`update plan_nodes n
      set position = v.position, code = v.code, updated_at = now()
      from (values ${sql.join(rows, sql`, `)}) as v(id, position, code)
      where n.id = v.id`);
  }
}
