import { sql, type SQL } from 'drizzle-orm';
import type { RegistryChangeCounts, RegistryEntity } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';

/**
 * The diff of a staged file against the network, computed set-based in SQL: every statement
 * handles all rows of an entity at once. A stored row is put in the same canonical JSON shape
 * as the staged record, and a field differs when its JSON values differ. Only the fields the
 * staged record has are compared: what the registry does not know (FTE, a territory served it
 * does not give, a region's suspension) is never reported nor overwritten.
 */

/** Staged rows of one entity of this import. */
const staged = (importId: string, entity: RegistryEntity) =>
  sql`(select key, item_index, data, extra from registry_import_staging
       where import_id = ${importId} and entity = ${entity})`;

/** `[{field, before, after}]` for the staged fields whose value differs from `cur` (null: none). */
const changedFields = (stagedData: SQL, current: SQL) =>
  sql`(select jsonb_agg(jsonb_build_object('field', e.key, 'before', ${current} -> e.key, 'after', e.value) order by e.key)
       from jsonb_each(${stagedData}) e where e.value is distinct from ${current} -> e.key)`;

/**
 * A stored service's current state in the shape of ServiceData. Forms and arrays are compared
 * as stored: every writer keeps them canonical (forms by code, capacities by unit, arrays sorted
 * and unique — the importer here, the network's own writes in services.write.ts). A value stored
 * otherwise shows as a change once and is written canonical by that apply.
 */
const CURRENT_SERVICES = sql`(
  select s.id, s.registry_portal_id::text as key, st.status,
    jsonb_build_object(
      'providerIco', p.ico,
      'identifier', s.registry_identifier,
      'typeCode', st.type_code,
      'name', st.name,
      -- the registry cannot know a suspension: a suspended service is active to it
      'status', case when st.status = 'suspended' then 'active' else st.status end,
      'registeredFrom', st.registered_from,
      'registeredTo', st.registered_to,
      'forms', st.forms,
      'targetGroups', to_jsonb(st.target_groups),
      'ageGroups', to_jsonb(st.age_groups),
      'territoryUnitIds', to_jsonb(st.territory_unit_ids),
      'email', st.email,
      'phone', st.phone,
      'web', st.web) as data
  from services s
  join providers p on p.id = s.provider_id
  left join service_states st on st.service_id = s.id and st.valid_to is null
  where s.registry_portal_id is not null
)`;

export interface DiffResult {
  changes: Record<RegistryEntity, RegistryChangeCounts>;
  byType: Record<string, number>;
  byOrp: Record<string, number>;
  unknownMunicipalities: string[];
}

/** Runs every step of the diff for an import whose file has been staged. */
export async function computeDiff(
  db: Db,
  importId: string,
  effectiveDate: string,
): Promise<DiffResult> {
  await rejectDuplicatePortalIds(db, importId);
  await warnDuplicateIdentifiers(db, importId);
  await diffProviders(db, importId);
  await diffServices(db, importId);
  await diffFacilities(db, importId, effectiveDate);
  await warnAbsentServices(db, importId);
  const unknownMunicipalities = await warnUnknownMunicipalities(db, importId);
  const result: DiffResult = {
    changes: await countChanges(db, importId),
    byType: await countByType(db, importId),
    byOrp: await countByOrp(db, importId, effectiveDate),
    unknownMunicipalities,
  };
  await db.execute(sql`delete from registry_import_staging where import_id = ${importId}`);
  return result;
}

/**
 * A portalId in more than one item (§10.10 allows repeated identifiers, not repeated portalIds):
 * which item is right is not ours to guess, so all of them are skipped with an error.
 */
