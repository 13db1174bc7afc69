import { and, asc, count, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import {
  EVALUATION_AREAS,
  EVALUATION_MAX_SCORE,
  type CreateEvaluationBody,
  type Evaluation,
  type EvaluationArea,
  type EvaluationListQuery,
  type EvaluationSeries,
  type List,
  type UpdateEvaluationBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import {
  processEvaluations,
  territorialUnits,
  type AreaScore,
  type CheckAnswer,
} from '../../db/schema/index.ts';
import { czechSortKey } from '../../lib/czech-text.ts';
import { InvalidError, type FieldError } from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless, unitScopeCondition } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

const ENTITY = 'process_evaluation';
/** Territories whose planning process is evaluated (not the region itself). */
const EVALUATED_KINDS = ['orp', 'planning_area', 'municipality'];

const e = processEvaluations;
const u = territorialUnits;

const columns = {
  evaluation: e,
  territory: { id: u.id, kind: u.kind, code: u.code, name: u.name },
};
type EvaluationRow = { evaluation: typeof e.$inferSelect; territory: Evaluation['territory'] };

/** What an evaluation sums to: the area scores and the share of checks answered yes. */
function summary(areas: readonly AreaScore[], checks: readonly CheckAnswer[]) {
  return {
    total: areas.reduce((sum, a) => sum + a.score, 0),
    maxTotal: areas.length * EVALUATION_MAX_SCORE,
    yesShare:
      checks.length === 0
        ? null
        : Math.round((checks.filter((c) => c.value).length / checks.length) * 10_000) / 10_000,
  };
}

function toDto({ evaluation: r, territory }: EvaluationRow): Evaluation {
  const { total, yesShare } = summary(r.areas, r.checks);
  return {
    id: r.id,
    territory,
    evaluatedOn: r.evaluatedOn,
    areas: r.areas as Evaluation['areas'],
    checks: r.checks as Evaluation['checks'],
    note: r.note,
    evaluatorName: r.evaluatorName,
    total,
    yesShare,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

const readScope = (principal: AuthPrincipal): SQL | undefined =>
  unitScopeCondition(principal, 'evaluations.read', e.territoryUnitId);

async function findRow(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  lock = false,
): Promise<EvaluationRow> {
  const query = db
    .select(columns)
    .from(e)
    .innerJoin(u, eq(u.id, e.territoryUnitId))
    .where(and(eq(e.id, id), readScope(principal)));
  const [row] = await (lock ? query.for('update', { of: e }) : query);
  return notFoundUnless(row);
}

const SORTABLE = { evaluatedOn: e.evaluatedOn, territory: czechSortKey(u.name) };

export async function listEvaluations(
  db: Db,
  principal: AuthPrincipal,
  query: EvaluationListQuery,
): Promise<List<Evaluation>> {
  assertMay(principal, 'evaluations.read');
  const where = and(
    readScope(principal),
    query.territoryId ? eq(e.territoryUnitId, query.territoryId) : undefined,
    query.from ? gte(e.evaluatedOn, query.from) : undefined,
    query.to ? lte(e.evaluatedOn, query.to) : undefined,
  );
  const { limit, offset } = page(query);
  const [rows, [total]] = await Promise.all([
    db
      .select(columns)
      .from(e)
      .innerJoin(u, eq(u.id, e.territoryUnitId))
      .where(where)
      .orderBy(...orderBy(query.sort, SORTABLE, '-evaluatedOn', e.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(e).where(where),
  ]);
  return { items: rows.map(toDto), total: total?.n ?? 0 };
}

export async function getEvaluation(
  db: Db,
  principal: AuthPrincipal,
  id: string,
): Promise<Evaluation> {
  assertMay(principal, 'evaluations.read');
  return toDto(await findRow(db, principal, id));
}

/** Areas and checks each at most once; the territory one whose planning process is evaluated. */
async function validated(tx: Db, input: CreateEvaluationBody) {
  const errors: FieldError[] = [];
  const [unit] = await tx.select({ kind: u.kind }).from(u).where(eq(u.id, input.territoryUnitId));
  if (!unit || !EVALUATED_KINDS.includes(unit.kind))
    errors.push({
      in: 'body',
      pointer: '/territoryUnitId',
      detail: 'must be an ORP, planning area or municipality',
    });
  const once = <T>(items: T[], key: (item: T) => string, field: string, name: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(key(item)))
        errors.push({ in: 'body', pointer: `/${field}/${i}/${name}`, detail: 'is given twice' });
      seen.add(key(item));
    });
  };
  once(input.areas, (a) => a.area, 'areas', 'area');
  once(input.checks, (c) => c.check, 'checks', 'check');
  if (errors.length) throw new InvalidError('The evaluation is not valid.', errors);
  return {
    territoryUnitId: input.territoryUnitId,
    evaluatedOn: input.evaluatedOn,
    // Areas in the order of the criteria, so every evaluation reads the same way.
    areas: [...input.areas]
      .sort(
        (a, b) =>
          EVALUATION_AREAS.indexOf(a.area as EvaluationArea) -
          EVALUATION_AREAS.indexOf(b.area as EvaluationArea),
      )
      .map((a) => ({ area: a.area, score: a.score, comment: a.comment?.trim() || null })),
    checks: input.checks.map((c) => ({
      check: c.check,
      value: c.value,
      comment: c.comment?.trim() || null,
    })),
    note: input.note?.trim() || null,
    evaluatorName: input.evaluatorName?.trim() || null,
  };
}

export async function createEvaluation(
  db: Db,
  principal: AuthPrincipal,
  input: CreateEvaluationBody,
): Promise<Evaluation> {
  assertMay(principal, 'evaluations.write');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(e)
      .values({ ...(await validated(tx, input)), createdBy: principal.id })
      .returning({ id: e.id });
    const after = toDto(await findRow(tx, principal, row!.id));
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: ENTITY,
      entityId: after.id,
      after,
    });
    return after;
  });
}

