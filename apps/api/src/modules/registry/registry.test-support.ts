import { expect } from 'vitest';
import type { Job, List, RegistryChange, RegistryImport, RegistryIssue } from '@socplan/contracts';
import type { TestContext } from '../../test/test-app.ts';
import { finishedJob } from '../territory/territory.test-support.ts';

export const SAMPLE_FILE = 'rpss-sample.json';
export const POINTS_FILE = 'rpss-sample.adresni-mista.csv';
export const OBCE_FILE = 'liberec-obce.csv';

type Headers = Record<string, string>;

/** Uploads a registry file and waits for its analysis; the import as it then is. */
export async function analyse(
  ctx: TestContext,
  headers: Headers,
  file: string | object,
  query = '',
): Promise<{ imp: RegistryImport; job: Job }> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/registry/imports${query}`,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: typeof file === 'string' ? file : JSON.stringify(file),
  });
  expect(res.statusCode, res.body).toBe(202);
  const created = res.json<RegistryImport>();
  expect(res.headers.location).toBe(`/api/registry/imports/${created.id}`);
  expect(created.jobId).toBeTruthy();
  const job = await finishedJob(ctx, headers, `/api/jobs/${created.jobId}`);
  return { imp: await getImport(ctx, headers, created.id), job };
}

export async function getImport(ctx: TestContext, headers: Headers, id: string) {
  const res = await ctx.app.inject({ url: `/api/registry/imports/${id}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<RegistryImport>();
}

export async function apply(ctx: TestContext, headers: Headers, imp: RegistryImport) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/registry/imports/${imp.id}/apply`,
    headers: { ...headers, 'if-match': `"${imp.version}"` },
  });
}

export async function changes(
  ctx: TestContext,
  headers: Headers,
  id: string,
  query = '',
): Promise<RegistryChange[]> {
  const res = await ctx.app.inject({
    url: `/api/registry/imports/${id}/changes?limit=500${query}`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<List<RegistryChange>>().items;
}

export async function issues(ctx: TestContext, headers: Headers, id: string) {
  const res = await ctx.app.inject({
    url: `/api/registry/imports/${id}/issues?limit=500`,
    headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<List<RegistryIssue>>().items;
}
