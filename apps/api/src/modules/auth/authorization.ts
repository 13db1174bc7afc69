import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Role } from '@socplan/contracts';
import { PERMISSIONS, type Action } from '@socplan/contracts/constants';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../lib/errors.ts';
import type { AuthPrincipal, ScopedRole } from './principal.ts';

export { PERMISSIONS, type Action };

/** Roles whose scope is the whole region. */
const REGION_WIDE: ReadonlySet<Role> = new Set(['region_admin', 'region_staff', 'analyst']);

/** Which scopes a principal holds for an action: the whole region, or these units/providers. */
export type Scope = { kind: 'all' } | { kind: 'some'; unitIds: string[]; providerIds: string[] };

export function requirePrincipal(principal: AuthPrincipal | null): AuthPrincipal {
  if (!principal) throw new UnauthorizedError();
  return principal;
}

function grantingRoles(principal: AuthPrincipal, action: Action): ScopedRole[] {
  const allowed: readonly Role[] = PERMISSIONS[action];
  return principal.roles.filter((r) => allowed.includes(r.role));
}

/**
 * The scope in which `principal` may do `action`. Territory is reference data: a provider,
 * who has no territorial unit, reads it region-wide (see docs/decisions/0003).
 */
export function scopeFor(principal: AuthPrincipal, action: Action): Scope {
  const roles = grantingRoles(principal, action);
  if (roles.some((r) => REGION_WIDE.has(r.role))) return { kind: 'all' };
  if (action === 'territory.read' && roles.some((r) => r.role === 'provider'))
    return { kind: 'all' };
  return {
    kind: 'some',
    unitIds: roles.flatMap((r) => (r.territorialUnitId ? [r.territorialUnitId] : [])),
    providerIds: roles.flatMap((r) => (r.providerId ? [r.providerId] : [])),
  };
}

/** A string that is equal for two principals exactly when their scopes for `action` are. */
export function scopeKey(principal: AuthPrincipal, action: Action): string {
  const scope = scopeFor(principal, action);
  if (scope.kind === 'all') return 'all';
  return `${[...scope.unitIds].sort().join(',')}|${[...scope.providerIds].sort().join(',')}`;
}

export const may = (principal: AuthPrincipal, action: Action): boolean =>
  grantingRoles(principal, action).length > 0;

/** 403 unless some role of the principal grants the action (use after visibility gave 404s). */
export function assertMay(principal: AuthPrincipal, action: Action): void {
  if (!may(principal, action)) throw new ForbiddenError();
}

const uuidArray = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]::uuid[]`;

/**
 * The territorial units a set of assigned units covers: each unit, everything below it
 * (region → ORP → municipality) and the member municipalities of a planning area. A subquery
 * of `id`s, so list queries filter by scope in SQL.
 */
export function coveredUnitsSql(unitIds: string[]): SQL {
  if (unitIds.length === 0) return sql`(select null::uuid as id where false)`;
  const roots = uuidArray(unitIds);
  return sql`(
    with recursive covered(id) as (
      select id from territorial_units where id = any(${roots})
      union
      select m.municipality_id from planning_area_members m where m.planning_area_id = any(${roots})
      union
      select c.id from territorial_units c join covered on c.parent_id = covered.id
    ) select id from covered
  )`;
}

/** Units above the assigned ones (the ORP and region a coordinator works in), for context. */
export function ancestorUnitsSql(unitIds: string[]): SQL {
  if (unitIds.length === 0) return sql`(select null::uuid as id where false)`;
  return sql`(
    with recursive up(id, parent_id) as (
      select id, parent_id from territorial_units where id = any(${uuidArray(unitIds)})
      union
      select p.id, p.parent_id from territorial_units p join up on p.id = up.parent_id
    ) select id from up
  )`;
}

/** A WHERE condition restricting `unitColumn` to the principal's scope for `action` (undefined = no limit). */
export function unitScopeCondition(
  principal: AuthPrincipal,
  action: Action,
  unitColumn: AnyColumn | SQL,
): SQL | undefined {
  const scope = scopeFor(principal, action);
  if (scope.kind === 'all') return undefined;
  return sql`${unitColumn} in ${coveredUnitsSql(scope.unitIds)}`;
}

/** Visible resources that the caller may not see are reported as missing (no existence leak). */
export function notFoundUnless<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new NotFoundError();
  return value;
}
