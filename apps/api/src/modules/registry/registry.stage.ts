import type { Db } from '../../db/client.ts';
import { registryImportIssues, registryImportStaging } from '../../db/schema/index.ts';
import type { IssueInput, NormaliseResult } from './registry.normalise.ts';

type StagingRow = typeof registryImportStaging.$inferInsert;
type IssueRow = typeof registryImportIssues.$inferInsert;

/** Rows per multi-row INSERT (7 columns each: well under PostgreSQL's 65,535 parameters). */
const BATCH_ROWS = 1000;

/**
 * Collects normalised records and issues and writes them in multi-row INSERTs, so memory holds
 * one batch, never the file. A provider repeated in every registration of its own (§4) is
 * staged once: the first occurrence wins.
 */
export class StagingWriter {
  private rows: StagingRow[] = [];
  private issueRows: IssueRow[] = [];
  private readonly providers = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly importId: string,
  ) {}

  add(index: number, result: Extract<NormaliseResult, { outcome: 'kept' }>): void {
    const { provider, service, facilities } = result;
    if (!this.providers.has(provider.key)) {
      this.providers.add(provider.key);
      this.rows.push(this.row('provider', index, provider));
    }
    this.rows.push(this.row('service', index, service));
    for (const f of facilities) this.rows.push(this.row('facility', index, f));
    this.addIssues(result.issues);
  }

  addIssues(issues: IssueInput[]): void {
    for (const i of issues) this.issueRows.push({ importId: this.importId, ...i });
  }

  /** Whether a batch is full (the caller flushes between items, so one item is never split). */
  get full(): boolean {
    return this.rows.length >= BATCH_ROWS || this.issueRows.length >= BATCH_ROWS;
  }

  async flush(): Promise<void> {
    const rows = this.rows;
    const issues = this.issueRows;
    this.rows = [];
    this.issueRows = [];
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.db.insert(registryImportStaging).values(rows.slice(i, i + BATCH_ROWS));
    for (let i = 0; i < issues.length; i += BATCH_ROWS)
      await this.db.insert(registryImportIssues).values(issues.slice(i, i + BATCH_ROWS));
  }

  private row(
    entity: 'provider' | 'service' | 'facility',
    itemIndex: number,
    record: { key: string; data: unknown; extra: unknown },
  ): StagingRow {
    return {
      importId: this.importId,
      entity,
      key: record.key,
      itemIndex,
      data: record.data,
      extra: record.extra,
    };
  }
}
