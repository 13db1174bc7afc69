import { eq, sql, type SQL } from 'drizzle-orm';
import type { RegistryImportSummary } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { registryImports } from '../../db/schema/index.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { assertVersion } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { networkFingerprint } from './registry.diff.ts';

export type RegistryImportRow = typeof registryImports.$inferSelect;

/** What the import keeps in its summary besides the public part. */
export interface StoredSummary extends RegistryImportSummary {
  fingerprint?: string;
}

/**
 * Applies a ready import's diff in one transaction, set-based (one statement per entity and
 * kind of change, whatever the number of rows): providers, services and their effective-dated
 * states, facilities, and an audit row per changed row. Refused (409) when the import is not
 * ready, when a newer import exists, or when the network changed since the diff was computed.
 *
 * Writes go straight to the tables, following the schema's state model (network.ts): a change
 * closes the current service state on the day it takes effect and opens a new one.
 */
export async function applyImport(
  db: Db,
  principal: AuthPrincipal | null,
  importId: string,
  expectedVersion: number,
): Promise<RegistryImportRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(registryImports)
      .where(eq(registryImports.id, importId))
      .for('update');
    if (!row) throw new NotFoundError();
    assertVersion(row.version, expectedVersion);
    if (row.status !== 'ready')
      throw new ConflictError(`The import is ${row.status}; only a ready import can be applied.`);
    const newer = await newerImport(tx, importId);
    if (newer)
      throw new ConflictError(
        `A newer import (${newer}) exists; apply that one, or analyse this file again.`,
      );
    // Writers wait until the apply is done; readers go on reading the network as it was.
    await tx.execute(
      sql`lock table providers, services, service_states, facilities in share row exclusive mode`,
    );
    const summary = (row.summary ?? {}) as StoredSummary;
    if (summary.fingerprint !== (await networkFingerprint(tx)))
      throw new ConflictError(
        'The network changed since this import was analysed; analyse the file again.',
      );

    const effectiveDate = summary.effectiveDate;
    const by = principal?.id ?? null;
    await applyProviders(tx, importId);
    await applyServices(tx, importId, effectiveDate, by);
    await applyFacilities(tx, importId);
    const applied = await auditChanges(tx, principal, importId);

    const [updated] = await tx
      .update(registryImports)
      .set({
        status: 'applied',
        appliedBy: by,
        appliedAt: new Date(),
        summary: { ...summary, applied },
        version: sql`${registryImports.version} + 1`,
      })
      .where(eq(registryImports.id, importId))
      .returning();
    await supersedeReadyImports(tx, importId);
    return updated!;
  });
}

/** An import created after this one that did not fail (its id), if any. */
export async function newerImport(db: Db, importId: string): Promise<string | undefined> {
  const [newer] = await queryRows<{ id: string }>(
    db,
    sql`select o.id from registry_imports o, registry_imports i
        where i.id = ${importId} and o.created_at > i.created_at and o.status <> 'failed' limit 1`,
  );
  return newer?.id;
}

/** Older imports still waiting to be applied are history once a newer one is ready or applied. */
export async function supersedeReadyImports(db: Db, importId: string) {
  await db.execute(sql`
    update registry_imports o set status = 'superseded', version = o.version + 1
    from registry_imports i
    where i.id = ${importId} and o.status = 'ready' and o.created_at < i.created_at`);
}

const changes = (importId: string, entity: string, kinds: string[]) =>
  sql`(select c.key, c.change, c.fields, (c.data->>'id')::uuid as id, c.data->'record' as r,
              c.data->'extra' as extra
       from registry_import_changes c
       where c.import_id = ${importId} and c.entity = ${entity}
         and c.change in (${sql.join(
           kinds.map((k) => sql`${k}`),
           sql`, `,
         )}))`;

/** A JSON array of strings as text[] / uuid[]. */
const textArray = (json: SQL) => sql`array(select jsonb_array_elements_text(${json}))`;
const uuidArray = (json: SQL) => sql`array(select jsonb_array_elements_text(${json})::uuid)`;
const jsonOrNull = (json: SQL) => sql`nullif(${json}, 'null'::jsonb)`;

async function applyProviders(tx: Db, importId: string) {
  await tx.execute(sql`
    insert into providers (id, ico, ico_valid, name, address, email, phone, web)
    select c.id, c.key, (r->>'icoValid')::boolean, r->>'name', ${jsonOrNull(sql`r->'address'`)},
      r->>'email', r->>'phone', r->>'web'
    from ${changes(importId, 'provider', ['new'])} c`);
  await tx.execute(sql`
    update providers p set ico_valid = (r->>'icoValid')::boolean, name = r->>'name',
      address = ${jsonOrNull(sql`r->'address'`)}, email = r->>'email', phone = r->>'phone',
      web = r->>'web', version = p.version + 1, updated_at = now()
    from ${changes(importId, 'provider', ['changed'])} c
    where p.ico = c.key`);
}

