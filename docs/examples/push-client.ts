/**
 * A push client for socplan's data collection, as a municipal or provider information system
 * would write it (docs/integrators-data-collection.md). The types come from @socplan/contracts,
 * the same ones the API is built from, so a renamed field fails this file's typecheck.
 *
 * Against the demo (`pnpm start` in another terminal), from the repository root:
 *
 *   pnpm --filter @socplan/api exec tsx ../../docs/examples/push-client.ts
 *
 * Settings (env): SOCPLAN_URL (http://localhost:3000), SOCPLAN_CLIENT_ID (liberec-is),
 * SOCPLAN_CLIENT_SECRET (socplan-demo-secret), SOCPLAN_RESPONDENT (563889, Liberec).
 */
import { pathToFileURL } from 'node:url';
import type {
  BulkPushBody,
  BulkPushReport,
  CampaignList,
  ClientToken,
  Problem,
  PushResult,
  PushSubmissionBody,
  SubmissionValues,
} from '@socplan/contracts';

/** A 4xx answer: the problem document (branch on `code`, show `detail` and `errors`). */
export class SocplanProblem extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`);
  }
}

interface RequestOptions {
  body?: unknown;
  /** CSV text is sent as text/csv; anything else as JSON. */
  csv?: string;
  idempotencyKey?: string;
}

export interface Answer<T> {
  status: number;
  body: T;
  /** The server answered a retry with the first attempt's stored answer. */
  replayed: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PushClient {
  private token: { value: string; expiresAt: number } | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    /** Attempts of one request when the network or the server fails (5xx). */
    private readonly attempts = 4,
  ) {}

  /** Client credentials → an access token, reused until 30 s before it expires. */
  async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.expiresAt) return this.token.value;
    const res = await fetch(`${this.baseUrl}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: this.clientId, clientSecret: this.clientSecret }),
    });
    if (!res.ok) throw new SocplanProblem((await res.json()) as Problem);
    const token = (await res.json()) as ClientToken;
    this.token = {
      value: token.accessToken,
      expiresAt: Date.now() + (token.expiresIn - 30) * 1000,
    };
    return token.accessToken;
  }

  /**
   * One API request. A lost connection or a 5xx is retried with backoff and the SAME
   * Idempotency-Key, so a write that did happen is answered, not repeated; a 401 (token
   * expired) gets a new token once. Any other 4xx is thrown as a SocplanProblem.
   */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${await this.accessToken()}`,
            ...(options.csv !== undefined
              ? { 'content-type': 'text/csv; charset=utf-8' }
              : options.body !== undefined
                ? { 'content-type': 'application/json' }
                : {}),
            ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
          },
          body:
            options.csv ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        });
      } catch (error) {
        if (attempt >= this.attempts) throw error;
        await sleep(250 * 2 ** attempt);
        continue;
      }
      if (res.status === 401 && !renewed) {
        renewed = true;
        this.token = undefined;
        continue;
      }
      if (res.status >= 500 && attempt < this.attempts) {
        await sleep(250 * 2 ** attempt);
        continue;
      }
      const body = (await res.json()) as unknown;
      if (!res.ok) throw new SocplanProblem(body as Problem);
      return {
        status: res.status,
        body: body as T,
        replayed: res.headers.get('idempotent-replayed') === 'true',
      };
    }
  }

  /** The campaigns open now (those that take values). */
  async openCampaigns(): Promise<CampaignList['items']> {
    const { body } = await this.request<CampaignList>(
      'GET',
      '/api/campaigns?status=open&limit=100',
    );
    return body.items;
  }

  /** Merges one respondent's values (and submits them when `submit`). */
  pushSubmission(
    campaignId: string,
    respondent: string,
    body: PushSubmissionBody,
    idempotencyKey: string = crypto.randomUUID(),
  ): Promise<Answer<PushResult>> {
    return this.request('PUT', `/api/campaigns/${campaignId}/submissions/${respondent}`, {
      body,
      idempotencyKey,
    });
  }

  /**
   * Many submissions in one request, JSON or long-format CSV. A dry run stores no key: send
   * the real run with the key you will retry it with.
   */
  pushBulk(
    campaignId: string,
    content: BulkPushBody | string,
    options: { dryRun?: boolean; submit?: boolean; idempotencyKey?: string } = {},
  ): Promise<Answer<BulkPushReport>> {
    const query = new URLSearchParams();
    if (options.dryRun) query.set('dryRun', 'true');
    if (options.submit) query.set('submit', 'true');
    const path = `/api/campaigns/${campaignId}/submissions/bulk${query.size ? `?${query}` : ''}`;
    return this.request('POST', path, {
      ...(typeof content === 'string' ? { csv: content } : { body: content }),
      idempotencyKey: options.idempotencyKey ?? crypto.randomUUID(),
    });
  }
}

/** What the municipality's system knows this year (fields of the demo form vyjadreni-obce). */
export const LIBEREC_VALUES: SubmissionValues = {
  population_total: 104802,
  population_65_plus: 21950,
  contact_phone: '+420 485 243 111',
  funding_total: 12500000,
  funding_by_type: [
    { row: '49', amount: 8000000 },
    { row: '40', amount: 4500000 },
  ],
};

const describe = (report: BulkPushReport) =>
  report.results
    .map(
      (r) =>
        `  ${r.respondent}: ${r.outcome} (${r.status ?? 'no submission'}; ` +
        `+${r.values.inserted} ~${r.values.updated} -${r.values.cleared} =${r.values.unchanged})` +
        r.errors
          .map((e) => `\n    ${e.pointer}: ${e.detail}${e.rule ? ` [${e.rule}]` : ''}`)
          .join(''),
    )
    .join('\n');

/**
 * The worked example: find the open campaign of the client's respondent kind, preview the push
 * (dry run), push it with an Idempotency-Key, retry it (answered from the stored result), push
 * the same values as CSV (unchanged), and check what submitting would say.
 */
export async function run(
  client: PushClient,
  respondent: string,
  log: (line: string) => void = console.log,
): Promise<{ campaignId: string; report: BulkPushReport }> {
  const campaign = (await client.openCampaigns()).find((c) => c.respondentKind === 'municipality');
  if (!campaign) throw new Error('no open campaign for municipalities');
  log(`campaign ${campaign.name} (${campaign.period}), deadline ${campaign.deadline}`);

  const body: BulkPushBody = { submissions: [{ respondent, values: LIBEREC_VALUES }] };
  const preview = await client.pushBulk(campaign.id, body, { dryRun: true });
  log(`dry run:\n${describe(preview.body)}`);

  const key = crypto.randomUUID(); // keep it with the batch until the answer is in
  const pushed = await client.pushBulk(campaign.id, body, { idempotencyKey: key });
  log(`pushed:\n${describe(pushed.body)}`);
  const retried = await client.pushBulk(campaign.id, body, { idempotencyKey: key });
  log(`retried with the same key: replayed=${retried.replayed}, nothing written twice`);

  const csv = [
    'respondent;field;row;value',
    `${respondent};population_total;;104802`,
    `${respondent};funding_by_type.amount;49;8000000,00`,
  ].join('\n');
  const fromCsv = await client.pushBulk(campaign.id, csv);
  log(`CSV:\n${describe(fromCsv.body)}`);

  const submit = await client.pushBulk(
    campaign.id,
    { submissions: [{ respondent, values: {}, submit: true }] },
    { dryRun: true },
  );
  log(`would submitting pass? (dry run)\n${describe(submit.body)}`);
  return { campaignId: campaign.id, report: pushed.body };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const env = (name: string, fallback: string) => process.env[name] || fallback;
  const client = new PushClient(
    env('SOCPLAN_URL', 'http://localhost:3000'),
    env('SOCPLAN_CLIENT_ID', 'liberec-is'),
    env('SOCPLAN_CLIENT_SECRET', 'socplan-demo-secret'),
  );
  run(client, env('SOCPLAN_RESPONDENT', '563889')).catch((error: unknown) => {
    console.error(error instanceof SocplanProblem ? error.problem : error);
    process.exit(1);
  });
}
