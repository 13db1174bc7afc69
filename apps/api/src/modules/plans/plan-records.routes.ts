import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import {
  ApproveAmendmentBodySchema,
  CreatePlanBodySchema,
  CreatePlanLinkBodySchema,
  IdParamsSchema,
  OpenAmendmentBodySchema,
  PlanAttachmentListSchema,
  PlanAttachmentParamsSchema,
  PlanAttachmentSchema,
  PlanDiffQuerySchema,
  PlanDiffSchema,
  PlanListQuerySchema,
  PlanListSchema,
  PlanSchema,
  PlanStatusBodySchema,
  PlanVersionDetailSchema,
  PlanVersionListSchema,
  PlanVersionParamsSchema,
  ProblemSchema,
  UpdatePlanBodySchema,
  type CreatePlanLinkBody,
  type IdParams,
  type Plan,
  type UpdatePlanBody,
} from '@socplan/contracts';
import { InvalidError, PayloadTooLargeError } from '../../lib/errors.ts';
import { created, expectedVersion, withEtag } from '../../lib/http.ts';
import { requirePrincipal } from '../auth/authorization.ts';
import {
  addFile,
  addLink,
  attachmentContent,
  deleteAttachment,
  listAttachments,
  type UploadedFile,
} from './plan-attachments.ts';
import {
  approveAmendment,
  changeStatus,
  createPlan,
  deletePlan,
  getPlan,
  listPlans,
  openAmendment,
  updatePlan,
  type ExpectedVersion,
} from './plan-records.service.ts';
import { diffVersions, getVersion, listVersions } from './plan-versions.ts';

const tags = ['plans'];
const problems = { '4xx': ProblemSchema };

