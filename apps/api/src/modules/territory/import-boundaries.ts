import { eq, inArray, sql } from 'drizzle-orm';
import type { ImportReport, UnitKind } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { territorialUnits } from '../../db/schema/index.ts';
import { InvalidError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { centroidOf, geometryKey, normalizeAreaGeometry, type AreaGeometry } from './geometry.ts';
import { chunks, emptyReport, recordImportSummary, type ImportProgress } from './import-common.ts';
import { auditSnapshot } from './territory.dto.ts';
import type { FullUnitRow } from './territory.repo.ts';
import { UNIT_ENTITY } from './territory.service.ts';

const t = territorialUnits;

export interface FeatureCollectionInput {
  type: 'FeatureCollection';
  features: unknown[];
}

export interface BoundaryImportOptions {
  /** Match features only to units of this kind (else any kind, when the code is unambiguous). */
  kind?: UnitKind;
  /** Features written per statement and transaction. */
  chunkSize?: number;
}

/** 400 unless `value` is a GeoJSON FeatureCollection (the features are checked one by one later). */
export function assertFeatureCollection(value: unknown): asserts value is FeatureCollectionInput {
  const v = value as { type?: unknown; features?: unknown } | null;
  if (!v || typeof v !== 'object' || v.type !== 'FeatureCollection' || !Array.isArray(v.features))
    throw new InvalidError('The body must be a GeoJSON FeatureCollection with a features array.', [
      {
        in: 'body',
        pointer: '/type',
        detail: 'must be "FeatureCollection" with "features": [...]',
      },
    ]);
}

/** Parses an uploaded GeoJSON document; 400 when it is not JSON or not a FeatureCollection. */
export function parseFeatureCollection(text: string | Buffer): FeatureCollectionInput {
  let value: unknown;
  try {
    value = JSON.parse(typeof text === 'string' ? text : text.toString('utf8'));
  } catch (error) {
    throw new InvalidError(`The body is not valid JSON: ${(error as Error).message}`);
  }
  assertFeatureCollection(value);
  return value;
}

const codeText = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim()
    ? value.trim()
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : undefined;

interface Match {
  row: number;
  unitId: string;
  geometry: AreaGeometry;
}

function index(units: { id: string; code: string; ruianCode: string | null }[]) {
  const byCode = new Map<string, string[]>();
  const byRuian = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, id: string) =>
    map.set(key, [...(map.get(key) ?? []), id]);
  for (const u of units) {
    add(byCode, u.code, u.id);
    if (u.ruianCode) add(byRuian, u.ruianCode, u.id);
  }
  return { byCode, byRuian };
}

/**
 * Sets the boundaries of existing units from a GeoJSON FeatureCollection. A feature matches a
 * unit by `properties.csu_code` or `properties.code` (the unit's ČSÚ code) or `properties.KOD`
 * (its RÚIAN code). A unit without a point gets the boundary's centroid. Idempotent: a feature
 * whose boundary is already stored counts as unchanged and writes nothing.
 *
 * Authorization is the caller's (the route allows region administrators; the CLI is the operator).
 */
