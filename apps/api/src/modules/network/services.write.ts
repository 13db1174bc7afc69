import type { CreateServiceBody, ServiceDetail, UpdateServiceBody } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { services } from '../../db/schema/index.ts';
import { ConflictError, InvalidError, type FieldError } from '../../lib/errors.ts';
import { assertVersion } from '../../lib/http.ts';
import { today } from '../../lib/validity.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import { notFoundUnless, scopeFor } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { codelistsOn } from '../codelists/codelists.service.ts';
import {
  assertNetworkWritable,
  assertRegionWideWriter,
  serviceScopeCondition,
} from './network.scope.ts';
import { findProviderRow } from './providers.repo.ts';
import {
  deleteOrConflict,
  fteText,
  givenFields,
  normalizeForms,
  sameValue,
  sortedUnique,
} from './values.ts';
import { DATED_FIELDS, STATE_FIELDS, toHistory, toStateDto } from './services.dto.ts';
import * as repo from './services.repo.ts';
import { readService } from './services.service.ts';

/** The entity type of services in the audit trail. */
export const SERVICE_ENTITY = 'service';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

/** A change to a service: its identity fields and/or the fields of its state. */
export type ServicePatch = Omit<UpdateServiceBody, 'effectiveFrom'>;
export type NewService = Omit<CreateServiceBody, 'effectiveFrom'>;

export interface ServiceWriteOptions {
  /** The version the caller read (HTTP If-Match); checked after authorization. */
  expected?: ExpectedVersion;
  /**
   * Trust the registry (imports): keep codes the codelists do not know (the importer flags
   * them) and allow an identifier that another registration already has.
   */
  registry?: boolean;
}

const body = (pointer: string, detail: string): FieldError => ({ in: 'body', pointer, detail });

function invalid(errors: FieldError[]): never {
  throw new InvalidError(errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), errors);
}

/** The column values of the state fields given (undefined = not given), normalised. */
function stateValues(input: ServicePatch): Partial<repo.NewStateRow> {
  const v: Partial<repo.NewStateRow> = givenFields(input, [
    'typeCode',
    'status',
    'registeredFrom',
    'registeredTo',
    'email',
    'phone',
    'web',
  ]);
  if (input.name !== undefined) v.name = input.name.trim();
  if (input.forms !== undefined) v.forms = normalizeForms(input.forms);
  if (input.targetGroups !== undefined) v.targetGroups = sortedUnique(input.targetGroups);
  if (input.ageGroups !== undefined) v.ageGroups = sortedUnique(input.ageGroups);
  if (input.territoryUnitIds !== undefined)
    v.territoryUnitIds = sortedUnique(input.territoryUnitIds);
  if (input.fteDirect !== undefined)
    v.fteDirect = input.fteDirect === null ? null : fteText(input.fteDirect);
  if (input.fteOther !== undefined)
    v.fteOther = input.fteOther === null ? null : fteText(input.fteOther);
  return v;
}

/**
 * Checks the state fields being written (given in `input`; `merged` is the state they make)
 * against the codelists valid on `day` and the territorial units. Pointers name the input.
 */
async function stateErrors(
  tx: Db,
  input: ServicePatch,
  merged: Partial<repo.NewStateRow>,
  day: string,
  registry: boolean,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const forms = input.forms ?? [];
  const seenForms = new Set<string>();
  forms.forEach((f, i) => {
    if (seenForms.has(f.form)) errors.push(body(`/forms/${i}/form`, 'is listed twice'));
    seenForms.add(f.form);
    const units = new Set<string>();
    f.capacities.forEach((c, j) => {
      if (units.has(c.unit))
        errors.push(body(`/forms/${i}/capacities/${j}/unit`, 'is listed twice'));
      units.add(c.unit);
    });
  });
  if (merged.registeredFrom && merged.registeredTo && merged.registeredTo <= merged.registeredFrom)
    errors.push(
      body(
        input.registeredTo !== undefined ? '/registeredTo' : '/registeredFrom',
        'registeredTo must be after registeredFrom',
      ),
    );

  if (input.territoryUnitIds?.length) {
    const existing = await repo.existingUnits(tx, input.territoryUnitIds);
    input.territoryUnitIds.forEach((id, i) => {
      if (!existing.has(id))
        errors.push(body(`/territoryUnitIds/${i}`, 'no such territorial unit'));
    });
  }
  if (registry) return errors;

  const lists = await codelistsOn(
    tx,
    ['service_type', 'form', 'capacity_unit', 'target_group', 'age_group'],
    day,
  );
  const known = (codelist: Parameters<typeof lists.get>[0]) => lists.get(codelist)!;
  const onDay = `valid on ${day}`;
  if (input.typeCode !== undefined && !known('service_type').has(input.typeCode))
    errors.push(body('/typeCode', `is not a service type ${onDay}`));
  forms.forEach((f, i) => {
    if (!known('form').has(f.form)) errors.push(body(`/forms/${i}/form`, `is not a form ${onDay}`));
    f.capacities.forEach((c, j) => {
      if (!known('capacity_unit').has(c.unit))
        errors.push(body(`/forms/${i}/capacities/${j}/unit`, `is not a capacity unit ${onDay}`));
    });
  });
  input.targetGroups?.forEach((code, i) => {
    if (!known('target_group').has(code))
      errors.push(body(`/targetGroups/${i}`, `is not a target group ${onDay}`));
  });
  input.ageGroups?.forEach((code, i) => {
    if (!known('age_group').has(code))
      errors.push(body(`/ageGroups/${i}`, `is not an age group ${onDay}`));
  });
  // A type allows only some forms (a home for the elderly is residential only).
  if (input.typeCode !== undefined || input.forms !== undefined) {
    const allowed = known('service_type').get(merged.typeCode ?? '')?.attributes.forms;
    if (Array.isArray(allowed))
      (merged.forms ?? []).forEach((f) => {
        if (!allowed.includes(f.form)) {
          const i = forms.findIndex((g) => g.form === f.form);
          errors.push(
            body(
              i >= 0 ? `/forms/${i}/form` : '/typeCode',
              `service type ${merged.typeCode} is not provided in the form ${f.form} (allowed: ${allowed.join(', ')})`,
            ),
          );
        }
      });
  }
  return errors;
}

