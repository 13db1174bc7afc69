import {
  CODELISTS,
  SERVICE_CATEGORIES,
  type Codelist,
  type CodelistItem,
  type CodelistQuery,
  type CodelistSummaryList,
  type CreateCodelistItemBody,
  type List,
  type UpdateCodelistItemBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { ConflictError, InvalidError, type FieldError } from '../../lib/errors.ts';
import { assertVersion } from '../../lib/http.ts';
import { isValidOn, today } from '../../lib/validity.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { auditSnapshot, toItemDto } from './codelists.dto.ts';
import * as repo from './codelists.repo.ts';

/** The entity type of codelist items in the audit trail. */
export const CODELIST_ITEM_ENTITY = 'codelist_item';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

// --- reads ---

export async function listCodelists(
  db: Db,
  principal: AuthPrincipal,
): Promise<CodelistSummaryList> {
  assertMay(principal, 'codelists.read');
  const counts = new Map((await repo.countValid(db, today())).map((r) => [r.codelist, r.n]));
  const items = CODELISTS.map((codelist) => ({ codelist, items: counts.get(codelist) ?? 0 }));
  return { items, total: items.length };
}

/** The items valid on `asOf` (default today), or with `all` every version. Never paged: codelists are short. */
export async function listItems(
  db: Db,
  principal: AuthPrincipal,
  codelist: Codelist,
  query: CodelistQuery,
): Promise<List<CodelistItem>> {
  assertMay(principal, 'codelists.read');
  const rows = await repo.listItemRows(
    db,
    codelist,
    query.all ? undefined : (query.asOf ?? today()),
  );
  return { items: rows.map(toItemDto), total: rows.length };
}

export async function getItem(
  db: Db,
  principal: AuthPrincipal,
  codelist: Codelist,
  id: string,
): Promise<CodelistItem> {
  assertMay(principal, 'codelists.read');
  return toItemDto(notFoundUnless(await repo.findItemRow(db, codelist, id)));
}

// --- lookups for other modules ---

/** A codelist item as validation and imports need it. */
export interface CodelistEntry {
  code: string;
  name: string;
  registryId: string | null;
  attributes: Record<string, unknown>;
  validFrom: string;
  validTo: string | null;
}

/** The items of the given codelists valid on `day`, by codelist then code (one query). */
export async function codelistsOn(
  db: Db,
  codelists: readonly Codelist[],
  day: string,
): Promise<Map<Codelist, Map<string, CodelistEntry>>> {
  const result = new Map<Codelist, Map<string, CodelistEntry>>(
    codelists.map((name) => [name, new Map()]),
  );
  for (const row of await repo.validItemRows(db, codelists, day))
    result.get(row.codelist as Codelist)?.set(row.code, entryOf(row));
  return result;
}

const entryOf = (row: repo.ItemRow): CodelistEntry => ({
  code: row.code,
  name: row.name,
  registryId: row.registryId,
  attributes: (row.attributes ?? {}) as Record<string, unknown>,
  validFrom: row.validFrom,
  validTo: row.validTo,
});

/** Every version of every codelist in memory, for an import that maps thousands of registry ids. */
export interface CodelistLookup {
  /**
   * The code of the item with this registry id (e.g. `service_type`, `DruhSocialniSluzby/13` →
   * `49`): the version valid on `asOf` (default: the lookup's day), else the latest version
   * with that id; undefined when the codelist does not know the id.
   */
  code(codelist: Codelist, registryId: string, asOf?: string): string | undefined;
  /** The version of a code valid on `asOf` (default: the lookup's day). */
  item(codelist: Codelist, code: string, asOf?: string): CodelistEntry | undefined;
}

/** Loads every codelist once (a few hundred rows) for lookups by registry id or code. */
export async function loadCodelistLookup(db: Db, asOf: string = today()): Promise<CodelistLookup> {
  const byRegistryId = new Map<string, CodelistEntry[]>();
  const byCode = new Map<string, CodelistEntry[]>();
  const push = (map: Map<string, CodelistEntry[]>, key: string, entry: CodelistEntry) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const row of await repo.allItemRows(db)) {
    const entry = entryOf(row);
    if (row.registryId) push(byRegistryId, `${row.codelist}\u0000${row.registryId}`, entry);
    push(byCode, `${row.codelist}\u0000${row.code}`, entry);
  }
  // Versions come oldest first: the fallback is the last one.
  const pick = (versions: CodelistEntry[] | undefined, day: string) =>
    versions?.find((v) => isValidOn(v, day)) ?? versions?.at(-1);
  return {
    code: (codelist, registryId, day = asOf) =>
      pick(byRegistryId.get(`${codelist}\u0000${registryId}`), day)?.code,
    item: (codelist, code, day = asOf) =>
      byCode.get(`${codelist}\u0000${code}`)?.find((v) => isValidOn(v, day)),
  };
}

