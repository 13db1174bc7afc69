import Type, { type Static } from 'typebox';
import { Nullable, PageQuery, Timestamp, Uuid } from './common.ts';

export const AuditEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    at: Timestamp,
    principalId: Nullable(Uuid),
    principalKind: Nullable(Type.String()),
    principalName: Nullable(Type.String()),
    action: Type.String({ description: 'create | update | delete | import | login | …' }),
    entityType: Type.String(),
    entityId: Nullable(Type.String()),
    before: Nullable(Type.Any()),
    after: Nullable(Type.Any()),
  },
  { $id: 'AuditEntry' },
);
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditListQuerySchema = Type.Object(
  {
    ...PageQuery,
    entityType: Type.Optional(Type.String({ maxLength: 100 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    principalId: Type.Optional(Uuid),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuerySchema>;
