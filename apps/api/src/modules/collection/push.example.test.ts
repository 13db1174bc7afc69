import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkPushReport, FormDefinition } from '@socplan/contracts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { createApiClient } from '../../test/fixtures.ts';
import { createCampaign, createCollectionWorld } from './collection.test-support.ts';
import { historyOf, storedValues } from './push.test-support.ts';

/**
 * docs/examples/push-client.ts is real: it typechecks against the contracts (its own tsconfig
 * maps @socplan/contracts to the package's source) and its worked example runs against the API.
 */
const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const examplePath = path.join(repoDir, 'docs/examples/push-client.ts');

/** The parts of the example this test drives (imported at run time: it lives outside src). */
interface ExampleModule {
  PushClient: new (baseUrl: string, clientId: string, clientSecret: string) => unknown;
  run(
    client: unknown,
    respondent: string,
    log: (line: string) => void,
  ): Promise<{ campaignId: string; report: BulkPushReport }>;
}

/** The fields of the demo form "Vyjádření obce" that the example pushes. */
const DEFINITION: FormDefinition = {
  sections: [
    {
      code: 'main',
      label: { cs: 'Obec' },
      fields: [
        { code: 'population_total', type: 'integer', label: { cs: 'Obyvatel' }, required: true },
        { code: 'population_65_plus', type: 'integer', label: { cs: '65+' } },
        { code: 'contact_phone', type: 'text', label: { cs: 'Telefon' }, maxLength: 40 },
        { code: 'funding_total', type: 'money', label: { cs: 'Celkem' }, required: true },
        {
          code: 'funding_by_type',
          type: 'table',
          label: { cs: 'Podle druhu' },
          rows: { kind: 'codelist', codelist: 'service_type' },
          columns: [{ code: 'amount', type: 'money', label: { cs: 'Částka' }, min: 0 }],
        },
      ],
    },
  ],
  rules: [
    {
      code: 'funding_rows_sum_to_total',
      assert: 'sum(funding_by_type.amount) == funding_total',
      message: { cs: 'Součet nesedí.', en: 'The rows must add up to the total.' },
    },
  ],
};

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('docs/examples/push-client.ts', () => {
  it('typechecks against @socplan/contracts', () => {
    const tsc = path.join(repoDir, 'apps/api/node_modules/.bin/tsc');
    const result = spawnSync(tsc, ['-p', 'docs/examples/tsconfig.json', '--noEmit'], {
      cwd: repoDir,
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);

  it('runs its worked example against the API', async () => {
    const world = await createCollectionWorld(ctx.app);
    const { submissionIds } = await createCampaign(ctx.app.db, {
      definition: DEFINITION,
      respondents: [world.municipality('A', { code: '563889' })],
    });
    const client = await createApiClient(ctx.app.db, {
      roles: [{ role: 'municipality', territorialUnitId: world.municipalityA }],
    });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    const example = (await import(
      /* @vite-ignore */ pathToFileURL(examplePath).href
    )) as ExampleModule;

    const lines: string[] = [];
    const { report } = await example.run(
      new example.PushClient(`http://127.0.0.1:${port}`, client.clientId, client.clientSecret),
      '563889',
      (line) => lines.push(line),
    );
    expect(report.results[0]).toMatchObject({ outcome: 'imported', status: 'draft' });
    const log = lines.join('\n');
    expect(log).toContain('replayed=true');
    expect(log).toMatch(/CSV:\n {2}563889: unchanged/);
    // Submitting would pass (the rows add up), and the dry run left it a draft.
    expect(log).toMatch(/would submitting pass\? \(dry run\)\n {2}563889: updated \(submitted/);
    expect(await storedValues(ctx.app, submissionIds[0]!)).toEqual({
      population_total: 104802,
      population_65_plus: 21950,
      contact_phone: '+420 485 243 111',
      funding_total: 12500000,
      'funding_by_type.amount@49': 8000000,
      'funding_by_type.amount@40': 4500000,
    });
    expect(await historyOf(ctx.app, submissionIds[0]!)).toHaveLength(6);
  });
});
