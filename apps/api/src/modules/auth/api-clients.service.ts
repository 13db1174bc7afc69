import { randomBytes } from 'node:crypto';
import { and, count, eq, exists, ilike, or, sql } from 'drizzle-orm';
import type {
  ApiClient,
  ApiClientListQuery,
  ApiClientWithSecret,
  CreateApiClientBody,
  List,
  Principal,
  RoleAssignment,
  UpdateApiClientBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { apiClients, roleAssignments } from '../../db/schema/index.ts';
import { NotFoundError, UnauthorizedError } from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { czechSortKey } from '../../lib/czech-text.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { AuthPrincipal } from './principal.ts';
import { loadClientPrincipal } from './principals.ts';
import { loadRoles, loadRolesOf, replaceRoles, validateRoles } from './roles.ts';
import { digestsEqual, randomToken, sha256 } from './tokens.ts';
import { containsPattern } from './users.service.ts';

type ApiClientRow = typeof apiClients.$inferSelect;

/**
 * Client secrets are 256 random bits generated here, never chosen by a person, so they
 * cannot be guessed or found in a dictionary: a fast SHA-256 suffices to keep a leaked table
 * useless (brute force of 2^256 is out of reach), and unlike argon2 it costs the token
 * endpoint nothing, which machine clients call often. Passwords, chosen by people, get argon2id.
 * The stored value is `sha256:<hex>`, naming its scheme in case it ever changes.
 */
export const hashClientSecret = (secret: string) => `sha256:${sha256(secret)}`;
function secretMatches(stored: string, secret: string): boolean {
  const [scheme, digest] = stored.split(':');
  return scheme === 'sha256' && digest !== undefined && digestsEqual(digest, sha256(secret));
}

/** Machine clients never administer accounts: a leaked secret must not mint administrators. */
const CLIENT_ROLE_RULES = {
  forbidden: {
    roles: ['region_admin'] as const,
    reason: 'cannot be given to an API client (administration is for people)',
  },
};

const BAD_CREDENTIALS = 'The client credentials are wrong or the client is deactivated.';

export function toApiClient(row: ApiClientRow, roles: RoleAssignment[]): ApiClient {
  return {
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    active: row.active,
    roles,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    version: row.version,
  };
}

/** Exchanges client credentials for the client's principal; stamps lastUsedAt. */
export async function authenticateClient(
  db: Db,
  clientId: string,
  clientSecret: string,
): Promise<Principal> {
  const [row] = await db.select().from(apiClients).where(eq(apiClients.clientId, clientId));
  const ok = row ? secretMatches(row.secretHash, clientSecret) : false;
  if (!row || !ok || !row.active) throw new UnauthorizedError(BAD_CREDENTIALS);
  // A usage stamp, not a change of the resource: no version bump, no audit row.
  await db
    .update(apiClients)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(apiClients.id, row.id));
  const principal = await loadClientPrincipal(db, row.id);
  if (!principal) throw new UnauthorizedError(BAD_CREDENTIALS);
  return principal;
}

const SORTABLE = {
  name: czechSortKey(apiClients.name),
  clientId: apiClients.clientId,
  createdAt: apiClients.createdAt,
  lastUsedAt: apiClients.lastUsedAt,
};

export async function listApiClients(db: Db, query: ApiClientListQuery): Promise<List<ApiClient>> {
  const pattern = query.q ? containsPattern(query.q.trim()) : undefined;
  const where = and(
    pattern ? or(ilike(apiClients.name, pattern), ilike(apiClients.clientId, pattern)) : undefined,
    query.active === undefined ? undefined : eq(apiClients.active, query.active),
    query.role
      ? exists(
          db
            .select({ one: sql`1` })
            .from(roleAssignments)
            .where(
              and(
                eq(roleAssignments.apiClientId, apiClients.id),
                eq(roleAssignments.role, query.role),
              ),
            ),
        )
      : undefined,
  );
  const { limit, offset } = page(query);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(apiClients)
      .where(where)
      .orderBy(...orderBy(query.sort, SORTABLE, 'name', apiClients.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(apiClients).where(where),
  ]);
  const roles = await loadRoles(
    db,
    'client',
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toApiClient(r, roles.get(r.id) ?? [])), total: total?.n ?? 0 };
}

