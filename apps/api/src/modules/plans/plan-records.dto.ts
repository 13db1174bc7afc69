import type {
  Plan,
  PlanCoordinator,
  PlanHeader,
  PlanKind,
  PlanStatus,
  UnitKind,
} from '@socplan/contracts';
import { isEditable, type PlanRow } from './plans.access.ts';
import type { PlanDetailRow } from './plan-records.repo.ts';

/** Entity types of the plan records in the audit trail. */
export const PLAN_ENTITY = {
  plan: 'plan',
  version: 'plan_version',
  attachment: 'plan_attachment',
} as const;

/** Null when no coordinator is named at all (the region's overview counts those). */
function coordinatorOf(row: PlanRow): PlanCoordinator | null {
  const c = {
    userId: row.coordinatorUserId,
    name: row.coordinatorName,
    email: row.coordinatorEmail,
    phone: row.coordinatorPhone,
  };
  return Object.values(c).some((v) => v !== null) ? c : null;
}

/** The plan's header: the same for every reader, as a version freezes it. */
export function toPlanHeader({ plan, territory, parent }: PlanDetailRow): PlanHeader {
  return {
    id: plan.id,
    kind: plan.kind as PlanKind,
    title: plan.title,
    description: plan.description,
    territory: { ...territory, kind: territory.kind as UnitKind },
    yearFrom: plan.yearFrom,
    yearTo: plan.yearTo,
    parentPlan: parent ? { ...parent, kind: parent.kind as PlanKind } : null,
    status: plan.status as PlanStatus,
    approvalBody: plan.approvalBody,
    resolutionNumber: plan.resolutionNumber,
    approvedOn: plan.approvedOn,
    coordinator: coordinatorOf(plan),
    workingVersion: plan.workingVersion,
    approvedVersion: plan.approvedVersion,
    amendmentOpen: plan.approvedVersion !== null && plan.workingVersion > plan.approvedVersion,
    changeLog: plan.changeLog,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    version: plan.version,
  };
}

export const toPlanDto = (row: PlanDetailRow): Plan => ({
  ...toPlanHeader(row),
  editable: isEditable(row.plan),
  canWrite: row.canWrite,
});

/** What the audit trail keeps of a plan (no timestamps: the audit row has its own). */
export function planAuditSnapshot(row: PlanRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}
