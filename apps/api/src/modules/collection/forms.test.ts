import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinition } from '@socplan/contracts';
import { queryRows } from '../../db/query-rows.ts';
import { authHeader, tokenForRole } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { SAMPLE_DEFINITION } from './collection.test-support.ts';

let ctx: TestContext;
let staff: Record<string, string>;
beforeAll(async () => {
  ctx = await createTestApp();
  staff = authHeader(await tokenForRole(ctx.app, { role: 'region_staff' }));
});
afterAll(() => ctx.close());

const call = (options: InjectOptions) => ctx.app.inject({ headers: staff, ...options });

/** The ETag of a resource now. */
const etag = async (url: string) => (await call({ method: 'GET', url })).headers.etag as string;

let seq = 0;
async function createForm(definition?: FormDefinition, respondentKind = 'municipality') {
  const res = await call({
    method: 'POST',
    url: '/api/forms',
    payload: {
      code: `vykaz-${++seq}`,
      name: 'Vyjádření obce k potřebnosti',
      respondentKind,
      ...(definition ? { definition } : {}),
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string; latestVersion: { id: string } }>();
}

const publish = async (versionId: string) =>
  call({
    method: 'POST',
    url: `/api/form-versions/${versionId}/publish`,
    headers: { ...staff, 'if-match': await etag(`/api/form-versions/${versionId}`) },
  });

describe('forms', () => {
  it('creating a form makes its first draft version; a duplicate code is 409', async () => {
    const res = await call({
      method: 'POST',
      url: '/api/forms',
      payload: { code: 'rocni-vykaz', name: 'Roční výkaz', respondentKind: 'service' },
    });
    expect(res.statusCode).toBe(201);
    const form = res.json();
    expect(res.headers.location).toBe(`/api/forms/${form.id}`);
    expect(form).toMatchObject({
      code: 'rocni-vykaz',
      latestVersion: { number: 1, status: 'draft' },
      publishedVersion: null,
    });
    const version = await call({
      method: 'GET',
      url: `/api/form-versions/${form.latestVersion.id}`,
    });
    expect(version.json()).toMatchObject({
      definition: { sections: [], rules: [] },
      formCode: 'rocni-vykaz',
    });
    const again = await call({
      method: 'POST',
      url: '/api/forms',
      payload: { code: 'rocni-vykaz', name: 'Jiný', respondentKind: 'service' },
    });
    expect(again.statusCode).toBe(409);
    const audit = await queryRows<{ n: number }>(
      ctx.app.db,
      sql`select count(*)::int as n from audit_log where entity_id = ${form.id} and action = 'create'`,
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('lists and filters for collection.manage; others get 403', async () => {
    await createForm(undefined, 'provider');
    const list = await call({
      method: 'GET',
      url: '/api/forms?respondentKind=provider&q=POTREBNOST',
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThanOrEqual(1);
    expect(
      list.json().items.every((f: { respondentKind: string }) => f.respondentKind === 'provider'),
    ).toBe(true);
    const municipality = authHeader(await tokenForRole(ctx.app, { role: 'analyst' }));
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/forms', headers: municipality }))
        .statusCode,
    ).toBe(403);
  });

  it('PATCH renames with If-Match (428 without, 412 stale)', async () => {
    const form = await createForm();
    const url = `/api/forms/${form.id}`;
    expect((await call({ method: 'PATCH', url, payload: { name: 'Nový' } })).statusCode).toBe(428);
    const stale = await call({
      method: 'PATCH',
      url,
      headers: { ...staff, 'if-match': '"7"' },
      payload: { name: 'Nový' },
    });
    expect(stale.statusCode).toBe(412);
    const ok = await call({
      method: 'PATCH',
      url,
      headers: { ...staff, 'if-match': await etag(url) },
      payload: { name: 'Nový' },
    });
    expect(ok.json()).toMatchObject({ name: 'Nový', version: 2 });
  });
});

describe('versions', () => {
  it('a draft is edited in place; once published it never changes (409) and a new version copies it', async () => {
    const form = await createForm();
    const draft = form.latestVersion.id;
    const url = `/api/form-versions/${draft}`;
    const put = await call({
      method: 'PUT',
      url,
      headers: { ...staff, 'if-match': await etag(url) },
      payload: { definition: SAMPLE_DEFINITION },
    });
    expect(put.statusCode).toBe(200);
    expect((await publish(draft)).json()).toMatchObject({ status: 'published', number: 1 });

    const again = await call({
      method: 'PUT',
      url,
      headers: { ...staff, 'if-match': await etag(url) },
      payload: { definition: { sections: [], rules: [] } },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/published versions never change; create a new version/i);
    const del = await call({
      method: 'DELETE',
      url,
      headers: { ...staff, 'if-match': await etag(url) },
    });
    expect(del.statusCode).toBe(409);
    // Ajv fills schema defaults (required: false, severity: error) into what is stored.
    expect((await call({ method: 'GET', url })).json().definition).toMatchObject(SAMPLE_DEFINITION);

    const next = await call({ method: 'POST', url: `/api/forms/${form.id}/versions` });
    expect(next.statusCode).toBe(201);
    expect(next.json()).toMatchObject({
      number: 2,
      status: 'draft',
      definition: SAMPLE_DEFINITION,
    });
    expect((await call({ method: 'POST', url: `/api/forms/${form.id}/versions` })).statusCode).toBe(
      409,
    );
    const formNow = (await call({ method: 'GET', url: `/api/forms/${form.id}` })).json();
    expect(formNow).toMatchObject({
      latestVersion: { number: 2, status: 'draft' },
      publishedVersion: { number: 1, status: 'published' },
    });
    const versions = await call({ method: 'GET', url: `/api/forms/${form.id}/versions` });
    expect(versions.json().items.map((v: { number: number }) => v.number)).toEqual([1, 2]);

    // The draft can go; the form is back to its published version.
    const nextUrl = `/api/form-versions/${next.json().id}`;
    const gone = await call({
      method: 'DELETE',
      url: nextUrl,
      headers: { ...staff, 'if-match': await etag(nextUrl) },
    });
    expect(gone.statusCode).toBe(204);
  });

  it('publishing refuses a bad definition, naming every problem by pointer', async () => {
    const bad: FormDefinition = {
      sections: [
        {
          code: 'main',
          label: { cs: 'Hlavní' },
          fields: [
            { code: 'capacity', type: 'integer', label: { cs: 'Kapacita' }, min: 10, max: 5 },
            { code: 'capacity', type: 'integer', label: { cs: 'Znovu' } },
            { code: 'reason', type: 'choice', label: { cs: 'Důvod' }, codelist: 'no_such_list' },
          ],
        },
      ],
      rules: [{ code: 'r1', assert: 'occupied <= capacity', message: { cs: 'x' } }],
    };
    const form = await createForm(bad);
    const res = await publish(form.latestVersion.id);
    expect(res.statusCode).toBe(400);
    const found = res.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(found.length).toBeGreaterThanOrEqual(4);
    expect(found.every((p: string) => p.startsWith('/definition/'))).toBe(true);
    expect(found.some((p: string) => p.startsWith('/definition/sections/0/fields/0'))).toBe(true);
    expect(found.some((p: string) => p.startsWith('/definition/sections/0/fields/1'))).toBe(true);
    expect(found.some((p: string) => p.startsWith('/definition/sections/0/fields/2'))).toBe(true);
    expect(found.some((p: string) => p.startsWith('/definition/rules/0'))).toBe(true);
    const still = await call({ method: 'GET', url: `/api/form-versions/${form.latestVersion.id}` });
    expect(still.json().status).toBe('draft');
  });

  it('respondents read published versions but not drafts; a form used by a campaign cannot be deleted', async () => {
    const form = await createForm(SAMPLE_DEFINITION);
    const versionId = form.latestVersion.id;
    const reader = authHeader(await tokenForRole(ctx.app, { role: 'provider' }));
    const read = () =>
      ctx.app.inject({ method: 'GET', url: `/api/form-versions/${versionId}`, headers: reader });
    expect((await read()).statusCode).toBe(404);
    await publish(versionId);
    expect((await read()).statusCode).toBe(200);

    const campaign = await call({
      method: 'POST',
      url: '/api/campaigns',
      payload: {
        name: 'Sběr',
        formVersionId: versionId,
        periodKind: 'year',
        year: 2025,
        opensOn: '2025-01-01',
        deadline: '2025-03-31',
      },
    });
    expect(campaign.statusCode).toBe(201);
    const url = `/api/forms/${form.id}`;
    const del = await call({
      method: 'DELETE',
      url,
      headers: { ...staff, 'if-match': await etag(url) },
    });
    expect(del.statusCode).toBe(409);
    expect(del.json().detail).toMatch(/campaign/);

    const unused = await createForm();
    const unusedUrl = `/api/forms/${unused.id}`;
    const ok = await call({
      method: 'DELETE',
      url: unusedUrl,
      headers: { ...staff, 'if-match': await etag(unusedUrl) },
    });
    expect(ok.statusCode).toBe(204);
    expect((await call({ method: 'GET', url: unusedUrl })).statusCode).toBe(404);
  });
});
