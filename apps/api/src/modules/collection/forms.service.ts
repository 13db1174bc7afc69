import { and, count, eq, sql } from 'drizzle-orm';
import type {
  CreateFormBody,
  Form,
  FormDefinition,
  FormListQuery,
  List,
  RespondentKind,
  UpdateFormBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { campaigns, formVersions, forms } from '../../db/schema/index.ts';
import { containsFolded } from '../../lib/czech-text.ts';
import { ConflictError } from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { deleteUnlessReferenced } from '../network/values.ts';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

export const ENTITY = {
  form: 'form',
  formVersion: 'form_version',
  campaign: 'campaign',
} as const;

export const EMPTY_DEFINITION: FormDefinition = { sections: [], rules: [] };

type VersionRef = Form['latestVersion'];

/** A json column of a raw subquery: parsed by one driver, text from the other. */
export const parseJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * The form's newest version, optionally only published ones, as JSON. The outer column by
 * name: Drizzle renders a column unqualified, which inside the subquery would be v.id.
 */
const versionRefSql = (publishedOnly: boolean) =>
  sql<VersionRef | null>`(select json_build_object('id', v.id, 'number', v.number, 'status', v.status)
    from form_versions v where v.form_id = forms.id${
      publishedOnly ? sql` and v.status = 'published'` : sql``
    } order by v.number desc limit 1)`.mapWith(parseJson<VersionRef | null>);

const formColumns = {
  row: forms,
  latestVersion: versionRefSql(false),
  publishedVersion: versionRefSql(true),
};

type FormRowWithVersions = {
  row: typeof forms.$inferSelect;
  latestVersion: VersionRef | null;
  publishedVersion: VersionRef | null;
};

function toFormDto({ row, latestVersion, publishedVersion }: FormRowWithVersions): Form {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    description: row.description,
    respondentKind: row.respondentKind as RespondentKind,
    // Every form is created with its first version and its last version cannot be deleted.
    latestVersion: latestVersion!,
    publishedVersion,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function findForm(db: Db, id: string): Promise<Form | undefined> {
  const [row] = await db.select(formColumns).from(forms).where(eq(forms.id, id));
  return row && toFormDto(row);
}

/** The form row locked for a write (404 when missing). */
export async function lockForm(tx: Db, id: string) {
  const [row] = await tx.select().from(forms).where(eq(forms.id, id)).for('update');
  return notFoundUnless(row);
}

const FORM_SORTS = { name: forms.name, code: forms.code, updatedAt: forms.updatedAt };

export async function listForms(
  db: Db,
  principal: AuthPrincipal,
  query: FormListQuery,
): Promise<List<Form>> {
  assertMay(principal, 'collection.manage');
  const where = and(
    query.respondentKind ? eq(forms.respondentKind, query.respondentKind) : undefined,
    query.q
      ? sql`(${containsFolded(forms.name, query.q)} or ${containsFolded(forms.code, query.q)})`
      : undefined,
  );
  const { limit, offset } = page(query);
  const [rows, [total]] = await Promise.all([
    db
      .select(formColumns)
      .from(forms)
      .where(where)
      .orderBy(...orderBy(query.sort, FORM_SORTS, 'name', forms.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(forms).where(where),
  ]);
  return { items: rows.map(toFormDto), total: total?.n ?? 0 };
}

export async function getForm(db: Db, principal: AuthPrincipal, id: string): Promise<Form> {
  assertMay(principal, 'collection.manage');
  return notFoundUnless(await findForm(db, id));
}

const duplicateCode = (code: string) =>
  new ConflictError(`A form with the code ${code} exists.`, [
    { in: 'body', pointer: '/code', detail: `${code} is taken` },
  ]);

/** A form and its first draft version (number 1). */
export async function createForm(
  db: Db,
  principal: AuthPrincipal,
  input: CreateFormBody,
): Promise<Form> {
  assertMay(principal, 'collection.manage');
  return db.transaction(async (tx) => {
    let id: string;
    try {
      const [row] = await tx
        .insert(forms)
        .values({
          code: input.code,
          name: input.name,
          nameEn: input.nameEn ?? null,
          description: input.description ?? null,
          respondentKind: input.respondentKind,
        })
        .returning({ id: forms.id });
      id = row!.id;
    } catch (error) {
      if (isUniqueViolation(error, 'forms_code_key')) throw duplicateCode(input.code);
      throw error;
    }
    const [version] = await tx
      .insert(formVersions)
      .values({ formId: id, number: 1, definition: input.definition ?? EMPTY_DEFINITION })
      .returning({ id: formVersions.id });
    const after = notFoundUnless(await findForm(tx, id));
    await recordAudit(tx, principal, [
      { action: 'create', entityType: ENTITY.form, entityId: id, after },
      {
        action: 'create',
        entityType: ENTITY.formVersion,
        entityId: version!.id,
        after: { formId: id, number: 1 },
      },
    ]);
    return after;
  });
}

export async function updateForm(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: UpdateFormBody,
): Promise<Form> {
  assertMay(principal, 'collection.manage');
  return db.transaction(async (tx) => {
    const row = await lockForm(tx, id);
    assertVersion(row.version, expected());
    const before = notFoundUnless(await findForm(tx, id));
    await tx
      .update(forms)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.nameEn !== undefined ? { nameEn: input.nameEn } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        version: sql`${forms.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(forms.id, id));
    const after = notFoundUnless(await findForm(tx, id));
    await recordAudit(tx, principal, {
      action: 'update',
      entityType: ENTITY.form,
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/** Deletes a form with its versions, unless a campaign uses it (409). */
export async function deleteForm(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<void> {
  assertMay(principal, 'collection.manage');
  await db.transaction(async (tx) => {
    const row = await lockForm(tx, id);
    assertVersion(row.version, expected());
    const before = notFoundUnless(await findForm(tx, id));
    const [used] = await tx.select({ n: count() }).from(campaigns).where(eq(campaigns.formId, id));
    await deleteUnlessReferenced(
      `The form ${row.code}`,
      [used?.n ? `${used.n} campaign(s) use it` : ''],
      async () => {
        await tx.delete(forms).where(eq(forms.id, id));
      },
    );
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: ENTITY.form,
      entityId: id,
      before,
    });
  });
}
