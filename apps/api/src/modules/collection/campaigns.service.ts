import { and, eq, sql, type SQL } from 'drizzle-orm';
import {
  CAMPAIGN_STATUS_TRANSITIONS,
  type Campaign,
  type CampaignListQuery,
  type CampaignPeriodKind,
  type CampaignRespondent,
  type CampaignStatus,
  type CreateCampaignBody,
  type List,
  type RespondentKind,
  type UpdateCampaignBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { campaigns, codelistItems, formVersions, forms } from '../../db/schema/index.ts';
import {
  ConflictError,
  InvalidError,
  NotFoundError,
  fieldError,
  invalidField,
  type FieldError,
} from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { today } from '../../lib/validity.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import type { JobRow } from '../jobs/jobs.service.ts';
import { submissionScopeCondition } from './collection.access.ts';
import type { CampaignRow } from './campaign-form.ts';
import { prefillSubmissions } from './campaign-prefill.ts';
import {
  insertSubmissions,
  listRespondents,
  type RespondentFilter,
} from './campaign-respondents.ts';
import { ENTITY, parseJson, type ExpectedVersion } from './forms.service.ts';
import { enqueueManualReminders, scheduleReminders } from './reminders.ts';

const c = campaigns;

// --- reading ---

/**
 * Which campaigns a principal sees, as a WHERE condition on `campaigns` (undefined = all):
 * region-wide readers every campaign; scoped readers (coordinator, municipality, provider) the
 * opened ones with at least one submission in their scope.
 */
export function campaignVisibility(principal: AuthPrincipal): SQL | undefined {
  assertMay(principal, 'collection.read');
  const scope = submissionScopeCondition(principal, 'collection.read');
  if (!scope) return undefined;
  // Outer columns by name: Drizzle renders a column unqualified, which inside the subquery
  // would name the submission's own.
  return sql`(campaigns.status <> 'draft' and exists (select 1 from submissions
    where submissions.campaign_id = campaigns.id and ${scope}))`;
}

const campaignColumns = (principal: AuthPrincipal) => {
  const scope = submissionScopeCondition(principal, 'collection.read');
  return {
    row: c,
    formName: forms.name,
    respondentKind: forms.respondentKind,
    formVersionNumber: formVersions.number,
    // Counts within what the reader may see (a municipality counts its own submission).
    counts: sql<Campaign['counts']>`(select json_build_object(
        'expected', count(*),
        'received', count(submissions.first_submitted_at),
        'approved', count(*) filter (where submissions.status = 'approved'))
      from submissions where submissions.campaign_id = campaigns.id${
        scope ? sql` and ${scope}` : sql``
      })`.mapWith(parseJson<Campaign['counts']>),
  };
};

type CampaignSelect = {
  row: CampaignRow;
  formName: string;
  respondentKind: string;
  formVersionNumber: number;
  counts: Campaign['counts'];
};

function toCampaignDto(r: CampaignSelect): Campaign {
  const { row } = r;
  return {
    id: row.id,
    name: row.name,
    formId: row.formId,
    formName: r.formName,
    formVersionId: row.formVersionId,
    formVersionNumber: r.formVersionNumber,
    respondentKind: r.respondentKind as RespondentKind,
    periodKind: row.periodKind as CampaignPeriodKind,
    year: row.year,
    periodNumber: row.periodNumber,
    period: row.period,
    orpIds: row.orpIds,
    serviceTypes: row.serviceTypes,
    opensOn: row.opensOn,
    deadline: row.deadline,
    status: row.status as CampaignStatus,
    reminderDaysBefore: row.reminderDaysBefore,
    counts: {
      expected: Number(r.counts.expected),
      received: Number(r.counts.received),
      approved: Number(r.counts.approved),
    },
    openedAt: row.openedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const selectCampaigns = (db: Db, principal: AuthPrincipal) =>
  db
    .select(campaignColumns(principal))
    .from(c)
    .innerJoin(forms, eq(forms.id, c.formId))
    .innerJoin(formVersions, eq(formVersions.id, c.formVersionId));

/** A campaign the principal sees (404 otherwise). */
export async function getCampaign(db: Db, principal: AuthPrincipal, id: string): Promise<Campaign> {
  const [row] = await selectCampaigns(db, principal).where(
    and(eq(c.id, id), campaignVisibility(principal)),
  );
  return toCampaignDto(notFoundUnless(row));
}

const CAMPAIGN_SORTS = {
  name: c.name,
  period: c.period,
  deadline: c.deadline,
  status: c.status,
  createdAt: c.createdAt,
};

export async function listCampaigns(
  db: Db,
  principal: AuthPrincipal,
  query: CampaignListQuery,
): Promise<List<Campaign>> {
  const where = and(
    campaignVisibility(principal),
    query.status ? eq(c.status, query.status) : undefined,
    query.formId ? eq(c.formId, query.formId) : undefined,
    query.year ? eq(c.year, query.year) : undefined,
  );
  const { limit, offset } = page(query);
  const [rows, [total]] = await Promise.all([
    selectCampaigns(db, principal)
      .where(where)
      .orderBy(...orderBy(query.sort, CAMPAIGN_SORTS, '-deadline', c.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(c)
      .where(where),
  ]);
  return { items: rows.map(toCampaignDto), total: Number(total?.n ?? 0) };
}

// --- validation ---

/** `2025`, `2025-H1`, `2025-Q3`. */
export function periodOf(kind: CampaignPeriodKind, year: number, number: number | null): string {
  if (kind === 'year') return String(year);
  return `${year}-${kind === 'half' ? 'H' : 'Q'}${number}`;
}

interface CampaignSettings {
  name: string;
  periodKind: CampaignPeriodKind;
  year: number;
  periodNumber: number | null;
  orpIds: string[];
  serviceTypes: string[];
  opensOn: string;
  deadline: string;
  reminderDaysBefore: number[];
}

/**
 * Every problem of a campaign's settings at once (400 with each field named): period number
 * for the kind, deadline not before opening, ORPs that are ORPs, service types of the codelist
 * and only for forms that ask providers or services.
 */
async function validateSettings(
  db: Db,
  settings: CampaignSettings,
  respondentKind: RespondentKind,
): Promise<void> {
  const errors: FieldError[] = [];
  const { periodKind, periodNumber } = settings;
  if (periodKind === 'year' && periodNumber !== null)
    errors.push(fieldError('/periodNumber', 'must be empty for a yearly campaign'));
  if (periodKind === 'half' && (periodNumber === null || periodNumber > 2))
    errors.push(fieldError('/periodNumber', 'must be 1 or 2 for a half-year'));
  if (periodKind === 'quarter' && periodNumber === null)
    errors.push(fieldError('/periodNumber', 'must be 1–4 for a quarter'));
  if (settings.deadline < settings.opensOn)
    errors.push(fieldError('/deadline', 'must not be before opensOn'));
  if (settings.orpIds.length) {
    const found = await queryRows<{ id: string }>(
      db,
      sql`select id from territorial_units where kind = 'orp' and id in (${sql.join(
        settings.orpIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    const orps = new Set(found.map((r) => r.id));
    settings.orpIds.forEach((id, i) => {
      if (!orps.has(id)) errors.push(fieldError(`/orpIds/${i}`, `${id} is not an ORP`));
    });
  }
  if (settings.serviceTypes.length) {
    if (respondentKind === 'municipality')
      errors.push(
        fieldError('/serviceTypes', 'only forms for providers or services filter by service type'),
      );
    else {
      const found = await db
        .selectDistinct({ code: codelistItems.code })
        .from(codelistItems)
        .where(
          and(
            eq(codelistItems.codelist, 'service_type'),
            sql`${codelistItems.code} in (${sql.join(
              settings.serviceTypes.map((t) => sql`${t}`),
              sql`, `,
            )})`,
          ),
        );
      const known = new Set(found.map((r) => r.code));
      settings.serviceTypes.forEach((code, i) => {
        if (!known.has(code))
          errors.push(fieldError(`/serviceTypes/${i}`, `${code} is not a service type`));
      });
    }
  }
  if (errors.length)
    throw new InvalidError(
      errors.map((e) => `${e.pointer.slice(1)} ${e.detail}`).join('; ') + '.',
      errors,
    );
}

const duplicatePeriod = (period: string) =>
  new ConflictError(`The form already has a campaign for ${period}.`, [
    fieldError('/year', `a campaign for ${period} exists`),
  ]);

async function withUniquePeriod<T>(period: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'campaigns_form_period_key')) throw duplicatePeriod(period);
    throw error;
  }
}

// --- writing ---

async function lockCampaign(tx: Db, id: string): Promise<CampaignRow> {
  const [row] = await tx.select().from(c).where(eq(c.id, id)).for('update');
  if (!row) throw new NotFoundError();
  return row;
}

export async function createCampaign(
  db: Db,
  principal: AuthPrincipal,
  input: CreateCampaignBody,
): Promise<Campaign> {
  assertMay(principal, 'collection.manage');
  return db.transaction(async (tx) => {
    const [version] = await tx
      .select({
        id: formVersions.id,
        formId: formVersions.formId,
        status: formVersions.status,
        respondentKind: forms.respondentKind,
      })
      .from(formVersions)
      .innerJoin(forms, eq(forms.id, formVersions.formId))
      .where(eq(formVersions.id, input.formVersionId));
    if (!version || version.status !== 'published')
      throw invalidField('/formVersionId', 'must be a published form version');
    const settings: CampaignSettings = {
      name: input.name,
      periodKind: input.periodKind,
      year: input.year,
      periodNumber: input.periodNumber ?? null,
      orpIds: input.orpIds ?? [],
      serviceTypes: input.serviceTypes ?? [],
      opensOn: input.opensOn,
      deadline: input.deadline,
      reminderDaysBefore: input.reminderDaysBefore ?? [],
    };
    await validateSettings(tx, settings, version.respondentKind as RespondentKind);
    const period = periodOf(settings.periodKind, settings.year, settings.periodNumber);
    const id = await withUniquePeriod(period, async () => {
      const [row] = await tx
        .insert(c)
        .values({
          ...settings,
          formId: version.formId,
          formVersionId: version.id,
          period,
          createdBy: principal.id,
        })
        .returning({ id: c.id });
      return row!.id;
    });
    const after = await getCampaign(tx, principal, id);
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: ENTITY.campaign,
      entityId: id,
      after,
    });
    return after;
  });
}

/** What may change once a campaign has been opened. */
const CHANGEABLE_WHEN_OPENED = new Set(['name', 'deadline', 'reminderDaysBefore', 'status']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function updateCampaign(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: UpdateCampaignBody,
): Promise<Campaign> {
  assertMay(principal, 'collection.manage');
  return db.transaction(async (tx) => {
    const row = await lockCampaign(tx, id);
    assertVersion(row.version, expected());
    const before = await getCampaign(tx, principal, id);
    const status = row.status as CampaignStatus;
    if (status !== 'draft') {
      const fixed = Object.entries(input).filter(
        ([key, value]) =>
          !CHANGEABLE_WHEN_OPENED.has(key) && !same(value, row[key as keyof CampaignRow]),
      );
      if (fixed.length)
        throw new ConflictError(
          'Once opened, only the name, the deadline and the reminders of a campaign may change.',
          fixed.map(([key]) => fieldError(`/${key}`, 'cannot change once the campaign was opened')),
        );
    }
    const target = input.status ?? status;
    if (target !== status && !CAMPAIGN_STATUS_TRANSITIONS[status].includes(target))
      throw new ConflictError(`A ${status} campaign cannot become ${target}.`, [
        fieldError('/status', `cannot move from ${status} to ${target}`),
      ]);
    const settings: CampaignSettings = {
      name: input.name ?? row.name,
      periodKind: input.periodKind ?? (row.periodKind as CampaignPeriodKind),
      year: input.year ?? row.year,
      periodNumber:
        input.periodNumber !== undefined
          ? input.periodNumber
          : input.periodKind === 'year'
            ? null
            : row.periodNumber,
      orpIds: input.orpIds ?? row.orpIds,
      serviceTypes: input.serviceTypes ?? row.serviceTypes,
      opensOn: input.opensOn ?? row.opensOn,
      deadline: input.deadline ?? row.deadline,
      reminderDaysBefore: input.reminderDaysBefore ?? row.reminderDaysBefore,
    };
    await validateSettings(tx, settings, before.respondentKind);
    const period = periodOf(settings.periodKind, settings.year, settings.periodNumber);
    await withUniquePeriod(period, () =>
      tx
        .update(c)
        .set({
          ...settings,
          period,
          ...(target === 'closed' && status !== 'closed' ? { closedAt: sql`now()` } : {}),
          ...(target === 'open' && status === 'closed' ? { status: 'open', closedAt: null } : {}),
          ...(target === 'closed' ? { status: 'closed' } : {}),
          version: sql`${c.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(eq(c.id, id)),
    );
    let action = 'update';
    if (target === 'open' && status === 'draft') {
      await openCampaign(tx, principal, id, { audit: false });
      action = 'open';
    } else if (target === 'open') {
      action = 'reopen';
      await scheduleReminders(tx, { id, ...settings }, principal.id);
    } else if (target === 'closed' && status !== 'closed') action = 'close';
    else if (
      status === 'open' &&
      (settings.deadline !== row.deadline ||
        !same(settings.reminderDaysBefore, row.reminderDaysBefore))
    )
      await scheduleReminders(tx, { id, ...settings }, principal.id);
    const after = await getCampaign(tx, principal, id);
    await recordAudit(tx, principal, {
      action,
      entityType: ENTITY.campaign,
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export const respondentFilterOf = (
  row: Pick<CampaignRow, 'orpIds' | 'serviceTypes'>,
  respondentKind: RespondentKind,
): RespondentFilter => ({ respondentKind, orpIds: row.orpIds, serviceTypes: row.serviceTypes });

export interface OpenedCampaign {
  respondents: number;
  prefilledValues: number;
  remindersScheduled: number;
}

/**
 * Opens a draft campaign inside the caller's transaction: one submission per respondent (one
 * INSERT … SELECT), prefilled from last period and the network, the status set to open and
 * the reminders scheduled. Authorization is the caller's (the demo seed opens with no
 * principal). 409 when the campaign is not a draft or nobody would be asked.
 */
export async function openCampaign(
  tx: Db,
  principal: AuthPrincipal | null,
  campaignId: string,
  options: { audit?: boolean } = {},
): Promise<OpenedCampaign> {
  const [found] = await tx
    .select({ row: c, respondentKind: forms.respondentKind, definition: formVersions.definition })
    .from(c)
    .innerJoin(forms, eq(forms.id, c.formId))
    .innerJoin(formVersions, eq(formVersions.id, c.formVersionId))
    .where(eq(c.id, campaignId))
    .for('update', { of: c });
  if (!found) throw new NotFoundError();
  const { row, definition } = found;
  if (row.status !== 'draft') throw new ConflictError('Only a draft campaign can be opened.');
  const filter = respondentFilterOf(row, found.respondentKind as RespondentKind);
  const day = today();
  const respondents = await insertSubmissions(tx, campaignId, filter, day);
  if (respondents === 0)
    throw new ConflictError('No respondent matches the campaign’s ORPs and service types.');
  const prefilledValues = await prefillSubmissions(tx, principal, row, definition, filter, day);
  await tx
    .update(c)
    .set({
      status: 'open',
      openedAt: sql`now()`,
      ...(options.audit === false ? {} : { version: sql`${c.version} + 1`, updatedAt: sql`now()` }),
    })
    .where(eq(c.id, campaignId));
  const remindersScheduled = await scheduleReminders(tx, row, principal?.id ?? null);
  if (options.audit !== false)
    await recordAudit(tx, principal, {
      action: 'open',
      entityType: ENTITY.campaign,
      entityId: campaignId,
      after: { respondents, prefilledValues },
    });
  return { respondents, prefilledValues, remindersScheduled };
}

/** Deletes a draft campaign (an opened one has submissions: close it instead). */
export async function deleteCampaign(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<void> {
  assertMay(principal, 'collection.manage');
  await db.transaction(async (tx) => {
    const row = await lockCampaign(tx, id);
    assertVersion(row.version, expected());
    if (row.status !== 'draft')
      throw new ConflictError('Only a draft campaign can be deleted; close an opened one.');
    const before = await getCampaign(tx, principal, id);
    await tx.delete(c).where(eq(c.id, id));
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: ENTITY.campaign,
      entityId: id,
      before,
    });
  });
}

/**
 * Who a campaign asks: a draft's would-be respondents computed from its filters, an opened
 * campaign's fixed list (within the reader's scope).
 */
export async function campaignRespondents(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  query: { limit?: number; offset?: number },
): Promise<List<CampaignRespondent>> {
  const campaign = await getCampaign(db, principal, id);
  const pageOf = page(query);
  if (campaign.status === 'draft')
    return listRespondents(
      db,
      { filter: respondentFilterOf(campaign, campaign.respondentKind), day: today() },
      pageOf,
    );
  return listRespondents(
    db,
    { campaignId: id, scope: submissionScopeCondition(principal, 'collection.read') },
    pageOf,
  );
}

/** Queues a reminder to everyone who has not submitted, now (202 with the job). */
export async function remindNow(db: Db, principal: AuthPrincipal, id: string): Promise<JobRow> {
  assertMay(principal, 'collection.manage');
  const campaign = await getCampaign(db, principal, id);
  if (campaign.status !== 'open')
    throw new ConflictError('Reminders go out only while the campaign is open.');
  return enqueueManualReminders(db, id, principal.id);
}
