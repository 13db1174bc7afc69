import type { PlanCoordinator, PlanKind, PlanStatus, UnitKind } from '@socplan/contracts';

/** The coordinator's name, or null when the plan names nobody (the region's weak spot). */
export const coordinatorName = (coordinator: PlanCoordinator | null): string | null =>
  coordinator?.name?.trim() || null;

// The contracts keep these next to their TypeBox schemas; importing them from there would put
// TypeBox into the bundle, so they are repeated here (as basic-network's workflow does).

/** Unit kinds a plan of each kind may be made for (PLAN_TERRITORY_KINDS). */
export const PLAN_TERRITORY_KINDS = {
  regional: ['region'],
  community: ['orp', 'planning_area', 'municipality'],
  action: ['region', 'orp', 'planning_area', 'municipality'],
} as const satisfies Record<PlanKind, readonly UnitKind[]>;

/** Where a plan may go from each status (PLAN_STATUS_TRANSITIONS). */
export const PLAN_STATUS_TRANSITIONS: Record<PlanStatus, readonly PlanStatus[]> = {
  draft: ['consultation'],
  consultation: ['draft', 'approved'],
  approved: ['in_force', 'archived'],
  in_force: ['expired', 'archived'],
  expired: ['archived'],
  archived: [],
};

/** Statuses in which an approved plan may be amended (AMENDABLE_PLAN_STATUSES). */
export const AMENDABLE_PLAN_STATUSES: readonly PlanStatus[] = ['approved', 'in_force'];

/** Problem type of a delete that needs `?confirm=true` (CONFIRMATION_REQUIRED_PROBLEM). */
export const CONFIRMATION_REQUIRED_PROBLEM = 'https://socplan.cz/problems/confirmation-required';
