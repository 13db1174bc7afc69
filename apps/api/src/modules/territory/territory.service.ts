import { and, eq, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type {
  CreateTerritorialUnitBody,
  List,
  TerritorialUnit,
  TerritorialUnitGeoJsonQuery,
  TerritorialUnitListQuery,
  UnitFeatureCollection,
  UnitKind,
  UpdateTerritorialUnitBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { planningAreaMembers, territorialUnits } from '../../db/schema/index.ts';
import { ConflictError, ForbiddenError, InvalidError, type FieldError } from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  ancestorUnitsSql,
  assertMay,
  coveredUnitsSql,
  notFoundUnless,
  scopeFor,
} from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { centroidOf, normalizeAreaGeometry, type AreaGeometry } from './geometry.ts';
import { auditSnapshot, toUnitDto, withoutGeometry } from './territory.dto.ts';
import * as repo from './territory.repo.ts';
import { containsFolded, czechSortKey, startsWith } from '../../lib/czech-text.ts';

const t = territorialUnits;

/** The entity type of territorial units in the audit trail. */
export const UNIT_ENTITY = 'territorial_unit';

/** Which kinds of unit may be the parent of each kind (the shape of the hierarchy). */
export const PARENT_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  region: [],
  orp: ['region'],
  municipality: ['orp'],
  planning_area: ['region', 'orp'],
};

/**
 * The units a principal may read, as a condition on `column` (undefined = all): the units
 * its roles cover and, for context, the units above them.
 */
export function visibleUnitsCondition(
  principal: AuthPrincipal,
  column: AnyColumn | SQL = t.id,
): SQL | undefined {
  const scope = scopeFor(principal, 'territory.read');
  if (scope.kind === 'all') return undefined;
  return sql`(${column} in ${coveredUnitsSql(scope.unitIds)} or ${column} in ${ancestorUnitsSql(scope.unitIds)})`;
}

/** 403 unless the principal may write territory and `unitId` lies in its write scope. */
async function assertWritable(db: Db, principal: AuthPrincipal, unitId: string): Promise<void> {
  assertMay(principal, 'territory.write');
  const scope = scopeFor(principal, 'territory.write');
  if (scope.kind === 'all') return;
  const rows = await queryRows<{ ok: number }>(
    db,
    sql`select 1 as ok where ${unitId}::uuid in ${coveredUnitsSql(scope.unitIds)}`,
  );
  if (rows.length === 0) throw new ForbiddenError();
}

// --- reads ---

const SORTABLE = {
  name: czechSortKey(t.name),
  code: t.code,
  population: t.population,
  kind: t.kind,
};

/** ORDER BY for a list; units without a population come last both ways. */
function unitOrder(sort: string | undefined): SQL[] {
  const terms = orderBy(sort, SORTABLE, 'name', t.id);
  if (sort === 'population' || sort === '-population')
    terms[0] = sql`${t.population} ${sql.raw(sort.startsWith('-') ? 'desc' : 'asc')} nulls last`;
  return terms;
}

export async function listUnits(
  db: Db,
  principal: AuthPrincipal,
  query: TerritorialUnitListQuery,
): Promise<List<TerritorialUnit>> {
  const q = query.q?.trim();
  const where = and(
    visibleUnitsCondition(principal),
    query.kind ? eq(t.kind, query.kind) : undefined,
    query.parentId ? eq(t.parentId, query.parentId) : undefined,
    q
      ? or(containsFolded(t.name, q), startsWith(t.code, q), startsWith(t.ruianCode, q))
      : undefined,
  );
  const { rows, total } = await repo.listUnitRows(db, {
    where,
    orderBy: unitOrder(query.sort),
    ...page(query),
  });
  const members = await repo.membersOf(
    db,
    rows.filter((r) => r.kind === 'planning_area').map((r) => r.id),
    visibleUnitsCondition(principal, planningAreaMembers.municipalityId),
  );
  return { items: rows.map((r) => toUnitDto(r, members.get(r.id))), total };
}

export async function getUnit(
  db: Db,
  principal: AuthPrincipal,
  id: string,
): Promise<TerritorialUnit> {
  const row = notFoundUnless(await repo.findUnitRow(db, id, visibleUnitsCondition(principal)));
  return withMembers(db, principal, row);
}

async function withMembers(
  db: Db,
  principal: AuthPrincipal,
  row: repo.UnitRow,
): Promise<TerritorialUnit> {
  if (row.kind !== 'planning_area') return toUnitDto(row);
  const members = await repo.membersOf(
    db,
    [row.id],
    visibleUnitsCondition(principal, planningAreaMembers.municipalityId),
  );
  return toUnitDto(row, members.get(row.id));
}