const duplicateIdentifier = (identifier: string) =>
  new ConflictError(`Another service has the identifier ${identifier}.`, [
    body('/identifier', 'is already used by another service'),
  ]);

/** 400 unless the provider exists and the principal may put services under it. */
async function checkProvider(tx: Db, principal: AuthPrincipal | null, providerId: string) {
  const scope = principal ? scopeFor(principal, 'network.write') : { kind: 'all' as const };
  const mine = scope.kind === 'all' || scope.providerIds.includes(providerId);
  if (!mine || !(await findProviderRow(tx, providerId)))
    invalid([body('/providerId', 'no such provider')]);
}

async function checkIdentifier(
  tx: Db,
  identifier: string | null | undefined,
  options: ServiceWriteOptions,
  exceptId?: string,
) {
  if (identifier && !options.registry && (await repo.identifierTaken(tx, identifier, exceptId)))
    throw duplicateIdentifier(identifier);
}

/** The result every write returns: the service as the writer may see it, with its history. */
async function detailOf(
  tx: Db,
  principal: AuthPrincipal | null,
  id: string,
): Promise<ServiceDetail> {
  const service = await readService(tx, principal, id);
  return { ...service, history: toHistory(await repo.statesOf(tx, id)) };
}

const serviceAudit = (service: repo.ServiceRow, state: repo.StateRow) => ({
  providerId: service.providerId,
  identifier: service.registryIdentifier,
  registryPortalId: service.registryPortalId,
  state: toStateDto(state),
});

/** A unique violation of the registry's portal id (two registrations cannot share one). */
async function guardPortalId<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'services_portal_id_key'))
      throw new ConflictError('Another service has this registry portal id.', [
        body('/registryPortalId', 'is already used by another service'),
      ]);
    throw error;
  }
}

/**
 * Creates a service with its first state, valid from `effectiveFrom` (default today).
 * `principal` null is a trusted system caller (the CLI import); a provider may create services
 * of its own provider only; region staff any.
 */
export async function createService(
  db: Db,
  principal: AuthPrincipal | null,
  input: CreateServiceBody,
  options: ServiceWriteOptions = {},
): Promise<ServiceDetail> {
  if (principal) assertNetworkWritable(principal, input.providerId);
  return guardPortalId(() =>
    db.transaction(async (tx) => {
      await checkProvider(tx, principal, input.providerId);
      const validFrom = input.effectiveFrom ?? today();
      const values = {
        forms: [],
        targetGroups: [],
        ageGroups: [],
        territoryUnitIds: [],
        status: 'active',
        ...stateValues(input),
      };
      const errors = await stateErrors(tx, input, values, validFrom, options.registry ?? false);
      if (errors.length) invalid(errors);
      await checkIdentifier(tx, input.identifier, options);

      const service = await repo.insertService(tx, {
        providerId: input.providerId,
        registryIdentifier: input.identifier ?? null,
        registryPortalId: input.registryPortalId ?? null,
      });
      const state = await repo.insertState(tx, {
        ...values,
        typeCode: input.typeCode,
        name: input.name.trim(),
        serviceId: service.id,
        validFrom,
        changeNote: input.changeNote ?? null,
        createdBy: principal?.id ?? null,
      });
      await recordAudit(tx, principal, {
        action: 'create',
        entityType: SERVICE_ENTITY,
        entityId: service.id,
        after: serviceAudit(service, state),
      });
      return detailOf(tx, principal, service.id);
    }),
  );
}

