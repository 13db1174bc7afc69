import { EVALUATION_AREAS, EVALUATION_CHECKS, type PlanNodeLevel } from '@socplan/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  monitoringReports,
  monitoringRounds,
  planNodes,
  plans,
  processEvaluations,
  type NodeFunding,
  type NodeIndicator,
} from '../db/schema/index.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import type { DemoAccount } from '../modules/auth/auth.demo.ts';
import { freezeWorkingVersion } from '../modules/plans/plan-versions.ts';
import { placeOf, type DemoPlaces } from './demo-places.ts';
import type { PlannedService } from './network.plan.ts';
import {
  COMMUNITY_PLANS,
  EVALUATION_DATES,
  HISTORIC_PLANS,
  LIBEREC_ACTION_PLAN,
  LIBEREC_PLAN,
  REGIONAL_PLAN,
  type DemoIndicator,
  type DemoNode,
  type DemoPlan,
  type FundingSourceCode,
} from './plans.data.ts';
import { demoUuid, randomStream } from './random.ts';

type PlanRow = typeof plans.$inferInsert & { id: string };
type NodeRow = typeof planNodes.$inferInsert & { id: string; code: string };
type ReportRow = typeof monitoringReports.$inferInsert;

export interface DemoPlansActors {
  /** The coordinator of ORP Liberec (liberec@example.org): its plans' coordinator and reporter. */
  coordinator: DemoAccount;
  /** Region staff: who recorded the approvals and reviews the reports. */
  regionStaff: DemoAccount;
}

const LEVELS: readonly PlanNodeLevel[] = ['priority', 'measure', 'activity'];
const czk = (amount: number) => amount * 100;
const hundredths = (value: number) => value * 100;

/** A plan's rows: the plan and its tree, in code order (parents before children). */
interface PlannedPlan {
  plan: PlanRow;
  nodes: NodeRow[];
}

function planRow(
  spec: DemoPlan,
  places: DemoPlaces,
  actors: DemoPlansActors,
  parentPlanId: string | null,
): PlanRow {
  const c = spec.coordinator;
  return {
    id: demoUuid(`plan:${spec.key}`),
    kind: spec.kind,
    title: spec.title,
    description: spec.description ?? null,
    territoryUnitId: spec.orp ? placeOf(places, spec.orp).orpId : places.regionId,
    yearFrom: spec.yearFrom,
    yearTo: spec.yearTo,
    parentPlanId,
    status: spec.status,
    approvalBody: spec.approval?.body ?? null,
    resolutionNumber: spec.approval?.resolution ?? null,
    approvedOn: spec.approval?.on ?? null,
    coordinatorUserId: c?.account ? actors.coordinator.id : null,
    coordinatorName: c?.name ?? null,
    coordinatorEmail: c?.email ?? null,
    coordinatorPhone: c?.phone ?? null,
    workingVersion: 1,
    approvedVersion: spec.approval ? 1 : null,
  };
}

/** Amounts per year of the plan → the node's entries, leaving out years without money. */
const perYear = (yearFrom: number, amounts: readonly number[]) =>
  amounts.flatMap((amount, i) => (amount ? [{ year: yearFrom + i, amount: czk(amount) }] : []));

function fundingRows(
  yearFrom: number,
  funding: Partial<Record<FundingSourceCode, number[]>> = {},
): NodeFunding[] {
  return Object.entries(funding).flatMap(([source, amounts]) =>
    perYear(yearFrom, amounts).map((entry) => ({ source, ...entry })),
  );
}

function indicatorRows(key: string, yearFrom: number, list: DemoIndicator[] = []): NodeIndicator[] {
  return list.map((indicator, i) => ({
    id: demoUuid(`indicator:${key}:${i}`),
    name: indicator.name,
    unit: indicator.unit,
    baseline: indicator.baseline === null ? null : hundredths(indicator.baseline),
    targets: indicator.targets.map((value, y) => ({
      year: yearFrom + y,
      value: hundredths(value),
    })),
  }));
}

/** The tree of a plan as rows with codes `1`, `1.2`, `1.2.3` and positions from 1. */
function treeRows(
  spec: DemoPlan,
  planId: string,
  serviceIds: ReadonlyMap<string, string>,
): NodeRow[] {
  const rows: NodeRow[] = [];
  const visit = (nodes: readonly DemoNode[], parent: NodeRow | null) =>
    nodes.forEach((node, i) => {
      const code = parent ? `${parent.code}.${i + 1}` : String(i + 1);
      const depth = code.split('.').length - 1;
      const key = `${spec.key}:${code}`;
      const row: NodeRow = {
        id: demoUuid(`plan-node:${key}`),
        planId,
        parentId: parent?.id ?? null,
        level: LEVELS[depth]!,
        position: i + 1,
        code,
        title: node.title,
        description: node.description ?? null,
        targetGroups: node.targetGroups ?? [],
        serviceTypes: node.serviceTypes ?? [],
        serviceIds: (node.services ?? []).map((name) => {
          const id = serviceIds.get(name);
          if (!id) throw new Error(`Demo plan node ${key} names no demo service "${name}".`);
          return id;
        }),
        responsible: node.responsible ?? null,
        partners: node.partners ?? null,
        yearFrom: spec.yearFrom,
        yearTo: spec.yearTo,
        costs: perYear(spec.yearFrom, node.costs ?? []),
        funding: fundingRows(spec.yearFrom, node.funding),
        indicators: indicatorRows(key, spec.yearFrom, node.indicators),
      };
      rows.push(row);
      visit(node.children ?? [], row);
    });
  visit(spec.tree, null);
  return rows;
}

