import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { campaignReminders, jobs } from '../../db/schema/index.ts';
import { today } from '../../lib/validity.ts';
import type { JobRunner } from '../../plugins/jobs.ts';
import { enqueueJob, type JobRow } from '../jobs/jobs.service.ts';
import { findCampaignForm, type CampaignRow } from './campaign-form.ts';
import {
  reminderSender,
  type ReminderMessage,
  type ReminderSenderKind,
} from './reminder-sender.ts';

export const REMINDER_JOB = 'collection.reminders';

export interface ReminderJobPayload {
  campaignId: string;
  trigger: 'scheduled' | 'manual';
  /** Scheduled jobs: the schedule they were made for (a changed schedule makes them no-ops). */
  deadline?: string;
  daysBefore?: number;
}

export interface ReminderResult {
  campaignId: string;
  /** Why nothing was sent, when nothing was. */
  skipped?: 'campaign-not-open' | 'schedule-changed';
  sent: number;
  failed: number;
  /** Pending respondents nobody could be found to write to. */
  unreachable: number;
}

/** Statuses whose respondent still owes the region something before the deadline. */
const PENDING_STATUSES = ['draft', 'returned'] as const;

const PRAGUE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Prague',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The instant of a wall-clock time in Prague on a day (`2025-03-30`, 8 → 06:00Z). */
export function pragueTime(day: string, hour: number): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour);
  const parts = Object.fromEntries(PRAGUE.formatToParts(guess).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
  return new Date(guess - (wall - guess));
}

