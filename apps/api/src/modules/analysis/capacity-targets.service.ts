import { asc, eq, sql } from 'drizzle-orm';
import type {
  CapacityTarget,
  CapacityTargetList,
  CapacityTargetListQuery,
  CreateCapacityTargetBody,
  UpdateCapacityTargetBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { capacityTargets } from '../../db/schema/index.ts';
import { ConflictError, InvalidError, fieldError, type FieldError } from '../../lib/errors.ts';
import { assertVersion } from '../../lib/http.ts';
import { today } from '../../lib/validity.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { codelistsOn } from '../codelists/codelists.service.ts';
import { pgErrorCode } from '../territory/territory.service.ts';

/** Capacity targets set by region staff: plain CRUD with If-Match and audit rows. */

const t = capacityTargets;
const ENTITY = 'capacity_target';
type Row = typeof t.$inferSelect;
const UNIQUE_VIOLATION = '23505';

const toDto = (row: Row): CapacityTarget => ({
  id: row.id,
  typeCode: row.typeCode,
  formCode: row.formCode,
  unit: row.unit,
  perThousand: Number(row.perThousand),
  populationBase: row.populationBase,
  note: row.note,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

export async function listCapacityTargets(
  db: Db,
  principal: AuthPrincipal,
  query: CapacityTargetListQuery,
): Promise<CapacityTargetList> {
  assertMay(principal, 'analysis.read');
  const rows = await db
    .select()
    .from(t)
    .where(query.typeCode ? eq(t.typeCode, query.typeCode) : undefined)
    .orderBy(asc(t.typeCode), asc(t.formCode), asc(t.unit));
  return { items: rows.map(toDto), total: rows.length };
}

export async function getCapacityTarget(
  db: Db,
  principal: AuthPrincipal,
  id: string,
): Promise<CapacityTarget> {
  assertMay(principal, 'analysis.read');
  const [row] = await db.select().from(t).where(eq(t.id, id));
  return toDto(notFoundUnless(row));
}

/** At most 3 decimals: what numeric(10,3) keeps without rounding the client's figure. */
const hasAtMostThreeDecimals = (value: number) => /^\d+(\.\d{1,3})?$/.test(String(value));

/** 400 naming every code the codelists (valid today) do not know, and a too precise figure. */
async function validate(db: Db, input: Partial<CreateCapacityTargetBody>): Promise<void> {
  const errors: FieldError[] = [];
  const lists = await codelistsOn(
    db,
    ['service_type', 'form', 'capacity_unit', 'age_group'],
    today(),
  );
  const check = (
    pointer: string,
    code: string | undefined,
    list: 'service_type' | 'form' | 'capacity_unit',
    what: string,
  ) => {
    if (code !== undefined && code !== '' && !lists.get(list)!.has(code))
      errors.push(fieldError(pointer, `is not ${what} valid today`));
  };
  check('/typeCode', input.typeCode, 'service_type', 'a service type');
  check('/formCode', input.formCode, 'form', 'a form of provision');
  check('/unit', input.unit, 'capacity_unit', 'a capacity unit');
  const base = input.populationBase;
  if (base !== undefined && base !== 'total') {
    // Several age groups joined by '+' (e.g. '8+9', 65 and over): the sum of their populations.
    const groups = base.split('+');
    if (groups.some((g) => !lists.get('age_group')!.has(g)))
      errors.push(
        fieldError(
          '/populationBase',
          "is neither 'total' nor age group codes valid today joined by '+' (e.g. '8+9')",
        ),
      );
    else if (new Set(groups).size < groups.length)
      errors.push(fieldError('/populationBase', 'names an age group more than once'));
  }
  if (input.perThousand !== undefined && !hasAtMostThreeDecimals(input.perThousand))
    errors.push(fieldError('/perThousand', 'has more than 3 decimals'));
  if (errors.length)
    throw new InvalidError(
      errors.map((e) => `${e.pointer.slice(1)} ${e.detail}`).join('; '),
      errors,
    );
}

const duplicate = () =>
  new ConflictError(
    'There already is a target for this service type, form and unit.',
    ['/typeCode', '/formCode', '/unit'].map((pointer) =>
      fieldError(pointer, 'this type, form and unit already have a target'),
    ),
  );

export async function createCapacityTarget(
  db: Db,
  principal: AuthPrincipal,
  input: CreateCapacityTargetBody,
): Promise<CapacityTarget> {
  assertMay(principal, 'analysis.targets');
  await validate(db, input);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(t)
        .values({
          typeCode: input.typeCode,
          formCode: input.formCode ?? '',
          unit: input.unit,
          perThousand: String(input.perThousand),
          populationBase: input.populationBase ?? 'total',
          note: input.note ?? null,
        })
        .returning();
      const after = toDto(created!);
      await recordAudit(tx, principal, {
        action: 'create',
        entityType: ENTITY,
        entityId: after.id,
        after,
      });
      return after;
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) throw duplicate();
    throw error;
  }
}

export async function updateCapacityTarget(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: () => number,
  input: UpdateCapacityTargetBody,
): Promise<CapacityTarget> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(t).where(eq(t.id, id)).for('update');
    notFoundUnless(before);
    assertMay(principal, 'analysis.targets');
    assertVersion(before!.version, expected());
    await validate(tx, input);
    const [updated] = await tx
      .update(t)
      .set({
        ...(input.perThousand !== undefined ? { perThousand: String(input.perThousand) } : {}),
        ...(input.populationBase !== undefined ? { populationBase: input.populationBase } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        version: sql`${t.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(t.id, id))
      .returning();
    const after = toDto(updated!);
    await recordAudit(tx, principal, {
      action: 'update',
      entityType: ENTITY,
      entityId: id,
      before: toDto(before!),
      after,
    });
    return after;
  });
}

export async function deleteCapacityTarget(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: () => number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(t).where(eq(t.id, id)).for('update');
    notFoundUnless(before);
    assertMay(principal, 'analysis.targets');
    assertVersion(before!.version, expected());
    await tx.delete(t).where(eq(t.id, id));
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: ENTITY,
      entityId: id,
      before: toDto(before!),
    });
  });
}
