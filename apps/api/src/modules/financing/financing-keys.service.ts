import { and, eq, gte, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type {
  CreateFinancingKeyBody,
  FinancingKey,
  FinancingKeyListQuery,
  List,
  UpdateFinancingKeyBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { financingKeys } from '../../db/schema/index.ts';
import { ConflictError, type FieldError } from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { invalid, keyShares } from './financing.params.ts';
import { formatPercent } from './money.ts';
import {
  deleteParameter,
  findParameterRow,
  getParameter,
  listParameters,
  type ExpectedVersion,
} from './parameter-rows.ts';

const k = financingKeys;
const ENTITY = 'financing_key';
type Row = typeof k.$inferSelect;

export const toFinancingKeyDto = (row: Row): FinancingKey => ({
  id: row.id,
  yearFrom: row.yearFrom,
  yearTo: row.yearTo,
  stateShare: formatPercent(row.stateShareBp),
  regionShare: formatPercent(row.regionShareBp),
  municipalShare: formatPercent(row.municipalShareBp),
  municipalSplit: 'population',
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

const covering = (year: number) =>
  and(lte(k.yearFrom, year), or(isNull(k.yearTo), gte(k.yearTo, year)));

export const listFinancingKeys = (
  db: Db,
  principal: AuthPrincipal,
  query: FinancingKeyListQuery,
): Promise<List<FinancingKey>> =>
  listParameters(db, principal, k, toFinancingKeyDto, {
    where: query.year !== undefined ? covering(query.year) : undefined,
    order: orderBy(query.sort, { yearFrom: k.yearFrom }, '-yearFrom', k.id),
    ...page(query),
  });

export const getFinancingKey = (db: Db, principal: AuthPrincipal, id: string) =>
  getParameter(db, principal, k, toFinancingKeyDto, id);

interface KeyFields {
  yearFrom: number;
  yearTo: number | null;
  stateShare: string;
  regionShare: string;
  municipalShare: string;
}

/**
 * Checks a whole key (after merging a PATCH into the stored one): shares 0–100 summing to 100
 * (400 naming every share), years in order (400), no other key in force in any of its years
 * (409). Runs under a table lock, so two writers cannot both add overlapping keys.
 */
async function checked(tx: Db, key: KeyFields, exceptId?: string) {
  const errors: FieldError[] = [];
  const shares = keyShares(key, '', errors);
  if (key.yearTo !== null && key.yearTo < key.yearFrom)
    errors.push({ in: 'body', pointer: '/yearTo', detail: `must be ${key.yearFrom} or later` });
  if (errors.length) throw invalid(errors);
  await tx.execute(sql`lock table ${k} in share row exclusive mode`);
  const [other] = await tx
    .select()
    .from(k)
    .where(
      and(
        key.yearTo === null ? undefined : lte(k.yearFrom, key.yearTo),
        or(isNull(k.yearTo), gte(k.yearTo, key.yearFrom)),
        exceptId ? ne(k.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (other)
    throw new ConflictError(
      `Another financing key is in force in ${other.yearFrom}–${other.yearTo ?? '…'}; one key per year.`,
      ['/yearFrom', '/yearTo'].map((pointer) => ({
        in: 'body' as const,
        pointer,
        detail: 'overlaps the years of another key',
      })),
    );
  return {
    yearFrom: key.yearFrom,
    yearTo: key.yearTo,
    stateShareBp: shares.stateBp,
    regionShareBp: shares.regionBp,
    municipalShareBp: shares.municipalBp,
    municipalSplit: 'population',
  };
}

export async function createFinancingKey(
  db: Db,
  principal: AuthPrincipal,
  input: CreateFinancingKeyBody,
): Promise<FinancingKey> {
  assertMay(principal, 'financing.write');
  return db.transaction(async (tx) => {
    const values = await checked(tx, { ...input, yearTo: input.yearTo ?? null });
    const [row] = await tx.insert(k).values(values).returning();
    const after = toFinancingKeyDto(row!);
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: ENTITY,
      entityId: after.id,
      after,
    });
    return after;
  });
}

export async function updateFinancingKey(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: UpdateFinancingKeyBody,
): Promise<FinancingKey> {
  return db.transaction(async (tx) => {
    const before = notFoundUnless(await findParameterRow(tx, k, id, true));
    assertMay(principal, 'financing.write');
    assertVersion(before.version, expected());
    const stored = toFinancingKeyDto(before);
    const values = await checked(
      tx,
      {
        yearFrom: input.yearFrom ?? stored.yearFrom,
        yearTo: input.yearTo !== undefined ? input.yearTo : stored.yearTo,
        stateShare: input.stateShare ?? stored.stateShare,
        regionShare: input.regionShare ?? stored.regionShare,
        municipalShare: input.municipalShare ?? stored.municipalShare,
      },
      id,
    );
    const [row] = await tx
      .update(k)
      .set({ ...values, version: sql`${k.version} + 1`, updatedAt: sql`now()` })
      .where(eq(k.id, id))
      .returning();
    const after = toFinancingKeyDto(row!);
    await recordAudit(tx, principal, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      before: stored,
      after,
    });
    return after;
  });
}

export const deleteFinancingKey = (
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<void> => deleteParameter(db, principal, k, toFinancingKeyDto, ENTITY, id, expected);