/** Columns of a service state written from a record `r` (the rest: see the callers). */
const STATE_COLUMNS = sql`type_code, name, registered_from, registered_to, forms, target_groups,
  age_groups, email, phone, web`;
const stateValues = (r: SQL) => sql`${r}->>'typeCode', ${r}->>'name',
  (${r}->>'registeredFrom')::date, (${r}->>'registeredTo')::date, ${r}->'forms',
  ${textArray(sql`${r}->'targetGroups'`)}, ${textArray(sql`${r}->'ageGroups'`)},
  ${r}->>'email', ${r}->>'phone', ${r}->>'web'`;
/** The registry says active; a suspension set by the region stays. */
const statusOf = (r: SQL, current: SQL) =>
  sql`case when ${r}->>'status' = 'active' and ${current} = 'suspended' then 'suspended' else ${r}->>'status' end`;
/** Territory served: the registry's when it gives one, else what was stored. */
const territoryOf = (r: SQL, current: SQL) =>
  sql`case when ${r} ? 'territoryUnitIds' then ${uuidArray(sql`${r}->'territoryUnitIds'`)} else ${current} end`;

async function applyServices(tx: Db, importId: string, effectiveDate: string, by: string | null) {
  const note = 'registry import';
  await tx.execute(sql`
    insert into services (id, provider_id, registry_identifier, registry_portal_id)
    select c.id, p.id, r->>'identifier', c.key::int
    from ${changes(importId, 'service', ['new'])} c join providers p on p.ico = c.r->>'providerIco'`);
  // A new service starts on its registration date; one that has already ended gets its active
  // period and then the ended state from the day after its last day.
  await tx.execute(sql`
    insert into service_states (service_id, valid_from, valid_to, status, territory_unit_ids,
      change_note, created_by, ${STATE_COLUMNS})
    select c.id, s.valid_from, s.valid_to, s.status, ${uuidArray(sql`r->'territoryUnitIds'`)},
      ${note}, ${by}::uuid, ${stateValues(sql`r`)}
    from ${changes(importId, 'service', ['new'])} c
    cross join lateral (select coalesce((r->>'registeredFrom')::date, ${effectiveDate}::date) as starts,
                               (extra->>'endsOn')::date as ends) v
    cross join lateral (values
      (v.starts, v.ends, 'active', v.ends is not null and v.starts < v.ends),
      (case when v.ends is not null and v.starts < v.ends then v.ends else v.starts end, null::date,
       r->>'status', true)
    ) as s(valid_from, valid_to, status, keep)
    where s.keep`);

  await tx.execute(sql`
    update services s set provider_id = p.id, registry_identifier = c.r->>'identifier',
      version = s.version + 1, updated_at = now()
    from ${changes(importId, 'service', ['changed', 'ended'])} c
    join providers p on p.ico = c.r->>'providerIco'
    where s.id = c.id`);

  // Services whose state changed, with the day the change takes effect (an end: the day after
  // the registration's last day; anything else: the import's effective date) and whether it is
  // effective-dated. As in the network's own writes (services.write.ts), a change of name or
  // contacts alone corrects the current state; any other opens a new state.
  const stateChanges = sql`(
    select c.id as service_id, c.r,
      case when c.change = 'ended' then coalesce((c.extra->>'endsOn')::date, ${effectiveDate}::date)
           else ${effectiveDate}::date end as eff,
      exists (select 1 from jsonb_array_elements(c.fields) f
              where f->>'field' not in ('providerIco', 'identifier', 'name', 'email', 'phone', 'web')) as dated
    from ${changes(importId, 'service', ['changed', 'ended'])} c
    where exists (select 1 from jsonb_array_elements(c.fields) f
                  where f->>'field' not in ('providerIco', 'identifier')))`;

  // 1. Corrected in place: a change that is not dated, or a current state that begins on or
  //    after the day the change takes effect.
  await tx.execute(sql`
    update service_states st set (${STATE_COLUMNS}) = (${stateValues(sql`sc.r`)}),
      status = ${statusOf(sql`sc.r`, sql`st.status`)},
      territory_unit_ids = ${territoryOf(sql`sc.r`, sql`st.territory_unit_ids`)},
      change_note = ${note}, created_by = ${by}::uuid
    from ${stateChanges} sc
    where st.service_id = sc.service_id and st.valid_to is null
      and (not sc.dated or st.valid_from >= sc.eff)`);
  // 2. Otherwise the current state closes that day and the new one opens, keeping what the
  //    registry does not know (FTE, a suspension, a territory it does not give).
  await tx.execute(sql`
    with closed as (
      update service_states st set valid_to = sc.eff
      from ${stateChanges} sc
      where st.service_id = sc.service_id and st.valid_to is null and sc.dated
        and st.valid_from < sc.eff
      returning st.service_id, sc.eff, sc.r, st.status as old_status,
        st.territory_unit_ids as old_territory, st.fte_direct, st.fte_other
    )
    insert into service_states (service_id, valid_from, status, territory_unit_ids, fte_direct,
      fte_other, change_note, created_by, ${STATE_COLUMNS})
    select service_id, eff, ${statusOf(sql`r`, sql`old_status`)},
      ${territoryOf(sql`r`, sql`old_territory`)}, fte_direct, fte_other, ${note}, ${by}::uuid,
      ${stateValues(sql`r`)}
    from closed`);
  // 3. A service without any current state (closed by hand) gets one.
  await tx.execute(sql`
    insert into service_states (service_id, valid_from, status, territory_unit_ids, change_note,
      created_by, ${STATE_COLUMNS})
    select sc.service_id, sc.eff, sc.r->>'status', ${uuidArray(sql`sc.r->'territoryUnitIds'`)},
      ${note}, ${by}::uuid, ${stateValues(sql`sc.r`)}
    from ${stateChanges} sc
    where not exists (select 1 from service_states st
                      where st.service_id = sc.service_id and st.valid_to is null)`);
}

