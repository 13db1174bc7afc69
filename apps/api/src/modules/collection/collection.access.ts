import { sql, type SQL } from 'drizzle-orm';
import { PERMISSIONS, coveredUnitsSql, scopeFor, type Action } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { submissions } from '../../db/schema/index.ts';

/** Equal for two principals exactly when submissionScopeCondition gives them the same rows. */
export function submissionScopeKey(principal: AuthPrincipal, action: Action): string {
  if (scopeFor(principal, action).kind === 'all') return 'all';
  const allowed: readonly string[] = PERMISSIONS[action];
  return principal.roles
    .filter((r) => allowed.includes(r.role))
    .map((r) => `${r.role}:${r.territorialUnitId ?? ''}:${r.providerId ?? ''}`)
    .sort()
    .join(',');
}

/**
 * Which submissions a principal reaches for an action, as a WHERE condition (undefined = all):
 * a coordinator those placed in its territory (municipalities, providers and services there),
 * a municipality its own municipality's, a provider its own and its services'. Region-wide
 * roles reach all. A principal with none of these reaches nothing.
 */
export function submissionScopeCondition(
  principal: AuthPrincipal,
  action: Action,
): SQL | undefined {
  if (scopeFor(principal, action).kind === 'all') return undefined;
  const allowed: readonly string[] = PERMISSIONS[action];
  const roles = principal.roles.filter((r) => allowed.includes(r.role));
  const unitsOf = (role: string) =>
    roles.flatMap((r) => (r.role === role && r.territorialUnitId ? [r.territorialUnitId] : []));
  const coordinatorUnits = unitsOf('coordinator');
  const municipalityUnits = unitsOf('municipality');
  const providerIds = roles.flatMap((r) =>
    r.role === 'provider' && r.providerId ? [r.providerId] : [],
  );
  const conditions: SQL[] = [];
  if (coordinatorUnits.length)
    conditions.push(sql`${submissions.unitId} in ${coveredUnitsSql(coordinatorUnits)}`);
  if (municipalityUnits.length)
    conditions.push(sql`${submissions.municipalityId} in ${coveredUnitsSql(municipalityUnits)}`);
  if (providerIds.length)
    conditions.push(
      sql`${submissions.providerId} = any(${sql`array[${sql.join(
        providerIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}]::uuid[]`})`,
    );
  if (!conditions.length) return sql`false`;
  return sql`(${sql.join(conditions, sql` or `)})`;
}
