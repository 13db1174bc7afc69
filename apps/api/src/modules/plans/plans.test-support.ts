import type { PlanKind, PlanStatus } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { plans } from '../../db/schema/index.ts';

/** A plan row straight in the database (tests of trees, monitoring, scope). */
export async function createPlan(
  db: Db,
  options: {
    territoryUnitId: string;
    kind?: PlanKind;
    title?: string;
    yearFrom?: number;
    yearTo?: number;
    status?: PlanStatus;
    parentPlanId?: string | null;
    approvedVersion?: number | null;
    workingVersion?: number;
  },
): Promise<string> {
  const [row] = await db
    .insert(plans)
    .values({
      kind: options.kind ?? 'community',
      title: options.title ?? 'Komunitní plán sociálních služeb',
      territoryUnitId: options.territoryUnitId,
      yearFrom: options.yearFrom ?? 2024,
      yearTo: options.yearTo ?? 2026,
      status: options.status ?? 'draft',
      parentPlanId: options.parentPlanId ?? null,
      approvedVersion: options.approvedVersion ?? null,
      workingVersion: options.workingVersion ?? 1,
    })
    .returning({ id: plans.id });
  return row!.id;
}