/**
 * The action plan 2025 of ORP Liberec, made from its community plan as the template does it:
 * the chosen activities with their measures and priorities copied (templateNodeId), numbered
 * anew in the action plan, costed and funded for 2025.
 */
function actionPlanRows(community: PlannedPlan): PlannedPlan {
  const ap = LIBEREC_ACTION_PLAN;
  const plan: PlanRow = {
    ...community.plan,
    id: demoUuid(`plan:${ap.key}`),
    kind: 'action',
    title: ap.title,
    description: null,
    yearFrom: ap.year,
    yearTo: ap.year,
    parentPlanId: community.plan.id,
    approvalBody: ap.approval.body,
    resolutionNumber: ap.approval.resolution,
    approvedOn: ap.approval.on,
  };
  const byCode = new Map(community.nodes.map((n) => [n.code, n]));
  const copies = new Map<string, NodeRow>(); // by template code
  const nodes: NodeRow[] = [];
  const copy = (templateCode: string): NodeRow => {
    const existing = copies.get(templateCode);
    if (existing) return existing;
    const template = byCode.get(templateCode);
    if (!template) throw new Error(`The demo action plan names no node ${templateCode}.`);
    const parentCode = templateCode.split('.').slice(0, -1).join('.');
    const parent = parentCode ? copy(parentCode) : null;
    const position = nodes.filter((n) => n.parentId === (parent?.id ?? null)).length + 1;
    const code = parent ? `${parent.code}.${position}` : String(position);
    const row: NodeRow = {
      ...template,
      id: demoUuid(`plan-node:${ap.key}:${code}`),
      planId: plan.id,
      parentId: parent?.id ?? null,
      position,
      code,
      yearFrom: ap.year,
      yearTo: ap.year,
      costs: [],
      funding: [],
      indicators: [],
      templateNodeId: template.id,
    };
    copies.set(templateCode, row);
    nodes.push(row);
    return row;
  };
  for (const activity of ap.activities) {
    const row = copy(activity.template);
    row.costs = perYear(ap.year, [activity.cost]);
    row.funding = fundingRows(
      ap.year,
      Object.fromEntries(Object.entries(activity.funding).map(([s, amount]) => [s, [amount]])),
    );
    row.indicators = indicatorRows(`${ap.key}:${row.code}`, ap.year, activity.indicators);
  }
  return { plan, nodes };
}

/** The monitoring round 2025 of the action plan and one report per activity. */
function monitoringRows(action: PlannedPlan, actors: DemoPlansActors) {
  const ap = LIBEREC_ACTION_PLAN;
  const round = {
    id: demoUuid(`round:${ap.key}:${ap.round.period}`),
    planId: action.plan.id,
    period: ap.round.period,
    year: ap.year,
    half: null,
    status: 'open',
    dueOn: ap.round.dueOn,
  };
  const activityByTemplate = new Map(action.nodes.map((n) => [n.templateNodeId, n]));
  const reports = ap.activities.map((activity, i): ReportRow => {
    const templateId = demoUuid(`plan-node:${LIBEREC_PLAN.key}:${activity.template}`);
    const node = activityByTemplate.get(templateId)!;
    const r = activity.report;
    const sent = r.review !== 'draft';
    const reviewed = r.review === 'accepted' || r.review === 'returned';
    // Reports came in through January 2026, reviews a week later.
    const submittedAt = new Date(Date.UTC(2026, 0, 8 + i, 9));
    return {
      id: demoUuid(`report:${ap.key}:${ap.round.period}:${node.code}`),
      roundId: round.id,
      nodeId: node.id,
      status: r.status,
      progress: r.progress ?? null,
      indicatorActuals: (node.indicators ?? []).map((indicator, k) => ({
        indicatorId: indicator.id,
        value: hundredths(r.actuals?.[k] ?? 0),
      })),
      spend: Object.entries(activity.funding)
        .map(([source, amount]) => ({ source, amount: czk(Math.round(amount * r.spent)) }))
        .filter((s) => s.amount > 0),
      comment: r.comment,
      reviewStatus: r.review,
      reviewComment: r.reviewComment ?? null,
      submittedAt: sent ? submittedAt : null,
      submittedBy: sent ? actors.coordinator.id : null,
      submittedByName: sent ? actors.coordinator.name : null,
      reviewedAt: reviewed ? new Date(submittedAt.getTime() + 7 * 86_400_000) : null,
      reviewedBy: reviewed ? actors.regionStaff.id : null,
      reviewedByName: reviewed ? actors.regionStaff.name : null,
    };
  });
  return { round, reports };
}

