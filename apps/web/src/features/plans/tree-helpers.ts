import type { MovePlanNodeBody, PlanNodeLevel, PlanTreeNode } from '@socplan/contracts';

/** The level a node's children have; activities have none. */
export function childLevel(level: PlanNodeLevel): PlanNodeLevel | null {
  if (level === 'priority') return 'measure';
  if (level === 'measure') return 'activity';
  return null;
}

interface Place {
  node: PlanTreeNode;
  parentId: string | null;
  siblings: PlanTreeNode[];
}

/** Every node by id with its parent and siblings (in order). */
export function indexTree(nodes: PlanTreeNode[]): Map<string, Place> {
  const index = new Map<string, Place>();
  const visit = (list: PlanTreeNode[], parentId: string | null) => {
    for (const node of list) {
      index.set(node.id, { node, parentId, siblings: list });
      visit(node.children, node.id);
    }
  };
  visit(nodes, null);
  return index;
}

/** Ids of the nodes that have children (what "expand all" opens). */
export function parentIds(nodes: PlanTreeNode[]): string[] {
  return nodes.flatMap((node) =>
    node.children.length ? [node.id, ...parentIds(node.children)] : [],
  );
}

/** Where on a row a dragged node would land: above it, below it, or as its last child. */
export type DropZone = 'before' | 'after' | 'inside';

/**
 * The zone under the pointer: a row of the dragged node's level splits in halves (before /
 * after); a row one level up takes it inside; any other row takes nothing.
 */
export function dropZone(
  dragged: PlanNodeLevel,
  target: PlanNodeLevel,
  pointerRatio: number,
): DropZone | null {
  if (target === dragged) return pointerRatio < 0.5 ? 'before' : 'after';
  return childLevel(target) === dragged ? 'inside' : null;
}

/**
 * The move body for dropping `draggedId` at `zone` of `targetId` (positions count from 1 among
 * the new siblings, the dragged node left out), or null when the drop is not allowed or would
 * leave the node where it is. Levels are fixed, so a node never lands in its own subtree.
 */
export function dropTarget(
  index: Map<string, Place>,
  draggedId: string,
  targetId: string,
  zone: DropZone,
): MovePlanNodeBody | null {
  const dragged = index.get(draggedId);
  const target = index.get(targetId);
  if (!dragged || !target || draggedId === targetId) return null;
  let move: MovePlanNodeBody;
  if (zone === 'inside') {
    if (childLevel(target.node.level) !== dragged.node.level) return null;
    const others = target.node.children.filter((child) => child.id !== draggedId);
    move = { parentId: target.node.id, position: others.length + 1 };
  } else {
    if (target.node.level !== dragged.node.level) return null;
    const others = target.siblings.filter((sibling) => sibling.id !== draggedId);
    const at = others.findIndex((sibling) => sibling.id === targetId);
    move = { parentId: target.parentId, position: at + (zone === 'before' ? 1 : 2) };
  }
  return isCurrentPlace(dragged, move) ? null : move;
}

/** The move one step up (-1) or down (+1) among the siblings; null at either end. */
export function stepMove(
  index: Map<string, Place>,
  nodeId: string,
  step: -1 | 1,
): MovePlanNodeBody | null {
  const place = index.get(nodeId);
  if (!place) return null;
  const position = place.siblings.findIndex((s) => s.id === nodeId) + 1 + step;
  if (position < 1 || position > place.siblings.length) return null;
  return { parentId: place.parentId, position };
}

function isCurrentPlace(place: Place, move: MovePlanNodeBody): boolean {
  const current = place.siblings.findIndex((s) => s.id === place.node.id) + 1;
  return move.parentId === place.parentId && move.position === current;
}