/** The map layer: each visible unit of a kind as a Feature, its boundary or else its point. */
export async function unitFeatures(
  db: Db,
  principal: AuthPrincipal,
  query: TerritorialUnitGeoJsonQuery,
): Promise<UnitFeatureCollection> {
  const rows = await repo.featureRows(
    db,
    and(
      visibleUnitsCondition(principal),
      eq(t.kind, query.kind),
      query.parentId ? eq(t.parentId, query.parentId) : undefined,
    ),
  );
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.id,
      properties: {
        id: r.id,
        kind: r.kind as UnitKind,
        code: r.code,
        name: r.name,
        population: r.population,
      },
      geometry: (r.geometry as AreaGeometry | null) ?? {
        type: 'Point' as const,
        coordinates: [r.pointLon, r.pointLat],
      },
    })),
  };
}

// --- writes ---

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

type Writable = Omit<UpdateTerritorialUnitBody, 'memberIds'> & { memberIds?: string[] };

const body = (pointer: string, detail: string): FieldError => ({ in: 'body', pointer, detail });

const LABELS: Record<string, string> = {
  region: 'a region',
  orp: 'an ORP',
  municipality: 'a municipality',
  planning_area: 'a planning area',
};
/** "a region", "an ORP or a region": a kind (or several) in a sentence. */
const label = (...kinds: readonly string[]) => kinds.map((k) => LABELS[k] ?? k).join(' or ');

/**
 * Checks the fields being written against the hierarchy and returns the column values.
 * `before` is the stored row on update (undefined on create).
 */
async function validate(
  tx: Db,
  principal: AuthPrincipal,
  kind: UnitKind,
  input: Writable,
  before?: repo.FullUnitRow,
): Promise<{ values: Partial<repo.NewUnitRow>; memberIds?: string[] }> {
  const errors: FieldError[] = [];
  const values: Partial<repo.NewUnitRow> = {};

  if (input.code !== undefined) values.code = input.code;
  if (input.name !== undefined) values.name = input.name;
  if (input.ruianCode !== undefined) values.ruianCode = input.ruianCode;
  if (input.population !== undefined) values.population = input.population;
  if (input.populationDate !== undefined) values.populationDate = input.populationDate;

  // Parent: the hierarchy region → ORP → municipality; planning areas under a region or ORP.
  if (input.parentId !== undefined || !before) {
    const parentId = input.parentId ?? null;
    const allowed = PARENT_KINDS[kind];
    if (allowed.length === 0) {
      if (parentId) errors.push(body('/parentId', `${label(kind)} has no parent unit`));
    } else if (!parentId) {
      errors.push(body('/parentId', `is required: ${label(kind)} lies in ${label(...allowed)}`));
    } else {
      const parentKind = (await repo.kindsOf(tx, [parentId], visibleUnitsCondition(principal))).get(
        parentId,
      );
      if (!parentKind) errors.push(body('/parentId', 'no such territorial unit'));
      else if (!allowed.includes(parentKind as UnitKind))
        errors.push(
          body('/parentId', `must be ${label(...allowed)} (this one is ${label(parentKind)})`),
        );
      else if (parentId !== before?.parentId) await assertWritable(tx, principal, parentId);
    }
    values.parentId = parentId;
  }

  let memberIds: string[] | undefined;
  if (input.memberIds !== undefined) {
    if (kind !== 'planning_area') {
      errors.push(body('/memberIds', 'only a planning area has member municipalities'));
    } else {
      memberIds = [...new Set(input.memberIds)];
      const kinds = await repo.kindsOf(tx, memberIds, visibleUnitsCondition(principal));
      input.memberIds.forEach((id, i) => {
        const memberKind = kinds.get(id);
        if (!memberKind) errors.push(body(`/memberIds/${i}`, 'no such territorial unit'));
        else if (memberKind !== 'municipality')
          errors.push(
            body(`/memberIds/${i}`, `must be a municipality (this one is ${label(memberKind)})`),
          );
      });
    }
  }

  let geometry: AreaGeometry | null | undefined;
  if (input.geometry !== undefined) {
    if (input.geometry === null) geometry = null;
    else {
      const normalized = normalizeAreaGeometry(input.geometry);
      if (typeof normalized === 'string') errors.push(body('/geometry', normalized));
      else geometry = normalized;
    }
    values.geometry = geometry;
  }
  if (input.point !== undefined) {
    values.pointLat = input.point?.lat ?? null;
    values.pointLon = input.point?.lon ?? null;
  }
  // A unit with a boundary but no point gets the boundary's centroid as its point.
  const finalGeometry =
    geometry !== undefined ? geometry : (before?.geometry as AreaGeometry | null);
  const finalHasPoint = input.point !== undefined ? input.point !== null : before?.pointLat != null;
  if (finalGeometry && !finalHasPoint) {
    const c = centroidOf(finalGeometry);
    values.pointLat = c.lat;
    values.pointLon = c.lon;
  }

  if (errors.length)
    throw new InvalidError(errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), errors);

  if (input.code !== undefined && (await repo.codeTaken(tx, kind, input.code, before?.id)))
    throw duplicateCode(kind, input.code);
  return { values, ...(memberIds ? { memberIds } : {}) };
}

