import Type, { type Static } from 'typebox';
import { JOB_STATUSES } from './constants.ts';
import { Nullable, Timestamp, Uuid } from './common.ts';

export const JobSchema = Type.Object(
  {
    id: Uuid,
    kind: Type.String(),
    status: Type.Enum(JOB_STATUSES),
    progress: Type.Number({ minimum: 0, maximum: 1 }),
    message: Nullable(Type.String()),
    result: Nullable(Type.Any()),
    error: Nullable(Type.String()),
    attempts: Type.Integer(),
    createdAt: Timestamp,
    startedAt: Nullable(Timestamp),
    finishedAt: Nullable(Timestamp),
  },
  { $id: 'Job' },
);
export type Job = Static<typeof JobSchema>;
