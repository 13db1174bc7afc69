import { eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/query-rows.ts';
import {
  apiClients,
  campaignReminders,
  campaigns,
  formVersions,
  forms,
  submissionComments,
  submissionEvents,
  submissionValueHistory,
  submissions,
  submissionValues,
  territorialUnits,
} from '../db/schema/index.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { DEMO_CLIENT_ID, type DemoAccount } from '../modules/auth/auth.demo.ts';
import { respondentsSql } from '../modules/collection/campaign-respondents.ts';
import { ENTITY } from '../modules/collection/forms.service.ts';
import { scheduleReminders } from '../modules/collection/reminders.ts';
import { today } from '../lib/validity.ts';
import { planCollection, type CollectionActors } from './collection.plan.ts';
import type { DemoPlaces } from './demo-places.ts';
import type { PlannedService } from './network.plan.ts';
import { DEMO_ACCOUNT_PROVIDER } from './providers.data.ts';

/** Rows per INSERT: well under the 65,535 bind parameters of one statement. */
const CHUNK = 1000;

async function insertAll<T extends PgTable>(db: Db, table: T, rows: readonly T['$inferInsert'][]) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db.insert(table).values(rows.slice(i, i + CHUNK) as T['$inferInsert'][]);
}

const byTime = <R extends { at: Date }>(rows: R[]) =>
  rows.sort((a, b) => a.at.getTime() - b.at.getTime());

/**
 * Seeds the demo's data collection (collection.plan.ts) in bulk: forms and versions, campaigns,
 * submissions with their values, value history, workflow events and reviewers' comments.
 * History and events are inserted in time order, so their ids run in the order things happened.
 * Not through openCampaign and the submission services: they stamp now() and the caller, and
 * the demo needs a year of history by several people; the tests hold the two to the same
 * respondents, prefill and rules.
 */
export async function seedDemoCollection(
  db: Db,
  network: { places: DemoPlaces; services: readonly PlannedService[] },
  actors: Omit<CollectionActors, 'providerClient'>,
  now = new Date(),
): Promise<void> {
  const [municipalityRows, [providerClient], placed] = await Promise.all([
    db
      .select({
        id: territorialUnits.id,
        code: territorialUnits.code,
        name: territorialUnits.name,
        population: territorialUnits.population,
        orpId: territorialUnits.parentId,
      })
      .from(territorialUnits)
      .where(eq(territorialUnits.kind, 'municipality')),
    db
      .select({ id: apiClients.id, name: apiClients.name })
      .from(apiClients)
      .where(eq(apiClients.clientId, DEMO_CLIENT_ID)),
    queryRows<{ code: string; unit_id: string | null; orp_id: string | null }>(
      db,
      sql`select code, unit_id, orp_id from ${respondentsSql(
        { respondentKind: 'service', orpIds: [], serviceTypes: [] },
        today(now),
      )} r`,
    ),
  ]);
  if (!providerClient) throw new Error(`The demo has no API client ${DEMO_CLIENT_ID}.`);
  const plan = planCollection({
    now,
    municipalities: municipalityRows.map((m) => ({
      ...m,
      population: m.population ?? 0,
      orpId: m.orpId!,
    })),
    places: network.places,
    services: network.services,
    placements: new Map(placed.map((p) => [p.code, { unitId: p.unit_id, orpId: p.orp_id }])),
    accountProvider: DEMO_ACCOUNT_PROVIDER,
    actors: { ...actors, providerClient: providerClient satisfies DemoAccount },
  });

  const stories = plan.stories;
  await db.insert(forms).values(plan.forms);
  await db.insert(formVersions).values(plan.versions);
  await db.insert(campaigns).values(plan.campaigns);
  await insertAll(
    db,
    submissions,
    stories.map((s) => s.row),
  );
  await insertAll(
    db,
    submissionValues,
    stories.flatMap((s) => s.values()),
  );
  await insertAll(db, submissionValueHistory, byTime(stories.flatMap((s) => s.history)));
  const events = byTime(stories.flatMap((s) => s.events));
  const eventIds = new Map<object, number>();
  for (let i = 0; i < events.length; i += CHUNK) {
    const chunk = events.slice(i, i + CHUNK);
    // A multi-row INSERT returns its rows in the order of its VALUES.
    const ids = await db
      .insert(submissionEvents)
      .values(chunk)
      .returning({ id: submissionEvents.id });
    chunk.forEach((e, k) => eventIds.set(e, ids[k]!.id));
  }
  const comments = stories.flatMap((s) =>
    s.comments.map((c) => ({ ...c.row, eventId: eventIds.get(c.event)! })),
  );
  if (comments.length) await db.insert(submissionComments).values(comments);
  if (plan.reminders.length) await db.insert(campaignReminders).values(plan.reminders);
  // The open campaigns' reminders are queued as opening queues them.
  for (const campaign of plan.campaigns.filter((c) => c.status === 'open'))
    await scheduleReminders(db, campaign, actors.regionStaff.id);

  await recordAudit(db, null, [
    ...plan.forms.map((f) => ({
      action: 'import',
      entityType: ENTITY.form,
      entityId: f.id,
      after: { source: 'demo', code: f.code },
    })),
    ...plan.campaigns.map((c) => ({
      action: 'import',
      entityType: ENTITY.campaign,
      entityId: c.id,
      after: {
        source: 'demo',
        period: c.period,
        status: c.status,
        submissions: stories.filter((s) => s.row.campaignId === c.id).length,
      },
    })),
  ]);
}
