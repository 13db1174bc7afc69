import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Role } from '@socplan/contracts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../lib/errors.ts';
import type { AuthPrincipal, ScopedRole } from './principal.ts';

/**
 * What each role may do. Later modules add their actions here; this table is the one place
 * that answers "may role R do A" (scope is answered by the functions below).
 */
export const PERMISSIONS = {
  'territory.read': [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  'territory.write': ['region_admin'],
  'admin.users': ['region_admin'],
  'audit.read': ['region_admin'],
  'codelists.read': [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  'codelists.write': ['region_admin'],
  /** Providers, services, facilities: scoped (a provider its own, a coordinator its territory). */
  'network.read': [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  'network.write': ['region_admin', 'region_staff', 'provider'],
  /** Secret addresses (shelters) are seen by region staff only. */
  'network.secretAddresses': ['region_admin', 'region_staff'],
  'registry.import': ['region_admin', 'region_staff'],
  'basicNetwork.read': [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  /** Periods, decisions and the assess/approve/reject/change/remove workflow. */
  'basicNetwork.manage': ['region_admin', 'region_staff'],
  /** Asking for a service of one's own to enter the network. */
  'basicNetwork.request': ['region_admin', 'region_staff', 'provider'],
  'basicNetwork.comment': [
    'region_admin',
    'region_staff',
    'coordinator',
    'municipality',
    'provider',
  ],
  /** A municipality's statement of need on an entry in its territory. */
  'basicNetwork.statement': ['region_admin', 'region_staff', 'coordinator', 'municipality'],
  'financing.read': ['region_admin', 'region_staff', 'analyst'],
  'financing.write': ['region_admin', 'region_staff'],
  /** Plans: a coordinator or municipality reads those covering its territory (and the region's). */
  'plans.read': ['region_admin', 'region_staff', 'analyst', 'coordinator', 'municipality'],
  /** Plans, their trees, versions and attachments: a coordinator in its territory only. */
  'plans.write': ['region_admin', 'region_staff', 'coordinator'],
  /** Entering monitoring reports of a plan one may write. */
  'monitoring.report': ['region_admin', 'region_staff', 'coordinator'],
  /** Accepting or returning submitted reports. */
  'monitoring.review': ['region_admin', 'region_staff', 'coordinator'],
  'evaluations.read': ['region_admin', 'region_staff', 'analyst', 'coordinator'],
  'evaluations.write': ['region_admin', 'region_staff'],
  /** Form templates, their versions and campaigns (region-wide). */
  'collection.manage': ['region_admin', 'region_staff'],
  /**
   * Campaigns and submissions: region-wide roles all, a coordinator its territory's, a
   * municipality its own, a provider its own and its services'.
   */
  'collection.read': [
    'region_admin',
    'region_staff',
    'analyst',
    'coordinator',
    'municipality',
    'provider',
  ],
  /** Entering, pushing and submitting one's own submissions (region staff on behalf of others). */
  'collection.respond': ['region_admin', 'region_staff', 'municipality', 'provider'],
  /** Returning, approving and reopening submissions. */
  'collection.review': ['region_admin', 'region_staff'],
} as const satisfies Record<string, readonly Role[]>;
export type Action = keyof typeof PERMISSIONS;

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
