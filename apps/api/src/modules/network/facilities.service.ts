import type { CreateFacilityBody, Facility, UpdateFacilityBody } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { services } from '../../db/schema/index.ts';
import { InvalidError, type FieldError } from '../../lib/errors.ts';
import { assertVersion } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { assertNetworkWritable, serviceScopeCondition } from './network.scope.ts';
import { facilityAuditSnapshot, toFacilityDto } from './services.dto.ts';
import * as repo from './services.repo.ts';
import { seesSecretAddresses } from './services.service.ts';

/** The entity type of facilities in the audit trail. */
export const FACILITY_ENTITY = 'facility';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

const body = (pointer: string, detail: string): FieldError => ({ in: 'body', pointer, detail });

/**
 * Column values of the fields given. The municipality code and address point default to the
 * address's own when only the address is given (the registry writes them there).
 */
function facilityValues(
  input: UpdateFacilityBody,
  before?: repo.FacilityRow,
): Partial<repo.NewFacilityRow> {
  const v: Partial<repo.NewFacilityRow> = {};
  if (input.name !== undefined) v.name = input.name.trim();
  if (input.address !== undefined) {
    v.address = input.address;
    if (input.municipalityCode === undefined && input.address?.municipalityCode)
      v.municipalityCode = input.address.municipalityCode;
    if (input.addressPointCode === undefined && input.address?.addressPointCode)
      v.addressPointCode = input.address.addressPointCode;
  }
  if (input.municipalityCode !== undefined) v.municipalityCode = input.municipalityCode;
  if (input.addressPointCode !== undefined) v.addressPointCode = input.addressPointCode;
  if (input.point !== undefined) {
    v.lat = input.point?.lat ?? null;
    v.lon = input.point?.lon ?? null;
  }
  if (input.secretAddress !== undefined) v.secretAddress = input.secretAddress;
  if (input.validFrom !== undefined) v.validFrom = input.validFrom;
  if (input.validTo !== undefined) v.validTo = input.validTo;

  const from = v.validFrom !== undefined ? v.validFrom : (before?.validFrom ?? null);
  const to = v.validTo !== undefined ? v.validTo : (before?.validTo ?? null);
  if (from && to && to <= from)
    throw new InvalidError('A facility must end after it begins.', [
      body(
        input.validTo !== undefined ? '/validTo' : '/validFrom',
        'validTo must be after validFrom',
      ),
    ]);
  return v;
}

/** The service, locked, if the principal sees it (404) and may write it (403). */
async function writableService(tx: Db, principal: AuthPrincipal | null, serviceId: string) {
  const scope = principal
    ? serviceScopeCondition(principal, 'network.read', services.id)
    : undefined;
  const service = notFoundUnless(await repo.lockService(tx, serviceId, scope));
  if (principal) assertNetworkWritable(principal, service.providerId);
  return service;
}

async function facilityDto(
  db: Db,
  principal: AuthPrincipal | null,
  serviceId: string,
  id: string,
): Promise<Facility> {
  const [row] = await repo.facilitiesOf(db, [serviceId], undefined, id);
  return toFacilityDto(notFoundUnless(row), seesSecretAddresses(principal));
}

export async function getFacility(
  db: Db,
  principal: AuthPrincipal,
  serviceId: string,
  id: string,
): Promise<Facility> {
  assertMay(principal, 'network.read');
  const scope = serviceScopeCondition(principal, 'network.read', services.id);
  notFoundUnless(await repo.lockService(db, serviceId, scope, false));
  return facilityDto(db, principal, serviceId, id);
}

/** Adds a place of provision to a service (`principal` null: a trusted system caller). */
export async function createFacility(
  db: Db,
  principal: AuthPrincipal | null,
  serviceId: string,
  input: CreateFacilityBody,
): Promise<Facility> {
  return db.transaction(async (tx) => {
    await writableService(tx, principal, serviceId);
    const row = await repo.insertFacility(tx, {
      ...facilityValues(input),
      name: input.name.trim(),
      serviceId,
    });
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: FACILITY_ENTITY,
      entityId: row.id,
      after: facilityAuditSnapshot(row),
    });
    return facilityDto(tx, principal, serviceId, row.id);
  });
}

export async function updateFacility(
  db: Db,
  principal: AuthPrincipal | null,
  serviceId: string,
  id: string,
  expected: ExpectedVersion | null,
  input: UpdateFacilityBody,
): Promise<Facility> {
  return db.transaction(async (tx) => {
    await writableService(tx, principal, serviceId);
    const before = notFoundUnless(await repo.lockFacility(tx, serviceId, id));
    if (expected) assertVersion(before.version, expected());
    const after = await repo.updateFacility(tx, id, facilityValues(input, before));
    await recordAudit(tx, principal, {
      action: 'update',
      entityType: FACILITY_ENTITY,
      entityId: id,
      before: facilityAuditSnapshot(before),
      after: facilityAuditSnapshot(after),
    });
    return facilityDto(tx, principal, serviceId, id);
  });
}

/** Removes a facility entered by mistake (one that closed gets a validTo instead). */
export async function deleteFacility(
  db: Db,
  principal: AuthPrincipal | null,
  serviceId: string,
  id: string,
  expected: ExpectedVersion | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    await writableService(tx, principal, serviceId);
    const before = notFoundUnless(await repo.lockFacility(tx, serviceId, id));
    if (expected) assertVersion(before.version, expected());
    await repo.deleteFacility(tx, id);
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: FACILITY_ENTITY,
      entityId: id,
      before: facilityAuditSnapshot(before),
    });
  });
}
