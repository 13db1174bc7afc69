import { and, asc, eq } from 'drizzle-orm';
import type { CreatePlanLinkBody, List, PlanAttachment } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { planAttachments } from '../../db/schema/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { findReadablePlan } from './plans.access.ts';
import { lockWritablePlan } from './plans.access.ts';
import { PLAN_ENTITY } from './plan-records.dto.ts';

/**
 * Documents of a plan: uploaded files (kept in the database) and links. They are not part of
 * a version, so they may be added and removed whatever the plan's status (the approval's
 * resolution is typically attached after approving).
 */

const a = planAttachments;

/** Every column but the content, which only the download reads. */
const listed = {
  id: a.id,
  planId: a.planId,
  kind: a.kind,
  name: a.name,
  url: a.url,
  mediaType: a.mediaType,
  sizeBytes: a.sizeBytes,
  createdBy: a.createdBy,
  createdByName: a.createdByName,
  createdAt: a.createdAt,
};
type ListedRow = { [K in keyof typeof listed]: (typeof a.$inferSelect)[K] };

const toAttachmentDto = (row: ListedRow): PlanAttachment => ({
  id: row.id,
  planId: row.planId,
  kind: row.kind as PlanAttachment['kind'],
  name: row.name,
  url: row.url,
  mediaType: row.mediaType,
  sizeBytes: row.sizeBytes,
  createdBy:
    row.createdBy || row.createdByName ? { id: row.createdBy, name: row.createdByName } : null,
  createdAt: row.createdAt.toISOString(),
});

export async function listAttachments(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
): Promise<List<PlanAttachment>> {
  await findReadablePlan(db, principal, planId);
  const rows = await db
    .select(listed)
    .from(a)
    .where(eq(a.planId, planId))
    .orderBy(asc(a.createdAt), asc(a.id));
  return { items: rows.map(toAttachmentDto), total: rows.length };
}

export interface UploadedFile {
  name: string;
  mediaType: string;
  content: Buffer;
}

async function addAttachment(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  values: Omit<typeof a.$inferInsert, 'planId' | 'createdBy' | 'createdByName'>,
): Promise<PlanAttachment> {
  return db.transaction(async (tx) => {
    await lockWritablePlan(tx, principal, planId);
    const [row] = await tx
      .insert(a)
      .values({ ...values, planId, createdBy: principal.id, createdByName: principal.name })
      .returning(listed);
    const dto = toAttachmentDto(row!);
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: PLAN_ENTITY.attachment,
      entityId: dto.id,
      after: { ...dto, createdAt: undefined },
    });
    return dto;
  });
}

export const addLink = (
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  link: CreatePlanLinkBody,
) => addAttachment(db, principal, planId, { kind: 'link', name: link.name.trim(), url: link.url });

export const addFile = (db: Db, principal: AuthPrincipal, planId: string, file: UploadedFile) =>
  addAttachment(db, principal, planId, {
    kind: 'file',
    name: file.name,
    mediaType: file.mediaType,
    sizeBytes: file.content.length,
    content: file.content,
  });

/** A file's name, type and bytes; a link has none (404 saying so). */
export async function attachmentContent(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  attachmentId: string,
): Promise<UploadedFile> {
  await findReadablePlan(db, principal, planId);
  const [row] = await db
    .select({ kind: a.kind, name: a.name, mediaType: a.mediaType, content: a.content })
    .from(a)
    .where(and(eq(a.id, attachmentId), eq(a.planId, planId)));
  const found = notFoundUnless(row);
  if (found.kind !== 'file' || !found.content)
    throw new NotFoundError('This attachment is a link: it has no content here; open its url.');
  return {
    name: found.name,
    mediaType: found.mediaType ?? 'application/octet-stream',
    content: found.content,
  };
}

export async function deleteAttachment(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  attachmentId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockWritablePlan(tx, principal, planId);
    const [row] = await tx
      .delete(a)
      .where(and(eq(a.id, attachmentId), eq(a.planId, planId)))
      .returning(listed);
    const removed = toAttachmentDto(notFoundUnless(row));
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: PLAN_ENTITY.attachment,
      entityId: attachmentId,
      before: { ...removed, createdAt: undefined },
    });
  });
}