export async function getApiClient(db: Db, id: string): Promise<ApiClient> {
  const [row] = await db.select().from(apiClients).where(eq(apiClients.id, id));
  if (!row) throw new NotFoundError();
  return toApiClient(row, await loadRolesOf(db, 'client', id));
}

/** Registers a client; its generated secret is returned this once and never again. */
export async function createApiClient(
  db: Db,
  actor: AuthPrincipal,
  body: CreateApiClientBody,
): Promise<ApiClientWithSecret> {
  const clientSecret = randomToken();
  return db.transaction(async (tx) => {
    const roles = await validateRoles(tx, body.roles, CLIENT_ROLE_RULES);
    const [row] = await tx
      .insert(apiClients)
      .values({
        clientId: `sc_${randomBytes(12).toString('hex')}`,
        name: body.name.trim(),
        secretHash: hashClientSecret(clientSecret),
      })
      .returning();
    if (!row) throw new Error('api client insert returned nothing');
    await replaceRoles(tx, { apiClientId: row.id }, roles);
    const client = toApiClient(row, await loadRolesOf(tx, 'client', row.id));
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'api_client',
      entityId: row.id,
      after: client,
    });
    return { client, clientSecret };
  });
}

export async function updateApiClient(
  db: Db,
  actor: AuthPrincipal,
  id: string,
  expectedVersion: number,
  body: UpdateApiClientBody,
): Promise<ApiClient> {
  return db.transaction(async (tx) => {
    const row = await lockClient(tx, id);
    assertVersion(row.version, expectedVersion);
    const before = toApiClient(row, await loadRolesOf(tx, 'client', id));
    const roles = body.roles ? await validateRoles(tx, body.roles, CLIENT_ROLE_RULES) : null;
    const [updated] = await tx
      .update(apiClients)
      .set({
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(apiClients.id, id))
      .returning();
    if (!updated) throw new NotFoundError();
    if (roles) await replaceRoles(tx, { apiClientId: id }, roles);
    const after = toApiClient(updated, await loadRolesOf(tx, 'client', id));
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'api_client',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * DELETE deactivates, like for users: the client gets no new tokens, its record and audit
 * trail stay, and PATCH `active: true` restores it.
 */
export async function deactivateApiClient(
  db: Db,
  actor: AuthPrincipal,
  id: string,
  expectedVersion: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockClient(tx, id);
    assertVersion(row.version, expectedVersion);
    if (!row.active) return;
    const roles = await loadRolesOf(tx, 'client', id);
    const [updated] = await tx
      .update(apiClients)
      .set({ active: false, version: row.version + 1, updatedAt: new Date() })
      .where(eq(apiClients.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'deactivate',
      entityType: 'api_client',
      entityId: id,
      before: toApiClient(row, roles),
      after: updated ? toApiClient(updated, roles) : null,
    });
  });
}

/**
 * Issues a new secret (shown once); the old one stops working at once. The secret is not
 * part of the representation, so the version (ETag) stays; `expectedVersion`, when the
 * client sent If-Match, is still checked.
 */
export async function rotateApiClientSecret(
  db: Db,
  actor: AuthPrincipal,
  id: string,
  expectedVersion: number | null,
): Promise<ApiClientWithSecret> {
  const clientSecret = randomToken();
  return db.transaction(async (tx) => {
    const row = await lockClient(tx, id);
    if (expectedVersion !== null) assertVersion(row.version, expectedVersion);
    const [updated] = await tx
      .update(apiClients)
      .set({ secretHash: hashClientSecret(clientSecret), updatedAt: new Date() })
      .where(eq(apiClients.id, id))
      .returning();
    if (!updated) throw new NotFoundError();
    const client = toApiClient(updated, await loadRolesOf(tx, 'client', id));
    await recordAudit(tx, actor, {
      action: 'rotate_secret',
      entityType: 'api_client',
      entityId: id,
      after: client,
    });
    return { client, clientSecret };
  });
}

async function lockClient(tx: Db, id: string): Promise<ApiClientRow> {
  const [row] = await tx.select().from(apiClients).where(eq(apiClients.id, id)).for('update');
  if (!row) throw new NotFoundError();
  return row;
}