/** One registry id to a code (see CodelistLookup.code); null when unknown. */
export async function resolveRegistryId(
  db: Db,
  codelist: Codelist,
  registryId: string,
  asOf: string = today(),
): Promise<string | null> {
  return (await loadCodelistLookup(db, asOf)).code(codelist, registryId) ?? null;
}

// --- writes (region administrators) ---

const body = (pointer: string, detail: string): FieldError => ({ in: 'body', pointer, detail });

function invalid(errors: FieldError[]): never {
  throw new InvalidError(errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), errors);
}

/** What only some codelists require of `attributes` (a service type: §, category, forms). */
async function attributeErrors(
  tx: Db,
  codelist: Codelist,
  attributes: Record<string, unknown>,
  day: string,
): Promise<FieldError[]> {
  if (codelist !== 'service_type') return [];
  const errors: FieldError[] = [];
  const { paragraph, category, forms, ...rest } = attributes;
  if (typeof paragraph !== 'string' || !/^\d+[a-z]?$/.test(paragraph))
    errors.push(body('/attributes/paragraph', 'is required: the § of the Act, e.g. "49" or "60a"'));
  if (!SERVICE_CATEGORIES.includes(category as never))
    errors.push(body('/attributes/category', `must be one of ${SERVICE_CATEGORIES.join(', ')}`));
  if (!Array.isArray(forms) || forms.length === 0) {
    errors.push(body('/attributes/forms', 'must list at least one form code'));
  } else {
    const known = (await codelistsOn(tx, ['form'], day)).get('form')!;
    forms.forEach((f, i) => {
      if (typeof f !== 'string' || !known.has(f))
        errors.push(body(`/attributes/forms/${i}`, 'is not a code of the form codelist'));
    });
  }
  for (const key of Object.keys(rest))
    errors.push(body(`/attributes/${key}`, 'is not a known attribute of a service type'));
  return errors;
}

async function assertRegistryIdFree(tx: Db, codelist: Codelist, registryId: string, code: string) {
  if (await repo.registryIdTaken(tx, codelist, registryId, code))
    throw new ConflictError(
      `Another item of ${codelist} already has the registry id ${registryId}.`,
      [body('/registryId', 'is already used by another item')],
    );
}

/**
 * A new item, or a new version of an existing code: its `validFrom` must come after every
 * existing version's, and the version open then is ended on that day. Fields not given are
 * taken over from the previous version.
 */
export async function createItem(
  db: Db,
  principal: AuthPrincipal,
  codelist: Codelist,
  input: CreateCodelistItemBody,
): Promise<CodelistItem> {
  assertMay(principal, 'codelists.write');
  try {
    return await insertVersion(db, principal, codelist, input);
  } catch (error) {
    // Two versions of a new code created at the same moment: the unique key refuses one.
    if (isUniqueViolation(error, 'codelist_items_codelist_code_from_key'))
      throw new ConflictError(`Item ${input.code} already has a version from that day.`, [
        body('/validFrom', 'another version of this code starts the same day'),
      ]);
    throw error;
  }
}

