import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { ForbiddenError } from '../../lib/errors.ts';
import { validOnSql } from '../../lib/validity.ts';
import { assertMay, coveredUnitsSql, scopeFor, type Action } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * The units a service must name in its territory served to reach `unitIds`: the units they
 * cover (everything inside, planning-area members) and every unit above those. A service
 * serving the whole region serves each of its ORPs and municipalities.
 */
function reachingUnitsSql(unitIds: string[]): SQL {
  return sql`(
    with recursive up(id, parent_id) as (
      select id, parent_id from territorial_units where id in ${coveredUnitsSql(unitIds)}
      union
      select p.id, p.parent_id from territorial_units p join up on p.id = up.parent_id
    ) select id from up
  )`;
}

/**
 * Services with a facility in the territory of `unitIds` (or anything inside it): facilities are
 * placed by their municipality code. With `day`, only facilities operating that day count.
 */
function servicesWithFacilityInSql(unitIds: string[], day?: string): SQL {
  return sql`(select f.service_id from facilities f
    join territorial_units tu on tu.kind = 'municipality' and tu.code = f.municipality_code
    where tu.id in ${coveredUnitsSql(unitIds)}${
      day ? sql` and ${validOnSql(sql`f.valid_from`, sql`f.valid_to`, day)}` : sql``
    })`;
}

/** A text[]/uuid[] column overlapping the units that reach `unitIds`. */
const servesUnitsSql = (territoryColumn: AnyColumn | SQL, unitIds: string[]): SQL =>
  sql`${territoryColumn} && array${reachingUnitsSql(unitIds)}`;

/**
 * Which services a principal reaches for `action`, as a SQL condition on a service id column
 * (undefined = no limit). A provider reaches its own services; a coordinator or municipality
 * the services with a facility in its territory (at any time) or whose current territory served
 * reaches it (includes it, a unit inside it, or a unit above it such as the whole region).
 * Other modules (basic network, data collection) filter their rows through the service they
 * belong to.
 */
export function serviceScopeCondition(
  principal: AuthPrincipal,
  action: Action,
  serviceIdColumn: AnyColumn | SQL,
): SQL | undefined {
  const scope = scopeFor(principal, action);
  if (scope.kind === 'all') return undefined;
  const reach: SQL[] = [];
  if (scope.providerIds.length)
    reach.push(
      sql`select s.id from services s where s.provider_id in (${uuidList(scope.providerIds)})`,
    );
  if (scope.unitIds.length) {
    reach.push(sql`select * from ${servicesWithFacilityInSql(scope.unitIds)} facility_reach`);
    reach.push(sql`select st.service_id from service_states st
      where st.valid_to is null and ${servesUnitsSql(sql`st.territory_unit_ids`, scope.unitIds)}`);
  }
  if (reach.length === 0) return sql`false`;
  return sql`${serviceIdColumn} in (${sql.join(reach, sql` union `)})`;
}

/**
 * Which providers a principal reaches: its own (a provider role), and the providers of every
 * service it reaches (a coordinator sees who provides services in its territory).
 */
export function providerScopeCondition(
  principal: AuthPrincipal,
  action: Action,
  providerIdColumn: AnyColumn | SQL,
): SQL | undefined {
  const scope = scopeFor(principal, action);
  if (scope.kind === 'all') return undefined;
  const reach: SQL[] = [];
  if (scope.providerIds.length)
    reach.push(sql`${providerIdColumn} in (${uuidList(scope.providerIds)})`);
  const services = serviceScopeCondition(principal, action, sql`s.id`);
  if (scope.unitIds.length && services)
    reach.push(
      sql`${providerIdColumn} in (select s.provider_id from services s where ${services})`,
    );
  if (reach.length === 0) return sql`false`;
  return sql`(${sql.join(reach, sql` or `)})`;
}

/**
 * 403 unless the principal may write the network records of `providerId`: region staff any,
 * a provider its own. Call after the record was found visible (else it is a 404).
 */
export function assertNetworkWritable(principal: AuthPrincipal, providerId: string): void {
  assertMay(principal, 'network.write');
  const scope = scopeFor(principal, 'network.write');
  if (scope.kind === 'all' || scope.providerIds.includes(providerId)) return;
  throw new ForbiddenError();
}

/** 403 unless the principal writes the network region-wide (creating providers, moving services). */
export function assertRegionWideWriter(principal: AuthPrincipal): void {
  assertMay(principal, 'network.write');
  if (scopeFor(principal, 'network.write').kind !== 'all') throw new ForbiddenError();
}