/**
 * Changes a service. Identity fields (provider, identifier, portal id) change in place. A change
 * of an effective-dated field (type, status, forms and capacities, groups, territory, registration
 * dates, FTE) — or any change when `effectiveFrom` is given — ends the latest state on
 * `effectiveFrom` (default today) and opens a new one; on the very day the latest state began it
 * corrects that state instead; earlier is a 400 naming /effectiveFrom. Name and contacts alone
 * are corrected in the latest state. Nothing changed: nothing written, same version.
 *
 * `principal` null is a trusted system caller; otherwise the service must be visible (else 404)
 * and writable (provider: its own; region staff: any; else 403); only region staff move a
 * service to another provider.
 */
export async function changeServiceState(
  db: Db,
  principal: AuthPrincipal | null,
  serviceId: string,
  patch: ServicePatch,
  effectiveFrom?: string,
  options: ServiceWriteOptions = {},
): Promise<ServiceDetail> {
  return guardPortalId(() =>
    db.transaction(async (tx) => {
      const scope = principal
        ? serviceScopeCondition(principal, 'network.read', services.id)
        : undefined;
      const service = notFoundUnless(await repo.lockService(tx, serviceId, scope));
      if (principal) assertNetworkWritable(principal, service.providerId);
      if (options.expected) assertVersion(service.version, options.expected());
      const latest = notFoundUnless(await repo.openState(tx, serviceId));

      // Identity fields.
      const serviceValues: Partial<repo.NewServiceRow> = {};
      if (patch.providerId !== undefined && patch.providerId !== service.providerId) {
        if (principal) assertRegionWideWriter(principal);
        await checkProvider(tx, principal, patch.providerId);
        serviceValues.providerId = patch.providerId;
      }
      if (patch.identifier !== undefined && patch.identifier !== service.registryIdentifier) {
        await checkIdentifier(tx, patch.identifier, options, serviceId);
        serviceValues.registryIdentifier = patch.identifier;
      }
      if (
        patch.registryPortalId !== undefined &&
        patch.registryPortalId !== service.registryPortalId
      )
        serviceValues.registryPortalId = patch.registryPortalId;

      // State fields: what actually differs from the latest state.
      const given = stateValues(patch);
      const changed = STATE_FIELDS.filter(
        (field) => field in given && !sameValue(given[field], latest[field]),
      );
      const day = effectiveFrom ?? today();
      const merged = { ...latest, ...given };
      const errors = await stateErrors(tx, patch, merged, day, options.registry ?? false);
      const dated =
        changed.length > 0 &&
        (effectiveFrom !== undefined ||
          changed.some((f) => (DATED_FIELDS as readonly string[]).includes(f)));
      if (dated && day < latest.validFrom)
        errors.push(
          body(
            '/effectiveFrom',
            `must be ${latest.validFrom} or later: the current state began then`,
          ),
        );
      if (errors.length) invalid(errors);

      if (changed.length === 0 && Object.keys(serviceValues).length === 0)
        return detailOf(tx, principal, serviceId);

      let state = latest;
      if (changed.length > 0) {
        const changeNote = patch.changeNote !== undefined ? patch.changeNote : null;
        if (!dated || day === latest.validFrom) {
          state = await repo.updateState(tx, latest.id, {
            ...given,
            ...(patch.changeNote !== undefined ? { changeNote } : {}),
          });
        } else {
          await repo.updateState(tx, latest.id, { validTo: day });
          const { id: _id, createdAt: _c, validTo: _t, ...carried } = latest;
          state = await repo.insertState(tx, {
            ...carried,
            ...given,
            validFrom: day,
            changeNote,
            createdBy: principal?.id ?? null,
          });
        }
      }
      const updated = { ...service, ...serviceValues };
      await repo.touchService(tx, serviceId, serviceValues);
      await recordAudit(tx, principal, {
        action: 'update',
        entityType: SERVICE_ENTITY,
        entityId: serviceId,
        before: serviceAudit(service, latest),
        after: { ...serviceAudit(updated, state), effectiveFrom: dated ? day : null },
      });
      return detailOf(tx, principal, serviceId);
    }),
  );
}

/** PATCH /api/services/:id: `effectiveFrom` travels in the body. */
export function updateService(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: UpdateServiceBody,
): Promise<ServiceDetail> {
  const { effectiveFrom, ...patch } = input;
  return changeServiceState(db, principal, id, patch, effectiveFrom, { expected });
}

/**
 * Deletes a service with its states and facilities (a mistake; a service that stops is ended
 * by status instead). Region staff only; 409 while the basic network refers to it.
 */
export async function deleteService(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<void> {
  await db.transaction(async (tx) => {
    const service = notFoundUnless(
      await repo.lockService(tx, id, serviceScopeCondition(principal, 'network.read', services.id)),
    );
    assertRegionWideWriter(principal);
    assertVersion(service.version, expected());
    const latest = notFoundUnless(await repo.openState(tx, id));
    await deleteOrConflict(
      () => repo.deleteService(tx, id),
      'The service cannot be deleted: the basic network or other records refer to it. End it by its status instead.',
    );
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: SERVICE_ENTITY,
      entityId: id,
      before: serviceAudit(service, latest),
    });
  });
}
