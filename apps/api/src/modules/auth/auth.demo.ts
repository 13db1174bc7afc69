import type { Role } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { apiClients, roleAssignments, users } from '../../db/schema/index.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';
import { hashClientSecret } from './api-clients.service.ts';
import { hashPassword } from './passwords.ts';

/** The password of every demo account (shown on the demo's login page). */
export const DEMO_PASSWORD = 'socplan-demo';

interface DemoUser {
  email: string;
  name: string;
  role: Role;
  territorialUnitId?: string;
}

/** An account the demo made: its id and name (the name its actions are recorded under). */
export interface DemoAccount {
  id: string;
  name: string;
}

/**
 * One account per kind of work in the demo region, all with password `socplan-demo`.
 * Returns them by e-mail.
 */
export async function seedDemoUsers(
  db: Db,
  territory: DemoTerritory,
): Promise<Map<string, DemoAccount>> {
  const liberec = territory.orpIdsByCode.get('5105');
  if (!liberec) throw new Error('The demo territory has no ORP Liberec (5105).');
  const demo: DemoUser[] = [
    { email: 'kraj@example.org', name: 'Krajská administrátorka', role: 'region_admin' },
    { email: 'metodik@example.org', name: 'Metodik sociálních služeb', role: 'region_staff' },
    {
      email: 'liberec@example.org',
      name: 'Koordinátorka ORP Liberec',
      role: 'coordinator',
      territorialUnitId: liberec,
    },
    { email: 'analytik@example.org', name: 'Analytička kraje', role: 'analyst' },
  ];
  const hashes = await Promise.all(demo.map(() => hashPassword(DEMO_PASSWORD)));
  const rows = await db
    .insert(users)
    .values(demo.map((u, i) => ({ email: u.email, name: u.name, passwordHash: hashes[i]! })))
    .returning({ id: users.id, email: users.email, name: users.name });
  const accounts = new Map(rows.map((r) => [r.email, { id: r.id, name: r.name }]));
  await db.insert(roleAssignments).values(
    demo.map((u) => ({
      userId: accounts.get(u.email)!.id,
      role: u.role,
      territorialUnitId: u.territorialUnitId ?? null,
    })),
  );
  return accounts;
}

/** The demo provider's account (password `socplan-demo`) and its information system's client. */
export const DEMO_PROVIDER_EMAIL = 'poskytovatel@example.org';
export const DEMO_CLIENT_ID = 'demo-provider-system';
/** Published in the README: a demo secret, never a real one (real secrets are generated). */
export const DEMO_CLIENT_SECRET = 'socplan-demo-client-secret';

/**
 * The accounts of one demo provider: a person with the provider role and an API client (its
 * information system) with the same role, both bound to `provider`. Returns the person.
 */
export async function seedDemoProviderAccounts(
  db: Db,
  provider: { id: string; name: string },
): Promise<DemoAccount> {
  const [user] = await db
    .insert(users)
    .values({
      email: DEMO_PROVIDER_EMAIL,
      name: `Vedoucí služeb (${provider.name})`,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    })
    .returning({ id: users.id, name: users.name });
  const [client] = await db
    .insert(apiClients)
    .values({
      clientId: DEMO_CLIENT_ID,
      name: `Informační systém poskytovatele ${provider.name}`,
      secretHash: hashClientSecret(DEMO_CLIENT_SECRET),
    })
    .returning({ id: apiClients.id });
  if (!user || !client) throw new Error('demo provider accounts insert returned nothing');
  await db.insert(roleAssignments).values([
    { userId: user.id, role: 'provider', providerId: provider.id },
    { apiClientId: client.id, role: 'provider', providerId: provider.id },
  ]);
  return user;
}

/** The demo municipality's account (password `socplan-demo`) and its information system's client. */
export const DEMO_MUNICIPALITY_EMAIL = 'obec@example.org';
export const DEMO_MUNICIPALITY_CODE = '563889'; // Liberec
export const DEMO_MUNICIPALITY_CLIENT_ID = 'liberec-is';
/** Published in the README: a demo secret, never a real one. */
export const DEMO_MUNICIPALITY_CLIENT_SECRET = 'socplan-demo-secret';

/**
 * The accounts of the demo municipality Liberec: a social-department officer with the
 * municipality role and the city's information system (an API client with the same role),
 * both bound to the municipality, so they answer its data-collection forms.
 */
export async function seedDemoMunicipalityAccounts(
  db: Db,
  territory: DemoTerritory,
): Promise<{ user: DemoAccount; client: DemoAccount }> {
  const liberec = territory.municipalityIdsByCode.get(DEMO_MUNICIPALITY_CODE);
  if (!liberec)
    throw new Error(`The demo territory has no municipality Liberec (${DEMO_MUNICIPALITY_CODE}).`);
  const [user] = await db
    .insert(users)
    .values({
      email: DEMO_MUNICIPALITY_EMAIL,
      name: 'Referentka sociálního odboru, Statutární město Liberec',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    })
    .returning({ id: users.id, name: users.name });
  const [client] = await db
    .insert(apiClients)
    .values({
      clientId: DEMO_MUNICIPALITY_CLIENT_ID,
      name: 'Informační systém města Liberec',
      secretHash: hashClientSecret(DEMO_MUNICIPALITY_CLIENT_SECRET),
    })
    .returning({ id: apiClients.id, name: apiClients.name });
  if (!user || !client) throw new Error('demo municipality accounts insert returned nothing');
  await db.insert(roleAssignments).values([
    { userId: user.id, role: 'municipality', territorialUnitId: liberec },
    { apiClientId: client.id, role: 'municipality', territorialUnitId: liberec },
  ]);
  return { user, client };
}
