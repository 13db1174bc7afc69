import type {
  ApproveAmendmentBody,
  MovePlanNodeBody,
  Plan,
  PlanNodeDeletion,
  PlanStatusBody,
  PlanTree,
  PlanTreeNode,
  UpdatePlanBody,
  UpdatePlanNodeBody,
} from '@socplan/contracts';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { etagOf, isApiError, type ApiResponse } from '../../shared/api/index.ts';
import { planTreeApi, plansApi } from './plans.api.ts';
import { CONFIRMATION_REQUIRED_PROBLEM } from '@socplan/contracts/constants';
import { useAction } from './use-action.ts';

/** What deleting a node came to: done, or the API asks to confirm (the node has reports). */
export type RemoveOutcome = 'removed' | 'confirm' | 'failed';

/**
 * The plan on its page: the record (with its ETag for header writes), its tree, and every
 * write to either. Node writes send the node's version as If-Match; after each write the tree
 * is read again, so codes and roll-ups always come from the API.
 */
export const usePlanStore = defineStore('plan', () => {
  const plan = shallowRef<Plan | null>(null);
  const etag = ref<string | null>(null);
  const tree = shallowRef<PlanTree | null>(null);
  const deleted = shallowRef<PlanNodeDeletion[]>([]);
  const loadError = shallowRef<unknown>(null);
  const { busy, error, run } = useAction();
  let planId = '';

  function applyPlan(response: ApiResponse<Plan>): void {
    plan.value = response.data;
    etag.value = response.etag ?? etagOf(response.data.version);
  }

  async function load(id: string): Promise<void> {
    planId = id;
    loadError.value = null;
    error.value = null;
    if (plan.value?.id !== id) {
      plan.value = null;
      tree.value = null;
      deleted.value = [];
    }
    // The record shows even when the tree cannot be read; the tree's error shows below it.
    const [record, nodes] = await Promise.allSettled([plansApi.get(id), planTreeApi.tree(id)]);
    if (planId !== id) return;
    if (record.status === 'rejected') {
      loadError.value = record.reason;
      return;
    }
    applyPlan(record.value);
    if (nodes.status === 'fulfilled') tree.value = nodes.value;
    else error.value = nodes.reason;
  }

  async function reloadTree(): Promise<void> {
    tree.value = await planTreeApi.tree(planId);
  }

  /** A header write; the tree is read again too (editability follows the status). */
  const writePlan = (write: (ifMatch: string | null) => Promise<ApiResponse<Plan>>) =>
    run(async () => {
      applyPlan(await write(etag.value));
      await reloadTree();
    });

  const nodeEtag = (node: Pick<PlanTreeNode, 'version'>) => etagOf(node.version);

  async function removeNode(node: PlanTreeNode, confirmed: boolean): Promise<RemoveOutcome> {
    const done = await run(async () => {
      await planTreeApi.remove(planId, node.id, nodeEtag(node), confirmed);
      await Promise.all([reloadTree(), loadDeleted()]);
    });
    if (done) return 'removed';
    if (
      !confirmed &&
      isApiError(error.value) &&
      error.value.type === CONFIRMATION_REQUIRED_PROBLEM
    ) {
      error.value = null;
      return 'confirm';
    }
    return 'failed';
  }

  async function loadDeleted(): Promise<void> {
    deleted.value = (await planTreeApi.deleted(planId)).items;
  }

  return {
    plan,
    tree,
    deleted,
    loadError,
    error,
    busy,
    load,
    loadDeleted: () => run(loadDeleted),
    update: (body: UpdatePlanBody) => writePlan((m) => plansApi.update(planId, body, m)),
    setStatus: (body: PlanStatusBody) => writePlan((m) => plansApi.setStatus(planId, body, m)),
    amend: (changeLog: string) => writePlan((m) => plansApi.amend(planId, changeLog, m)),
    approveAmendment: (body: ApproveAmendmentBody) =>
      writePlan((m) => plansApi.approveAmendment(planId, body, m)),
    addNode: (parentId: string | null, title: string, position?: number) =>
      run(async () => {
        await planTreeApi.create(planId, { parentId, title, position });
        await reloadTree();
      }),
    updateNode: (node: PlanTreeNode, body: UpdatePlanNodeBody) =>
      run(async () => {
        await planTreeApi.update(planId, node.id, body, nodeEtag(node));
        await reloadTree();
      }),
    moveNode: (node: PlanTreeNode, target: MovePlanNodeBody) =>
      run(async () => {
        await planTreeApi.move(planId, node.id, target, nodeEtag(node));
        await reloadTree();
      }),
    removeNode,
    restoreNode: (nodeId: string) =>
      run(async () => {
        await planTreeApi.restore(planId, nodeId);
        await Promise.all([reloadTree(), loadDeleted()]);
      }),
  };
});
