import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { territorialUnits } from '../db/schema/index.ts';
import {
  seedDemoMunicipalityAccounts,
  seedDemoProviderAccounts,
  seedDemoUsers,
} from '../modules/auth/auth.demo.ts';
import { seedDemoTerritory } from '../modules/territory/territory.demo.ts';
import { seedDemoBasicNetwork } from './basic-network.demo.ts';
import { seedDemoCollection } from './collection.demo.ts';
import { seedDemoCapacityTargets } from './analysis.demo.ts';
import { seedDemoFinancing } from './financing.demo.ts';
import { seedDemoNetwork } from './network.demo.ts';
import { typeForms } from './network.plan.ts';
import { seedDemoPlans } from './plans.demo.ts';
import { seedDemoPopulationByAge } from './population.demo.ts';
import { DEMO_ACCOUNT_PROVIDER } from './providers.data.ts';

/**
 * Serialises demo seeding: API processes starting together on one PostgreSQL database seed the
 * demo once (the others then find the region), instead of colliding on the demo's fixed ids.
 */
const DEMO_SEED_LOCK = 7_318_420_090;

/** The demo's region-staff account that assesses and decides network entries. */
const REGION_STAFF_EMAIL = 'metodik@example.org';
/** The demo's coordinator of ORP Liberec, who coordinates its plans and reports on them. */
const COORDINATOR_EMAIL = 'liberec@example.org';

/**
 * Seeds the demo region (Liberecký kraj), its users and a fictional service network (providers,
 * services with history, facilities, the basic network 2024–2026, financing parameters) and its
 * plans (regional, community, an action plan with monitoring, evaluations of 2011–2012) and its
 * data collection (two forms, last year's closed and this year's open campaigns) into an
 * empty database, in one transaction; a database that already has a region is left alone.
 * Everything is generated from fixed seeds, so every demo database holds the same data.
 * Codelists must be seeded first (server and CLI do it on start). Returns whether it seeded.
 */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK})`);
    const existing = await tx.query.territorialUnits.findFirst({
      where: eq(territorialUnits.kind, 'region'),
    });
    if (existing) return false;
    const territory = await seedDemoTerritory(tx);
    await seedDemoPopulationByAge(tx);
    const accounts = await seedDemoUsers(tx, territory);
    const municipality = await seedDemoMunicipalityAccounts(tx, territory);

    const network = await seedDemoNetwork(tx);
    const providerId = network.providerIds.get(DEMO_ACCOUNT_PROVIDER)!;
    const provider = network.providers.find((p) => p.id === providerId)!;
    const providerAccount = await seedDemoProviderAccounts(tx, {
      id: providerId,
      name: provider.name,
    });

    const regionStaff = accounts.get(REGION_STAFF_EMAIL);
    if (!regionStaff) throw new Error(`The demo users have no ${REGION_STAFF_EMAIL}.`);
    await seedDemoBasicNetwork(tx, network.services, {
      regionStaff,
      providerAccounts: new Map([[DEMO_ACCOUNT_PROVIDER, providerAccount]]),
    });
    await seedDemoFinancing(tx, typeForms(network));
    await seedDemoCapacityTargets(tx);
    const coordinator = accounts.get(COORDINATOR_EMAIL);
    if (!coordinator) throw new Error(`The demo users have no ${COORDINATOR_EMAIL}.`);
    await seedDemoPlans(tx, network.places, network.services, { coordinator, regionStaff });
    await seedDemoCollection(tx, network, {
      regionStaff,
      municipalityUser: municipality.user,
      municipalityClient: municipality.client,
      providerUser: providerAccount,
    });
    return true;
  });
}