const minusDays = (day: string, days: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

/**
 * One scheduled reminder job per `reminderDaysBefore`, at 08:00 Prague time that many days
 * before the deadline; days already past are skipped. Called inside the opening (or
 * rescheduling) transaction. The job checks again when it runs that the campaign is open and
 * its schedule unchanged.
 */
export async function scheduleReminders(
  tx: Db,
  campaign: Pick<CampaignRow, 'id' | 'deadline' | 'reminderDaysBefore'>,
  createdBy: string | null,
): Promise<number> {
  // Replaces the schedule: jobs queued for an earlier deadline or other days go.
  await tx.delete(jobs).where(
    sql`${jobs.kind} = ${REMINDER_JOB} and ${jobs.status} = 'queued'
        and ${jobs.payload} ->> 'campaignId' = ${campaign.id}
        and ${jobs.payload} ->> 'trigger' = 'scheduled'`,
  );
  const now = today();
  let n = 0;
  for (const daysBefore of new Set(campaign.reminderDaysBefore)) {
    const day = minusDays(campaign.deadline, daysBefore);
    if (day < now) continue;
    const payload: ReminderJobPayload = {
      campaignId: campaign.id,
      trigger: 'scheduled',
      deadline: campaign.deadline,
      daysBefore,
    };
    await enqueueJob(tx, {
      kind: REMINDER_JOB,
      payload: { ...payload },
      createdBy,
      runAfter: pragueTime(day, 8),
    });
    n++;
  }
  return n;
}

/** A reminder now, to every respondent who has not submitted. */
export async function enqueueManualReminders(
  db: Db,
  campaignId: string,
  createdBy: string | null,
): Promise<JobRow> {
  const payload: ReminderJobPayload = { campaignId, trigger: 'manual' };
  return enqueueJob(db, { kind: REMINDER_JOB, payload: { ...payload }, createdBy, maxAttempts: 1 });
}

interface Recipient {
  submission_id: string;
  respondent_code: string;
  respondent_name: string;
  email: string;
}

/**
 * Who to write to about each pending submission: the active users holding the municipality
 * role on its municipality or the provider role on its provider; when there is none, the
 * service's or provider's e-mail from the registry.
 */
function recipientsSql(campaignId: string) {
  return sql`with pending as (
      select id, respondent_code, respondent_name, municipality_id, provider_id, service_id
      from submissions
      where campaign_id = ${campaignId}
        and status in (${sql.join(
          PENDING_STATUSES.map((s) => sql`${s}`),
          sql`, `,
        )})
    ),
    users_to as (
      select distinct p.id as submission_id, lower(u.email) as email
      from pending p
      join role_assignments ra
        on (ra.role = 'municipality' and ra.territorial_unit_id = p.municipality_id)
        or (ra.role = 'provider' and ra.provider_id = p.provider_id)
      join users u on u.id = ra.user_id and u.active
    ),
    fallback as (
      select p.id as submission_id,
        lower(coalesce(nullif(st.email, ''), nullif(pr.email, ''))) as email
      from pending p
      left join providers pr on pr.id = p.provider_id
      left join service_states st on st.service_id = p.service_id and st.valid_to is null
      where not exists (select 1 from users_to ut where ut.submission_id = p.id)
    ),
    recipients as (
      select * from users_to union all select * from fallback where email is not null
    )
    select p.id as submission_id, p.respondent_code, p.respondent_name, r.email
    from pending p left join recipients r on r.submission_id = p.id
    order by p.respondent_name, p.id, r.email`;
}

const czechDate = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${d}. ${m}. ${y}`;
};

/** The Czech reminder for one respondent. */
export function reminderMessage(
  to: string,
  campaign: { name: string; period: string; deadline: string; formName: string },
  respondent: { code: string; name: string; submissionId: string },
): ReminderMessage {
  const deadline = czechDate(campaign.deadline);
  return {
    to,
    subject: `Upomínka: ${campaign.name} (${campaign.period}) – termín ${deadline}`,
    text: [
      'Dobrý den,',
      '',
      `připomínáme, že za respondenta ${respondent.name} (${respondent.code}) dosud nebyl ` +
        `odeslán formulář „${campaign.formName}“ ve sběru dat „${campaign.name}“ za období ` +
        `${campaign.period}. Termín odevzdání je ${deadline}.`,
      '',
      `Formulář vyplníte a odešlete v aplikaci socplan: /collection/submissions/${respondent.submissionId}`,
      '',
      'Děkujeme.',
      '',
      'Tato zpráva byla odeslána automaticky.',
    ].join('\n'),
  };
}

/**
 * Sends the reminders of a campaign to who has not submitted yet and records each sent one.
 * A message that fails is logged and counted, not retried (a retry would write again to
 * those who already got it).
 */
export async function sendReminders(
  db: Db,
  payload: ReminderJobPayload,
  sender: { send(message: ReminderMessage): Promise<void> },
  log: FastifyBaseLogger,
): Promise<ReminderResult> {
  const result: ReminderResult = {
    campaignId: payload.campaignId,
    sent: 0,
    failed: 0,
    unreachable: 0,
  };
  const found = await findCampaignForm(db, payload.campaignId);
  if (!found || found.campaign.status !== 'open')
    return { ...result, skipped: 'campaign-not-open' };
  const { campaign } = found;
  if (
    payload.trigger === 'scheduled' &&
    (payload.deadline !== campaign.deadline ||
      payload.daysBefore === undefined ||
      !campaign.reminderDaysBefore.includes(payload.daysBefore))
  )
    return { ...result, skipped: 'schedule-changed' };
  const recipients = await queryRows<Recipient>(db, recipientsSql(campaign.id));
  const sent: (typeof campaignReminders.$inferInsert)[] = [];
  for (const r of recipients) {
    if (!r.email) {
      result.unreachable++;
      continue;
    }
    const message = reminderMessage(
      r.email,
      { ...campaign, formName: found.formName },
      { code: r.respondent_code, name: r.respondent_name, submissionId: r.submission_id },
    );
    try {
      await sender.send(message);
      sent.push({
        campaignId: campaign.id,
        submissionId: r.submission_id,
        recipient: r.email,
        trigger: payload.trigger,
      });
    } catch (error) {
      result.failed++;
      log.warn({ err: error, to: r.email, campaignId: campaign.id }, 'reminder not sent');
    }
  }
  if (sent.length) await db.insert(campaignReminders).values(sent);
  result.sent = sent.length;
  return result;
}

/** Registers the reminder job; the sender is looked up when a job runs (tests swap it). */
export function registerReminderJobs(
  runner: JobRunner,
  log: FastifyBaseLogger,
  senderKind: ReminderSenderKind,
): void {
  runner.register(REMINDER_JOB, async (ctx) =>
    sendReminders(
      ctx.db,
      ctx.job.payload as unknown as ReminderJobPayload,
      reminderSender(senderKind, log),
      log.child({ jobId: ctx.job.id }),
    ),
  );
}
