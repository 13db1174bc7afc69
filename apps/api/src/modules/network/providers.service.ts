import { and, or } from 'drizzle-orm';
import type {
  CreateProviderBody,
  List,
  Provider,
  ProviderListQuery,
  UpdateProviderBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { providers } from '../../db/schema/index.ts';
import { containsFolded, czechSortKey, startsWith } from '../../lib/czech-text.ts';
import { ConflictError, InvalidError, type FieldError } from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { isValidIco } from '../../lib/ico.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import {
  assertNetworkWritable,
  assertRegionWideWriter,
  providerScopeCondition,
} from './network.scope.ts';
import * as repo from './providers.repo.ts';
import { deleteUnlessReferenced, givenFields, sameValue } from './values.ts';

const p = providers;

/** The entity type of providers in the audit trail. */
export const PROVIDER_ENTITY = 'provider';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

export function toProviderDto(row: repo.ProviderRow): Provider {
  return {
    id: row.id,
    ico: row.ico,
    icoValid: row.icoValid,
    name: row.name,
    legalForm: row.legalForm,
    address: row.address ?? null,
    email: row.email,
    phone: row.phone,
    web: row.web,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const auditSnapshot = (row: repo.ProviderRow) => {
  const { updatedAt: _u, ...rest } = toProviderDto(row);
  return rest;
};

const visible = (principal: AuthPrincipal) =>
  providerScopeCondition(principal, 'network.read', p.id);

// --- reads ---

const SORTABLE = { name: czechSortKey(p.name), ico: p.ico };

export async function listProviders(
  db: Db,
  principal: AuthPrincipal,
  query: ProviderListQuery,
): Promise<List<Provider>> {
  assertMay(principal, 'network.read');
  const q = query.q?.trim();
  const { rows, total } = await repo.listProviderRows(db, {
    where: and(
      visible(principal),
      q ? or(containsFolded(p.name, q), startsWith(p.ico, q)) : undefined,
    ),
    orderBy: orderBy(query.sort, SORTABLE, 'name', p.id),
    ...page(query),
  });
  return { items: rows.map(toProviderDto), total };
}

export async function getProvider(db: Db, principal: AuthPrincipal, id: string): Promise<Provider> {
  assertMay(principal, 'network.read');
  return toProviderDto(notFoundUnless(await repo.findProviderRow(db, id, visible(principal))));
}

// --- writes ---

const icoError = (detail: string): FieldError => ({ in: 'body', pointer: '/ico', detail });

/** 400 unless the IČO has 8 digits and (when `strict`) a right check digit; returns validity. */
function checkIco(ico: string, strict: boolean): boolean {
  if (!/^\d{8}$/.test(ico))
    throw new InvalidError(`IČO ${ico} is not 8 digits.`, [icoError('must be 8 digits')]);
  const valid = isValidIco(ico);
  if (!valid && strict)
    throw new InvalidError(`IČO ${ico} has a wrong check digit.`, [
      icoError('has a wrong check digit (mod 11)'),
    ]);
  return valid;
}

const duplicateIco = (ico: string) =>
  new ConflictError(`A provider with IČO ${ico} already exists.`, [
    icoError('is already used by another provider'),
  ]);

/** Column values of the fields given (undefined = leave as is). */
function valuesOf(input: Partial<CreateProviderBody>): Partial<repo.NewProviderRow> {
  const values: Partial<repo.NewProviderRow> = givenFields(input, [
    'ico',
    'legalForm',
    'address',
    'email',
    'phone',
    'web',
  ]);
  if (input.name !== undefined) values.name = input.name.trim();
  return values;
}

/** Turns a unique violation of the IČO (a concurrent write slipping past the check) into a 409. */
async function guardIco<T>(ico: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (ico && isUniqueViolation(error, 'providers_ico_key')) throw duplicateIco(ico);
    throw error;
  }
}

export async function createProvider(
  db: Db,
  principal: AuthPrincipal,
  input: CreateProviderBody,
): Promise<Provider> {
  assertRegionWideWriter(principal);
  checkIco(input.ico, true);
  return guardIco(input.ico, () =>
    db.transaction(async (tx) => {
      if (await repo.icoTaken(tx, input.ico)) throw duplicateIco(input.ico);
      const row = await repo.insertProvider(tx, {
        ...valuesOf(input),
        ico: input.ico,
        name: input.name.trim(),
        icoValid: true,
      });
      await recordAudit(tx, principal, {
        action: 'create',
        entityType: PROVIDER_ENTITY,
        entityId: row.id,
        after: auditSnapshot(row),
      });
      return toProviderDto(row);
    }),
  );
}

export async function updateProvider(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: UpdateProviderBody,
): Promise<Provider> {
  return guardIco(input.ico, () =>
    db.transaction(async (tx) => {
      const before = notFoundUnless(await repo.findProviderRow(tx, id, visible(principal), true));
      assertNetworkWritable(principal, id);
      assertVersion(before.version, expected());
      const values = valuesOf(input);
      if (input.ico !== undefined && input.ico !== before.ico) {
        values.icoValid = checkIco(input.ico, true);
        if (await repo.icoTaken(tx, input.ico, id)) throw duplicateIco(input.ico);
      }
      const after = await repo.updateProvider(tx, id, values);
      await recordAudit(tx, principal, {
        action: 'update',
        entityType: PROVIDER_ENTITY,
        entityId: id,
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      });
      return toProviderDto(after);
    }),
  );
}

export async function deleteProvider(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = notFoundUnless(await repo.findProviderRow(tx, id, visible(principal), true));
    assertRegionWideWriter(principal);
    assertVersion(before.version, expected());
    const refs = await repo.referencesTo(tx, id);
    await deleteUnlessReferenced(
      'The provider',
      [
        refs.services ? `it has ${refs.services} service(s)` : '',
        refs.roles ? `${refs.roles} role assignment(s) are bound to it` : '',
      ],
      () => repo.deleteProvider(tx, id),
    );
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: PROVIDER_ENTITY,
      entityId: id,
      before: auditSnapshot(before),
    });
  });
}

