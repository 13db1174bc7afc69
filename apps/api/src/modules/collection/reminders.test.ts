import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/query-rows.ts';
import { providers } from '../../db/schema/index.ts';
import { authHeader, createUnit, createUser } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { createCampaign, createFormVersion } from './collection.test-support.ts';
import { createCampaignWorld, type CampaignWorld } from './campaigns.test-support.ts';
import { useReminderSender, type ReminderMessage } from './reminder-sender.ts';
import { pragueTime, sendReminders } from './reminders.ts';

let ctx: TestContext;
let w: CampaignWorld;
const sent: ReminderMessage[] = [];
beforeAll(async () => {
  ctx = await createTestApp();
  w = await createCampaignWorld(ctx.app);
  useReminderSender({ send: async (message) => void sent.push(message) });
});
afterEach(() => void sent.splice(0));
afterAll(async () => {
  useReminderSender(undefined);
  await ctx.close();
});

const remind = (campaignId: string, headers = w.headers) =>
  ctx.app.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/reminders`, headers });

const remindersOf = (campaignId: string) =>
  queryRows<{ submission_id: string; recipient: string; trigger: string }>(
    ctx.app.db,
    sql`select submission_id, recipient, trigger from campaign_reminders
      where campaign_id = ${campaignId} order by recipient`,
  );

describe('POST /api/campaigns/:id/reminders', () => {
  it('queues a job that writes to who has not submitted and records each reminder', async () => {
    const db = ctx.app.db;
    await createUser(db, {
      email: 'starosta@liberec.example',
      roles: [{ role: 'municipality', territorialUnitId: w.municipalityA }],
    });
    await createUser(db, {
      email: 'odesel@liberec.example',
      active: false,
      roles: [{ role: 'municipality', territorialUnitId: w.municipalityA }],
    });
    await db
      .update(providers)
      .set({ email: 'Info@Poskytovatel-A.example' })
      .where(sql`${providers.id} = ${w.providerA}`);
    const nobody = await createUnit(db, {
      kind: 'municipality',
      name: 'Bez účtu',
      parentId: w.orp2,
    });
    const { campaignId, submissionIds } = await createCampaign(db, {
      deadline: '2099-03-31',
      respondents: [
        w.municipality('A', { code: '563889' }),
        w.municipality('B', { code: '576964', status: 'submitted' }),
        {
          kind: 'provider',
          code: '12345678',
          name: 'Poskytovatel A',
          providerId: w.providerA,
          status: 'returned',
        },
        { kind: 'municipality', code: '500001', name: 'Bez účtu', municipalityId: nobody },
      ],
    });
    const [a, , provider] = submissionIds;

    const res = await remind(campaignId);
    expect(res.statusCode).toBe(202);
    const job = res.json();
    expect(res.headers.location).toBe(`/api/jobs/${job.id}`);
    await ctx.app.jobs.drain();
    const done = await ctx.app.inject({
      method: 'GET',
      url: `/api/jobs/${job.id}`,
      headers: w.headers,
    });
    expect(done.json()).toMatchObject({
      status: 'succeeded',
      result: { sent: 2, failed: 0, unreachable: 1 },
    });

    expect(sent.map((m) => m.to).sort()).toEqual([
      'info@poskytovatel-a.example',
      'starosta@liberec.example',
    ]);
    const toA = sent.find((m) => m.to === 'starosta@liberec.example')!;
    expect(toA.subject).toMatch(/^Upomínka: Sběr 2025 \S+ \(2025\) – termín 31\. 3\. 2099$/);
    expect(toA.text).toContain('Liberec (563889)');
    expect(toA.text).toContain(`/collection/submissions/${a}`);
    expect(await remindersOf(campaignId)).toEqual([
      { submission_id: provider, recipient: 'info@poskytovatel-a.example', trigger: 'manual' },
      { submission_id: a, recipient: 'starosta@liberec.example', trigger: 'manual' },
    ]);
  });

  it('is for collection.manage, and only while the campaign is open (409)', async () => {
    const { campaignId } = await createCampaign(ctx.app.db, { respondents: [w.municipality('A')] });
    expect((await remind(campaignId, authHeader(await w.token('municipality')))).statusCode).toBe(
      403,
    );
    const closed = await createCampaign(ctx.app.db, {
      status: 'closed',
      respondents: [w.municipality('A')],
    });
    expect((await remind(closed.campaignId)).statusCode).toBe(409);
  });
});

describe('scheduled reminders', () => {
  const scheduled = (campaignId: string) =>
    queryRows<{ run_after: Date | string; payload: { daysBefore: number } }>(
      ctx.app.db,
      sql`select run_after, payload from jobs where kind = 'collection.reminders'
        and status = 'queued' and payload ->> 'campaignId' = ${campaignId}
        order by run_after`,
    );
  const times = async (campaignId: string) =>
    (await scheduled(campaignId)).map((j) => new Date(j.run_after).toISOString());

  it('8:00 Prague time, in winter and in summer', () => {
    expect(pragueTime('2099-01-24', 8).toISOString()).toBe('2099-01-24T07:00:00.000Z');
    expect(pragueTime('2025-07-10', 8).toISOString()).toBe('2025-07-10T06:00:00.000Z');
  });

  it('opening queues one job per reminder day at 08:00 Prague; a new deadline replaces them', async () => {
    const { formVersionId } = await createFormVersion(ctx.app.db);
    const id = await w.open({ formVersionId, deadline: '2099-01-31', reminderDaysBefore: [7, 1] });
    expect(await times(id)).toEqual(['2099-01-24T07:00:00.000Z', '2099-01-30T07:00:00.000Z']);
    const moved = await w.patch(id, { deadline: '2099-02-28' });
    expect(moved.statusCode).toBe(200);
    expect(await times(id)).toEqual(['2099-02-21T07:00:00.000Z', '2099-02-27T07:00:00.000Z']);
  });

  it('days already past are skipped', async () => {
    const { formVersionId } = await createFormVersion(ctx.app.db);
    const id = await w.open({
      formVersionId,
      opensOn: '2024-01-01',
      deadline: '2024-03-31',
      reminderDaysBefore: [3],
    });
    expect(await scheduled(id)).toEqual([]);
  });

  it('a job whose schedule changed, or whose campaign is closed, sends nothing', async () => {
    const { campaignId } = await createCampaign(ctx.app.db, {
      deadline: '2099-03-31',
      respondents: [w.municipality('A')],
    });
    const stale = await sendReminders(
      ctx.app.db,
      { campaignId, trigger: 'scheduled', deadline: '2099-03-15', daysBefore: 7 },
      { send: async (m) => void sent.push(m) },
      ctx.app.log,
    );
    expect(stale).toMatchObject({ skipped: 'schedule-changed', sent: 0 });
    const closed = await createCampaign(ctx.app.db, {
      status: 'closed',
      respondents: [w.municipality('A')],
    });
    const none = await sendReminders(
      ctx.app.db,
      { campaignId: closed.campaignId, trigger: 'manual' },
      { send: async (m) => void sent.push(m) },
      ctx.app.log,
    );
    expect(none).toMatchObject({ skipped: 'campaign-not-open', sent: 0 });
    expect(sent).toEqual([]);
  });
});
