import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  NETWORK_ENTRY_TRANSITIONS,
  type CreateNetworkEntryBody,
  type List,
  type NetworkEntry,
  type NetworkEntryDetail,
  type NetworkEntryListQuery,
  type NetworkEntryStatus,
  type NetworkEntryTransitionBody,
  type UpdateNetworkEntryBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { networkEntries, services } from '../../db/schema/index.ts';
import { ConflictError, ForbiddenError, InvalidError } from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { czechSortKey } from '../../lib/czech-text.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, may, notFoundUnless, type Action } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { serviceScopeCondition } from '../network/network.scope.ts';
import { pgErrorCode } from '../territory/territory.service.ts';
import {
  ENTITY,
  snapshotOf,
  toCommentDto,
  toEntryDto,
  toEventDto,
  toStatementDto,
} from './basic-network.dto.ts';
import * as repo from './basic-network.repo.ts';
import type { ExpectedVersion } from './network-periods.service.ts';
import {
  assertEditable,
  assertReason,
  assertTransition,
  entryValues,
  type EntryValues,
} from './network-entry.rules.ts';

const e = networkEntries;

/** Entries are visible through their service (a provider its own, a coordinator its territory). */
export const visibleEntries = (principal: AuthPrincipal, action: Action = 'basicNetwork.read') =>
  serviceScopeCondition(principal, action, e.serviceId);

/**
 * Services reaching a territorial unit (a facility in it or serving it, units inside included):
 * exactly what a coordinator of that unit sees, so the filter and the scope never disagree.
 */
const reachingUnit = (unitId: string) =>
  serviceScopeCondition(
    {
      id: unitId,
      kind: 'user',
      name: 'territory filter',
      email: null,
      roles: [{ role: 'coordinator', territorialUnitId: unitId, providerId: null }],
    },
    'basicNetwork.read',
    e.serviceId,
  );

const SORTABLE = {
  serviceName: czechSortKey(sql`coalesce(${repo.latestState('name')}, '')`),
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  status: e.status,
};

export async function listEntries(
  db: Db,
  principal: AuthPrincipal,
  query: NetworkEntryListQuery,
): Promise<List<NetworkEntry>> {
  assertMay(principal, 'basicNetwork.read');
  const where = and(
    visibleEntries(principal),
    query.periodId ? eq(e.periodId, query.periodId) : undefined,
    query.serviceId ? eq(e.serviceId, query.serviceId) : undefined,
    query.status?.length ? inArray(e.status, query.status) : undefined,
    query.level ? eq(e.level, query.level) : undefined,
    query.typeCode ? sql`${repo.latestState('type_code')} = ${query.typeCode}` : undefined,
    query.providerId
      ? sql`${e.serviceId} in (select ${services.id} from ${services} where ${services.providerId} = ${query.providerId})`
      : undefined,
    query.territoryId ? reachingUnit(query.territoryId) : undefined,
  );
  const { limit, offset } = page(query);
  const { rows, total } = await repo.listEntryRows(
    db,
    where,
    orderBy(query.sort, SORTABLE, 'serviceName', e.id),
    limit,
    offset,
  );
  return { items: rows.map(toEntryDto), total };
}

/** The entry with its history, statements and comments (four queries, whatever their number). */
export async function getEntry(
  db: Db,
  principal: AuthPrincipal,
  id: string,
): Promise<NetworkEntryDetail> {
  assertMay(principal, 'basicNetwork.read');
  const row = notFoundUnless(await repo.findEntryRow(db, id, visibleEntries(principal)));
  const [events, statements, comments] = await Promise.all([
    repo.eventRows(db, id),
    repo.statementRows(db, id),
    repo.commentRows(db, id),
  ]);
  return {
    ...toEntryDto(row),
    allowedTransitions: may(principal, 'basicNetwork.manage')
      ? [...NETWORK_ENTRY_TRANSITIONS[row.status as NetworkEntryStatus]]
      : [],
    events: events.map(toEventDto),
    statements: statements.map(toStatementDto),
    comments: comments.map(toCommentDto),
  };
}

const UNIQUE_VIOLATION = '23505';

const alreadyInPeriod = () =>
  new ConflictError('The service already has an entry in this period.', [
    { in: 'body', pointer: '/serviceId', detail: 'already has an entry in this period' },
  ]);

/** Is the service in the principal's scope for `action`? */
async function serviceInScope(
  db: Db,
  principal: AuthPrincipal,
  action: Action,
  serviceId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.id, serviceId), serviceScopeCondition(principal, action, services.id)));
  return Boolean(row);
}

/** A request for a service to enter the network of a period (status `requested`). */
export async function createEntry(
  db: Db,
  principal: AuthPrincipal,
  input: CreateNetworkEntryBody,
): Promise<NetworkEntry> {
  assertMay(principal, 'basicNetwork.request');
  const values = entryValues(input);
  try {
    return await db.transaction(async (tx) => {
      const errors = [];
      if (!(await repo.findPeriodRow(tx, input.periodId)))
        errors.push({
          in: 'body' as const,
          pointer: '/periodId',
          detail: 'no such network period',
        });
      if (!(await serviceInScope(tx, principal, 'basicNetwork.read', input.serviceId)))
        errors.push({ in: 'body' as const, pointer: '/serviceId', detail: 'no such service' });
      if (errors.length)
        throw new InvalidError(errors.map((x) => `${x.pointer}: ${x.detail}`).join('; '), errors);
      if (!(await serviceInScope(tx, principal, 'basicNetwork.request', input.serviceId)))
        throw new ForbiddenError('You may request network entries only for your own services.');
      const [existing] = await tx
        .select({ id: e.id })
        .from(e)
        .where(and(eq(e.periodId, input.periodId), eq(e.serviceId, input.serviceId)));
      if (existing) throw alreadyInPeriod();

      const id = await repo.insertEntry(tx, {
        periodId: input.periodId,
        serviceId: input.serviceId,
        status: 'requested',
        level: values.level ?? 'basic',
        capacities: values.capacities ?? [],
        fte: values.fte ?? null,
        entrustment: values.entrustment ?? null,
      });
      return toEntryDto(await recordMove(tx, principal, id, null, null));
    });
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION) throw alreadyInPeriod();
    throw error;
  }
}

