import type {
  NetworkComment,
  NetworkDecision,
  NetworkEntry,
  NetworkEntryEvent,
  NetworkEntrySnapshot,
  NetworkEntryStatus,
  NetworkLevel,
  NetworkPeriod,
  NetworkStatement,
} from '@socplan/contracts';
import type { networkEntryEvents } from '../../db/schema/index.ts';
import { hundredthsToNumber, parseHundredths } from '../financing/money.ts';
import type {
  CommentRow,
  DecisionRow,
  EntryRow,
  PeriodRow,
  StatementRow,
} from './basic-network.repo.ts';

export const ENTITY = {
  period: 'network_period',
  decision: 'network_decision',
  entry: 'network_entry',
  statement: 'network_statement',
  comment: 'network_comment',
} as const;

export const toPeriodDto = (r: PeriodRow): NetworkPeriod => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const toDecisionDto = (r: DecisionRow): NetworkDecision => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

/** numeric(8,2) text → the JSON number (null stays null). */
export const fteNumber = (fte: string | null): number | null =>
  fte === null ? null : hundredthsToNumber(parseHundredths(fte) ?? 0);

/** The fields a transition event and the audit trail keep. */
export const snapshotOf = (r: {
  status: string;
  level: string;
  capacities: NetworkEntry['capacities'];
  fte: string | null;
  entrustment: NetworkEntry['entrustment'];
  decisionId: string | null;
}): NetworkEntrySnapshot => ({
  status: r.status as NetworkEntryStatus,
  level: r.level as NetworkLevel,
  capacities: r.capacities,
  fte: fteNumber(r.fte),
  entrustment: r.entrustment,
  decisionId: r.decisionId,
});

export const toEntryDto = (r: EntryRow): NetworkEntry => ({
  id: r.id,
  periodId: r.periodId,
  serviceId: r.serviceId,
  service: {
    id: r.serviceId,
    name: r.serviceName,
    typeCode: r.typeCode,
    providerId: r.providerId,
    providerName: r.providerName,
  },
  ...snapshotOf(r),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  version: r.version,
});

export const toEventDto = (r: typeof networkEntryEvents.$inferSelect): NetworkEntryEvent => ({
  id: r.id,
  at: r.at.toISOString(),
  principalId: r.principalId,
  principalName: r.principalName,
  from: r.fromStatus as NetworkEntryStatus | null,
  to: r.toStatus as NetworkEntryStatus,
  reason: r.reason,
  snapshot: (r.snapshot as NetworkEntrySnapshot | null) ?? null,
});

export const toStatementDto = (r: StatementRow): NetworkStatement => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

export const toCommentDto = (r: CommentRow): NetworkComment => ({
  id: r.id,
  entryId: r.entryId,
  authorId: r.authorId,
  authorName: r.authorName,
  text: r.text,
  createdAt: r.createdAt.toISOString(),
});