/** Plans: the records, their status workflow, amendments, versions with diff, and attachments. */
const planRecordsRoutes: FastifyPluginAsyncTypebox<{ attachmentLimit: number }> = async (
  app,
  { attachmentLimit },
) => {
  const principalOf = (request: FastifyRequest) => requirePrincipal(request.principal);

  /** The handler of a write to one plan under If-Match: the plan after it, with its new ETag. */
  const planWrite =
    <B>(
      write: (
        db: Db,
        principal: AuthPrincipal,
        id: string,
        expected: ExpectedVersion,
        body: B,
      ) => Promise<Plan>,
    ) =>
    async (request: FastifyRequest<{ Params: IdParams; Body: B }>, reply: FastifyReply) =>
      withEtag(
        reply,
        await write(
          app.db,
          principalOf(request),
          request.params.id,
          () => expectedVersion(request),
          // The route's schema validated the body as B.
          request.body as B,
        ),
      );

  app.get(
    '/api/plans',
    {
      schema: {
        tags,
        summary:
          'Plans in your scope, filtered (kind, territory within, status, year in force, text)',
        querystring: PlanListQuerySchema,
        response: { 200: PlanListSchema, ...problems },
      },
    },
    async (request) =>
      listPlans(app.db, principalOf(request), request.query, await app.territoryTree()),
  );

  app.get(
    '/api/plans/:id',
    {
      schema: {
        tags,
        summary: 'One plan (with its ETag)',
        params: IdParamsSchema,
        response: { 200: PlanSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(reply, await getPlan(app.db, principalOf(request), request.params.id)),
  );

  app.post(
    '/api/plans',
    {
      schema: {
        tags,
        summary: 'Create a plan (region staff; a coordinator within its territory)',
        description:
          'Regional plans on the region; community plans on an ORP, planning area or municipality, ' +
          'optionally following a regional plan; action plans name their community or regional ' +
          'plan (parentPlanId) and lie within its territory and period.',
        body: CreatePlanBodySchema,
        response: { 201: PlanSchema, ...problems },
      },
    },
    async (request, reply) => {
      const plan = await createPlan(
        app.db,
        principalOf(request),
        await app.territoryTree(),
        request.body,
      );
      return created(reply, `/api/plans/${plan.id}`, withEtag(reply, plan));
    },
  );

  app.patch(
    '/api/plans/:id',
    {
      schema: {
        tags,
        summary: 'Change a plan’s header (If-Match required)',
        description:
          'Title, description, years and parent plan are content: refused (409) while the ' +
          'approved version is read-only. The coordinator may change at any time.',
        params: IdParamsSchema,
        body: UpdatePlanBodySchema,
        response: { 200: PlanSchema, ...problems },
      },
    },
    planWrite(async (db, principal, id, expected, body: UpdatePlanBody) =>
      updatePlan(db, principal, await app.territoryTree(), id, expected, body),
    ),
  );

  app.delete(
    '/api/plans/:id',
    {
      schema: {
        tags,
        summary:
          'Delete a plan never approved, without monitoring rounds or child plans (If-Match)',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await deletePlan(app.db, principalOf(request), request.params.id, () =>
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/plans/:id/status',
    {
      schema: {
        tags,
        summary: 'Move a plan in its workflow (If-Match); approving freezes the working version',
        description:
          'draft → consultation → approved → in_force → expired / archived; consultation → draft. ' +
          '`approved` needs approvalBody, resolutionNumber and approvedOn.',
        params: IdParamsSchema,
        body: PlanStatusBodySchema,
        response: { 200: PlanSchema, ...problems },
      },
    },
    planWrite(changeStatus),
  );

  app.post(
    '/api/plans/:id/amendments',
    {
      schema: {
        tags,
        summary: 'Open an amendment of an approved plan: a new working version (If-Match)',
        description: 'The plan keeps its status (a plan in force stays in force meanwhile).',
        params: IdParamsSchema,
        body: OpenAmendmentBodySchema,
        response: { 200: PlanSchema, ...problems },
      },
    },
    planWrite(openAmendment),
  );

  app.post(
    '/api/plans/:id/amendments/approve',
    {
      schema: {
        tags,
        summary: 'Approve the open amendment: freezes the working version (If-Match)',
        params: IdParamsSchema,
        body: ApproveAmendmentBodySchema,
        response: { 200: PlanSchema, ...problems },
      },
    },
    planWrite(approveAmendment),
  );

  app.get(
    '/api/plans/:id/versions',
    {
      schema: {
        tags,
        summary: 'Approved versions, oldest first, and the working version while it is open',
        params: IdParamsSchema,
        response: { 200: PlanVersionListSchema, ...problems },
      },
    },
    (request) => listVersions(app.db, principalOf(request), request.params.id),
  );

  app.get(
    '/api/plans/:id/versions/:number',
    {
      schema: {
        tags,
        summary: 'An approved version as frozen: the plan header and its nodes',
        params: PlanVersionParamsSchema,
        response: { 200: PlanVersionDetailSchema, ...problems },
      },
    },
    (request) => getVersion(app.db, principalOf(request), request.params.id, request.params.number),
  );

  app.get(
    '/api/plans/:id/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two versions (or a version and the working tree)',
        params: IdParamsSchema,
        querystring: PlanDiffQuerySchema,
        response: { 200: PlanDiffSchema, ...problems },
      },
    },
    (request) => diffVersions(app.db, principalOf(request), request.params.id, request.query),
  );

  await app.register(attachmentRoutes, { attachmentLimit });
};
export default planRecordsRoutes;

const checkLink = Compile(CreatePlanLinkBodySchema);

/** The JSON body of a link, or 400 naming the fields that are wrong. */
function linkOf(body: unknown): CreatePlanLinkBody {
  if (checkLink.Check(body)) return body;
  const errors = [...checkLink.Errors(body)].map((e) => {
    const params = e.params as { requiredProperties?: string[]; additionalProperties?: string[] };
    const missing = params.requiredProperties?.[0] ?? params.additionalProperties?.[0];
    return {
      in: 'body' as const,
      pointer: `${e.instancePath}${missing ? `/${missing}` : ''}` || '/',
      detail: e.message,
    };
  });
  throw new InvalidError(
    'Send a link as {"kind": "link", "name", "url" (http or https)} or a file as multipart/form-data.',
    errors,
  );
}

/**
 * Attachments: encapsulated so that the multipart parser and its size cap apply here only. A
 * file is read whole (capped) because it is stored in one row.
 */
const attachmentRoutes: FastifyPluginAsyncTypebox<{ attachmentLimit: number }> = async (
  app,
  { attachmentLimit },
) => {
  await app.register(multipart, { limits: { fileSize: attachmentLimit, files: 1, fields: 5 } });
  const principalOf = (request: FastifyRequest) => requirePrincipal(request.principal);

  /** Errors of reading a multipart body as problems: too large 413, malformed 400 (never a 500). */
  async function readingMultipart<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      const e = error as { code?: string; statusCode?: number; message?: string };
      if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new PayloadTooLargeError(attachmentLimit);
      if (e.statusCode !== undefined && e.statusCode < 500) throw error;
      throw new InvalidError(`The multipart body cannot be read: ${e.message ?? 'malformed'}.`);
    }
  }

  /** The one file of a multipart body; a `name` field sent before it names the attachment. */
  async function fileOf(request: FastifyRequest): Promise<UploadedFile> {
    const { part, content } = await readingMultipart(async () => {
      const part = await request.file();
      return { part, content: await part?.toBuffer() };
    });
    if (!part || !content)
      throw new InvalidError('The multipart body has no file.', [
        { in: 'body', pointer: '/file', detail: 'is required' },
      ]);
    const named = part.fields.name;
    const name =
      named && 'value' in named && typeof named.value === 'string' && named.value.trim()
        ? named.value.trim()
        : part.filename || 'attachment';
    return {
      name: name.slice(0, 300),
      mediaType: part.mimetype || 'application/octet-stream',
      content,
    };
  }

  app.get(
    '/api/plans/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Documents of a plan (files and links)',
        params: IdParamsSchema,
        response: { 200: PlanAttachmentListSchema, ...problems },
      },
    },
    (request) => listAttachments(app.db, principalOf(request), request.params.id),
  );

  app.post(
    '/api/plans/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Attach a link (JSON) or a file (multipart/form-data, field file, optional name)',
        description: `A file may be up to ${attachmentLimit} bytes (413 beyond). Send the name field before the file.`,
        consumes: ['application/json', 'multipart/form-data'],
        params: IdParamsSchema,
        // Documentation only: a link is checked by the handler, a file is read from the parts.
        body: Type.Unknown({
          description: 'A link {kind: "link", name, url}, or a multipart file',
        }),
        response: { 201: PlanAttachmentSchema, ...problems },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const planId = request.params.id;
      const attachment = request.isMultipart()
        ? await addFile(app.db, principal, planId, await fileOf(request))
        : await addLink(app.db, principal, planId, linkOf(request.body));
      return created(reply, `/api/plans/${planId}/attachments/${attachment.id}`, attachment);
    },
  );

  app.get(
    '/api/plans/:id/attachments/:attachmentId/content',
    {
      schema: {
        tags,
        summary: 'Download an attached file',
        params: PlanAttachmentParamsSchema,
        response: { 200: Type.Unknown({ description: 'The file as uploaded' }), ...problems },
      },
    },
    async (request, reply) => {
      const file = await attachmentContent(
        app.db,
        principalOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .type(file.mediaType)
        .header('content-disposition', contentDisposition(file.name))
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  app.delete(
    '/api/plans/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Remove an attachment (writers of the plan)',
        params: PlanAttachmentParamsSchema,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteAttachment(
        app.db,
        principalOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply.code(204).send(null);
    },
  );
};

/** `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / 8187). */
function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