export async function updateEvaluation(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: UpdateEvaluationBody,
): Promise<Evaluation> {
  return db.transaction(async (tx) => {
    const current = await findRow(tx, principal, id, true);
    assertMay(principal, 'evaluations.write');
    assertVersion(current.evaluation.version, expected());
    const before = toDto(current);
    const merged: CreateEvaluationBody = {
      territoryUnitId: input.territoryUnitId ?? before.territory.id,
      evaluatedOn: input.evaluatedOn ?? before.evaluatedOn,
      areas: input.areas ?? before.areas,
      checks: input.checks ?? before.checks,
      note: input.note === undefined ? before.note : input.note,
      evaluatorName: input.evaluatorName === undefined ? before.evaluatorName : input.evaluatorName,
    };
    await tx
      .update(e)
      .set({
        ...(await validated(tx, merged)),
        version: sql`${e.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(e.id, id));
    const after = toDto(await findRow(tx, principal, id));
    await recordAudit(tx, principal, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteEvaluation(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await findRow(tx, principal, id, true);
    assertMay(principal, 'evaluations.write');
    assertVersion(current.evaluation.version, expected());
    await tx.delete(e).where(eq(e.id, id));
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: ENTITY,
      entityId: id,
      before: toDto(current),
    });
  });
}

/** A territory's evaluations oldest first, one point each: area scores, total, share of yes. */
export async function evaluationSeries(
  db: Db,
  principal: AuthPrincipal,
  territoryId: string,
): Promise<EvaluationSeries> {
  assertMay(principal, 'evaluations.read');
  const [territory] = await db
    .select(columns.territory)
    .from(u)
    .where(and(eq(u.id, territoryId), unitScopeCondition(principal, 'evaluations.read', u.id)));
  const rows = await db
    .select()
    .from(e)
    .where(eq(e.territoryUnitId, notFoundUnless(territory).id))
    .orderBy(asc(e.evaluatedOn), asc(e.createdAt), asc(e.id));
  return {
    territory: territory!,
    points: rows.map((r) => {
      const scores = Object.fromEntries(EVALUATION_AREAS.map((a) => [a, null])) as Record<
        EvaluationArea,
        number | null
      >;
      for (const a of r.areas) scores[a.area as EvaluationArea] = a.score;
      return {
        evaluationId: r.id,
        evaluatedOn: r.evaluatedOn,
        scores,
        ...summary(r.areas, r.checks),
      };
    }),
  };
}
