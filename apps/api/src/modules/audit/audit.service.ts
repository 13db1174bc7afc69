import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import type { AuthPrincipal } from '../auth/principal.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Call inside the write's transaction, so the change and its audit row commit together. */
export async function recordAudit(
  tx: Db,
  principal: AuthPrincipal | null,
  events: AuditEvent | AuditEvent[],
): Promise<void> {
  const rows = (Array.isArray(events) ? events : [events]).map((e) => ({
    principalId: principal?.id ?? null,
    principalKind: principal?.kind ?? null,
    principalName: principal?.name ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  }));
  if (rows.length) await tx.insert(auditLog).values(rows);
}
