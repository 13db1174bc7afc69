import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { territorialUnits } from '../db/schema/index.ts';
import { seedDemoUsers } from '../modules/auth/auth.demo.ts';
import { seedDemoTerritory } from '../modules/territory/territory.demo.ts';

/**
 * Seeds the demo region (Liberecký kraj) and demo users into an empty database; a database
 * that already has a region is left alone. Returns whether it seeded.
 */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    const existing = await tx.query.territorialUnits.findFirst({
      where: eq(territorialUnits.kind, 'region'),
    });
    if (existing) return false;
    const territory = await seedDemoTerritory(tx);
    await seedDemoUsers(tx, territory);
    return true;
  });
}
