/**
 * Campaign tests' world: the collection world (region, ORP 1 with municipalities A and C,
 * ORP 2 with B, providers A and B) with known municipality codes, and helpers that drive the
 * campaign endpoints as region staff.
 */
import { eq, sql } from 'drizzle-orm';
import type { CreateCampaignBody } from '@socplan/contracts';
import type { App } from '../../app.ts';
import { queryRows } from '../../db/query-rows.ts';
import { territorialUnits } from '../../db/schema/index.ts';
import { authHeader, createUnit } from '../../test/fixtures.ts';
import { createCollectionWorld } from './collection.test-support.ts';

export async function createCampaignWorld(app: App) {
  const world = await createCollectionWorld(app);
  const municipalityC = await createUnit(app.db, {
    kind: 'municipality',
    name: 'Chrastava',
    parentId: world.orp1,
  });
  const codeOf = async (id: string) =>
    (
      await app.db
        .select({ code: territorialUnits.code })
        .from(territorialUnits)
        .where(eq(territorialUnits.id, id))
    )[0]!.code;
  const staff = await world.token('region_staff');
  const headers = authHeader(staff);

  const post = (body: Partial<CreateCampaignBody> & { formVersionId: string }) =>
    app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers,
      payload: {
        name: 'Sběr 2025',
        periodKind: 'year',
        year: 2025,
        opensOn: '2025-01-01',
        deadline: '2099-03-31',
        ...body,
      },
    });

  /** PATCH with the campaign's current ETag. */
  const patch = async (id: string, body: Record<string, unknown>) => {
    const current = await app.inject({ method: 'GET', url: `/api/campaigns/${id}`, headers });
    return app.inject({
      method: 'PATCH',
      url: `/api/campaigns/${id}`,
      headers: { ...headers, 'if-match': current.headers.etag as string },
      payload: body,
    });
  };

  /** Creates and opens a campaign; returns its id (fails the test on any other status). */
  const open = async (body: Partial<CreateCampaignBody> & { formVersionId: string }) => {
    const created = await post(body);
    if (created.statusCode !== 201)
      throw new Error(`create: ${created.statusCode} ${created.body}`);
    const id = created.json<{ id: string }>().id;
    const opened = await patch(id, { status: 'open' });
    if (opened.statusCode !== 200) throw new Error(`open: ${opened.statusCode} ${opened.body}`);
    return id;
  };

  const submissionsOf = (campaignId: string) =>
    queryRows<{
      id: string;
      respondent_code: string;
      respondent_name: string;
      municipality_id: string | null;
      provider_id: string | null;
      service_id: string | null;
      unit_id: string | null;
      orp_id: string | null;
      service_type: string | null;
      value_count: number;
    }>(
      app.db,
      sql`select id, respondent_code, respondent_name, municipality_id, provider_id, service_id,
        unit_id, orp_id, service_type, value_count
      from submissions where campaign_id = ${campaignId} order by respondent_code`,
    );

  return {
    ...world,
    municipalityC,
    codeA: await codeOf(world.municipalityA),
    codeB: await codeOf(world.municipalityB),
    codeC: await codeOf(municipalityC),
    headers,
    post,
    patch,
    open,
    submissionsOf,
  };
}
export type CampaignWorld = Awaited<ReturnType<typeof createCampaignWorld>>;
