import type { Db } from '../db/client.ts';
import {
  networkDecisions,
  networkEntries,
  networkEntryEvents,
  networkPeriods,
} from '../db/schema/index.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import {
  planBasicNetwork,
  type BasicNetworkActors,
  type BasicNetworkPlan,
} from './basic-network.plan.ts';
import type { PlannedService } from './network.plan.ts';

/** Seeds the basic network 2024–2026 (period, decisions, entries, their events) in bulk. */
export async function seedDemoBasicNetwork(
  db: Db,
  services: readonly PlannedService[],
  actors: BasicNetworkActors,
): Promise<BasicNetworkPlan> {
  const plan = planBasicNetwork(services, actors);
  await db.insert(networkPeriods).values(plan.period);
  await db.insert(networkDecisions).values(plan.decisions);
  await db.insert(networkEntries).values(plan.entries);
  await db.insert(networkEntryEvents).values(plan.events);
  await recordAudit(db, null, {
    action: 'import',
    entityType: 'network_period',
    entityId: plan.period.id,
    after: {
      source: 'demo',
      decisions: plan.decisions.length,
      entries: plan.entries.length,
      events: plan.events.length,
    },
  });
  return plan;
}
