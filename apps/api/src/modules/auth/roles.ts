import { asc, eq, inArray } from 'drizzle-orm';
import { ROLE_UNIT_KINDS } from '@socplan/contracts/constants';
import type { Role, RoleAssignment, RoleAssignmentInput, UnitKind } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { providers, roleAssignments, territorialUnits } from '../../db/schema/index.ts';
import { InvalidError, type FieldError } from '../../lib/errors.ts';
import type { ScopedRole } from './principal.ts';

/** Who holds a set of role assignments: a user or an API client. */
export type Holder = { userId: string } | { apiClientId: string };

/**
 * Checks role assignments against the scope model and returns them normalised (nulls, no
 * duplicates). Region-wide roles take neither a unit nor a provider; coordinator needs an ORP
 * or planning area, municipality a municipality, provider a provider id. Every problem is
 * reported with its JSON pointer (`/roles/0/territorialUnitId`), all at once.
 */
export async function validateRoles(
  db: Db,
  inputs: RoleAssignmentInput[],
  options: { forbidden?: { roles: readonly Role[]; reason: string } } = {},
): Promise<ScopedRole[]> {
  const unitIds = [
    ...new Set(inputs.flatMap((r) => (r.territorialUnitId ? [r.territorialUnitId] : []))),
  ];
  const units = unitIds.length
    ? await db
        .select({ id: territorialUnits.id, kind: territorialUnits.kind })
        .from(territorialUnits)
        .where(inArray(territorialUnits.id, unitIds))
    : [];
  const kindOf = new Map(units.map((u) => [u.id, u.kind]));
  const providerIds = [...new Set(inputs.flatMap((r) => (r.providerId ? [r.providerId] : [])))];
  const knownProviders = new Set(
    providerIds.length
      ? (
          await db
            .select({ id: providers.id })
            .from(providers)
            .where(inArray(providers.id, providerIds))
        ).map((p) => p.id)
      : [],
  );

  const errors: FieldError[] = [];
  inputs.forEach((input, i) => {
    const fail = (field: string, detail: string) =>
      errors.push({ in: 'body', pointer: `/roles/${i}/${field}`, detail });
    const { role } = input;
    const unitId = input.territorialUnitId ?? null;
    const providerId = input.providerId ?? null;
    if (options.forbidden?.roles.includes(role)) fail('role', options.forbidden.reason);

    const kinds = ROLE_UNIT_KINDS[role];
    if (kinds) {
      const kind = unitId ? kindOf.get(unitId) : undefined;
      if (!unitId) fail('territorialUnitId', `is required for the role ${role}`);
      else if (!kind) fail('territorialUnitId', 'names no territorial unit');
      else if (!kinds.includes(kind as UnitKind))
        fail('territorialUnitId', `must be a unit of kind ${kinds.join(' or ')} (is ${kind})`);
    } else if (unitId) {
      fail('territorialUnitId', `must be empty for the role ${role}`);
    }

    if (role === 'provider') {
      if (!providerId) fail('providerId', 'is required for the role provider');
      else if (!knownProviders.has(providerId)) fail('providerId', 'names no provider');
    } else if (providerId) {
      fail('providerId', `must be empty for the role ${role}`);
    }
  });
  if (errors.length) throw new InvalidError('Some role assignments are not valid.', errors);

  const seen = new Set<string>();
  return inputs
    .map((r) => ({
      role: r.role,
      territorialUnitId: r.territorialUnitId ?? null,
      providerId: r.providerId ?? null,
    }))
    .filter((r) => {
      const key = `${r.role}|${r.territorialUnitId}|${r.providerId}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

/** Replaces all role assignments of a holder (inside the caller's transaction). */
export async function replaceRoles(tx: Db, holder: Holder, roles: ScopedRole[]): Promise<void> {
  await tx.delete(roleAssignments).where(holderIs(holder));
  if (roles.length)
    await tx.insert(roleAssignments).values(roles.map((r) => ({ ...holder, ...r })));
}

/**
 * The role assignments (with unit names) of many users or many clients in one query: lists
 * never load roles row by row.
 */
export async function loadRoles(
  db: Db,
  kind: 'user' | 'client',
  ids: string[],
): Promise<Map<string, RoleAssignment[]>> {
  const byHolder = new Map<string, RoleAssignment[]>(ids.map((id) => [id, []]));
  if (!ids.length) return byHolder;
  const holderColumn = kind === 'user' ? roleAssignments.userId : roleAssignments.apiClientId;
  const rows = await db
    .select({
      holderId: holderColumn,
      role: roleAssignments.role,
      territorialUnitId: roleAssignments.territorialUnitId,
      territorialUnitName: territorialUnits.name,
      providerId: roleAssignments.providerId,
    })
    .from(roleAssignments)
    .leftJoin(territorialUnits, eq(territorialUnits.id, roleAssignments.territorialUnitId))
    .where(inArray(holderColumn, ids))
    .orderBy(asc(roleAssignments.role), asc(territorialUnits.name), asc(roleAssignments.id));
  for (const { holderId, role, ...rest } of rows) {
    byHolder.get(holderId!)?.push({ role: role as Role, ...rest });
  }
  return byHolder;
}

export async function loadRolesOf(
  db: Db,
  kind: 'user' | 'client',
  id: string,
): Promise<RoleAssignment[]> {
  return (await loadRoles(db, kind, [id])).get(id) ?? [];
}

function holderIs(holder: Holder) {
  return 'userId' in holder
    ? eq(roleAssignments.userId, holder.userId)
    : eq(roleAssignments.apiClientId, holder.apiClientId);
}
