import type { Codelist, CodelistItem } from '@socplan/contracts';
import type { ItemRow } from './codelists.repo.ts';

export function toItemDto(row: ItemRow): CodelistItem {
  return {
    id: row.id,
    codelist: row.codelist as Codelist,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    registryId: row.registryId,
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    sortOrder: row.sortOrder,
    validFrom: row.validFrom,
    validTo: row.validTo,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** What the audit trail keeps of an item version: every field but the timestamp. */
export function auditSnapshot(row: ItemRow) {
  const { updatedAt: _u, ...rest } = toItemDto(row);
  return rest;
}