/**
 * The region's evaluations of every ORP's planning process at the end of 2011 and in mid-2012:
 * territories with a community plan in force then score higher, and few of them estimated
 * costs or named funding sources (what the region's review found).
 */
function evaluationRows(places: DemoPlaces, planned: readonly PlannedPlan[]) {
  return EVALUATION_DATES.flatMap((date) => {
    const year = Number(date.slice(0, 4));
    return [...places.orps.values()].map((place) => {
      const plan = planned.find(
        (p) =>
          p.plan.territoryUnitId === place.orpId &&
          p.plan.yearFrom <= year &&
          p.plan.yearTo >= year &&
          p.plan.approvedOn! <= date,
      )?.plan;
      const rng = randomStream(`evaluation:${place.orpCode}:${date}`);
      const hasPlan = Boolean(plan);
      const yes: Record<(typeof EVALUATION_CHECKS)[number], number> = hasPlan
        ? {
            coordinator_named: place.orpCode === '5109' ? 0 : 0.9,
            triad_involved: 0.9,
            swot_used: 0.7,
            analysis_linked: 0.5,
            cost_estimates: 0.3,
            funding_sources: 0.2,
          }
        : {
            coordinator_named: 0.2,
            triad_involved: 0.2,
            swot_used: 0,
            analysis_linked: 0,
            cost_estimates: 0,
            funding_sources: 0,
          };
      return {
        id: demoUuid(`evaluation:${place.orpCode}:${date}`),
        territoryUnitId: place.orpId,
        evaluatedOn: date,
        areas: EVALUATION_AREAS.map((area) => ({
          area,
          score: hasPlan ? rng.int(1, 3) : rng.int(0, 1),
          comment: null,
        })),
        checks: EVALUATION_CHECKS.map((check) => ({
          check,
          value: rng.chance(yes[check]),
          comment: null,
        })),
        note: plan
          ? `V platnosti: ${plan.title}.`
          : `ORP ${place.orpName} komunitní plán sociálních služeb nemá.`,
        evaluatorName: 'Odbor sociálních věcí Krajského úřadu Libereckého kraje',
      };
    });
  });
}

/**
 * Seeds the demo's plans (regional, community current and historic, the action plan 2025 of
 * ORP Liberec with its monitoring round) and the evaluations of 2011–2012, in bulk.
 */
export async function seedDemoPlans(
  db: Db,
  places: DemoPlaces,
  services: readonly PlannedService[],
  actors: DemoPlansActors,
): Promise<void> {
  const serviceIds = new Map(services.map((s) => [s.spec.name, s.id]));
  const plan = (spec: DemoPlan, parentPlanId: string | null): PlannedPlan => {
    const row = planRow(spec, places, actors, parentPlanId);
    return { plan: row, nodes: treeRows(spec, row.id, serviceIds) };
  };
  const regional = plan(REGIONAL_PLAN, null);
  // The current community plans follow the regional plan; the historic ones predate it.
  const community = COMMUNITY_PLANS.map((spec) => plan(spec, regional.plan.id));
  const historic = HISTORIC_PLANS.map((spec) => plan(spec, null));
  const liberec = community.find((p) => p.plan.id === demoUuid(`plan:${LIBEREC_PLAN.key}`))!;
  const action = actionPlanRows(liberec);
  const all = [regional, ...community, ...historic, action];
  const { round, reports } = monitoringRows(action, actors);
  const evaluations = evaluationRows(places, [...community, ...historic]);

  const planRows = await db
    .insert(plans)
    .values(all.map((p) => p.plan))
    .returning();
  await db.insert(planNodes).values(all.flatMap((p) => p.nodes));
  // Version 1 of every approved plan, frozen as approving does it, on the day it was approved.
  const approved = planRows.filter((p) => p.approvedVersion === 1);
  const recorder = { ...actors.regionStaff, kind: 'user' as const, email: null, roles: [] };
  for (const plan of approved) await freezeWorkingVersion(db, recorder, plan);
  await db.execute(sql`update plan_versions set frozen_at = approved_on + time '12:00'`);
  await db.insert(monitoringRounds).values(round);
  await db.insert(monitoringReports).values(reports);
  await db.insert(processEvaluations).values(evaluations);
  await recordAudit(db, null, {
    action: 'import',
    entityType: 'plan',
    after: {
      source: 'demo',
      plans: all.length,
      nodes: all.reduce((n, p) => n + p.nodes.length, 0),
      versions: approved.length,
      monitoringReports: reports.length,
      evaluations: evaluations.length,
    },
  });
}
