import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { coveredUnitsSql, scopeFor, type Action } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';

/**
 * Which services a principal reaches for `action`, as a SQL condition on a service id column
 * (undefined = no limit). A provider reaches its own services; a coordinator or municipality
 * the services with a facility in its territory or serving it (current state). Other modules
 * (basic network, data collection) filter their rows through the service they belong to.
 */
export function serviceScopeCondition(
  principal: AuthPrincipal,
  action: Action,
  serviceIdColumn: AnyColumn | SQL,
): SQL | undefined {
  const scope = scopeFor(principal, action);
  if (scope.kind === 'all') return undefined;
  const reach: SQL[] = [];
  if (scope.providerIds.length) {
    reach.push(
      sql`select s.id from services s where s.provider_id in (${sql.join(
        scope.providerIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  }
  if (scope.unitIds.length) {
    const covered = coveredUnitsSql(scope.unitIds);
    reach.push(sql`select f.service_id from facilities f
      join territorial_units tu on tu.kind = 'municipality' and tu.code = f.municipality_code
      where tu.id in ${covered}`);
    reach.push(sql`select st.service_id from service_states st
      where st.valid_to is null and st.territory_unit_ids && array(${covered})`);
  }
  if (reach.length === 0) return sql`false`;
  return sql`${serviceIdColumn} in (${sql.join(reach, sql` union `)})`;
}
