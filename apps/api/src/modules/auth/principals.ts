import { eq } from 'drizzle-orm';
import type { Principal } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { apiClients, users } from '../../db/schema/index.ts';
import { loadRolesOf } from './roles.ts';

/**
 * The principal of an active user as stored now (current roles, with unit names); null for a
 * missing or deactivated user. Structurally an AuthPrincipal too, so it can be signed.
 */
export async function loadUserPrincipal(db: Db, userId: string): Promise<Principal | null> {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.active) return null;
  return {
    id: user.id,
    kind: 'user',
    name: user.name,
    email: user.email,
    roles: await loadRolesOf(db, 'user', user.id),
  };
}

/** The principal of an active API client (kind `client`, no email); null when missing or inactive. */
export async function loadClientPrincipal(db: Db, id: string): Promise<Principal | null> {
  const [client] = await db
    .select({ id: apiClients.id, name: apiClients.name, active: apiClients.active })
    .from(apiClients)
    .where(eq(apiClients.id, id));
  if (!client?.active) return null;
  return {
    id: client.id,
    kind: 'client',
    name: client.name,
    email: null,
    roles: await loadRolesOf(db, 'client', client.id),
  };
}
