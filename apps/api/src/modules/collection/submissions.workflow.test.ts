import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import {
  SUBMISSION_ACTIONS,
  SUBMISSION_STATUSES,
  SUBMISSION_TRANSITIONS,
  type Role,
  type SubmissionAction,
  type SubmissionStatus,
} from '@socplan/contracts';
import { submissionComments, submissionEvents, submissions } from '../../db/schema/index.ts';
import { authHeader } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { seedCodelistsIfEmpty } from '../codelists/codelists.seed.ts';
import {
  createCampaign,
  createCollectionWorld,
  type CollectionWorld,
  type RespondentSpec,
} from './collection.test-support.ts';

let ctx: TestContext;
let world: CollectionWorld;

beforeAll(async () => {
  ctx = await createTestApp();
  await seedCodelistsIfEmpty(ctx.app.db);
  world = await createCollectionWorld(ctx.app);
});
afterAll(() => ctx.close());

const VALID = [{ field: 'capacity', row: '', value: 10 }];
const BODIES: Record<SubmissionAction, object | undefined> = {
  submit: undefined,
  return: { comment: 'Doplňte prosím kapacitu.' },
  approve: undefined,
  reopen: { reason: 'Oprava chybně zadané kapacity.' },
};

const act = (
  token: string,
  id: string,
  action: SubmissionAction,
  body = BODIES[action],
  version = 1,
) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/submissions/${id}/${action}`,
    headers: { ...authHeader(token), 'if-match': `"${version}"` },
    ...(body ? { payload: body } : {}),
  });

/**
 * Who may do what: a role with the step's permission on a submission in its scope gets 200
 * from a status the step starts from and 409 from any other; a role without the permission
 * 403; a principal who cannot see the submission 404.
 */
type Case = { who: string; role: Role; inScope: boolean; respondent: 'municipality' | 'provider' };
const CASES: Case[] = [
  { who: 'region_admin', role: 'region_admin', inScope: true, respondent: 'municipality' },
  { who: 'region_staff', role: 'region_staff', inScope: true, respondent: 'municipality' },
  { who: 'analyst', role: 'analyst', inScope: true, respondent: 'municipality' },
  { who: 'coordinator of its ORP', role: 'coordinator', inScope: true, respondent: 'municipality' },
  {
    who: 'coordinator of another ORP',
    role: 'coordinator',
    inScope: false,
    respondent: 'municipality',
  },
  {
    who: 'the municipality itself',
    role: 'municipality',
    inScope: true,
    respondent: 'municipality',
  },
  { who: 'another municipality', role: 'municipality', inScope: false, respondent: 'municipality' },
  { who: 'the provider itself', role: 'provider', inScope: true, respondent: 'provider' },
  { who: 'another provider', role: 'provider', inScope: false, respondent: 'provider' },
  {
    who: 'a provider (municipality form)',
    role: 'provider',
    inScope: true,
    respondent: 'municipality',
  },
];

const REVIEWERS: readonly Role[] = ['region_admin', 'region_staff'];
const RESPONDERS: readonly Role[] = ['region_admin', 'region_staff', 'municipality', 'provider'];

function expected(c: Case, action: SubmissionAction, from: SubmissionStatus): number {
  const visible =
    ['region_admin', 'region_staff', 'analyst'].includes(c.role) ||
    (c.inScope && (c.role === 'coordinator' || c.role === c.respondent));
  if (!visible) return 404;
  const permitted = (
    SUBMISSION_TRANSITIONS[action].permission === 'collection.review' ? REVIEWERS : RESPONDERS
  ).includes(c.role);
  if (!permitted) return 403;
  return SUBMISSION_TRANSITIONS[action].from.includes(from) ? 200 : 409;
}

describe('the submission state machine, every step by every role', () => {
  for (const c of CASES)
    it(`${c.who}: ${SUBMISSION_ACTIONS.length} steps from ${SUBMISSION_STATUSES.length} statuses`, async () => {
      const token = await world.token(c.role, c.inScope);
      const matrix = SUBMISSION_ACTIONS.flatMap((action) =>
        SUBMISSION_STATUSES.map((from) => ({ action, from })),
      );
      const respondent = (status: SubmissionStatus): RespondentSpec =>
        c.respondent === 'municipality'
          ? world.municipality('A', { status, values: VALID })
          : {
              kind: 'provider',
              providerId: world.providerA,
              unitId: world.municipalityA,
              orpId: world.orp1,
              status,
              values: VALID,
            };
      const { submissionIds } = await createCampaign(ctx.app.db, {
        respondentKind: c.respondent,
        respondents: matrix.map((m) => respondent(m.from)),
      });
      const got: string[] = [];
      const want: string[] = [];
      for (const [i, m] of matrix.entries()) {
        const res = await act(token, submissionIds[i]!, m.action);
        const code = expected(c, m.action, m.from);
        got.push(`${m.action} from ${m.from}: ${res.statusCode}`);
        want.push(`${m.action} from ${m.from}: ${code}`);
        if (code === 200) {
          const to = SUBMISSION_TRANSITIONS[m.action].to(m.from);
          expect(res.json()).toMatchObject({ status: to, version: 2 });
          expect(res.headers.etag).toBe('"2"');
        } else if (code === 409) expect(res.json().detail).toContain(m.from);
      }
      expect(got).toEqual(want);
    });
});

describe('workflow details', () => {
  let staff: string;
  let municipality: string;
  beforeAll(async () => {
    staff = await world.token('region_staff');
    municipality = await world.token('municipality');
  });

  it('records who and when at every step, with the return’s comments on fields', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, {
      respondents: [world.municipality('A', { values: VALID })],
    });
    expect((await act(municipality, id!, 'submit', undefined, 1)).statusCode).toBe(200);
    const returned = await act(
      staff,
      id!,
      'return',
      {
        comment: 'Zkontrolujte kapacitu.',
        fieldComments: [
          { field: 'capacity', comment: 'Kapacita neodpovídá registru.' },
          { field: 'clients.count', row: '1', comment: 'Chybí počet.' },
        ],
      },
      2,
    );
    expect(returned.statusCode).toBe(200);
    const body = returned.json();
    expect(body.status).toBe('returned');
    const returnEvent = body.events.at(-1);
    expect(body.comments).toEqual([
      expect.objectContaining({
        field: null,
        row: null,
        body: 'Zkontrolujte kapacitu.',
        eventId: returnEvent.id,
      }),
      expect.objectContaining({ field: 'capacity', row: null, eventId: returnEvent.id }),
      expect.objectContaining({ field: 'clients.count', row: '1', body: 'Chybí počet.' }),
    ]);
    expect((await act(municipality, id!, 'submit', undefined, 3)).json().status).toBe(
      'resubmitted',
    );
    expect((await act(staff, id!, 'approve', undefined, 4)).json().status).toBe('approved');
    const reopened = await act(staff, id!, 'reopen', { reason: 'Chyba v nákladech.' }, 5);
    expect(reopened.json().status).toBe('returned');

    const events = await ctx.app.db
      .select()
      .from(submissionEvents)
      .where(eq(submissionEvents.submissionId, id!))
      .orderBy(asc(submissionEvents.id));
    expect(events.map((e) => [e.action, e.fromStatus, e.toStatus, e.channel])).toEqual([
      ['submitted', 'draft', 'submitted', 'web'],
      ['returned', 'submitted', 'returned', 'web'],
      ['resubmitted', 'returned', 'resubmitted', 'web'],
      ['approved', 'resubmitted', 'approved', 'web'],
      ['reopened', 'approved', 'returned', 'web'],
    ]);
    expect(events.at(-1)).toMatchObject({ note: 'Chyba v nákladech.', principalKind: 'user' });
    expect(events.every((e) => e.principalName && e.at instanceof Date)).toBe(true);
    const [row] = await ctx.app.db.select().from(submissions).where(eq(submissions.id, id!));
    expect(row!.firstSubmittedAt).not.toBeNull();
    expect(row!.submittedAt!.getTime()).toBeGreaterThanOrEqual(row!.firstSubmittedAt!.getTime());
    expect(row!.reviewedByName).toBeTruthy();
    // Reopened: no longer approved.
    expect(row!.approvedAt).toBeNull();
  });

  it('reopen needs a reason; return needs a comment naming fields of the form', async () => {
    const { submissionIds } = await createCampaign(ctx.app.db, {
      respondents: [
        world.municipality('A', { status: 'approved', values: VALID }),
        world.municipality('A', { status: 'submitted', values: VALID }),
      ],
    });
    const [approved, submitted] = submissionIds as [string, string];
    expect((await act(staff, approved, 'reopen', { reason: '' })).statusCode).toBe(400);
    const blank = await act(staff, approved, 'reopen', { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].pointer).toBe('/reason');
    expect((await act(staff, approved, 'reopen', {})).statusCode).toBe(400);
    expect((await act(staff, submitted, 'return', {})).statusCode).toBe(400);
    const unknown = await act(staff, submitted, 'return', {
      fieldComments: [{ field: 'nope', comment: 'x' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].pointer).toBe('/fieldComments/0/field');
    const rows = await ctx.app.db
      .select({ status: submissions.status })
      .from(submissions)
      .where(eq(submissions.id, approved));
    expect(rows[0]!.status).toBe('approved');
    expect(
      await ctx.app.db
        .select()
        .from(submissionComments)
        .where(eq(submissionComments.submissionId, submitted)),
    ).toEqual([]);
  });

  it('submitting invalid values lists every failed field and rule and changes nothing', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, {
      respondents: [
        world.municipality('A', {
          values: [
            { field: 'occupied', row: '', value: 5 },
            { field: 'refused', row: '', value: 3 },
            { field: 'clients.count', row: '1', value: -1 },
          ],
        }),
      ],
    });
    const res = await act(municipality, id!, 'submit');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.code).toBe('invalid-submission');
    expect(problem.type).toBe('https://socplan.cz/problems/validation');
    const pointers = problem.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toContain('/values/capacity');
    expect(pointers).toContain('/values/clients/1/count');
    expect(problem.errors.map((e: { rule?: string }) => e.rule)).toContain('reason_when_refused');
    expect(problem.errors.every((e: { detail: string }) => e.detail.length > 0)).toBe(true);
    const [row] = await ctx.app.db.select().from(submissions).where(eq(submissions.id, id!));
    expect(row).toMatchObject({ status: 'draft', version: 1, submittedAt: null });
  });

  it('a closed campaign takes no submission and no return, but may still approve', async () => {
    const { submissionIds } = await createCampaign(ctx.app.db, {
      status: 'closed',
      respondents: [
        world.municipality('A', { values: VALID }),
        world.municipality('A', { status: 'submitted', values: VALID }),
        world.municipality('A', { status: 'submitted', values: VALID }),
      ],
    });
    const [draft, toReturn, toApprove] = submissionIds as [string, string, string];
    const submit = await act(municipality, draft, 'submit');
    expect(submit.statusCode).toBe(409);
    expect(submit.json().detail).toContain('closed');
    expect((await act(staff, toReturn, 'return')).statusCode).toBe(409);
    expect((await act(staff, toApprove, 'approve')).statusCode).toBe(200);
  });

  it('before its opening day a campaign takes no submission', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, {
      opensOn: '2099-01-01',
      respondents: [world.municipality('A', { values: VALID })],
    });
    const res = await act(municipality, id!, 'submit');
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('2099-01-01');
  });

  it('a step needs If-Match: missing 428, stale 412', async () => {
    const {
      submissionIds: [id],
    } = await createCampaign(ctx.app.db, {
      respondents: [world.municipality('A', { values: VALID })],
    });
    const missing = await ctx.app.inject({
      method: 'POST',
      url: `/api/submissions/${id}/submit`,
      headers: authHeader(municipality),
    });
    expect(missing.statusCode).toBe(428);
    expect((await act(municipality, id!, 'submit', undefined, 7)).statusCode).toBe(412);
    // The municipality may not approve: 403 comes before the If-Match check.
    const denied = await ctx.app.inject({
      method: 'POST',
      url: `/api/submissions/${id}/approve`,
      headers: authHeader(municipality),
    });
    expect(denied.statusCode).toBe(403);
  });
});
