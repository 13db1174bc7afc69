import {
  SERVICE_DATED_FIELDS,
  SERVICE_HISTORY_FIELDS,
  type Facility,
  type ServiceChange,
  type ServiceDetail,
  type ServiceHistoryEntry,
  type Service,
  type ServiceState,
  type ServiceStatus,
} from '@socplan/contracts';
import { sameValue } from './values.ts';
import type { FacilityRow, FacilityViewRow, ServiceListRow, StateRow } from './services.repo.ts';

const numberOrNull = (value: string | null): number | null =>
  value === null ? null : Number(value);

export function toStateDto(row: StateRow): ServiceState {
  return {
    id: row.id,
    validFrom: row.validFrom,
    validTo: row.validTo,
    typeCode: row.typeCode,
    name: row.name,
    status: row.status as ServiceStatus,
    registeredFrom: row.registeredFrom,
    registeredTo: row.registeredTo,
    forms: row.forms,
    targetGroups: row.targetGroups,
    ageGroups: row.ageGroups,
    territoryUnitIds: row.territoryUnitIds,
    fteDirect: numberOrNull(row.fteDirect),
    fteOther: numberOrNull(row.fteOther),
    email: row.email,
    phone: row.phone,
    web: row.web,
    changeNote: row.changeNote,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The API shape of a facility. Without `seeSecret` (anyone but region staff) a secret
 * facility's address, address point and coordinates are left out: never sent, not just hidden.
 */
export function toFacilityDto(row: FacilityViewRow, seeSecret: boolean): Facility {
  const hide = row.secretAddress && !seeSecret;
  return {
    id: row.id,
    serviceId: row.serviceId,
    name: row.name,
    address: hide ? null : (row.address ?? null),
    addressPointCode: hide ? null : row.addressPointCode,
    municipalityCode: row.municipalityCode,
    municipalityId: row.municipalityId,
    municipalityName: row.municipalityName,
    orpId: row.orpId,
    orpName: row.orpName,
    point: hide || row.lat === null || row.lon === null ? null : { lat: row.lat, lon: row.lon },
    secretAddress: row.secretAddress,
    validFrom: row.validFrom,
    validTo: row.validTo,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function toServiceDto(
  row: ServiceListRow,
  facilities: FacilityViewRow[],
  seeSecret: boolean,
): Service {
  return {
    id: row.id,
    identifier: row.identifier,
    registryPortalId: row.registryPortalId,
    provider: row.provider,
    state: toStateDto(row.state),
    facilities: facilities.map((f) => toFacilityDto(f, seeSecret)),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Effective-dated fields, fields corrected in place, and all that the history compares. */
export const DATED_FIELDS = SERVICE_DATED_FIELDS satisfies readonly (keyof ServiceState)[];
export const STATE_FIELDS = SERVICE_HISTORY_FIELDS satisfies readonly (keyof ServiceState)[];
export type StateField = (typeof STATE_FIELDS)[number];

/** What differs between two states, field by field. */
export function stateChanges(before: ServiceState, after: ServiceState): ServiceChange[] {
  return STATE_FIELDS.filter((field) => !sameValue(before[field], after[field])).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }));
}

/** States newest first, each with its changes against the one before it (none for the first). */
export function toHistory(states: StateRow[]): ServiceHistoryEntry[] {
  const dtos = states.map(toStateDto);
  return dtos.map((state, i) => {
    const previous = dtos[i + 1];
    return { ...state, changes: previous ? stateChanges(previous, state) : [] };
  });
}

export function toServiceDetail(service: Service, states: StateRow[]): ServiceDetail {
  return { ...service, history: toHistory(states) };
}

/** What the audit trail keeps of a facility (the address included: the audit is admin-only). */
export function facilityAuditSnapshot(row: FacilityRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}
