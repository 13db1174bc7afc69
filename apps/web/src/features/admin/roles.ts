import type { RoleAssignment, RoleAssignmentInput } from '@socplan/contracts';

/** The writable part of role assignments read from the API (names are read-only). */
export const toRoleInputs = (roles: RoleAssignment[]): RoleAssignmentInput[] =>
  roles.map(({ role, territorialUnitId, providerId }) => ({ role, territorialUnitId, providerId }));