function insertVersion(
  db: Db,
  principal: AuthPrincipal,
  codelist: Codelist,
  input: CreateCodelistItemBody,
): Promise<CodelistItem> {
  return db.transaction(async (tx) => {
    const versions = await repo.lockVersions(tx, codelist, input.code);
    const previous = versions.at(-1);
    const validFrom = input.validFrom ?? today();
    if (previous && previous.validFrom >= validFrom)
      throw new ConflictError(
        `Item ${input.code} already has a version from ${previous.validFrom}; a new version must start later.`,
        [body('/validFrom', `must be after ${previous.validFrom}`)],
      );
    const values: repo.NewItemRow = {
      codelist,
      code: input.code,
      name: input.name,
      nameEn: input.nameEn !== undefined ? input.nameEn : (previous?.nameEn ?? null),
      registryId:
        input.registryId !== undefined ? input.registryId : (previous?.registryId ?? null),
      attributes: input.attributes ?? (previous?.attributes as Record<string, unknown>) ?? {},
      sortOrder: input.sortOrder ?? previous?.sortOrder ?? 0,
      validFrom,
      validTo: input.validTo ?? null,
    };
    const errors = await attributeErrors(
      tx,
      codelist,
      values.attributes as Record<string, unknown>,
      validFrom,
    );
    if (values.validTo && values.validTo <= validFrom)
      errors.push(body('/validTo', 'must be after validFrom'));
    if (errors.length) invalid(errors);
    if (values.registryId) await assertRegistryIdFree(tx, codelist, values.registryId, input.code);

    if (previous && (previous.validTo === null || previous.validTo > validFrom)) {
      const ended = await repo.updateItem(tx, previous.id, { validTo: validFrom });
      await recordAudit(tx, principal, {
        action: 'update',
        entityType: CODELIST_ITEM_ENTITY,
        entityId: previous.id,
        before: auditSnapshot(previous),
        after: auditSnapshot(ended),
      });
    }
    const row = await repo.insertItem(tx, values);
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: CODELIST_ITEM_ENTITY,
      entityId: row.id,
      after: auditSnapshot(row),
    });
    return toItemDto(row);
  });
}

/** Corrects a version; `validTo` ends it (it may not run into the next version). */
export async function updateItem(
  db: Db,
  principal: AuthPrincipal,
  codelist: Codelist,
  id: string,
  expected: ExpectedVersion,
  input: UpdateCodelistItemBody,
): Promise<CodelistItem> {
  return db.transaction(async (tx) => {
    const before = notFoundUnless(await repo.findItemRow(tx, codelist, id, true));
    assertMay(principal, 'codelists.write');
    assertVersion(before.version, expected());

    const values: Partial<repo.NewItemRow> = {};
    if (input.name !== undefined) values.name = input.name;
    if (input.nameEn !== undefined) values.nameEn = input.nameEn;
    if (input.registryId !== undefined) values.registryId = input.registryId;
    if (input.sortOrder !== undefined) values.sortOrder = input.sortOrder;
    if (input.attributes !== undefined) values.attributes = input.attributes;
    if (input.validTo !== undefined) values.validTo = input.validTo;

    const errors =
      input.attributes !== undefined
        ? await attributeErrors(tx, codelist, input.attributes, before.validFrom)
        : [];
    if (input.validTo !== undefined) {
      const next = (await repo.lockVersions(tx, codelist, before.code)).find(
        (v) => v.validFrom > before.validFrom,
      );
      if (input.validTo !== null && input.validTo <= before.validFrom)
        errors.push(body('/validTo', `must be after validFrom (${before.validFrom})`));
      else if (next && (input.validTo === null || input.validTo > next.validFrom))
        errors.push(
          body('/validTo', `must be ${next.validFrom} or earlier: the next version starts then`),
        );
    }
    if (errors.length) invalid(errors);
    if (input.registryId) await assertRegistryIdFree(tx, codelist, input.registryId, before.code);

    const after = await repo.updateItem(tx, id, values);
    await recordAudit(tx, principal, {
      action: 'update',
      entityType: CODELIST_ITEM_ENTITY,
      entityId: id,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
    return toItemDto(after);
  });
}