async function rejectDuplicatePortalIds(db: Db, importId: string) {
  const dup = sql`(select key from ${staged(importId, 'service')} s group by key having count(*) > 1)`;
  await db.execute(sql`
    insert into registry_import_issues (import_id, severity, item_index, identifier, reason)
    select ${importId}::uuid, 'error', s.item_index, coalesce(s.data->>'identifier', 'portalId ' || s.key),
      'the portalId ' || s.key || ' appears in more than one item (items ' ||
      (select string_agg(o.item_index::text, ', ' order by o.item_index) from ${staged(importId, 'service')} o where o.key = s.key) ||
      '); all of them skipped'
    from ${staged(importId, 'service')} s where s.key in ${dup}`);
  await db.execute(sql`
    delete from registry_import_staging s
    where s.import_id = ${importId} and s.entity in ('service', 'facility')
      and (case when s.entity = 'service' then s.key else s.extra->>'portalId' end) in ${dup}`);
  // A provider staged only from skipped items is not imported either.
  await db.execute(sql`
    delete from registry_import_staging p
    where p.import_id = ${importId} and p.entity = 'provider'
      and p.key not in (select s.data->>'providerIco' from ${staged(importId, 'service')} s)`);
}

/** The same identifier in several registrations (e.g. a historical and a current one): noted. */
async function warnDuplicateIdentifiers(db: Db, importId: string) {
  await db.execute(sql`
    with dup as (
      select data->>'identifier' as identifier, string_agg(key, ', ' order by key) as portal_ids
      from ${staged(importId, 'service')} s
      where data->>'identifier' is not null
      group by 1 having count(*) > 1
    )
    insert into registry_import_issues (import_id, severity, item_index, identifier, reason)
    select ${importId}::uuid, 'warning', s.item_index, dup.identifier,
      'the identifier ' || dup.identifier || ' appears in several registrations (portalIds ' ||
      dup.portal_ids || '); each is imported as its own registration'
    from ${staged(importId, 'service')} s join dup on dup.identifier = s.data->>'identifier'`);
}

async function diffProviders(db: Db, importId: string) {
  await db.execute(sql`
    with cur as (
      select p.id, p.ico as key, jsonb_build_object(
        'icoValid', p.ico_valid, 'name', p.name, 'address', p.address,
        'email', p.email, 'phone', p.phone, 'web', p.web) as data
      from providers p
    ), d as (
      select stg.key, stg.data, stg.extra, cur.id,
        case when cur.id is null then null else ${changedFields(sql`stg.data`, sql`cur.data`)} end as fields
      from ${staged(importId, 'provider')} stg left join cur on cur.key = stg.key
    )
    insert into registry_import_changes (import_id, entity, change, key, label, fields, data)
    select ${importId}::uuid, 'provider', case when id is null then 'new' else 'changed' end, key,
      data->>'name', fields,
      jsonb_build_object('id', coalesce(id, gen_random_uuid()), 'record', data, 'extra', extra)
    from d where id is null or fields is not null`);
}

async function diffServices(db: Db, importId: string) {
  await db.execute(sql`
    with d as (
      select stg.key, stg.data, stg.extra, cur.id, cur.status as current_status,
        case when cur.id is null then null else ${changedFields(sql`stg.data`, sql`cur.data`)} end as fields
      from ${staged(importId, 'service')} stg left join ${CURRENT_SERVICES} cur on cur.key = stg.key
    )
    insert into registry_import_changes (import_id, entity, change, key, label, fields, data)
    select ${importId}::uuid, 'service',
      case when id is null then 'new'
           when data->>'status' = 'ended' and current_status is distinct from 'ended' then 'ended'
           else 'changed' end,
      key, concat_ws(' – ', data->>'identifier', data->>'name'), fields,
      jsonb_build_object('id', coalesce(id, gen_random_uuid()), 'record', data, 'extra', extra)
    from d where id is null or fields is not null`);
}

/**
 * Facilities are matched by portalId | name | address point | start (they have no identifier);
 * those sharing that key are numbered by their end, as the normaliser numbers them. Coordinates
 * come from the address-point lookup when it has the point (else stored ones are left alone; a
 * secret address never gets any). A stored facility of a registration in the file that the file
 * no longer lists has ended on the effective date.
 */
