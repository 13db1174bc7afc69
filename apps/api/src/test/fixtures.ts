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
  facilities,
  providers,
  roleAssignments,
  serviceStates,
  services,
  territorialUnits,
  users,
  type ServiceForm,
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

export interface ServiceStateSpec {
  validFrom?: string;
  validTo?: string | null;
  typeCode?: string;
  name?: string;
  status?: 'active' | 'suspended' | 'ended';
  forms?: ServiceForm[];
  targetGroups?: string[];
  ageGroups?: string[];
  territoryUnitIds?: string[];
  fteDirect?: number | null;
}

const STATE_SPEC_KEYS = [
  'typeCode',
  'name',
  'status',
  'forms',
  'targetGroups',
  'ageGroups',
  'territoryUnitIds',
] as const;

/**
 * A service of a provider (a new provider unless given) with one state, or with `states` in
 * order (each ends where the next begins; the last is open-ended). Defaults: a home for the
 * elderly (§49) with 40 beds, active since 2020-01-01, random 7-digit identifier.
 */
export async function createService(
  db: Db,
  options: ServiceStateSpec & {
    providerId?: string;
    identifier?: string | null;
    states?: ServiceStateSpec[];
  } = {},
): Promise<string> {
  const providerId = options.providerId ?? (await createProvider(db));
  const [service] = await db
    .insert(services)
    .values({
      providerId,
      registryIdentifier:
        options.identifier === undefined
          ? String(Math.floor(1e6 + Math.random() * 9e6))
          : options.identifier,
    })
    .returning({ id: services.id });
  const specs = options.states ?? [options];
  const defaults = {
    typeCode: options.typeCode ?? '49',
    name: options.name ?? `Služba ${unique()}`,
    status: options.status ?? 'active',
    forms: options.forms ?? [{ form: 'pob', capacities: [{ unit: 'luzka', count: 40 }] }],
    targetGroups: options.targetGroups ?? ['24'],
    ageGroups: options.ageGroups ?? [],
    territoryUnitIds: options.territoryUnitIds ?? [],
  };
  await db.insert(serviceStates).values(
    specs.map((spec, i) => {
      const validFrom = spec.validFrom ?? (i === 0 ? '2020-01-01' : undefined);
      if (!validFrom) throw new Error('createService: every later state needs a validFrom');
      const next = specs[i + 1]?.validFrom ?? null;
      const fte = spec.fteDirect ?? options.fteDirect;
      return {
        ...defaults,
        ...Object.fromEntries(
          STATE_SPEC_KEYS.filter((k) => spec[k] !== undefined).map((k) => [k, spec[k]]),
        ),
        serviceId: service!.id,
        validFrom,
        validTo: spec.validTo !== undefined ? spec.validTo : next,
        fteDirect: fte === undefined || fte === null ? null : fte.toFixed(2),
      };
    }),
  );
  return service!.id;
}

/**
 * A facility of a service in a municipality (by its code), at a point unless `point: null`.
 * `secretAddress: true` makes it a shelter whose address only region staff may see.
 */
export async function createFacility(
  db: Db,
  serviceId: string,
  options: {
    name?: string;
    municipalityCode?: string | null;
    addressPointCode?: number | null;
    point?: { lat: number; lon: number } | null;
    secretAddress?: boolean;
    validFrom?: string | null;
    validTo?: string | null;
  } = {},
): Promise<string> {
  const point = options.point === undefined ? { lat: 50.767, lon: 15.056 } : options.point;
  const municipalityCode =
    options.municipalityCode === undefined ? '563889' : options.municipalityCode;
  const addressPointCode = options.addressPointCode ?? 20_000_000 + Math.floor(Math.random() * 1e6);
  const [row] = await db
    .insert(facilities)
    .values({
      serviceId,
      name: options.name ?? `Zařízení ${unique()}`,
      address: {
        street: 'Husova',
        houseNumber: String(1 + Math.floor(Math.random() * 2000)),
        orientationNumber: null,
        postcode: '46001',
        municipalityCode,
        addressPointCode,
      },
      addressPointCode,
      municipalityCode,
      lat: point?.lat ?? null,
      lon: point?.lon ?? null,
      secretAddress: options.secretAddress ?? false,
      validFrom: options.validFrom ?? null,
      validTo: options.validTo ?? null,
    })
    .returning({ id: facilities.id });
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
