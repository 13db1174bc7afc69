import { sql } from 'drizzle-orm';
import type {
  CreateNetworkDecisionBody,
  CreateNetworkPeriodBody,
  List,
  NetworkDecision,
  NetworkPeriod,
  NetworkPeriodListQuery,
  UpdateNetworkPeriodBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { networkDecisions, networkPeriods } from '../../db/schema/index.ts';
import { ConflictError, InvalidError, NotFoundError, type FieldError } from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { czechSortKey } from '../../lib/czech-text.ts';
import { ENTITY, toDecisionDto, toPeriodDto } from './basic-network.dto.ts';
import * as repo from './basic-network.repo.ts';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

const p = networkPeriods;
const SORTABLE = { yearFrom: p.yearFrom, name: czechSortKey(p.name) };

export async function listPeriods(
  db: Db,
  principal: AuthPrincipal,
  query: NetworkPeriodListQuery,
): Promise<List<NetworkPeriod>> {
  assertMay(principal, 'basicNetwork.read');
  const where =
    query.year !== undefined
      ? sql`${p.yearFrom} <= ${query.year} and ${p.yearTo} >= ${query.year}`
      : undefined;
  const { limit, offset } = page(query);
  const { rows, total } = await repo.listPeriodRows(
    db,
    where,
    orderBy(query.sort, SORTABLE, '-yearFrom', p.id),
    limit,
    offset,
  );
  return { items: rows.map(toPeriodDto), total };
}

export async function getPeriod(db: Db, principal: AuthPrincipal, id: string) {
  assertMay(principal, 'basicNetwork.read');
  return toPeriodDto(notFoundUnless(await repo.findPeriodRow(db, id)));
}

/** 400 when the years run backwards; 409 when they overlap another period. */
async function checkYears(tx: Db, from: number, to: number, exceptId?: string): Promise<void> {
  if (to < from)
    throw new InvalidError('The period ends before it starts.', [
      { in: 'body', pointer: '/yearTo', detail: `must be ${from} or later` },
    ]);
  const [other] = await repo.overlappingPeriods(tx, from, to, exceptId);
  if (other) {
    const errors: FieldError[] = [
      { in: 'body', pointer: '/yearFrom', detail: `overlaps ${other.name}` },
      { in: 'body', pointer: '/yearTo', detail: `overlaps ${other.name}` },
    ];
    throw new ConflictError(
      `The years ${from}–${to} overlap the period "${other.name}" (${other.yearFrom}–${other.yearTo}); a service can be in the network of one period per year.`,
      errors,
    );
  }
}

export async function createPeriod(
  db: Db,
  principal: AuthPrincipal,
  input: CreateNetworkPeriodBody,
): Promise<NetworkPeriod> {
  assertMay(principal, 'basicNetwork.manage');
  return db.transaction(async (tx) => {
    await repo.lockPeriods(tx);
    await checkYears(tx, input.yearFrom, input.yearTo);
    const [row] = await tx
      .insert(p)
      .values({ name: input.name.trim(), yearFrom: input.yearFrom, yearTo: input.yearTo })
      .returning({ id: p.id });
    const after = toPeriodDto(notFoundUnless(await repo.findPeriodRow(tx, row!.id)));
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: ENTITY.period,
      entityId: after.id,
      after,
    });
    return after;
  });
}

export async function updatePeriod(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: UpdateNetworkPeriodBody,
): Promise<NetworkPeriod> {
  return db.transaction(async (tx) => {
    await repo.lockPeriods(tx);
    const before = notFoundUnless(await repo.findPeriodRow(tx, id, true));
    assertMay(principal, 'basicNetwork.manage');
    assertVersion(before.version, expected());
    const yearFrom = input.yearFrom ?? before.yearFrom;
    const yearTo = input.yearTo ?? before.yearTo;
    if (input.yearFrom !== undefined || input.yearTo !== undefined)
      await checkYears(tx, yearFrom, yearTo, id);
    await tx
      .update(p)
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        yearFrom,
        yearTo,
        version: sql`${p.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(sql`${p.id} = ${id}`);
    const after = toPeriodDto(notFoundUnless(await repo.findPeriodRow(tx, id)));
    await recordAudit(tx, principal, {
      action: 'update',
      entityType: ENTITY.period,
      entityId: id,
      before: toPeriodDto(before),
      after,
    });
    return after;
  });
}

export async function deletePeriod(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = notFoundUnless(await repo.findPeriodRow(tx, id, true));
    assertMay(principal, 'basicNetwork.manage');
    assertVersion(before.version, expected());
    if (before.entryCount > 0)
      throw new ConflictError(
        `The period cannot be deleted: it has ${before.entryCount} network entr${before.entryCount === 1 ? 'y' : 'ies'}.`,
      );
    await tx.delete(p).where(sql`${p.id} = ${id}`);
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: ENTITY.period,
      entityId: id,
      before: toPeriodDto(before),
    });
  });
}

// --- decisions: immutable records of resolutions, added to a period ---

export async function listDecisions(
  db: Db,
  principal: AuthPrincipal,
  periodId: string,
): Promise<List<NetworkDecision>> {
  assertMay(principal, 'basicNetwork.read');
  notFoundUnless(await repo.findPeriodRow(db, periodId));
  const rows = await repo.listDecisionRows(db, periodId);
  return { items: rows.map(toDecisionDto), total: rows.length };
}

export async function getDecision(
  db: Db,
  principal: AuthPrincipal,
  periodId: string,
  decisionId: string,
): Promise<NetworkDecision> {
  assertMay(principal, 'basicNetwork.read');
  const row = await repo.findDecisionRow(db, decisionId);
  if (!row || row.periodId !== periodId) throw new NotFoundError();
  return toDecisionDto(row);
}

export async function createDecision(
  db: Db,
  who: AuthPrincipal,
  periodId: string,
  input: CreateNetworkDecisionBody,
): Promise<NetworkDecision> {
  return db.transaction(async (tx) => {
    notFoundUnless(await repo.findPeriodRow(tx, periodId));
    assertMay(who, 'basicNetwork.manage');
    const [row] = await tx
      .insert(networkDecisions)
      .values({
        periodId,
        resolutionNumber: input.resolutionNumber.trim(),
        decidedOn: input.decidedOn,
        body: input.body ?? null,
        note: input.note ?? null,
      })
      .returning({ id: networkDecisions.id });
    const after = toDecisionDto(notFoundUnless(await repo.findDecisionRow(tx, row!.id)));
    await recordAudit(tx, who, {
      action: 'create',
      entityType: ENTITY.decision,
      entityId: after.id,
      after,
    });
    return after;
  });
}
