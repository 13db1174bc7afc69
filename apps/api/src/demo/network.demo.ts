import type { Db } from '../db/client.ts';
import { facilities, providers, serviceStates, services } from '../db/schema/index.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { loadDemoPlaces, type DemoPlaces } from './demo-places.ts';
import { planNetwork, type NetworkPlan } from './network.plan.ts';

/**
 * Seeds the demo's providers, services (with their effective-dated states) and facilities into
 * the seeding transaction: one multi-row INSERT per table. Returns the plan, which the basic
 * network and the financing parameters are built from.
 */
export async function seedDemoNetwork(
  db: Db,
  places?: DemoPlaces,
): Promise<NetworkPlan & { places: DemoPlaces }> {
  const where = places ?? (await loadDemoPlaces(db));
  const plan = planNetwork(where);
  await db.insert(providers).values(plan.providers);
  await db.insert(services).values(plan.services.map((s) => s.row));
  await db.insert(serviceStates).values(plan.services.flatMap((s) => s.states));
  await db.insert(facilities).values(plan.facilities);
  await recordAudit(db, null, [
    {
      action: 'import',
      entityType: 'provider',
      after: { source: 'demo', created: plan.providers.length },
    },
    {
      action: 'import',
      entityType: 'service',
      after: {
        source: 'demo',
        created: plan.services.length,
        states: plan.services.reduce((n, s) => n + s.states.length, 0),
        facilities: plan.facilities.length,
      },
    },
  ]);
  return { ...plan, places: where };
}
