import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { FormDefinition } from '@socplan/contracts';
import { checkDefinition, unflattenValues, validateValues } from '@socplan/form-rules';
import {
  campaignReminders,
  campaigns,
  formVersions,
  forms,
  serviceStates,
  submissionComments,
  submissionEvents,
  submissions,
  submissionValues,
} from '../db/schema/index.ts';
import {
  DEMO_MUNICIPALITY_CLIENT_ID,
  DEMO_MUNICIPALITY_CLIENT_SECRET,
  DEMO_MUNICIPALITY_CODE,
  DEMO_MUNICIPALITY_EMAIL,
  DEMO_PASSWORD,
} from '../modules/auth/auth.demo.ts';
import { SEED_ITEMS } from '../modules/codelists/codelists.seed.ts';
import { respondentsSql } from '../modules/collection/campaign-respondents.ts';
import { loadValueOptions } from '../modules/collection/value-options.ts';
import { queryRows } from '../db/query-rows.ts';
import { jobs } from '../db/schema/index.ts';
import { authHeader, loginAs } from '../test/fixtures.ts';
import type { TestContext } from '../test/test-app.ts';
import { DEMO_FORMS } from './collection.data.ts';
import { campaignDates } from './collection.plan.ts';
import { unrolledHistory } from '../modules/collection/collection.test-support.ts';
import { createDemoApp } from './demo.test-support.ts';

let ctx: TestContext;
const startedAt = new Date();
beforeAll(async () => {
  ctx = await createDemoApp();
});
afterAll(() => ctx.close());

const db = () => ctx.app.db;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
const today = () => new Date().toISOString().slice(0, 10);

async function campaignOf(formCode: string, status: 'open' | 'closed') {
  const rows = await db()
    .select({ campaign: campaigns })
    .from(campaigns)
    .innerJoin(forms, eq(forms.id, campaigns.formId))
    .where(eq(forms.code, formCode));
  const found = rows.map((r) => r.campaign).filter((c) => c.status === status);
  expect(found, `${formCode} ${status}`).toHaveLength(1);
  return found[0]!;
}

const submissionsOf = (campaignId: string) =>
  db().select().from(submissions).where(eq(submissions.campaignId, campaignId));

const valuesOf = async (ids: string[]) =>
  ids.length
    ? db().select().from(submissionValues).where(inArray(submissionValues.submissionId, ids))
    : [];

describe('the demo forms', () => {
  it('has both example forms published as version 1, the service report with a version 2 draft', async () => {
    const rows = await db()
      .select({ code: forms.code, kind: forms.respondentKind, v: formVersions })
      .from(formVersions)
      .innerJoin(forms, eq(forms.id, formVersions.formId))
      .orderBy(asc(forms.code), asc(formVersions.number));
    expect(rows.map((r) => [r.code, r.kind, r.v.number, r.v.status])).toEqual([
      ['rocni-vykaz-sluzby', 'service', 1, 'published'],
      ['rocni-vykaz-sluzby', 'service', 2, 'draft'],
      ['vyjadreni-obce', 'municipality', 1, 'published'],
    ]);
    for (const r of rows.filter((r) => r.v.status === 'published')) {
      expect(r.v.publishedAt).not.toBeNull();
      expect(r.v.publishedByName).toBe('Metodik sociálních služeb');
    }
    const draft = rows.find((r) => r.v.status === 'draft')!.v.definition as FormDefinition;
    const codes = draft.sections.flatMap((s) => s.fields.map((f) => f.code));
    expect(codes).toContain('clients_new');
  });

  it('passes the rule engine’s definition check (the draft too)', async () => {
    const codelists = [...new Set(SEED_ITEMS.map((i) => i.codelist))];
    const versions = await db().select().from(formVersions);
    expect(versions).toHaveLength(3);
    for (const v of versions)
      expect(checkDefinition(v.definition as FormDefinition, { codelists }), v.id).toEqual([]);
  });

  it('labels every section, field and column in Czech and English', () => {
    for (const form of DEMO_FORMS)
      for (const section of form.definition.sections) {
        expect(section.label.en, section.code).toBeTruthy();
        for (const field of section.fields) {
          expect(field.label.en, field.code).toBeTruthy();
          for (const column of field.columns ?? []) expect(column.label.en).toBeTruthy();
        }
      }
  });
});

