/**
 * Test fixtures for any module: accounts, territorial units and tokens, inserted directly
 * (no audit rows, no HTTP) so tests set up only what they are about.
 */
import { randomBytes } from 'node:crypto';
import type { Role, UnitKind } from '@socplan/contracts';
import type { App } from '../app.ts';
import type { Db } from '../db/client.ts';
import {
  apiClients,
  providers,
  roleAssignments,
  territorialUnits,
  users,
} from '../db/schema/index.ts';
import { icoCheckDigit } from '../lib/ico.ts';
import { hashClientSecret } from '../modules/auth/api-clients.service.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { randomToken } from '../modules/auth/tokens.ts';

/** The password of accounts made by `createUser` unless one is given. */
export const TEST_PASSWORD = 'test-password-123';

export interface RoleSpec {
  role: Role;
  territorialUnitId?: string | null;
  providerId?: string | null;
}

const unique = () => randomBytes(4).toString('hex');

export interface CreatedUser {
  id: string;
  email: string;
  password: string;
}

/** An account with these roles (none by default), active unless `active: false`. */
export async function createUser(
  db: Db,
  options: {
    email?: string;
    name?: string;
    password?: string;
    roles?: RoleSpec[];
    active?: boolean;
  } = {},
): Promise<CreatedUser> {
  const email = (options.email ?? `user-${unique()}@example.test`).toLowerCase();
  const password = options.password ?? TEST_PASSWORD;
  const [row] = await db
    .insert(users)
    .values({
      email,
      name: options.name ?? email.split('@')[0]!,
      passwordHash: await hashPassword(password),
      active: options.active ?? true,
    })
    .returning({ id: users.id });
  await insertRoles(db, { userId: row!.id }, options.roles ?? []);
  return { id: row!.id, email, password };
}

export interface CreatedApiClient {
  id: string;
  clientId: string;
  clientSecret: string;
}

/** An API client with these roles and a known secret. */
export async function createApiClient(
  db: Db,
  options: { name?: string; roles?: RoleSpec[]; active?: boolean } = {},
): Promise<CreatedApiClient> {
  const clientId = `sc_test_${unique()}`;
  const clientSecret = randomToken();
  const [row] = await db
    .insert(apiClients)
    .values({
      clientId,
      name: options.name ?? `Client ${clientId}`,
      secretHash: hashClientSecret(clientSecret),
      active: options.active ?? true,
    })
    .returning({ id: apiClients.id });
  await insertRoles(db, { apiClientId: row!.id }, options.roles ?? []);
  return { id: row!.id, clientId, clientSecret };
}

/** A territorial unit row (for unit-bound roles and scope tests). */
export async function createUnit(
  db: Db,
  options: { kind: UnitKind; name?: string; code?: string; parentId?: string | null },
): Promise<string> {
  const code = options.code ?? unique();
  const [row] = await db
    .insert(territorialUnits)
    .values({
      kind: options.kind,
      code,
      name: options.name ?? `${options.kind} ${code}`,
      parentId: options.parentId ?? null,
    })
    .returning({ id: territorialUnits.id });
  return row!.id;
}

/** A provider with a valid, random IČO. */
export async function createProvider(db: Db, options: { name?: string } = {}): Promise<string> {
  const seven = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  const [row] = await db
    .insert(providers)
    .values({ ico: seven + icoCheckDigit(seven), name: options.name ?? `Poskytovatel ${seven}` })
    .returning({ id: providers.id });
  return row!.id;
}

/** Logs in through POST /api/auth/login, as the SPA does; returns the access token. */
export async function loginAs(app: App, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (res.statusCode !== 200)
    throw new Error(`login as ${email} failed: ${res.statusCode} ${res.body}`);
  return res.json<{ accessToken: string }>().accessToken;
}

/** An access token through POST /api/auth/token (client credentials). */
export async function clientToken(app: App, client: CreatedApiClient): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/token',
    payload: { clientId: client.clientId, clientSecret: client.clientSecret },
  });
  if (res.statusCode !== 200)
    throw new Error(`token for ${client.clientId} failed: ${res.statusCode} ${res.body}`);
  return res.json<{ accessToken: string }>().accessToken;
}

/** A user with one role, logged in: the usual first line of an authorization test. */
export async function tokenForRole(app: App, spec: RoleSpec): Promise<string> {
  const user = await createUser(app.db, { roles: [spec] });
  return loginAs(app, user.email, user.password);
}

export const authHeader = (token: string) => ({ authorization: `Bearer ${token}` });

async function insertRoles(
  db: Db,
  holder: { userId: string } | { apiClientId: string },
  roles: RoleSpec[],
): Promise<void> {
  if (!roles.length) return;
  await db.insert(roleAssignments).values(
    roles.map((r) => ({
      ...holder,
      role: r.role,
      territorialUnitId: r.territorialUnitId ?? null,
      providerId: r.providerId ?? null,
    })),
  );
}
