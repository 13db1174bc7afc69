import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, count, eq, gte, lte, type SQL } from 'drizzle-orm';
import { AuditEntrySchema, AuditListQuerySchema, ListOf, ProblemSchema } from '@socplan/contracts';
import { auditLog } from '../../db/schema/index.ts';
import { orderBy, page } from '../../lib/http.ts';
import { assertMay, requirePrincipal } from '../auth/authorization.ts';

const AuditListSchema = ListOf(AuditEntrySchema, 'AuditList');

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail of writes (region administrators)',
        querystring: AuditListQuerySchema,
        response: { 200: AuditListSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => {
      assertMay(requirePrincipal(request.principal), 'audit.read');
      const q = request.query;
      const filters: (SQL | undefined)[] = [
        q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        q.principalId ? eq(auditLog.principalId, q.principalId) : undefined,
        q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
        q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
      ];
      const where = and(...filters);
      const { limit, offset } = page(q);
      const [rows, [total]] = await Promise.all([
        app.db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(
            ...orderBy(
              q.sort,
              { at: auditLog.at, entityType: auditLog.entityType },
              '-at',
              auditLog.id,
            ),
          )
          .limit(limit)
          .offset(offset),
        app.db.select({ n: count() }).from(auditLog).where(where),
      ]);
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
        total: total?.n ?? 0,
      };
    },
  );
};
export default auditRoutes;