/** What a registry import knows of a provider; fields left undefined are not touched. */
export type ProviderInput = CreateProviderBody;

export interface UpsertResult {
  provider: Provider;
  outcome: 'created' | 'updated' | 'unchanged';
}

/**
 * Creates or updates the provider with this IČO (the registry's key), for imports. Unlike the
 * API, a wrong check digit is kept and flagged (`icoValid: false`), as the registry has such
 * IČOs; only a value that is not 8 digits is refused (400). `principal` null is a trusted system
 * caller (the CLI); otherwise it must write the network region-wide.
 */
export async function upsertProvider(
  db: Db,
  principal: AuthPrincipal | null,
  input: ProviderInput,
): Promise<UpsertResult> {
  if (principal) assertRegionWideWriter(principal);
  const icoValid = checkIco(input.ico, false);
  return guardIco(input.ico, () =>
    db.transaction(async (tx) => {
      const before = await repo.findByIco(tx, input.ico, true);
      const values = { ...valuesOf(input), icoValid };
      if (!before) {
        const row = await repo.insertProvider(tx, {
          ...values,
          ico: input.ico,
          name: input.name.trim(),
        });
        await recordAudit(tx, principal, {
          action: 'create',
          entityType: PROVIDER_ENTITY,
          entityId: row.id,
          after: auditSnapshot(row),
        });
        return { provider: toProviderDto(row), outcome: 'created' as const };
      }
      const changed = (Object.keys(values) as (keyof typeof values)[]).some(
        (key) => !sameValue(values[key], before[key]),
      );
      if (!changed) return { provider: toProviderDto(before), outcome: 'unchanged' as const };
      const after = await repo.updateProvider(tx, before.id, values);
      await recordAudit(tx, principal, {
        action: 'update',
        entityType: PROVIDER_ENTITY,
        entityId: before.id,
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      });
      return { provider: toProviderDto(after), outcome: 'updated' as const };
    }),
  );
}