const auditOf = (r: repo.EntryRow) => ({
  periodId: r.periodId,
  serviceId: r.serviceId,
  ...snapshotOf(r),
});

/**
 * After a create (`before` null) or a transition: re-reads the entry and records the event
 * (from, to, reason, snapshot) and the audit row in the same transaction.
 */
async function recordMove(
  tx: Db,
  principal: AuthPrincipal,
  id: string,
  before: repo.EntryRow | null,
  reason: string | null,
): Promise<repo.EntryRow> {
  const after = notFoundUnless(await repo.findEntryRow(tx, id));
  await repo.insertEvent(tx, {
    entryId: id,
    principalId: principal.id,
    principalName: principal.name,
    fromStatus: before?.status ?? null,
    toStatus: after.status,
    reason,
    snapshot: snapshotOf(after),
  });
  await recordAudit(tx, principal, {
    action: before ? 'transition' : 'create',
    entityType: ENTITY.entry,
    entityId: id,
    before: before && auditOf(before),
    after: before ? { ...auditOf(after), reason } : auditOf(after),
  });
  return after;
}

/**
 * Changes the fields of an entry that is not yet decided: region staff while it is requested
 * or assessed, the provider (its own service) while it is requested.
 */
export async function updateEntry(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: UpdateNetworkEntryBody,
): Promise<NetworkEntry> {
  return db.transaction(async (tx) => {
    const before = notFoundUnless(await repo.findEntryRow(tx, id, visibleEntries(principal), true));
    const manager = may(principal, 'basicNetwork.manage');
    const requester =
      !manager && (await serviceInScope(tx, principal, 'basicNetwork.request', before.serviceId));
    if (!manager && !requester) throw new ForbiddenError();
    assertVersion(before.version, expected());
    const status = before.status as NetworkEntryStatus;
    assertEditable(status);
    if (!manager && status !== 'requested')
      throw new ConflictError(`The entry is ${status}: only region staff can change it now.`);
    const values = entryValues(input);
    await repo.updateEntry(tx, id, columnsOf(values));
    const after = notFoundUnless(await repo.findEntryRow(tx, id));
    await recordAudit(tx, principal, {
      action: 'update',
      entityType: ENTITY.entry,
      entityId: id,
      before: auditOf(before),
      after: auditOf(after),
    });
    return toEntryDto(after);
  });
}

const columnsOf = (v: EntryValues): Partial<typeof e.$inferInsert> => ({
  ...(v.level !== undefined ? { level: v.level } : {}),
  ...(v.capacities !== undefined ? { capacities: v.capacities } : {}),
  ...(v.fte !== undefined ? { fte: v.fte } : {}),
  ...(v.entrustment !== undefined ? { entrustment: v.entrustment } : {}),
});

/** Moves an entry along the workflow; every move leaves an event and an audit row. */
export async function transitionEntry(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: NetworkEntryTransitionBody,
): Promise<NetworkEntryDetail> {
  await db.transaction(async (tx) => {
    const before = notFoundUnless(await repo.findEntryRow(tx, id, visibleEntries(principal), true));
    assertMay(principal, 'basicNetwork.manage');
    assertVersion(before.version, expected());
    const from = before.status as NetworkEntryStatus;
    assertTransition(from, input.to);
    const reason = assertReason(input.to, input.reason);

    if (input.changes && input.to !== 'approved' && input.to !== 'changed')
      throw new InvalidError('Only an approval or a change may change the entry’s fields.', [
        {
          in: 'body',
          pointer: '/changes',
          detail: `cannot be given when the entry becomes ${input.to}`,
        },
      ]);
    if (input.to === 'changed' && !input.changes)
      throw new InvalidError('Say what changed: capacities, fte, level or entrustment.', [
        { in: 'body', pointer: '/changes', detail: 'is required when the entry becomes changed' },
      ]);
    const values = input.changes ? entryValues(input.changes, '/changes') : {};

    let decisionId: string | null | undefined;
    if (input.decisionId !== undefined) {
      decisionId = input.decisionId;
      if (decisionId) {
        const decision = await repo.findDecisionRow(tx, decisionId);
        if (!decision || decision.periodId !== before.periodId)
          throw new InvalidError('The decision must belong to the entry’s period.', [
            {
              in: 'body',
              pointer: '/decisionId',
              detail: 'no such decision in the entry’s period',
            },
          ]);
      }
    }

    await repo.updateEntry(tx, id, {
      ...columnsOf(values),
      status: input.to,
      ...(decisionId !== undefined ? { decisionId } : {}),
    });
    await recordMove(tx, principal, id, before, reason);
  });
  return getEntry(db, principal, id);
}
