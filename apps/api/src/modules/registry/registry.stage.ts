import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { IssueInput, NormaliseResult } from './registry.normalise.ts';

interface StagingRow {
  entity: 'provider' | 'service' | 'facility';
  key: string;
  item_index: number;
  data: unknown;
  extra: unknown;
}

/** Rows per batch: about 1–2 MB of JSON, one statement each. */
const BATCH_ROWS = 1000;

/**
 * Collects normalised records and issues and writes them in batches, so memory holds a batch or
 * two, never the file. A batch is one statement with one parameter, the rows as a JSON array
 * (`jsonb_to_recordset`): far cheaper for both drivers than thousands of bind parameters. While
 * a batch is written the next one is read (PostgreSQL works in its own process meanwhile).
 * A provider repeated in every registration of its own (§4) is staged once: the first wins.
 */
export class StagingWriter {
  private rows: StagingRow[] = [];
  private issueRows: IssueInput[] = [];
  private readonly providers = new Set<string>();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly importId: string,
  ) {}

  add(index: number, result: Extract<NormaliseResult, { outcome: 'kept' }>): void {
    const { provider, service, facilities } = result;
    if (!this.providers.has(provider.key)) {
      this.providers.add(provider.key);
      this.rows.push(row('provider', index, provider));
    }
    this.rows.push(row('service', index, service));
    for (const f of facilities) this.rows.push(row('facility', index, f));
    this.addIssues(result.issues);
  }

  addIssues(issues: IssueInput[]): void {
    for (const i of issues) this.issueRows.push(i);
  }

  /** Whether a batch is full (the caller flushes between items, so one item is never split). */
  get full(): boolean {
    return this.rows.length >= BATCH_ROWS || this.issueRows.length >= BATCH_ROWS;
  }

  /** Starts writing the batch once the previous one is written; resolves when that one is. */
  async flush(): Promise<void> {
    const rows = this.rows;
    const issues = this.issueRows;
    this.rows = [];
    this.issueRows = [];
    const previous = this.writing;
    this.writing = previous.then(() => this.write(rows, issues));
    await previous;
  }

  /** Writes what is left and waits for every batch. */
  async finish(): Promise<void> {
    await this.flush();
    await this.writing;
  }

  private async write(rows: StagingRow[], issues: IssueInput[]): Promise<void> {
    if (rows.length)
      await this.db.execute(sql`
        insert into registry_import_staging (import_id, entity, key, item_index, data, extra)
        select ${this.importId}::uuid, r.entity, r.key, r.item_index, r.data, r.extra
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as r(entity text, key text, item_index int, data jsonb, extra jsonb)`);
    if (issues.length)
      await this.db.execute(sql`
        insert into registry_import_issues (import_id, severity, item_index, identifier, reason)
        select ${this.importId}::uuid, i.severity, i."itemIndex", i.identifier, i.reason
        from jsonb_to_recordset(${JSON.stringify(issues)}::jsonb)
          as i(severity text, "itemIndex" int, identifier text, reason text)`);
  }
}

const row = (
  entity: StagingRow['entity'],
  itemIndex: number,
  record: { key: string; data: unknown; extra: unknown },
): StagingRow => ({ entity, item_index: itemIndex, ...record });
