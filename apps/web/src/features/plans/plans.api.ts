import type {
  ApproveAmendmentBody,
  CreateActionPlanBody,
  CreatePlanBody,
  CreatePlanNodeBody,
  MovePlanNodeBody,
  Plan,
  PlanAttachment,
  PlanAttachmentList,
  PlanDiff,
  PlanImportReport,
  PlanList,
  PlanListQuery,
  PlanNode,
  PlanNodeDeletionList,
  PlanStatusBody,
  PlanTree,
  PlanVersionDetail,
  PlanVersionList,
  UpdatePlanBody,
  UpdatePlanNodeBody,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

const plan = (id: string) => `/api/plans/${id}`;
const node = (planId: string, nodeId: string) => `${plan(planId)}/nodes/${nodeId}`;

export const plansApi = {
  list: (query: PlanListQuery) => api.get<PlanList>('/api/plans', { ...query }),
  get: (id: string) => api.request<Plan>(plan(id)),
  create: (body: CreatePlanBody) => api.request<Plan>('/api/plans', { method: 'POST', body }),
  update: (id: string, body: UpdatePlanBody, ifMatch: string | null) =>
    api.request<Plan>(plan(id), { method: 'PATCH', body, ifMatch }),
  remove: (id: string, ifMatch: string | null) =>
    api.request<void>(plan(id), { method: 'DELETE', ifMatch }),
  setStatus: (id: string, body: PlanStatusBody, ifMatch: string | null) =>
    api.request<Plan>(`${plan(id)}/status`, { method: 'POST', body, ifMatch }),
  /** Opens an amendment: the tree becomes editable again as the next working version. */
  amend: (id: string, changeLog: string, ifMatch: string | null) =>
    api.request<Plan>(`${plan(id)}/amendments`, { method: 'POST', body: { changeLog }, ifMatch }),
  approveAmendment: (id: string, body: ApproveAmendmentBody, ifMatch: string | null) =>
    api.request<Plan>(`${plan(id)}/amendments/approve`, { method: 'POST', body, ifMatch }),
  versions: (id: string) => api.get<PlanVersionList>(`${plan(id)}/versions`),
  version: (id: string, number: number) =>
    api.get<PlanVersionDetail>(`${plan(id)}/versions/${number}`),
  /** `to` is a frozen version's number or "working" (the tree as it is now). */
  diff: (id: string, from: number, to: number | 'working') =>
    api.get<PlanDiff>(`${plan(id)}/diff`, { from, to }),
  createActionPlan: (id: string, body: CreateActionPlanBody) =>
    api.request<Plan>(`${plan(id)}/action-plans`, { method: 'POST', body }),
};

/** The plan's structure from a spreadsheet (docs/decisions/0403-plan-spreadsheet-import.md). */
export const planImportApi = {
  /** `dryRun` answers the same per-row report without writing. */
  run: (planId: string, file: Blob, contentType: string, dryRun: boolean) =>
    api.request<PlanImportReport>(`${plan(planId)}/import`, {
      method: 'POST',
      body: file,
      contentType,
      query: { dryRun },
    }),
  template: (format: 'csv' | 'xlsx') =>
    api.request<Blob>(`/api/plans/import-template.${format}`, { responseType: 'blob' }),
};

export const planTreeApi = {
  tree: (planId: string) => api.get<PlanTree>(`${plan(planId)}/tree`),
  create: (planId: string, body: CreatePlanNodeBody) =>
    api.request<PlanNode>(`${plan(planId)}/nodes`, { method: 'POST', body }),
  update: (planId: string, nodeId: string, body: UpdatePlanNodeBody, ifMatch: string) =>
    api.request<PlanNode>(node(planId, nodeId), { method: 'PATCH', body, ifMatch }),
  move: (planId: string, nodeId: string, body: MovePlanNodeBody, ifMatch: string) =>
    api.request<PlanNode>(`${node(planId, nodeId)}/move`, { method: 'POST', body, ifMatch }),
  remove: (planId: string, nodeId: string, ifMatch: string, confirm = false) =>
    api.request<void>(node(planId, nodeId), {
      method: 'DELETE',
      ifMatch,
      query: { confirm: confirm || undefined },
    }),
  deleted: (planId: string) => api.get<PlanNodeDeletionList>(`${plan(planId)}/deleted-nodes`),
  restore: (planId: string, nodeId: string) =>
    api.request<unknown>(`${node(planId, nodeId)}/restore`, { method: 'POST' }),
};

const attachments = (planId: string) => `${plan(planId)}/attachments`;

/** The plan's documents: links, and files uploaded as multipart and downloaded as they were. */
export const planAttachmentsApi = {
  list: (planId: string) => api.get<PlanAttachmentList>(attachments(planId)),
  addLink: (planId: string, name: string, url: string) =>
    api.request<PlanAttachment>(attachments(planId), {
      method: 'POST',
      body: { kind: 'link', name, url },
    }),
  addFile: (planId: string, name: string, file: File) => {
    const form = new FormData();
    // The API reads the name before the file's content.
    form.append('name', name);
    form.append('file', file);
    return api.request<PlanAttachment>(attachments(planId), { method: 'POST', body: form });
  },
  content: (planId: string, attachmentId: string) =>
    api.request<Blob>(`${attachments(planId)}/${attachmentId}/content`, { responseType: 'blob' }),
  remove: (planId: string, attachmentId: string) =>
    api.request<void>(`${attachments(planId)}/${attachmentId}`, { method: 'DELETE' }),
};
