import { and, eq, sql } from 'drizzle-orm';
import type {
  CreateReferenceValueBody,
  List,
  ReferenceValue,
  ReferenceValueListQuery,
  UpdateReferenceValueBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { referenceValues } from '../../db/schema/index.ts';
import { ConflictError, type FieldError } from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { pgErrorCode } from '../territory/territory.service.ts';
import { invalid, percentBp } from './financing.params.ts';
import { formatMoney, formatPercent, parseMoney } from './money.ts';
import {
  deleteParameter,
  findParameterRow,
  getParameter,
  listParameters,
  type ExpectedVersion,
} from './parameter-rows.ts';

const r = referenceValues;
const ENTITY = 'reference_value';
type Row = typeof r.$inferSelect;

export const toReferenceValueDto = (row: Row): ReferenceValue => ({
  id: row.id,
  year: row.year,
  typeCode: row.typeCode,
  formCode: row.formCode,
  unitBasis: row.unitBasis as ReferenceValue['unitBasis'],
  costPerUnit: formatMoney(row.costPerUnitHaler),
  ownRevenueShare: formatPercent(row.ownRevenueShareBp),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

const SORTABLE = { typeCode: r.typeCode, year: r.year, formCode: r.formCode };

export const listReferenceValues = (
  db: Db,
  principal: AuthPrincipal,
  query: ReferenceValueListQuery,
): Promise<List<ReferenceValue>> =>
  listParameters(db, principal, r, toReferenceValueDto, {
    where: and(
      query.year !== undefined ? eq(r.year, query.year) : undefined,
      query.typeCode ? eq(r.typeCode, query.typeCode) : undefined,
      query.formCode ? eq(r.formCode, query.formCode) : undefined,
    ),
    // The chosen column first, then type, form and year for a stable, readable order.
    order: [
      ...orderBy(query.sort, SORTABLE, 'typeCode', r.id).slice(0, 1),
      r.typeCode,
      r.formCode,
      r.year,
      r.id,
    ],
    ...page(query),
  });

export const getReferenceValue = (db: Db, principal: AuthPrincipal, id: string) =>
  getParameter(db, principal, r, toReferenceValueDto, id);

/** Column values of the fields given; 400 naming a share above 100 %. */
function values(input: UpdateReferenceValueBody): Partial<typeof r.$inferInsert> {
  const errors: FieldError[] = [];
  const out: Partial<typeof r.$inferInsert> = {};
  if (input.year !== undefined) out.year = input.year;
  if (input.typeCode !== undefined) out.typeCode = input.typeCode;
  if (input.formCode !== undefined) out.formCode = input.formCode;
  if (input.unitBasis !== undefined) out.unitBasis = input.unitBasis;
  if (input.costPerUnit !== undefined) out.costPerUnitHaler = parseMoney(input.costPerUnit)!;
  if (input.ownRevenueShare !== undefined)
    out.ownRevenueShareBp = percentBp(input.ownRevenueShare, '/ownRevenueShare', errors);
  if (errors.length) throw invalid(errors);
  return out;
}

const UNIQUE_VIOLATION = '23505';
const duplicate = (year: number, typeCode: string, formCode: string) =>
  new ConflictError(
    `There already is a reference value for service type ${typeCode}, form ${formCode} in ${year}.`,
    ['/year', '/typeCode', '/formCode'].map((pointer) => ({
      in: 'body' as const,
      pointer,
      detail: 'this year, type and form already have a reference value',
    })),
  );

export async function createReferenceValue(
  db: Db,
  principal: AuthPrincipal,
  input: CreateReferenceValueBody,
): Promise<ReferenceValue> {
  assertMay(principal, 'financing.write');
  const row = values(input) as typeof r.$inferInsert;
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx.insert(r).values(row).returning();
      const after = toReferenceValueDto(created!);
      await recordAudit(tx, principal, {
        action: 'create',
        entityType: ENTITY,
        entityId: after.id,
        after,
      });
      return after;
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION)
      throw duplicate(input.year, input.typeCode, input.formCode);
    throw error;
  }
}

export async function updateReferenceValue(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: UpdateReferenceValueBody,
): Promise<ReferenceValue> {
  let key: [number, string, string] | undefined;
  try {
    return await db.transaction(async (tx) => {
      const before = notFoundUnless(await findParameterRow(tx, r, id, true));
      assertMay(principal, 'financing.write');
      assertVersion(before.version, expected());
      const set = values(input);
      key = [
        set.year ?? before.year,
        set.typeCode ?? before.typeCode,
        set.formCode ?? before.formCode,
      ];
      const [updated] = await tx
        .update(r)
        .set({ ...set, version: sql`${r.version} + 1`, updatedAt: sql`now()` })
        .where(eq(r.id, id))
        .returning();
      const after = toReferenceValueDto(updated!);
      await recordAudit(tx, principal, {
        action: 'update',
        entityType: ENTITY,
        entityId: id,
        before: toReferenceValueDto(before),
        after,
      });
      return after;
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && key) throw duplicate(...key);
    throw error;
  }
}

export const deleteReferenceValue = (
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<void> => deleteParameter(db, principal, r, toReferenceValueDto, ENTITY, id, expected);
