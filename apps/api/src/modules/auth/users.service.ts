import { and, count, eq, exists, ilike, or, sql } from 'drizzle-orm';
import type {
  CreateUserBody,
  List,
  RoleAssignment,
  UpdateUserBody,
  User,
  UserListQuery,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { roleAssignments, users } from '../../db/schema/index.ts';
import { ConflictError, InvalidError, NotFoundError, type FieldError } from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { czechSortKey } from '../../lib/czech-text.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { normalizeEmail } from './auth.service.ts';
import { isUniqueViolation } from './db-errors.ts';
import { hashPassword } from './passwords.ts';
import type { AuthPrincipal } from './principal.ts';
import { loadRoles, loadRolesOf, replaceRoles, validateRoles } from './roles.ts';
import { revokeUserSessions } from './sessions.ts';

type UserRow = typeof users.$inferSelect;

/** The public shape of a user: never the password hash (also what the audit log stores). */
export function toUser(row: UserRow, roles: RoleAssignment[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    active: row.active,
    roles,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

/** A LIKE pattern matching `text` anywhere, with its wildcards taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

const SORTABLE = { name: czechSortKey(users.name), email: users.email, createdAt: users.createdAt };

export async function listUsers(db: Db, query: UserListQuery): Promise<List<User>> {
  const pattern = query.q ? containsPattern(query.q.trim()) : undefined;
  const where = and(
    pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
    query.active === undefined ? undefined : eq(users.active, query.active),
    query.role
      ? exists(
          db
            .select({ one: sql`1` })
            .from(roleAssignments)
            .where(and(eq(roleAssignments.userId, users.id), eq(roleAssignments.role, query.role))),
        )
      : undefined,
  );
  const { limit, offset } = page(query);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(...orderBy(query.sort, SORTABLE, 'name', users.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  const roles = await loadRoles(
    db,
    'user',
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toUser(r, roles.get(r.id) ?? [])), total: total?.n ?? 0 };
}

export async function getUser(db: Db, id: string): Promise<User> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new NotFoundError();
  return toUser(row, await loadRolesOf(db, 'user', id));
}

export async function createUser(
  db: Db,
  actor: AuthPrincipal | null,
  body: CreateUserBody,
): Promise<User> {
  const passwordHash = await hashPassword(body.password);
  return translateDuplicateEmail(() =>
    db.transaction(async (tx) => {
      const roles = await validateRoles(tx, body.roles);
      const [row] = await tx
        .insert(users)
        .values({
          email: normalizeEmail(body.email),
          name: body.name.trim(),
          passwordHash,
          active: body.active ?? true,
        })
        .returning();
      if (!row) throw new Error('user insert returned nothing');
      await replaceRoles(tx, { userId: row.id }, roles);
      const user = toUser(row, await loadRolesOf(tx, 'user', row.id));
      await recordAudit(tx, actor, {
        action: 'create',
        entityType: 'user',
        entityId: row.id,
        after: user,
      });
      return user;
    }),
  );
}

/**
 * Changes a user if the client's version is current (412 otherwise). A new password or a
 * deactivation ends all the user's sessions (refresh tokens); access tokens already issued
 * live out their short lifetime.
 */
export async function updateUser(
  db: Db,
  actor: AuthPrincipal,
  id: string,
  expectedVersion: number,
  body: UpdateUserBody,
): Promise<User> {
  const passwordHash = body.password === undefined ? null : await hashPassword(body.password);
  const mayDropAdmin = body.active === false || body.roles !== undefined;
  return translateDuplicateEmail(() =>
    db.transaction(async (tx) => {
      if (mayDropAdmin) await lockAdministrators(tx);
      const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
      if (!row) throw new NotFoundError();
      assertVersion(row.version, expectedVersion);
      const before = toUser(row, await loadRolesOf(tx, 'user', id));
      const roles = body.roles ? await validateRoles(tx, body.roles) : null;

      const [updated] = await tx
        .update(users)
        .set({
          ...(body.email !== undefined ? { email: normalizeEmail(body.email) } : {}),
          ...(body.name !== undefined ? { name: body.name.trim() } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
          ...(passwordHash ? { passwordHash } : {}),
          version: row.version + 1,
          updatedAt: new Date(),
        })
        .where(eq(users.id, id))
        .returning();
      if (!updated) throw new NotFoundError();
      if (roles) await replaceRoles(tx, { userId: id }, roles);
      if (passwordHash || body.active === false) await revokeUserSessions(tx, id);
      if (mayDropAdmin) await assertAnAdministratorRemains(tx, body.roles ? '/roles' : '/active');

      const after = toUser(updated, await loadRolesOf(tx, 'user', id));
      await recordAudit(tx, actor, {
        action: 'update',
        entityType: 'user',
        entityId: id,
        before,
        after: passwordHash ? { ...after, passwordChanged: true } : after,
      });
      return after;
    }),
  );
}

/**
 * DELETE deactivates: the account can no longer log in or refresh, its sessions end, and it
 * stays for the audit trail and for what it authored (PATCH `active: true` brings it back).
 */
export async function deactivateUser(
  db: Db,
  actor: AuthPrincipal,
  id: string,
  expectedVersion: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockAdministrators(tx);
    const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!row) throw new NotFoundError();
    assertVersion(row.version, expectedVersion);
    if (!row.active) return;
    const roles = await loadRolesOf(tx, 'user', id);
    const [updated] = await tx
      .update(users)
      .set({ active: false, version: row.version + 1, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    await revokeUserSessions(tx, id);
    await assertAnAdministratorRemains(tx);
    await recordAudit(tx, actor, {
      action: 'deactivate',
      entityType: 'user',
      entityId: id,
      before: toUser(row, roles),
      after: updated ? toUser(updated, roles) : null,
    });
  });
}

export interface CreateAdminInput {
  email: string;
  name: string;
  password: string;
}

/**
 * For the CLI (`create-admin`): makes `email` an active region administrator with this name
 * and password, creating the account or promoting (and reactivating) an existing one. The
 * audit row has no principal: the operator at the console is not an account.
 */
export async function createAdmin(
  db: Db,
  input: CreateAdminInput,
): Promise<{ user: User; created: boolean }> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const errors: FieldError[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
    errors.push({ pointer: '/email', detail: 'is not an email address' });
  if (!name || name.length > 200)
    errors.push({ pointer: '/name', detail: 'needs 1–200 characters' });
  if (input.password.length < 10)
    errors.push({ pointer: '/password', detail: 'needs at least 10 characters' });
  if (errors.length) throw new InvalidError('The administrator cannot be created.', errors);

  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`)
      .for('update');
    if (!existing) {
      const [row] = await tx.insert(users).values({ email, name, passwordHash }).returning();
      if (!row) throw new Error('user insert returned nothing');
      await replaceRoles(tx, { userId: row.id }, [
        { role: 'region_admin', territorialUnitId: null, providerId: null },
      ]);
      const user = toUser(row, await loadRolesOf(tx, 'user', row.id));
      await recordAudit(tx, null, {
        action: 'create',
        entityType: 'user',
        entityId: row.id,
        after: user,
      });
      return { user, created: true };
    }
    const roles = await loadRolesOf(tx, 'user', existing.id);
    if (!roles.some((r) => r.role === 'region_admin')) {
      await tx.insert(roleAssignments).values({ userId: existing.id, role: 'region_admin' });
    }
    const [updated] = await tx
      .update(users)
      .set({
        name,
        passwordHash,
        active: true,
        version: existing.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(users.id, existing.id))
      .returning();
    if (!updated) throw new Error('user update returned nothing');
    await revokeUserSessions(tx, existing.id);
    const user = toUser(updated, await loadRolesOf(tx, 'user', existing.id));
    await recordAudit(tx, null, {
      action: 'update',
      entityType: 'user',
      entityId: existing.id,
      before: toUser(existing, roles),
      after: { ...user, passwordChanged: true },
    });
    return { user, created: false };
  });
}

/** Serialises changes that could remove the last administrator (two admins demoting each other). */
const ADMINISTRATORS_LOCK = 7_318_420_002;
async function lockAdministrators(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMINISTRATORS_LOCK})`);
}

/** A region without an active administrator could only be repaired from the console: refuse. */
async function assertAnAdministratorRemains(tx: Db, pointer?: string): Promise<void> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        exists(
          tx
            .select({ one: sql`1` })
            .from(roleAssignments)
            .where(
              and(eq(roleAssignments.userId, users.id), eq(roleAssignments.role, 'region_admin')),
            ),
        ),
      ),
    );
  if ((row?.n ?? 0) === 0) {
    throw new ConflictError(
      'This would leave the region without an active administrator.',
      pointer
        ? [{ in: 'body', pointer, detail: 'would remove the last active administrator' }]
        : undefined,
    );
  }
}

async function translateDuplicateEmail<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) {
      throw new ConflictError('Another user already has this email address.', [
        { in: 'body', pointer: '/email', detail: 'is already used by another user' },
      ]);
    }
    throw error;
  }
}