describe('the demo campaigns', () => {
  it('has last year closed and this year open, dated from today', async () => {
    const dates = campaignDates(new Date());
    for (const form of DEMO_FORMS) {
      const closed = await campaignOf(form.code, 'closed');
      const open = await campaignOf(form.code, 'open');
      expect(open).toMatchObject({ year: dates.open.year, period: String(dates.open.year) });
      expect(closed).toMatchObject({ year: open.year - 1, period: String(open.year - 1) });
      expect(open.opensOn <= today()).toBe(true);
      expect(open.deadline > today()).toBe(true);
      expect(closed.deadline < today()).toBe(true);
      expect(closed.closedAt!.getTime()).toBeLessThan(Date.now());
      expect(open.formVersionId).toBe(closed.formVersionId);
    }
  });

  it('asks the municipalities and the active services of the network', async () => {
    const municipal = await submissionsOf((await campaignOf('vyjadreni-obce', 'open')).id);
    expect(municipal).toHaveLength(10);
    expect(
      municipal.every((s) => s.municipalityId && s.unitId === s.municipalityId && s.orpId),
    ).toBe(true);
    const services = await submissionsOf((await campaignOf('rocni-vykaz-sluzby', 'open')).id);
    expect(services.length).toBeGreaterThan(80);
    const active = await db()
      .select({
        id: serviceStates.serviceId,
        status: serviceStates.status,
        validTo: serviceStates.validTo,
      })
      .from(serviceStates);
    const activeNow = new Set(
      active.filter((s) => !s.validTo && s.status === 'active').map((s) => s.id),
    );
    expect(services.every((s) => activeNow.has(s.serviceId!))).toBe(true);
    expect(
      services.every((s) => s.providerId && s.serviceType && /^\d{7}$/.test(s.respondentCode)),
    ).toBe(true);
  });

  it('asks today whom opening the campaign today would ask, placed alike', async () => {
    for (const form of DEMO_FORMS) {
      const open = await campaignOf(form.code, 'open');
      const expected = await queryRows<Record<string, string | null>>(
        db(),
        sql`select code, municipality_id, provider_id, service_id, unit_id, orp_id, service_type
          from ${respondentsSql(
            { respondentKind: form.respondentKind, orpIds: [], serviceTypes: [] },
            today(),
          )} r order by code`,
      );
      const actual = (await submissionsOf(open.id))
        .map((s) => ({
          code: s.respondentCode,
          municipality_id: s.municipalityId,
          provider_id: s.providerId,
          service_id: s.serviceId,
          unit_id: s.unitId,
          orp_id: s.orpId,
          service_type: s.serviceType,
        }))
        .sort((a, b) => a.code.localeCompare(b.code));
      expect(actual).toEqual(expected);
    }
  });

  it('sent last year’s reminders and has this year’s queued', async () => {
    const closed = await campaignOf('rocni-vykaz-sluzby', 'closed');
    const sent = await db()
      .select()
      .from(campaignReminders)
      .where(eq(campaignReminders.campaignId, closed.id));
    expect(sent.length).toBeGreaterThan(5);
    const byId = new Map((await submissionsOf(closed.id)).map((s) => [s.id, s]));
    for (const r of sent) {
      expect(r.sentAt.toISOString().slice(0, 10) < closed.deadline).toBe(true);
      expect(byId.get(r.submissionId)!.firstSubmittedAt!.getTime()).toBeGreaterThan(
        r.sentAt.getTime(),
      );
    }
    const queued = await db().select().from(jobs).where(eq(jobs.kind, 'collection.reminders'));
    expect(queued).toHaveLength(4);
    expect(queued.every((j) => j.status === 'queued' && j.runAfter.getTime() > Date.now())).toBe(
      true,
    );
  });

  it('has every submission of last year approved, a few after a return and a correction', async () => {
    let returnedThenApproved = 0;
    for (const form of DEMO_FORMS) {
      const closed = await campaignOf(form.code, 'closed');
      const rows = await submissionsOf(closed.id);
      expect(rows.length).toBeGreaterThan(0);
      for (const s of rows) {
        expect(s.status, s.respondentName).toBe('approved');
        expect(s.approvedAt!.getTime()).toBeLessThan(closed.closedAt!.getTime());
        expect(s.firstSubmittedAt!.getTime()).toBeGreaterThan(closed.openedAt!.getTime());
        expect(s.reviewedByName).toBe('Metodik sociálních služeb');
      }
      const events = await db()
        .select()
        .from(submissionEvents)
        .where(
          inArray(
            submissionEvents.submissionId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(submissionEvents.id));
      const bySubmission = groupBy(events, (e) => e.submissionId);
      for (const s of rows) {
        const steps = bySubmission.get(s.id)!.map((e) => e.action);
        expect([
          ['submitted', 'approved'],
          ['submitted', 'returned', 'resubmitted', 'approved'],
        ]).toContainEqual(steps);
        if (steps.length === 4) returnedThenApproved++;
      }
    }
    expect(returnedThenApproved).toBeGreaterThanOrEqual(3);
  });

  it('keeps every stored value in step with its history and the value count', async () => {
    const rows = await db().select().from(submissions);
    const values = await valuesOf(rows.map((r) => r.id));
    const history = await unrolledHistory(db());
    const last = new Map<string, (typeof history)[number]>();
    for (const h of history) last.set(`${h.submissionId}|${h.field}|${h.row}`, h);
    expect(last.size).toBe(values.length);
    for (const v of values) {
      const h = last.get(`${v.submissionId}|${v.field}|${v.row}`)!;
      expect(h.newValue).toEqual(v.value);
      expect(v.prefilled).toBe(h.channel === 'prefill');
    }
    const count = groupBy(values, (v) => v.submissionId);
    for (const s of rows) expect(s.valueCount).toBe(count.get(s.id)?.length ?? 0);
    // Ids follow time, and nothing happened after the seed ran.
    const times = history.map((h) => h.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThan(startedAt.getTime());
  });
});

describe('the demo values', () => {
  it('pass every error check of the form wherever they were submitted (warnings may remain)', async () => {
    let checked = 0;
    let warnings = 0;
    for (const form of DEMO_FORMS)
      for (const status of ['closed', 'open'] as const) {
        const campaign = await campaignOf(form.code, status);
        const [version] = await db()
          .select()
          .from(formVersions)
          .where(eq(formVersions.id, campaign.formVersionId));
        const definition = version!.definition as FormDefinition;
        const sent = (await submissionsOf(campaign.id)).filter((s) => s.status !== 'draft');
        const options = await loadValueOptions(
          db(),
          definition,
          sent.map((s) => ({ submissionId: s.id, ...s })),
        );
        const values = groupBy(await valuesOf(sent.map((s) => s.id)), (v) => v.submissionId);
        for (const s of sent) {
          const flat = values.get(s.id)!.map((v) => ({
            field: v.field,
            row: v.row,
            value: v.value as number | string | boolean,
          }));
          const issues = validateValues(
            definition,
            unflattenValues(definition, flat),
            options.get(s.id)!,
          );
          expect(
            issues.filter((i) => i.severity === 'error'),
            `${form.code} ${campaign.period} ${s.respondentName}`,
          ).toEqual([]);
          warnings += issues.length;
          checked++;
        }
      }
    expect(checked).toBeGreaterThan(150);
    expect(warnings).toBeLessThan(checked / 4);
  });
});

describe('this year’s open campaigns', () => {
  it('has the municipalities in every state, Liberec a draft with values', async () => {
    const rows = await submissionsOf((await campaignOf('vyjadreni-obce', 'open')).id);
    const statuses = new Set(rows.map((r) => r.status));
    expect([...statuses].sort()).toEqual([
      'approved',
      'draft',
      'resubmitted',
      'returned',
      'submitted',
    ]);
    const liberec = rows.find((r) => r.respondentCode === DEMO_MUNICIPALITY_CODE)!;
    expect(liberec.status).toBe('draft');
    const values = await valuesOf([liberec.id]);
    expect(values.some((v) => v.prefilled)).toBe(true);
    expect(values.some((v) => !v.prefilled)).toBe(true);
    const notStarted = rows.filter(
      (r) => r.status === 'draft' && r.firstSubmittedAt === null && r.version === 2,
    );
    expect(notStarted.length).toBeGreaterThanOrEqual(1);
  });

  it('has services in every state, returned ones with a comment on a field', async () => {
    const rows = await submissionsOf((await campaignOf('rocni-vykaz-sluzby', 'open')).id);
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    for (const status of ['draft', 'submitted', 'returned', 'resubmitted', 'approved'])
      expect(count(status), status).toBeGreaterThan(0);
    const returned = rows.filter((r) => r.status === 'returned').map((r) => r.id);
    const comments = await db()
      .select({ comment: submissionComments, event: submissionEvents })
      .from(submissionComments)
      .innerJoin(submissionEvents, eq(submissionEvents.id, submissionComments.eventId))
      .where(inArray(submissionComments.submissionId, returned));
    expect(new Set(comments.map((c) => c.comment.submissionId)).size).toBe(returned.length);
    for (const { comment, event } of comments) {
      expect(comment.field).toMatch(/^[a-z_]+$/);
      expect(event).toMatchObject({ action: 'returned', toStatus: 'returned' });
    }
  });

  it('prefills last year’s approved values and the network’s capacity', async () => {
    const closed = await submissionsOf((await campaignOf('vyjadreni-obce', 'closed')).id);
    const open = await submissionsOf((await campaignOf('vyjadreni-obce', 'open')).id);
    const lastYear = await valuesOf(closed.map((s) => s.id));
    const thisYear = await valuesOf(open.map((s) => s.id));
    const code = new Map([...closed, ...open].map((s) => [s.id, s.respondentCode]));
    const contact = (rows: typeof lastYear, prefilled?: boolean) =>
      new Map(
        rows
          .filter(
            (v) =>
              v.field === 'contact_name' && (prefilled === undefined || v.prefilled === prefilled),
          )
          .map((v) => [code.get(v.submissionId), v.value]),
      );
    const prefilledContacts = contact(thisYear, true);
    expect(prefilledContacts.size).toBeGreaterThanOrEqual(5);
    for (const [respondent, value] of prefilledContacts)
      expect(value).toBe(contact(lastYear).get(respondent));
    // Population is prefilled too, then updated by who has worked on this year's statement.
    expect(thisYear.some((v) => v.field === 'population_total' && !v.prefilled)).toBe(true);

    const services = await submissionsOf((await campaignOf('rocni-vykaz-sluzby', 'open')).id);
    const capacity = (await valuesOf(services.map((s) => s.id))).filter(
      (v) => v.field === 'capacity',
    );
    expect(capacity).toHaveLength(services.length);
    expect(capacity.filter((v) => v.prefilled).length).toBeGreaterThan(services.length / 2);
  });
});

describe('the demo through the API', () => {
  const staff = () => loginAs(ctx.app, 'metodik@example.org', DEMO_PASSWORD);

  it('shows region staff a returned statement with its comment, prefill marks and last year beside it', async () => {
    const headers = authHeader(await staff());
    const open = await submissionsOf((await campaignOf('vyjadreni-obce', 'open')).id);
    const returned = open.find((s) => s.status === 'returned')!;
    const res = await ctx.app.inject({ url: `/api/submissions/${returned.id}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.comments).toHaveLength(1);
    expect(body.comments[0].field).toMatch(/^[a-z_0-9]+$/);
    expect(body.events.map((e: { action: string }) => e.action)).toEqual(['submitted', 'returned']);
    expect(body.prefilled).toContain('contact_name');
    expect(body.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    const comparison = await ctx.app.inject({
      url: `/api/submissions/${returned.id}/comparison`,
      headers,
    });
    expect(comparison.statusCode, comparison.body).toBe(200);
    expect(comparison.json().previous.period).toBe(String(Number(body.period) - 1));
    const history = await ctx.app.inject({
      url: `/api/submissions/${returned.id}/history?limit=500`,
      headers,
    });
    expect(history.statusCode, history.body).toBe(200);
    const channels = new Set(history.json().items.map((c: { channel: string }) => c.channel));
    expect([...channels].sort()).toEqual(['prefill', 'web']);
  });

  it('shows completeness: last year all approved, some late; this year partly received', async () => {
    const headers = authHeader(await staff());
    let late = 0;
    for (const form of DEMO_FORMS) {
      const closed = await campaignOf(form.code, 'closed');
      const res = await ctx.app.inject({
        url: `/api/campaigns/${closed.id}/completeness`,
        headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      const { totals } = res.json();
      expect(totals.approved).toBe(totals.expected);
      expect(totals.onTime + totals.late).toBe(totals.expected);
      late += totals.late;
      const open = await campaignOf(form.code, 'open');
      const now = await ctx.app.inject({ url: `/api/campaigns/${open.id}/completeness`, headers });
      expect(now.statusCode, now.body).toBe(200);
      const t = now.json().totals;
      expect(t.received).toBeGreaterThan(0);
      expect(t.missing).toBeGreaterThan(0);
      expect(t.received + t.missing).toBe(t.expected);
    }
    expect(late).toBeGreaterThan(0);
  });
});

describe('the demo municipality Liberec', () => {
  it('obec@example.org logs in as the municipality Liberec', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: DEMO_MUNICIPALITY_EMAIL, password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const { user } = res.json();
    expect(user.name).toContain('Liberec');
    expect(user.roles).toMatchObject([{ role: 'municipality', territorialUnitName: 'Liberec' }]);
  });

  it('the liberec-is client gets a token with the municipality role', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: {
        clientId: DEMO_MUNICIPALITY_CLIENT_ID,
        clientSecret: DEMO_MUNICIPALITY_CLIENT_SECRET,
      },
    });
    expect(res.statusCode).toBe(200);
    const me = await ctx.app.inject({
      url: '/api/auth/me',
      headers: authHeader(res.json().accessToken),
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      kind: 'client',
      name: 'Informační systém města Liberec',
      roles: [{ role: 'municipality' }],
    });
  });

  it('sees only Liberec’s submissions', async () => {
    const token = await loginAs(ctx.app, DEMO_MUNICIPALITY_EMAIL, DEMO_PASSWORD);
    const res = await ctx.app.inject({
      url: '/api/submissions?limit=100',
      headers: authHeader(token),
    });
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json<{
      items: { respondentCode: string; period: string }[];
      total: number;
    }>();
    expect(total).toBe(2);
    expect(items.every((s) => s.respondentCode === DEMO_MUNICIPALITY_CODE)).toBe(true);
  });

  it('the liberec-is client pushes and submits Liberec’s statement, and nobody else’s', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: {
        clientId: DEMO_MUNICIPALITY_CLIENT_ID,
        clientSecret: DEMO_MUNICIPALITY_CLIENT_SECRET,
      },
    });
    const headers = authHeader(res.json().accessToken);
    const campaign = await campaignOf('vyjadreni-obce', 'open');
    const values = {
      population_total: 104_800,
      population_65_plus: 22_100,
      capacity_short: true,
      service_needs: [{ row: '49', need: 'needed_more', needed_capacity: 40 }],
      funding_by_type: [
        { row: '40', amount: 6_500_000 },
        { row: '49', amount: 12_000_000 },
      ],
      funding_total: 18_500_000,
    };
    const push = await ctx.app.inject({
      method: 'PUT',
      url: `/api/campaigns/${campaign.id}/submissions/${DEMO_MUNICIPALITY_CODE}`,
      headers,
      payload: { values, submit: true },
    });
    expect(push.statusCode, push.body).toBe(200);
    expect(push.json()).toMatchObject({ respondent: DEMO_MUNICIPALITY_CODE, status: 'submitted' });
    const [stored] = await db()
      .select()
      .from(submissions)
      .where(eq(submissions.id, push.json().submissionId));
    expect(stored).toMatchObject({
      status: 'submitted',
      submittedByName: 'Informační systém města Liberec',
    });

    const jablonec = await ctx.app.inject({
      method: 'PUT',
      url: `/api/campaigns/${campaign.id}/submissions/563510`,
      headers,
      payload: { values: { population_total: 1 } },
    });
    expect(jablonec.statusCode).toBe(404);
  });
});
