import { sql } from 'drizzle-orm';
import {
  ACTIVITY_STATUSES,
  REPORT_REVIEW_STATUSES,
  type CreateMonitoringRoundBody,
  type List,
  type MonitoringActivity,
  type MonitoringReport,
  type MonitoringRound,
  type MonitoringRoundDetail,
  type NodeTimeline,
  type PlanNodeLevel,
  type PutMonitoringReportBody,
  type ReviewMonitoringReportBody,
  type UpdateMonitoringRoundBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import {
  monitoringReports,
  monitoringRounds,
  type ActualSpend,
  type IndicatorActual,
  type NodeFunding,
} from '../../db/schema/index.ts';
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  type FieldError,
} from '../../lib/errors.ts';
import { assertVersion } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless, type Action } from '../auth/authorization.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { formatHundredths, formatMoney, parseHundredths, parseMoney } from '../financing/money.ts';
import { costIn, displayProgress, progressInRound, targetIn } from './monitoring.progress.ts';
import * as repo from './monitoring.repo.ts';
import { findNode } from './plan-tree.repo.ts';
import { findReadablePlan, lockWritablePlan, type PlanRow } from './plans.access.ts';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

export const ENTITY = { round: 'monitoring_round', report: 'monitoring_report' } as const;

// --- shaping ---

const periodOf = (year: number, half: number | null | undefined) =>
  half ? `${year}-H${half}` : String(year);

