import type { TerritorialUnit, UnitKind } from '@socplan/contracts';
import { geometrySummary } from './geometry.ts';
import type { FullUnitRow, UnitRow } from './territory.repo.ts';

/** The API shape of a unit; `memberIds` only for planning areas. */
export function toUnitDto(row: UnitRow, memberIds?: string[]): TerritorialUnit {
  return {
    id: row.id,
    kind: row.kind as UnitKind,
    code: row.code,
    ruianCode: row.ruianCode,
    name: row.name,
    parentId: row.parentId,
    population: row.population,
    populationDate: row.populationDate,
    point:
      row.pointLat !== null && row.pointLon !== null
        ? { lat: row.pointLat, lon: row.pointLon }
        : null,
    hasGeometry: row.hasGeometry,
    ...(row.kind === 'planning_area' ? { memberIds: memberIds ?? [] } : {}),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export const withoutGeometry = (row: FullUnitRow): UnitRow => {
  const { geometry, createdAt: _createdAt, ...rest } = row;
  return { ...rest, hasGeometry: geometry !== null };
};

/**
 * What the audit trail keeps of a unit: every field, with the geometry summarised (type,
 * vertex count, hash) so a boundary change shows without copying the polygon into every row.
 */
export function auditSnapshot(row: FullUnitRow, memberIds?: string[]) {
  const { updatedAt: _u, hasGeometry: _h, memberIds: _m, ...dto } = toUnitDto(withoutGeometry(row));
  return {
    ...dto,
    geometry: geometrySummary(row.geometry),
    // Members are recorded when the write concerned them (planning areas).
    ...(memberIds ? { memberIds } : {}),
  };
}