export async function importBoundaries(
  db: Db,
  principal: AuthPrincipal | null,
  featureCollection: unknown,
  options: BoundaryImportOptions = {},
  onProgress?: ImportProgress,
): Promise<ImportReport> {
  assertFeatureCollection(featureCollection);
  const report = emptyReport();
  const units = await db
    .select({ id: t.id, code: t.code, ruianCode: t.ruianCode })
    .from(t)
    .where(options.kind ? eq(t.kind, options.kind) : undefined);
  const { byCode, byRuian } = index(units);

  const matches: Match[] = [];
  const rowOfUnit = new Map<string, number>();
  featureCollection.features.forEach((feature, i) => {
    const row = i + 1;
    const f = (feature ?? {}) as { type?: unknown; properties?: unknown; geometry?: unknown };
    const props = (f.properties && typeof f.properties === 'object' ? f.properties : {}) as Record<
      string,
      unknown
    >;
    const csu = codeText(props.csu_code) ?? codeText(props.code);
    const ruian = codeText(props.KOD);
    const label = csu ?? ruian ?? null;
    if (f.type !== 'Feature')
      return report.rejected.push({ row, code: label, reason: 'not a GeoJSON Feature' });
    if (!label)
      return report.rejected.push({
        row,
        code: null,
        reason: 'the feature has no code (properties.KOD, csu_code or code)',
      });
    const candidates = new Set([
      ...(csu ? (byCode.get(csu) ?? []) : []),
      ...(ruian ? (byRuian.get(ruian) ?? []) : []),
    ]);
    if (candidates.size === 0) return report.unmatched.push(label);
    if (candidates.size > 1)
      return report.rejected.push({
        row,
        code: label,
        reason: options.kind
          ? 'its codes match different units'
          : 'its codes match several units; import with a kind',
      });
    const unitId = [...candidates][0]!;
    const geometry = normalizeAreaGeometry(f.geometry);
    if (typeof geometry === 'string')
      return report.rejected.push({ row, code: label, reason: geometry });
    const earlier = rowOfUnit.get(unitId);
    if (earlier)
      return report.rejected.push({
        row,
        code: label,
        reason: `feature ${earlier} already gives this unit's boundary`,
      });
    rowOfUnit.set(unitId, row);
    matches.push({ row, unitId: unitId, geometry });
  });
  await onProgress?.(
    0.1,
    `${matches.length} of ${featureCollection.features.length} features matched`,
  );

  const slices = chunks(matches, options.chunkSize ?? 100);
  for (const [i, slice] of slices.entries()) {
    await db.transaction((tx) => writeSlice(tx, principal, slice, report));
    await onProgress?.(0.1 + (0.9 * (i + 1)) / slices.length, `${matches.length} boundaries`);
  }
  await recordImportSummary(db, principal, 'boundaries', report, {
    features: featureCollection.features.length,
    ...(options.kind ? { kind: options.kind } : {}),
  });
  return report;
}

/** Compares one slice of matches with the stored units and writes the changed ones in one statement. */
async function writeSlice(
  tx: Db,
  principal: AuthPrincipal | null,
  slice: Match[],
  report: ImportReport,
): Promise<void> {
  const stored = new Map(
    (
      await tx
        .select()
        .from(t)
        .where(
          inArray(
            t.id,
            slice.map((m) => m.unitId),
          ),
        )
        .for('update')
    ).map((r) => [r.id, r]),
  );
  const changes: { before: FullUnitRow; after: FullUnitRow }[] = [];
  for (const m of slice) {
    const before = stored.get(m.unitId);
    if (!before) continue; // deleted since matching: nothing to set
    const current = before.geometry ? normalizeAreaGeometry(before.geometry) : null;
    const same =
      typeof current === 'object' && current && geometryKey(current) === geometryKey(m.geometry);
    const hasPoint = before.pointLat !== null && before.pointLon !== null;
    if (same && hasPoint) {
      report.unchanged++;
      continue;
    }
    const point = hasPoint
      ? { lat: before.pointLat!, lon: before.pointLon! }
      : centroidOf(m.geometry);
    changes.push({
      before,
      after: {
        ...before,
        geometry: m.geometry,
        pointLat: point.lat,
        pointLon: point.lon,
        version: before.version + 1,
      },
    });
  }
  if (changes.length === 0) return;
  const values = changes.map(
    ({ after }) =>
      sql`(${after.id}::uuid, ${JSON.stringify(after.geometry)}::jsonb, ${after.pointLat}::float8, ${after.pointLon}::float8)`,
  );
  await tx.execute(sql`
    update territorial_units as u
    set geometry = v.geometry, point_lat = v.lat, point_lon = v.lon,
        version = u.version + 1, updated_at = now()
    from (values ${sql.join(values, sql`, `)}) as v(id, geometry, lat, lon)
    where u.id = v.id`);
  report.updated += changes.length;
  await recordAudit(
    tx,
    principal,
    changes.map(({ before, after }) => ({
      action: 'update',
      entityType: UNIT_ENTITY,
      entityId: before.id,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    })),
  );
}