const zeroCounts = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function toRoundDto(
  row: repo.RoundRow,
  counts: { reviewStatus: string; n: number }[],
): MonitoringRound {
  const reports = zeroCounts(REPORT_REVIEW_STATUSES);
  for (const c of counts) reports[c.reviewStatus as keyof typeof reports] = c.n;
  return {
    id: row.id,
    planId: row.planId,
    period: row.period,
    year: row.year,
    half: row.half === 1 || row.half === 2 ? row.half : null,
    status: row.status as MonitoringRound['status'],
    dueOn: row.dueOn,
    reports,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toReportDto = (row: repo.ReportRow): MonitoringReport => ({
  id: row.id,
  roundId: row.roundId,
  nodeId: row.nodeId,
  status: row.status as MonitoringReport['status'],
  progress: row.progress,
  indicatorActuals: row.indicatorActuals.map((a) => ({
    indicatorId: a.indicatorId,
    value: formatHundredths(a.value),
  })),
  spend: row.spend.map((s) => ({ source: s.source, amount: formatMoney(s.amount) })),
  comment: row.comment,
  evidence: row.evidence,
  reviewStatus: row.reviewStatus as MonitoringReport['reviewStatus'],
  reviewComment: row.reviewComment,
  submittedAt: iso(row.submittedAt),
  submittedBy: row.submittedBy,
  submittedByName: row.submittedByName,
  reviewedAt: iso(row.reviewedAt),
  reviewedBy: row.reviewedBy,
  reviewedByName: row.reviewedByName,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

/** Amounts per source, sorted by source code, as the API writes them. */
function bySource(items: readonly { source: string; amount: number }[]) {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(item.source, (sums.get(item.source) ?? 0) + item.amount);
  const entries = [...sums].sort(([a], [b]) => a.localeCompare(b));
  return {
    total: formatMoney(entries.reduce((sum, [, amount]) => sum + amount, 0)),
    bySource: entries.map(([source, amount]) => ({ source, amount: formatMoney(amount) })),
  };
}

const fundingIn = (funding: readonly NodeFunding[], year: number) =>
  funding.filter((f) => f.year === year);

/** The nodes in tree order: siblings by position, each followed by its subtree. */
function inTreeOrder(nodes: readonly repo.NodeRow[]): repo.NodeRow[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string | null, repo.NodeRow[]>();
  for (const node of nodes) {
    const parent = node.parentId !== null && ids.has(node.parentId) ? node.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const ordered: repo.NodeRow[] = [];
  const visit = (parent: string | null) => {
    for (const node of (children.get(parent) ?? []).sort((a, b) => a.position - b.position)) {
      ordered.push(node);
      visit(node.id);
    }
  };
  visit(null);
  return ordered;
}

// --- rounds ---

export async function listRounds(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
): Promise<List<MonitoringRound>> {
  await findReadablePlan(db, principal, planId);
  const rows = await repo.roundRowsOfPlan(db, planId);
  const counts = await repo.reviewCounts(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((row) =>
    toRoundDto(
      row,
      counts.filter((c) => c.roundId === row.id),
    ),
  );
  return { items, total: items.length };
}

async function roundDto(db: Db, row: repo.RoundRow): Promise<MonitoringRound> {
  return toRoundDto(row, await repo.reviewCounts(db, [row.id]));
}

/**
 * The round locked for a write, after its plan: 403 without plans.read at all (like every plan
 * route, docs/decisions/0400), 404 when the plan is out of reach, 403 when the principal may
 * not write it or lacks `action`.
 */
async function lockRound(
  tx: Db,
  principal: AuthPrincipal,
  roundId: string,
  action: Action,
): Promise<{ plan: PlanRow; round: repo.RoundRow }> {
  assertMay(principal, 'plans.read');
  const found = notFoundUnless(await repo.findRoundRow(tx, roundId));
  const plan = await lockWritablePlan(tx, principal, found.planId);
  assertMay(principal, action);
  const round = notFoundUnless(await repo.findRoundRow(tx, roundId, true));
  return { plan, round };
}

function assertOpen(round: repo.RoundRow): void {
  if (round.status !== 'open')
    throw new ConflictError(
      `The round ${round.period} is closed; reopen it to change its reports.`,
    );
}

export async function createRound(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  input: CreateMonitoringRoundBody,
): Promise<MonitoringRound> {
  return db.transaction(async (tx) => {
    const plan = await lockWritablePlan(tx, principal, planId);
    assertMay(principal, 'monitoring.review');
    if (input.year < plan.yearFrom || input.year > plan.yearTo)
      throw new InvalidError(`The plan runs ${plan.yearFrom}–${plan.yearTo}.`, [
        { in: 'body', pointer: '/year', detail: `must be within ${plan.yearFrom}–${plan.yearTo}` },
      ]);
    const period = periodOf(input.year, input.half);
    const taken = await repo.roundRowsOfPlan(tx, planId);
    if (taken.some((r) => r.period === period)) throw duplicateRound(period);
    let id: string;
    try {
      const [row] = await tx
        .insert(monitoringRounds)
        .values({
          planId,
          period,
          year: input.year,
          half: input.half ?? null,
          dueOn: input.dueOn ?? null,
        })
        .returning({ id: monitoringRounds.id });
      id = row!.id;
    } catch (error) {
      if (isUniqueViolation(error, 'monitoring_rounds_plan_period_key'))
        throw duplicateRound(period);
      throw error;
    }
    const after = await roundDto(tx, notFoundUnless(await repo.findRoundRow(tx, id)));
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: ENTITY.round,
      entityId: id,
      after,
    });
    return after;
  });
}

const duplicateRound = (period: string) =>
  new ConflictError(`The plan already has a monitoring round ${period}.`, [
    { in: 'body', pointer: '/year', detail: `a round ${period} exists` },
  ]);

export async function updateRound(
  db: Db,
  principal: AuthPrincipal,
  roundId: string,
  expected: ExpectedVersion,
  input: UpdateMonitoringRoundBody,
): Promise<MonitoringRound> {
  return db.transaction(async (tx) => {
    const { round } = await lockRound(tx, principal, roundId, 'monitoring.review');
    assertVersion(round.version, expected());
    const before = await roundDto(tx, round);
    await tx
      .update(monitoringRounds)
      .set({
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.dueOn !== undefined ? { dueOn: input.dueOn } : {}),
        version: sql`${monitoringRounds.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(sql`${monitoringRounds.id} = ${roundId}`);
    const after = await roundDto(tx, notFoundUnless(await repo.findRoundRow(tx, roundId)));
    await recordAudit(tx, principal, {
      action:
        input.status && input.status !== before.status
          ? input.status === 'closed'
            ? 'close'
            : 'reopen'
          : 'update',
      entityType: ENTITY.round,
      entityId: roundId,
      before,
      after,
    });
    return after;
  });
}

/** A round, its plan's live activities with their reports, and progress for every node. */
export async function getRoundDetail(
  db: Db,
  principal: AuthPrincipal,
  roundId: string,
): Promise<MonitoringRoundDetail> {
  assertMay(principal, 'plans.read');
  const round = notFoundUnless(await repo.findRoundRow(db, roundId));
  const plan = await findReadablePlan(db, principal, round.planId);
  const [nodes, reports] = await Promise.all([
    repo.liveNodeRows(db, plan.id),
    repo.reportRowsOfRounds(db, [round.id]),
  ]);
  const year = round.year;
  const { activities: own, rolledUp } = progressInRound(nodes, reports, year);
  const reportOf = new Map(reports.map((report) => [report.nodeId, report]));
  const ordered = inTreeOrder(nodes);
  const activities = ordered
    .filter((node) => node.level === 'activity')
    .map((node): MonitoringActivity => {
      const funding = bySource(fundingIn(node.funding, year));
      const report = reportOf.get(node.id);
      const progress = own.get(node.id)!;
      return {
        nodeId: node.id,
        parentId: node.parentId,
        code: node.code,
        title: node.title,
        plannedCost: formatMoney(costIn(node.costs, year)),
        plannedFunding: funding.total,
        fundingBySource: funding.bySource,
        indicators: node.indicators.map((i) => {
          const target = targetIn(i, year);
          return {
            id: i.id,
            name: i.name,
            unit: i.unit,
            baseline: i.baseline === null ? null : formatHundredths(i.baseline),
            target: target === null ? null : formatHundredths(target),
          };
        }),
        report: report ? toReportDto(report) : null,
        progress: displayProgress(progress.progress),
        progressSource: progress.source,
      };
    });
  return {
    round: toRoundDto(round, countReviews(reports)),
    plan: { id: plan.id, title: plan.title, kind: plan.kind },
    progress: displayProgress(rolledUp.plan),
    activities,
    nodes: ordered.map((node) => {
      const rolled = rolledUp.nodes.get(node.id);
      return {
        nodeId: node.id,
        parentId: node.parentId,
        level: node.level as PlanNodeLevel,
        code: node.code,
        title: node.title,
        plannedCost: formatMoney(rolled?.cost ?? 0),
        progress: displayProgress(rolled?.progress ?? null),
      };
    }),
  };
}

function countReviews(reports: readonly repo.ReportRow[]) {
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r.reviewStatus, (counts.get(r.reviewStatus) ?? 0) + 1);
  return [...counts].map(([reviewStatus, n]) => ({ reviewStatus, n }));
}

// --- reports ---

export async function getReport(
  db: Db,
  principal: AuthPrincipal,
  roundId: string,
  nodeId: string,
): Promise<MonitoringReport> {
  assertMay(principal, 'plans.read');
  const round = notFoundUnless(await repo.findRoundRow(db, roundId));
  await findReadablePlan(db, principal, round.planId);
  return toReportDto(notFoundUnless(await repo.findReportRow(db, roundId, nodeId)));
}

/** The values a report stores, or 400 naming each field that does not fit the activity. */
async function reportValues(
  tx: Db,
  node: repo.NodeRow,
  year: number,
  input: PutMonitoringReportBody,
) {
  const errors: FieldError[] = [];
  const indicatorIds = new Set(node.indicators.map((i) => i.id));
  const seenIndicators = new Set<string>();
  const indicatorActuals: IndicatorActual[] = (input.indicatorActuals ?? []).flatMap((a, i) => {
    const pointer = `/indicatorActuals/${i}`;
    const value = parseHundredths(a.value);
    if (!indicatorIds.has(a.indicatorId))
      errors.push({
        in: 'body',
        pointer: `${pointer}/indicatorId`,
        detail: 'is not an indicator of this activity',
      });
    else if (seenIndicators.has(a.indicatorId))
      errors.push({ in: 'body', pointer: `${pointer}/indicatorId`, detail: 'is given twice' });
    if (value === undefined)
      errors.push({
        in: 'body',
        pointer: `${pointer}/value`,
        detail: 'must be a decimal with at most two places',
      });
    seenIndicators.add(a.indicatorId);
    return value === undefined ? [] : [{ indicatorId: a.indicatorId, value }];
  });
  const sources = input.spend?.length ? await repo.fundingSourceCodesIn(tx, year) : new Set();
  const seenSources = new Set<string>();
  const spend: ActualSpend[] = (input.spend ?? []).flatMap((s, i) => {
    const pointer = `/spend/${i}`;
    const amount = parseMoney(s.amount);
    if (!sources.has(s.source))
      errors.push({
        in: 'body',
        pointer: `${pointer}/source`,
        detail: 'is not a funding source (codelist funding_source)',
      });
    else if (seenSources.has(s.source))
      errors.push({ in: 'body', pointer: `${pointer}/source`, detail: 'is given twice' });
    if (amount === undefined)
      errors.push({
        in: 'body',
        pointer: `${pointer}/amount`,
        detail: 'must be CZK with at most two decimals',
      });
    seenSources.add(s.source);
    return amount === undefined ? [] : [{ source: s.source, amount }];
  });
  const evidence = (input.evidence ?? []).map((e, i) => {
    if (!isHttpUrl(e.url))
      errors.push({
        in: 'body',
        pointer: `/evidence/${i}/url`,
        detail: 'must be an http or https address',
      });
    return { url: e.url, label: e.label?.trim() || null };
  });
  if (errors.length) throw new InvalidError('The report does not fit the activity.', errors);
  return {
    status: input.status,
    progress: input.progress ?? null,
    indicatorActuals,
    spend,
    comment: input.comment?.trim() || null,
    evidence,
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const LOCKED_REVIEWS = new Set(['submitted', 'accepted']);

/**
 * Creates or replaces an activity's report in an open round. If-Match is required once the
 * report exists (and must not be sent before); a submitted or accepted report is locked until
 * the reviewer returns it.
 */
export async function putReport(
  db: Db,
  principal: AuthPrincipal,
  roundId: string,
  nodeId: string,
  expected: () => number | undefined,
  input: PutMonitoringReportBody,
): Promise<{ report: MonitoringReport; created: boolean }> {
  return db.transaction(async (tx) => {
    const { round } = await lockRound(tx, principal, roundId, 'monitoring.report');
    const node = notFoundUnless(await findNode(tx, round.planId, nodeId, { live: true }));
    if (node.level !== 'activity')
      throw new InvalidError(
        'Reports are entered for activities; measures and priorities roll up.',
        [{ in: 'params', pointer: '/nodeId', detail: `is a ${node.level}, not an activity` }],
      );
    const before = await repo.findReportRow(tx, roundId, nodeId, true);
    const version = expected();
    if (before) {
      if (version === undefined) throw new PreconditionRequiredError();
      assertVersion(before.version, version);
    } else if (version !== undefined) throw new PreconditionFailedError();
    assertOpen(round);
    if (before && LOCKED_REVIEWS.has(before.reviewStatus))
      throw new ConflictError(
        `The report is ${before.reviewStatus} and locked; it can change once the reviewer returns it.`,
      );
    const values = await reportValues(tx, node, round.year, input);
    if (before)
      await tx
        .update(monitoringReports)
        .set({ ...values, version: sql`${monitoringReports.version} + 1`, updatedAt: sql`now()` })
        .where(sql`${monitoringReports.id} = ${before.id}`);
    else await tx.insert(monitoringReports).values({ roundId, nodeId, ...values });
    const after = toReportDto(notFoundUnless(await repo.findReportRow(tx, roundId, nodeId)));
    await recordAudit(tx, principal, {
      action: before ? 'update' : 'create',
      entityType: ENTITY.report,
      entityId: after.id,
      ...(before ? { before: toReportDto(before) } : {}),
      after,
    });
    return { report: after, created: !before };
  });
}

/** The existing report of an activity in a round, locked, at the version the client read. */
async function lockReport(
  tx: Db,
  principal: AuthPrincipal,
  roundId: string,
  nodeId: string,
  action: Action,
  expected: ExpectedVersion,
): Promise<repo.ReportRow> {
  const { round } = await lockRound(tx, principal, roundId, action);
  const report = await repo.findReportRow(tx, roundId, nodeId, true);
  if (!report) throw new NotFoundError('This activity has no report in the round yet.');
  assertVersion(report.version, expected());
  assertOpen(round);
  return report;
}

async function saveReview(
  tx: Db,
  principal: AuthPrincipal,
  before: repo.ReportRow,
  action: string,
  changes: Partial<typeof monitoringReports.$inferInsert>,
): Promise<MonitoringReport> {
  await tx
    .update(monitoringReports)
    .set({ ...changes, version: sql`${monitoringReports.version} + 1`, updatedAt: sql`now()` })
    .where(sql`${monitoringReports.id} = ${before.id}`);
  const after = toReportDto(
    notFoundUnless(await repo.findReportRow(tx, before.roundId, before.nodeId)),
  );
  await recordAudit(tx, principal, {
    action,
    entityType: ENTITY.report,
    entityId: before.id,
    before: toReportDto(before),
    after,
  });
  return after;
}

/** Draft or returned → submitted, recording who and when. */
export async function submitReport(
  db: Db,
  principal: AuthPrincipal,
  roundId: string,
  nodeId: string,
  expected: ExpectedVersion,
): Promise<MonitoringReport> {
  return db.transaction(async (tx) => {
    const before = await lockReport(tx, principal, roundId, nodeId, 'monitoring.report', expected);
    if (before.reviewStatus !== 'draft' && before.reviewStatus !== 'returned')
      throw new ConflictError(`The report is already ${before.reviewStatus}.`);
    return saveReview(tx, principal, before, 'submit', {
      reviewStatus: 'submitted',
      submittedAt: new Date(),
      submittedBy: principal.id,
      submittedByName: principal.name,
    });
  });
}

/**
 * Accepts or returns (with a comment) a submitted report. Nobody accepts a report they
 * submitted themselves (four eyes, docs/decisions/0402); returning one's own is allowed: it
 * is how a submitter takes a report back to correct it.
 */
export async function reviewReport(
  db: Db,
  principal: AuthPrincipal,
  roundId: string,
  nodeId: string,
  expected: ExpectedVersion,
  input: ReviewMonitoringReportBody,
): Promise<MonitoringReport> {
  return db.transaction(async (tx) => {
    const before = await lockReport(tx, principal, roundId, nodeId, 'monitoring.review', expected);
    if (before.reviewStatus !== 'submitted')
      throw new ConflictError(
        `Only a submitted report is reviewed; this one is ${before.reviewStatus}.`,
      );
    const comment = input.comment?.trim() || null;
    if (input.decision === 'return' && !comment)
      throw new InvalidError('Say why the report is returned.', [
        { in: 'body', pointer: '/comment', detail: 'is required when returning a report' },
      ]);
    if (input.decision === 'accept' && before.submittedBy === principal.id)
      throw new ForbiddenError('A report is accepted by someone other than who submitted it.');
    return saveReview(tx, principal, before, input.decision, {
      reviewStatus: input.decision === 'accept' ? 'accepted' : 'returned',
      reviewComment: comment,
      reviewedAt: new Date(),
      reviewedBy: principal.id,
      reviewedByName: principal.name,
    });
  });
}

// --- a node's timeline ---

/** The node's live activities: itself when it is one, else its live activity descendants. */
function activitiesUnder(nodes: readonly repo.NodeRow[], nodeId: string): repo.NodeRow[] {
  const children = new Map<string, repo.NodeRow[]>();
  for (const node of nodes)
    if (node.parentId) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  const found: repo.NodeRow[] = [];
  const visit = (node: repo.NodeRow) => {
    if (node.level === 'activity') found.push(node);
    for (const child of children.get(node.id) ?? []) visit(child);
  };
  const start = nodes.find((n) => n.id === nodeId);
  if (start) visit(start);
  return found;
}

/** Round by round: planned cost and funding, reported spend, progress and review of a node. */
export async function nodeTimeline(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  nodeId: string,
): Promise<NodeTimeline> {
  await findReadablePlan(db, principal, planId);
  const [nodes, rounds] = await Promise.all([
    repo.liveNodeRows(db, planId),
    repo.roundRowsOfPlan(db, planId),
  ]);
  const node = notFoundUnless(nodes.find((n) => n.id === nodeId));
  const reports = await repo.reportRowsOfRounds(
    db,
    rounds.map((r) => r.id),
  );
  const activities = activitiesUnder(nodes, nodeId);
  const activityIds = new Set(activities.map((a) => a.id));
  return {
    planId,
    node: { id: node.id, level: node.level as PlanNodeLevel, code: node.code, title: node.title },
    rounds: rounds.map((round) => {
      const inRound = reports.filter((r) => r.roundId === round.id);
      const mine = inRound.filter((r) => activityIds.has(r.nodeId));
      const { rolledUp } = progressInRound(nodes, inRound, round.year);
      const funding = bySource(activities.flatMap((a) => fundingIn(a.funding, round.year)));
      const spend = bySource(mine.flatMap((r) => r.spend));
      const statuses = zeroCounts(ACTIVITY_STATUSES);
      const reviews = zeroCounts(REPORT_REVIEW_STATUSES);
      for (const r of mine) {
        statuses[r.status as keyof typeof statuses]++;
        reviews[r.reviewStatus as keyof typeof reviews]++;
      }
      return {
        roundId: round.id,
        period: round.period,
        year: round.year,
        half: round.half === 1 || round.half === 2 ? round.half : null,
        roundStatus: round.status as NodeTimeline['rounds'][number]['roundStatus'],
        plannedCost: formatMoney(
          activities.reduce((sum, a) => sum + costIn(a.costs, round.year), 0),
        ),
        plannedFunding: funding.total,
        fundingBySource: funding.bySource,
        spend: spend.total,
        spendBySource: spend.bySource,
        progress: displayProgress(rolledUp.nodes.get(nodeId)?.progress ?? null),
        activities: activities.length,
        reported: mine.length,
        statuses,
        reviews,
      };
    }),
  };
}
