import type { Role } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { roleAssignments, users } from '../../db/schema/index.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';
import { hashPassword } from './passwords.ts';

/** The password of every demo account (shown on the demo's login page). */
export const DEMO_PASSWORD = 'socplan-demo';

interface DemoUser {
  email: string;
  name: string;
  role: Role;
  territorialUnitId?: string;
}

/** One account per kind of work in the demo region, all with password `socplan-demo`. */
export async function seedDemoUsers(db: Db, territory: DemoTerritory): Promise<void> {
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
    .returning({ id: users.id, email: users.email });
  const idOf = new Map(rows.map((r) => [r.email, r.id]));
  await db.insert(roleAssignments).values(
    demo.map((u) => ({
      userId: idOf.get(u.email)!,
      role: u.role,
      territorialUnitId: u.territorialUnitId ?? null,
    })),
  );
}
