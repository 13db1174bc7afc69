import type {
  RegistryChange,
  RegistryChangeKind,
  RegistryEntity,
  RegistryImport,
  RegistryImportStatus,
  RegistryIssue,
  RegistryIssueSeverity,
} from '@socplan/contracts';
import type { registryImportChanges, registryImportIssues } from '../../db/schema/index.ts';
import type { RegistryImportRow, StoredSummary } from './registry.apply.ts';

export function toImportDto(row: RegistryImportRow): RegistryImport {
  // The network fingerprint is internal; the response schema would strip it anyway.
  const { fingerprint: _fingerprint, ...summary } = (row.summary ?? {}) as StoredSummary;
  return {
    id: row.id,
    status: row.status as RegistryImportStatus,
    jobId: row.jobId,
    fileName: row.fileName,
    regionOnly: row.regionOnly,
    summary: row.summary ? summary : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    appliedBy: row.appliedBy,
    appliedAt: row.appliedAt?.toISOString() ?? null,
    version: row.version,
  };
}

type ChangeRow = typeof registryImportChanges.$inferSelect;
type IssueRow = typeof registryImportIssues.$inferSelect;

export function toChangeDto(row: ChangeRow): RegistryChange {
  const data = (row.data ?? {}) as { id?: string; record?: unknown };
  return {
    id: row.id,
    entity: row.entity as RegistryEntity,
    change: row.change as RegistryChangeKind,
    key: row.key,
    label: row.label,
    entityId: data.id ?? null,
    fields: (row.fields as RegistryChange['fields']) ?? null,
    record: data.record ?? null,
  };
}

export const toIssueDto = (row: IssueRow): RegistryIssue => ({
  id: row.id,
  severity: row.severity as RegistryIssueSeverity,
  itemIndex: row.itemIndex,
  identifier: row.identifier,
  reason: row.reason,
});
