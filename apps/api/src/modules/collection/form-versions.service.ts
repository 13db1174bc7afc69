import { asc, eq, sql } from 'drizzle-orm';
import {
  CODELISTS,
  type FormDefinition,
  type FormVersion,
  type List,
  type RespondentKind,
} from '@socplan/contracts';
import { checkDefinition } from '@socplan/form-rules';
import type { Db } from '../../db/client.ts';
import { formVersions, forms } from '../../db/schema/index.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../lib/errors.ts';
import { assertVersion } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, may, notFoundUnless } from '../auth/authorization.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { deleteUnlessReferenced } from '../network/values.ts';
import { ENTITY, lockForm, type ExpectedVersion } from './forms.service.ts';

const v = formVersions;

const versionColumns = {
  row: v,
  formCode: forms.code,
  formName: forms.name,
  respondentKind: forms.respondentKind,
  campaignCount: sql<number>`(select count(*)::int from campaigns c where c.form_version_id = form_versions.id)`,
};

type VersionRow = typeof v.$inferSelect;

function toVersionDto(r: {
  row: VersionRow;
  formCode: string;
  formName: string;
  respondentKind: string;
  campaignCount: number;
}): FormVersion {
  const { row } = r;
  return {
    id: row.id,
    formId: row.formId,
    formCode: r.formCode,
    formName: r.formName,
    respondentKind: r.respondentKind as RespondentKind,
    number: row.number,
    status: row.status as FormVersion['status'],
    definition: row.definition,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedByName: row.publishedByName,
    campaignCount: Number(r.campaignCount),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const selectVersions = (db: Db) =>
  db.select(versionColumns).from(v).innerJoin(forms, eq(forms.id, v.formId));

async function findVersion(db: Db, id: string): Promise<FormVersion | undefined> {
  const [row] = await selectVersions(db).where(eq(v.id, id));
  return row && toVersionDto(row);
}

async function lockVersion(tx: Db, id: string): Promise<VersionRow> {
  const [row] = await tx.select().from(v).where(eq(v.id, id)).for('update');
  return notFoundUnless(row);
}

function assertDraft(row: VersionRow): void {
  if (row.status !== 'draft')
    throw new ConflictError('Published versions never change; create a new version.');
}

export async function listVersions(
  db: Db,
  principal: AuthPrincipal,
  formId: string,
): Promise<List<FormVersion>> {
  assertMay(principal, 'collection.manage');
  const rows = await selectVersions(db).where(eq(v.formId, formId)).orderBy(asc(v.number));
  if (rows.length === 0)
    notFoundUnless(await db.query.forms.findFirst({ where: eq(forms.id, formId) }));
  return { items: rows.map(toVersionDto), total: rows.length };
}

/**
 * A version. Who manages forms reads every version; other readers of collected data
 * (respondents, analysts) read published ones only: a draft is nobody's business yet.
 */
export async function getVersion(
  db: Db,
  principal: AuthPrincipal,
  id: string,
): Promise<FormVersion> {
  if (!may(principal, 'collection.manage') && !may(principal, 'collection.read'))
    throw new ForbiddenError();
  const found = notFoundUnless(await findVersion(db, id));
  if (found.status === 'draft' && !may(principal, 'collection.manage')) throw new NotFoundError();
  return found;
}

/** A new draft copying the newest version's definition (409 while a draft exists). */
export async function createVersion(
  db: Db,
  principal: AuthPrincipal,
  formId: string,
): Promise<FormVersion> {
  assertMay(principal, 'collection.manage');
  return db.transaction(async (tx) => {
    await lockForm(tx, formId);
    const [newest] = await tx
      .select()
      .from(v)
      .where(eq(v.formId, formId))
      .orderBy(sql`${v.number} desc`)
      .limit(1);
    if (newest?.status === 'draft')
      throw new ConflictError(
        `Version ${newest.number} of the form is still a draft; edit or publish it first.`,
      );
    let id: string;
    try {
      const [row] = await tx
        .insert(v)
        .values({
          formId,
          number: (newest?.number ?? 0) + 1,
          definition: newest?.definition ?? { sections: [], rules: [] },
        })
        .returning({ id: v.id });
      id = row!.id;
    } catch (error) {
      // A concurrent request made the draft first.
      if (isUniqueViolation(error, 'form_versions_one_draft_idx'))
        throw new ConflictError('The form already has a draft version.');
      throw error;
    }
    const after = notFoundUnless(await findVersion(tx, id));
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: ENTITY.formVersion,
      entityId: id,
      after: { formId, number: after.number, copiedFrom: newest?.id ?? null },
    });
    return after;
  });
}

/** Replaces a draft's definition (409 once published). */
export async function putVersion(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  definition: FormDefinition,
): Promise<FormVersion> {
  assertMay(principal, 'collection.manage');
  return db.transaction(async (tx) => {
    const row = await lockVersion(tx, id);
    assertVersion(row.version, expected());
    assertDraft(row);
    await tx
      .update(v)
      .set({ definition, version: sql`${v.version} + 1`, updatedAt: sql`now()` })
      .where(eq(v.id, id));
    const after = notFoundUnless(await findVersion(tx, id));
    await recordAudit(tx, principal, {
      action: 'update',
      entityType: ENTITY.formVersion,
      entityId: id,
      before: { definition: row.definition },
      after: { definition },
    });
    return after;
  });
}

/** Every problem of a definition as a 400 pointing into the request's `definition`. */
export function assertPublishable(definition: FormDefinition): void {
  const problems = checkDefinition(definition, { codelists: CODELISTS });
  if (problems.length === 0) return;
  throw new InvalidError(
    `The form cannot be published: ${problems.length} problem(s) in its definition.`,
    problems.map((p) => ({
      in: 'body' as const,
      pointer: p.pointer.startsWith('/definition') ? p.pointer : `/definition${p.pointer}`,
      detail: p.detail,
    })),
  );
}

/** Freezes a draft for good, once its definition passes every check of the rule engine. */
export async function publishVersion(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<FormVersion> {
  assertMay(principal, 'collection.manage');
  return db.transaction(async (tx) => {
    const row = await lockVersion(tx, id);
    assertVersion(row.version, expected());
    assertDraft(row);
    assertPublishable(row.definition);
    await tx
      .update(v)
      .set({
        status: 'published',
        publishedAt: sql`now()`,
        publishedBy: principal.id,
        publishedByName: principal.name,
        version: sql`${v.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(v.id, id));
    const after = notFoundUnless(await findVersion(tx, id));
    await recordAudit(tx, principal, {
      action: 'publish',
      entityType: ENTITY.formVersion,
      entityId: id,
      after: { formId: row.formId, number: row.number },
    });
    return after;
  });
}

/** Deletes a draft (a published version is history); a form keeps at least one version. */
export async function deleteVersion(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<void> {
  assertMay(principal, 'collection.manage');
  await db.transaction(async (tx) => {
    const row = await lockVersion(tx, id);
    assertVersion(row.version, expected());
    if (row.status !== 'draft')
      throw new ConflictError('Published versions are kept for good; only a draft can be deleted.');
    const [others] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(v)
      .where(sql`${v.formId} = ${row.formId} and ${v.id} <> ${id}`);
    await deleteUnlessReferenced(
      `Version ${row.number}`,
      [others?.n ? '' : 'it is the form’s only version (delete the form instead)'],
      async () => {
        await tx.delete(v).where(eq(v.id, id));
      },
    );
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: ENTITY.formVersion,
      entityId: id,
      before: { formId: row.formId, number: row.number, definition: row.definition },
    });
  });
}