async function diffFacilities(db: Db, importId: string, effectiveDate: string) {
  await db.execute(sql`
    with cur0 as (
      select f.id, f.valid_to, s.registry_portal_id::text || '|' || f.name || '|' ||
          coalesce(f.address_point_code::text, '') || '|' || coalesce(f.valid_from::text, '') as base,
        jsonb_build_object(
          'name', f.name, 'address', f.address, 'addressPointCode', f.address_point_code,
          'municipalityCode', f.municipality_code, 'secretAddress', f.secret_address,
          'validFrom', f.valid_from, 'validTo', f.valid_to, 'lat', f.lat, 'lon', f.lon) as data
      from facilities f join services s on s.id = f.service_id
      where s.registry_portal_id::text in (select key from ${staged(importId, 'service')} x)
    ), cur as (
      select id, valid_to, data, base || case when n > 1 then '#' || n else '' end as key
      from (select cur0.*, row_number() over (partition by base order by valid_to nulls last, id) as n
            from cur0) numbered
    ), stg as (
      select s.key, s.extra,
        s.data || case when ap.code is not null and s.data->>'secretAddress' = 'false'
                       then jsonb_build_object('lat', ap.lat, 'lon', ap.lon) else '{}'::jsonb end as data
      from ${staged(importId, 'facility')} s
      left join address_points ap on ap.code = (s.data->>'addressPointCode')::bigint
    ), d as (
      select stg.key, stg.data, stg.extra, cur.id, cur.valid_to as current_to,
        case when cur.id is null then null else ${changedFields(sql`stg.data`, sql`cur.data`)} end as fields
      from stg left join cur on cur.key = stg.key
    )
    insert into registry_import_changes (import_id, entity, change, key, label, fields, data)
    select ${importId}::uuid, 'facility',
      case when id is null then 'new'
           when (data->>'validTo')::date <= ${effectiveDate}::date
                and (current_to is null or current_to > ${effectiveDate}::date) then 'ended'
           else 'changed' end,
      key, data->>'name', fields,
      jsonb_build_object('id', coalesce(id, gen_random_uuid()), 'record', data, 'extra', extra)
    from d where id is null or fields is not null
    union all
    select ${importId}::uuid, 'facility', 'ended', cur.key, cur.data->>'name',
      jsonb_build_array(jsonb_build_object('field', 'validTo', 'before', cur.data->'validTo', 'after', to_jsonb(${effectiveDate}::date))),
      jsonb_build_object('id', cur.id,
        'record', cur.data || jsonb_build_object('validTo', to_jsonb(${effectiveDate}::date)),
        'extra', jsonb_build_object('portalId', split_part(cur.key, '|', 1)::int, 'absent', true))
    from cur
    where cur.key not in (select key from stg)
      and (cur.valid_to is null or cur.valid_to > ${effectiveDate}::date)`);
}

/** Registrations in the network (not ended) that the file does not have: left alone, noted. */
async function warnAbsentServices(db: Db, importId: string) {
  await db.execute(sql`
    insert into registry_import_issues (import_id, severity, item_index, identifier, reason)
    select ${importId}::uuid, 'warning', null, coalesce(s.registry_identifier, 'portalId ' || s.registry_portal_id),
      'the service with portalId ' || s.registry_portal_id ||
      ' is in the network but not in this file (or was skipped); left unchanged'
    from services s
    join service_states st on st.service_id = s.id and st.valid_to is null
    where s.registry_portal_id is not null and st.status <> 'ended'
      and s.registry_portal_id::text not in (select key from ${staged(importId, 'service')} x)`);
}

/**
 * Facilities in municipalities socplan does not know yet still import with the code (their ORP
 * resolves once the municipality is imported): one warning per municipality.
 */