const FACILITY_COLUMNS = sql`name, address, address_point_code, municipality_code,
  secret_address, valid_from, valid_to`;
const facilityValues = (r: SQL) => sql`${r}->>'name', ${jsonOrNull(sql`${r}->'address'`)},
  (${r}->>'addressPointCode')::bigint, ${r}->>'municipalityCode',
  (${r}->>'secretAddress')::boolean, (${r}->>'validFrom')::date, (${r}->>'validTo')::date`;

async function applyFacilities(tx: Db, importId: string) {
  await tx.execute(sql`
    insert into facilities (id, service_id, lat, lon, ${FACILITY_COLUMNS})
    select c.id, s.id, (r->>'lat')::float8, (r->>'lon')::float8, ${facilityValues(sql`r`)}
    from ${changes(importId, 'facility', ['new'])} c
    join services s on s.registry_portal_id = (c.extra->>'portalId')::int`);
  await tx.execute(sql`
    update facilities f set (${FACILITY_COLUMNS}) = (${facilityValues(sql`c.r`)}),
      lat = case when c.r ? 'lat' then (c.r->>'lat')::float8 else f.lat end,
      lon = case when c.r ? 'lon' then (c.r->>'lon')::float8 else f.lon end,
      version = f.version + 1, updated_at = now()
    from ${changes(importId, 'facility', ['changed', 'ended'])} c
    where f.id = c.id`);
}

/**
 * One audit row per applied change (before/after: the changed fields; a new row: its record),
 * written by one statement, and one row for the apply itself. Returns the counts applied.
 */
async function auditChanges(
  tx: Db,
  principal: AuthPrincipal | null,
  importId: string,
): Promise<{ providers: number; services: number; facilities: number }> {
  const fieldsAs = (side: 'before' | 'after') =>
    sql`(select jsonb_object_agg(f->>'field', f->${side}) from jsonb_array_elements(c.fields) f)`;
  await tx.execute(sql`
    insert into audit_log (principal_id, principal_kind, principal_name, action, entity_type,
      entity_id, before, after)
    select ${principal?.id ?? null}::uuid, ${principal?.kind ?? null}, ${principal?.name ?? null},
      case c.change when 'new' then 'create' when 'ended' then 'end' else 'update' end,
      c.entity, c.data->>'id',
      case when c.change = 'new' then null else ${fieldsAs('before')} end,
      case when c.change = 'new' then c.data->'record' else ${fieldsAs('after')} end
    from registry_import_changes c where c.import_id = ${importId}`);
  const rows = await queryRows<{ entity: string; n: number }>(
    tx,
    sql`select entity, count(*)::int as n from registry_import_changes
        where import_id = ${importId} group by entity`,
  );
  const n = (entity: string) => rows.find((r) => r.entity === entity)?.n ?? 0;
  const applied = { providers: n('provider'), services: n('service'), facilities: n('facility') };
  await recordAudit(tx, principal, {
    action: 'apply',
    entityType: 'registry_import',
    entityId: importId,
    after: applied,
  });
  return applied;
}
