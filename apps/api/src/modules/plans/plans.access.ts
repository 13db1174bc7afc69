import { and, eq, isNotNull, notInArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PlanStatus } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { plans } from '../../db/schema/index.ts';
import { ConflictError, ForbiddenError } from '../../lib/errors.ts';
import {
  ancestorUnitsSql,
  assertMay,
  coveredUnitsSql,
  notFoundUnless,
  scopeFor,
} from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';

export type PlanRow = typeof plans.$inferSelect;

/**
 * Which plans a principal reads, as a condition on a plan's territory column: region-wide roles
 * all; a coordinator or municipality the plans of its territory and of anything inside it, of
 * the units above it (the ORP's, the regional plan) and of planning areas it takes part in.
 */
export function planReadCondition(
  principal: AuthPrincipal,
  territoryColumn: AnyColumn | SQL = plans.territoryUnitId,
): SQL | undefined {
  const scope = scopeFor(principal, 'plans.read');
  if (scope.kind === 'all') return undefined;
  if (scope.unitIds.length === 0) return sql`false`;
  const covered = coveredUnitsSql(scope.unitIds);
  return sql`(${territoryColumn} in ${covered}
    or ${territoryColumn} in ${ancestorUnitsSql(scope.unitIds)}
    or ${territoryColumn} in (select m.planning_area_id from planning_area_members m
      where m.municipality_id in ${covered}))`;
}

/** Which plans a principal writes: those whose territory lies within its own (undefined = all). */
export function planWriteCondition(
  principal: AuthPrincipal,
  territoryColumn: AnyColumn | SQL = plans.territoryUnitId,
): SQL | undefined {
  const scope = scopeFor(principal, 'plans.write');
  if (scope.kind === 'all') return undefined;
  if (scope.unitIds.length === 0) return sql`false`;
  return sql`${territoryColumn} in ${coveredUnitsSql(scope.unitIds)}`;
}

/** Statuses of a plan that is not (yet) approved: never in force, whatever its years. */
const UNAPPROVED: PlanStatus[] = ['draft', 'consultation'];

/**
 * A plan that was adopted and so is (or was) in force in the years of its period: it has an
 * approved version and has moved past consultation (expired and archived plans are history).
 * The plan list's `year` filter and the region overview both count plans by this.
 */
export const adoptedPlan: SQL = and(
  isNotNull(plans.approvedVersion),
  notInArray(plans.status, UNAPPROVED),
)!;

/** The tree of a plan may change while no version is approved or an amendment is open. */
export const isEditable = (plan: Pick<PlanRow, 'approvedVersion' | 'workingVersion'>): boolean =>
  plan.approvedVersion === null || plan.workingVersion > plan.approvedVersion;

/** A plan the principal reads, or 404. */
export async function findReadablePlan(
  db: Db,
  principal: AuthPrincipal,
  id: string,
): Promise<PlanRow> {
  assertMay(principal, 'plans.read');
  const [row] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.id, id), planReadCondition(principal)))
    .limit(1);
  return notFoundUnless(row);
}

/**
 * A plan the principal may write, locked for the transaction: 403 to a principal who reads no
 * plans at all (a provider), 404 when it cannot read this one, 403 when it reads but may not
 * write it. With `tree`, also 409 while its approved version is read-only (open an amendment).
 */
export async function lockWritablePlan(
  tx: Db,
  principal: AuthPrincipal,
  id: string,
  options: { tree?: boolean } = {},
): Promise<PlanRow> {
  assertMay(principal, 'plans.read');
  const [row] = await tx
    .select({
      plan: plans,
      writable: sql<boolean>`coalesce((${planWriteCondition(principal) ?? sql`true`}), false)`,
    })
    .from(plans)
    .where(and(eq(plans.id, id), planReadCondition(principal)))
    .for('update');
  const { plan, writable } = notFoundUnless(row);
  assertMay(principal, 'plans.write');
  if (!writable) throw new ForbiddenError();
  if (options.tree && !isEditable(plan))
    throw new ConflictError(
      `Version ${plan.approvedVersion} of this plan is approved and read-only; open an amendment to change it.`,
    );
  return plan;
}