async function warnUnknownMunicipalities(db: Db, importId: string): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(
    db,
    sql`
    with unknown as (
      select f.data->>'municipalityCode' as code, count(*) as n, min(f.item_index) as first_item
      from ${staged(importId, 'facility')} f
      where f.data->>'municipalityCode' is not null
        and f.data->>'municipalityCode' not in (select code from territorial_units where kind = 'municipality')
      group by 1
    ), noted as (
      insert into registry_import_issues (import_id, severity, item_index, identifier, reason)
      select ${importId}::uuid, 'warning', first_item, 'Obec/' || code,
        'municipality ' || code || ' is not known to socplan (facilities: ' || n || '); they are ' ||
        'imported with the code and find their ORP once the municipality is imported'
      from unknown
    )
    select code from unknown order by code`,
  );
  return rows.map((r) => r.code);
}

async function countChanges(db: Db, importId: string): Promise<DiffResult['changes']> {
  const rows = await queryRows<{
    entity: RegistryEntity;
    staged: number;
    new: number;
    changed: number;
    ended: number;
    absent: number;
  }>(
    db,
    sql`
    with e(entity) as (values ('provider'), ('service'), ('facility'))
    select e.entity,
      (select count(*)::int from registry_import_staging s where s.import_id = ${importId} and s.entity = e.entity) as staged,
      count(c.id) filter (where c.change = 'new')::int as new,
      count(c.id) filter (where c.change = 'changed')::int as changed,
      count(c.id) filter (where c.change = 'ended')::int as ended,
      count(c.id) filter (where c.data->'extra'->>'absent' = 'true')::int as absent
    from e left join registry_import_changes c on c.import_id = ${importId} and c.entity = e.entity
    group by e.entity`,
  );
  const counts = {} as DiffResult['changes'];
  for (const r of rows) {
    const fromFile = r.new + r.changed + r.ended - r.absent;
    counts[r.entity] = {
      new: r.new,
      changed: r.changed,
      ended: r.ended,
      unchanged: Math.max(0, r.staged - fromFile),
    };
  }
  return counts;
}

/** Active registrations in the file by service type. */
async function countByType(db: Db, importId: string): Promise<Record<string, number>> {
  const rows = await queryRows<{ code: string; n: number }>(
    db,
    sql`select data->>'typeCode' as code, count(*)::int as n from ${staged(importId, 'service')} s
        where data->>'status' = 'active' group by 1 order by 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.n]));
}

/** Active registrations with an active facility in each ORP (by the facility's municipality). */
async function countByOrp(
  db: Db,
  importId: string,
  effectiveDate: string,
): Promise<Record<string, number>> {
  const rows = await queryRows<{ code: string; n: number }>(
    db,
    sql`
    select o.code, count(distinct f.extra->>'portalId')::int as n
    from ${staged(importId, 'facility')} f
    join ${staged(importId, 'service')} s on s.key = f.extra->>'portalId' and s.data->>'status' = 'active'
    join territorial_units m on m.kind = 'municipality' and m.code = f.data->>'municipalityCode'
    join territorial_units o on o.id = m.parent_id and o.kind = 'orp'
    where f.data->>'validTo' is null or (f.data->>'validTo')::date > ${effectiveDate}::date
    group by o.code order by o.code`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.n]));
}

/**
 * A checksum of the network (providers, services, their states, facilities): taken when the
 * diff is computed and compared on apply, so a diff computed before someone changed the
 * network is never applied over that change.
 */
export async function networkFingerprint(db: Db): Promise<string> {
  const part = (table: string) =>
    sql`(select count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0) from ${sql.raw(table)} t)`;
  const [row] = await queryRows<{ fingerprint: string }>(
    db,
    sql`select md5(${part('providers')} || '|' || ${part('services')} || '|' ||
                   ${part('service_states')} || '|' || ${part('facilities')}) as fingerprint`,
  );
  return row!.fingerprint;
}
