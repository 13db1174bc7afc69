import type { PlanCoordinator } from '@socplan/contracts';

/** The coordinator's name, or null when the plan names nobody (the region's weak spot). */
export const coordinatorName = (coordinator: PlanCoordinator | null): string | null =>
  coordinator?.name?.trim() || null;
