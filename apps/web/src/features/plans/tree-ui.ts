import type { PlanTreeNode } from '@socplan/contracts';
import { computed, inject, provide, reactive, type InjectionKey } from 'vue';
import { usePlanStore } from './plan.store.ts';
import { dropZone, dropTarget, indexTree, stepMove, type DropZone } from './tree-helpers.ts';

/**
 * The tree's view state shared by all its rows: which nodes are open, whose details show,
 * which title is being edited, and the drag in progress with its drop hint.
 */
function createTreeUi() {
  const store = usePlanStore();
  const index = computed(() => indexTree(store.tree?.nodes ?? []));
  const state = reactive({
    expanded: new Set<string>(),
    details: new Set<string>(),
    editingTitle: null as string | null,
    dragging: null as string | null,
    drop: null as { id: string; zone: DropZone } | null,
    /** What a screen reader hears after a move. */
    announcement: '',
  });

  const toggle = (set: Set<string>, id: string) => (set.has(id) ? set.delete(id) : set.add(id));

  async function move(node: PlanTreeNode, target: ReturnType<typeof dropTarget>): Promise<void> {
    if (target && (await store.moveNode(node, target))) state.announcement = 'tree.moved';
  }

  return {
    state,
    index,
    toggle,
    /** Zone of a drag over a row, from the pointer's height in it; null: not a target. */
    zoneAt(target: PlanTreeNode, ratio: number): DropZone | null {
      const dragged = state.dragging ? index.value.get(state.dragging)?.node : undefined;
      if (!dragged || dragged.id === target.id) return null;
      return dropZone(dragged.level, target.level, ratio);
    },
    async drop(target: PlanTreeNode, zone: DropZone): Promise<void> {
      const dragged = state.dragging ? index.value.get(state.dragging)?.node : undefined;
      state.dragging = null;
      state.drop = null;
      if (dragged) await move(dragged, dropTarget(index.value, dragged.id, target.id, zone));
    },
    step: (node: PlanTreeNode, step: -1 | 1) => move(node, stepMove(index.value, node.id, step)),
    canStep: (node: PlanTreeNode, step: -1 | 1) => stepMove(index.value, node.id, step) !== null,
  };
}

export type TreeUi = ReturnType<typeof createTreeUi>;
const KEY: InjectionKey<TreeUi> = Symbol('plan-tree-ui');

export function provideTreeUi(): TreeUi {
  const ui = createTreeUi();
  provide(KEY, ui);
  return ui;
}

export function useTreeUi(): TreeUi {
  const ui = inject(KEY);
  if (!ui) throw new Error('useTreeUi outside a plan tree');
  return ui;
}
