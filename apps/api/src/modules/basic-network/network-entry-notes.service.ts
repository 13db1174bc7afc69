/**
 * What others say about an entry: municipal statements of need (vyjádření obce k potřebnosti)
 * and comments. Both are added, never edited; both need the entry to be visible first (404).
 */
import { sql } from 'drizzle-orm';
import type {
  CreateNetworkCommentBody,
  CreateNetworkStatementBody,
  NetworkComment,
  NetworkStatement,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { ForbiddenError, InvalidError, NotFoundError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless, unitScopeCondition } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { ENTITY, toCommentDto, toStatementDto } from './basic-network.dto.ts';
import * as repo from './basic-network.repo.ts';
import { visibleEntries } from './network-entries.service.ts';
import { entryValues } from './network-entry.rules.ts';

const badMunicipality = (detail: string, message: string) =>
  new InvalidError(message, [{ in: 'body', pointer: '/municipalityId', detail }]);

/**
 * A municipality's statement of need. Who: a municipality user for its own municipality, a
 * coordinator for municipalities in its territory, region staff for any. Which municipality:
 * one in an ORP the service reaches (its territory served or its facilities) — neighbours in
 * the catchment ORP are affected too, municipalities elsewhere are not (docs/decisions/0201).
 */
export async function createStatement(
  db: Db,
  principal: AuthPrincipal,
  entryId: string,
  input: CreateNetworkStatementBody,
): Promise<NetworkStatement> {
  return db.transaction(async (tx) => {
    const entry = notFoundUnless(await repo.findEntryRow(tx, entryId, visibleEntries(principal)));
    assertMay(principal, 'basicNetwork.statement');
    const values = entryValues({ capacities: input.capacities ?? [] });

    const kind = await repo.unitKind(tx, input.municipalityId);
    if (kind !== 'municipality')
      throw badMunicipality(
        kind
          ? `must be a municipality (this one is a unit of kind ${kind})`
          : 'no such municipality',
        'A statement of need is made for a municipality.',
      );
    const scope = unitScopeCondition(
      principal,
      'basicNetwork.statement',
      sql`${input.municipalityId}::uuid`,
    );
    if (scope) {
      const inScope = await queryRows<{ ok: number }>(tx, sql`select 1 as ok where ${scope}`);
      if (inScope.length === 0)
        throw new ForbiddenError(
          'You may make statements only for municipalities in your territory.',
        );
    }
    const territory = await repo.currentTerritory(tx, entry.serviceId);
    if (
      !(await repo.municipalityInServiceOrps(tx, entry.serviceId, territory, input.municipalityId))
    )
      throw badMunicipality(
        'lies outside the ORPs the service reaches (its territory served and its facilities)',
        'The municipality lies outside the area the service reaches.',
      );

    const id = await repo.insertStatement(tx, {
      entryId,
      municipalityId: input.municipalityId,
      needed: input.needed,
      capacities: values.capacities ?? [],
      text: input.text?.trim() || null,
      authorId: principal.id,
      authorName: principal.name,
    });
    const [row] = await repo.statementRows(tx, entryId, id);
    const after = toStatementDto(row!);
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: ENTITY.statement,
      entityId: id,
      after,
    });
    return after;
  });
}

export async function getStatement(
  db: Db,
  principal: AuthPrincipal,
  entryId: string,
  statementId: string,
): Promise<NetworkStatement> {
  assertMay(principal, 'basicNetwork.read');
  notFoundUnless(await repo.findEntryRow(db, entryId, visibleEntries(principal)));
  const [row] = await repo.statementRows(db, entryId, statementId);
  if (!row) throw new NotFoundError();
  return toStatementDto(row);
}

/** A comment by anyone who sees the entry and may comment in its scope. */
export async function createComment(
  db: Db,
  principal: AuthPrincipal,
  entryId: string,
  input: CreateNetworkCommentBody,
): Promise<NetworkComment> {
  const text = input.text.trim();
  return db.transaction(async (tx) => {
    notFoundUnless(await repo.findEntryRow(tx, entryId, visibleEntries(principal)));
    assertMay(principal, 'basicNetwork.comment');
    if (!(await repo.findEntryRow(tx, entryId, visibleEntries(principal, 'basicNetwork.comment'))))
      throw new ForbiddenError();
    if (!text)
      throw new InvalidError('A comment needs some text.', [
        { in: 'body', pointer: '/text', detail: 'must not be blank' },
      ]);
    const row = await repo.insertComment(tx, {
      entryId,
      text,
      authorId: principal.id,
      authorName: principal.name,
    });
    const after = toCommentDto(row);
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: ENTITY.comment,
      entityId: row.id,
      after,
    });
    return after;
  });
}

export async function getComment(
  db: Db,
  principal: AuthPrincipal,
  entryId: string,
  commentId: string,
): Promise<NetworkComment> {
  assertMay(principal, 'basicNetwork.read');
  notFoundUnless(await repo.findEntryRow(db, entryId, visibleEntries(principal)));
  const [row] = await repo.commentRows(db, entryId, commentId);
  if (!row) throw new NotFoundError();
  return toCommentDto(row);
}
