/**
 * Push API test helpers: API clients with tokens (a municipality's information system, a
 * provider's, the region's), the requests as an integrator sends them, and what is stored.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { FormDefinition } from '@socplan/contracts';
import type { App } from '../../app.ts';
import {
  idempotencyKeys,
  submissionEvents,
  submissionValues,
  submissions,
} from '../../db/schema/index.ts';
import { authHeader, clientToken, createApiClient, type RoleSpec } from '../../test/fixtures.ts';
import {
  SAMPLE_DEFINITION,
  createCampaign,
  createCollectionWorld,
  unrolledHistory,
  type RespondentSpec,
} from './collection.test-support.ts';

/** The sample form plus a decimal field (money) for decimal-comma CSV cells. */
export const PUSH_DEFINITION: FormDefinition = {
  ...SAMPLE_DEFINITION,
  sections: [
    {
      ...SAMPLE_DEFINITION.sections[0]!,
      fields: [
        ...SAMPLE_DEFINITION.sections[0]!.fields,
        { code: 'costs', type: 'money', label: { cs: 'Náklady' }, min: 0 },
      ],
    },
  ],
};

export const CODE_A = '563889';
export const CODE_B = '577626';

/** An access token of a new API client with these roles (client credentials, as integrators). */
export async function clientTokenFor(app: App, roles: RoleSpec[]): Promise<string> {
  return clientToken(app, await createApiClient(app.db, { roles }));
}

/** Municipalities A (Liberec, 563889) and B (Semily, 577626) and clients of A, B and the region. */
export async function createPushWorld(app: App) {
  const world = await createCollectionWorld(app);
  const [tokenA, tokenB, regionToken, analystToken] = await Promise.all([
    clientTokenFor(app, [{ role: 'municipality', territorialUnitId: world.municipalityA }]),
    clientTokenFor(app, [{ role: 'municipality', territorialUnitId: world.municipalityB }]),
    clientTokenFor(app, [{ role: 'region_staff' }]),
    clientTokenFor(app, [{ role: 'analyst' }]),
  ]);
  /** An open campaign (unless `status`) of the push form with respondents A and B. */
  const campaign = (
    options: { a?: RespondentSpec; b?: RespondentSpec; status?: 'open' | 'closed' | 'draft' } = {},
  ) =>
    createCampaign(app.db, {
      definition: PUSH_DEFINITION,
      respondents: [
        world.municipality('A', { code: CODE_A, ...options.a }),
        world.municipality('B', { code: CODE_B, ...options.b }),
      ],
      ...(options.status ? { status: options.status } : {}),
    });
  return { ...world, tokenA, tokenB, regionToken, analystToken, campaign };
}
export type PushWorld = Awaited<ReturnType<typeof createPushWorld>>;

/** PUT /api/campaigns/:id/submissions/:code as an information system sends it. */
export const putValues = (
  app: App,
  token: string,
  campaignId: string,
  code: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'PUT',
    url: `/api/campaigns/${campaignId}/submissions/${code}`,
    headers: { ...authHeader(token), ...headers },
    payload: body as object,
  });

/** POST …/submissions/bulk with a JSON body, or a CSV string (sent as text/csv). */
export const pushBulk = (
  app: App,
  token: string,
  campaignId: string,
  body: unknown,
  options: { query?: string; headers?: Record<string, string> } = {},
) =>
  app.inject({
    method: 'POST',
    url: `/api/campaigns/${campaignId}/submissions/bulk${options.query ? `?${options.query}` : ''}`,
    headers: {
      ...authHeader(token),
      ...(typeof body === 'string' ? { 'content-type': 'text/csv; charset=utf-8' } : {}),
      ...options.headers,
    },
    payload: body as string,
  });

/** A submission's stored values as `field` / `field@row` → value. */
export async function storedValues(app: App, submissionId: string) {
  const rows = await app.db
    .select()
    .from(submissionValues)
    .where(eq(submissionValues.submissionId, submissionId));
  return Object.fromEntries(rows.map((r) => [r.row ? `${r.field}@${r.row}` : r.field, r.value]));
}

/** A submission's value history, one row per changed value, oldest first. */
export const historyOf = (app: App, submissionId: string) => unrolledHistory(app.db, submissionId);

export async function submissionRow(app: App, submissionId: string) {
  const [row] = await app.db.select().from(submissions).where(eq(submissions.id, submissionId));
  return row!;
}

export async function eventsOf(app: App, submissionId: string) {
  return app.db
    .select()
    .from(submissionEvents)
    .where(eq(submissionEvents.submissionId, submissionId))
    .orderBy(asc(submissionEvents.id));
}

export async function idempotencyKeyCount(app: App, key: string): Promise<number> {
  const [row] = await app.db
    .select({ n: sql<number>`count(*)::int` })
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.key, key));
  return row!.n;
}