const duplicateCode = (kind: string, code: string) =>
  new ConflictError(`Another unit of kind ${kind} already has the code ${code}.`, [
    body('/code', `is already used by another unit of kind ${kind}`),
  ]);

/** The SQLSTATE of a database error, looking through driver/ORM wrappers. */
export function pgErrorCode(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

export async function createUnit(
  db: Db,
  principal: AuthPrincipal,
  input: CreateTerritorialUnitBody,
): Promise<TerritorialUnit> {
  assertMay(principal, 'territory.write');
  const kind = input.kind;
  try {
    return await db.transaction(async (tx) => {
      const { values, memberIds } = await validate(tx, principal, kind, input);
      const id = await repo.insertUnit(tx, {
        ...values,
        kind,
        code: input.code,
        name: input.name,
      });
      if (memberIds) await repo.replaceMembers(tx, id, memberIds);
      const after = notFoundUnless(await repo.lockUnitRow(tx, id));
      await recordAudit(tx, principal, {
        action: 'create',
        entityType: UNIT_ENTITY,
        entityId: id,
        after: auditSnapshot(after, memberIds ?? (kind === 'planning_area' ? [] : undefined)),
      });
      return toUnitDto(withoutGeometry(after), memberIds ?? []);
    });
  } catch (error) {
    // A concurrent create can slip past the check; the unique key still refuses it.
    if (pgErrorCode(error) === UNIQUE_VIOLATION) throw duplicateCode(kind, input.code);
    throw error;
  }
}

export async function updateUnit(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: UpdateTerritorialUnitBody,
): Promise<TerritorialUnit> {
  let kind: UnitKind | undefined;
  try {
    return await db.transaction(async (tx) => {
      const before = notFoundUnless(
        await repo.lockUnitRow(tx, id, visibleUnitsCondition(principal)),
      );
      await assertWritable(tx, principal, id);
      assertVersion(before.version, expected());
      kind = before.kind as UnitKind;
      const { values, memberIds } = await validate(tx, principal, kind, input, before);
      const membersBefore =
        kind === 'planning_area' ? (await repo.membersOf(tx, [id])).get(id) : undefined;
      await repo.updateUnit(tx, id, values);
      if (memberIds) await repo.replaceMembers(tx, id, memberIds);
      const after = notFoundUnless(await repo.lockUnitRow(tx, id));
      const membersAfter = memberIds ?? membersBefore;
      await recordAudit(tx, principal, {
        action: 'update',
        entityType: UNIT_ENTITY,
        entityId: id,
        before: auditSnapshot(before, membersBefore),
        after: auditSnapshot(after, membersAfter),
      });
      return withMembers(tx, principal, withoutGeometry(after));
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && kind && input.code)
      throw duplicateCode(kind, input.code);
    throw error;
  }
}

export async function deleteUnit(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = notFoundUnless(await repo.lockUnitRow(tx, id, visibleUnitsCondition(principal)));
    await assertWritable(tx, principal, id);
    assertVersion(before.version, expected());
    const refs = await repo.referencesTo(tx, id);
    const reasons = [
      refs.children ? `${refs.children} unit(s) lie in it` : '',
      refs.areas ? `it is a member of ${refs.areas} planning area(s)` : '',
      refs.roles ? `${refs.roles} role assignment(s) are bound to it` : '',
    ].filter(Boolean);
    if (reasons.length)
      throw new ConflictError(`The unit cannot be deleted: ${reasons.join('; ')}.`);
    const members =
      before.kind === 'planning_area' ? (await repo.membersOf(tx, [id])).get(id) : undefined;
    try {
      await repo.deleteUnit(tx, id);
    } catch (error) {
      // Records of later modules (plans, services…) refer to units with ON DELETE RESTRICT.
      if (pgErrorCode(error) === FOREIGN_KEY_VIOLATION)
        throw new ConflictError('The unit cannot be deleted: other records refer to it.');
      throw error;
    }
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: UNIT_ENTITY,
      entityId: id,
      before: auditSnapshot(before, members),
    });
  });
}
