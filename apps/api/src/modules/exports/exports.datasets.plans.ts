import { sql } from 'drizzle-orm';
import {
  ExportMonitoringReportV1Schema,
  ExportPlanNodeV1Schema,
  ExportPlanV1Schema,
} from '@socplan/contracts';
import { scopeFor } from '../auth/authorization.ts';
import { planReadCondition } from '../plans/plans.access.ts';
import type { Dataset } from './exports.dataset.ts';
import { col } from './exports.datasets.network.ts';

const uuidKey = (alias: string) => [{ expr: col(alias, 'id'), cast: 'uuid' as const }];
const readable = (principal: Parameters<typeof planReadCondition>[0]) =>
  planReadCondition(principal, col('p', 'territory_unit_id'));

export const plansDataset: Dataset = {
  name: 'plans',
  title: 'Plans (regional, community, action): headers; their trees are plan-nodes',
  permission: 'plans.read',
  asOf: false,
  versions: [
    {
      version: 'v1',
      schema: ExportPlanV1Schema,
      from: () => sql`plans p`,
      where: ({ principal }) => [readable(principal)],
      columns: ({ principal }) => ({
        id: col('p', 'id'),
        kind: col('p', 'kind'),
        title: col('p', 'title'),
        territoryUnitId: col('p', 'territory_unit_id'),
        yearFrom: col('p', 'year_from'),
        yearTo: col('p', 'year_to'),
        parentPlanId: col('p', 'parent_plan_id'),
        status: col('p', 'status'),
        approvalBody: col('p', 'approval_body'),
        resolutionNumber: col('p', 'resolution_number'),
        approvedOn: col('p', 'approved_on'),
        approvedVersion: col('p', 'approved_version'),
        coordinatorName: col('p', 'coordinator_name'),
        // A coordinator's own e-mail and phone are personal data: region staff only.
        ...(scopeFor(principal, 'plans.write').kind === 'all'
          ? {
              coordinatorEmail: col('p', 'coordinator_email'),
              coordinatorPhone: col('p', 'coordinator_phone'),
            }
          : {}),
        updatedAt: col('p', 'updated_at'),
      }),
      key: uuidKey('p'),
      id: sql`p.id::text`,
      updatedAt: col('p', 'updated_at'),
    },
  ],
};

export const planNodesDataset: Dataset = {
  name: 'plan-nodes',
  title: 'Plans’ trees: one row per priority, measure and activity, with its plan’s columns',
  permission: 'plans.read',
  asOf: false,
  versions: [
    {
      version: 'v1',
      schema: ExportPlanNodeV1Schema,
      from: () => sql`plan_nodes n join plans p on p.id = n.plan_id`,
      where: ({ principal }) => [readable(principal)],
      columns: () => ({
        id: col('n', 'id'),
        planId: col('n', 'plan_id'),
        planKind: col('p', 'kind'),
        planTitle: col('p', 'title'),
        planTerritoryUnitId: col('p', 'territory_unit_id'),
        parentId: col('n', 'parent_id'),
        level: col('n', 'level'),
        position: col('n', 'position'),
        code: col('n', 'code'),
        title: col('n', 'title'),
        description: col('n', 'description'),
        targetGroups: col('n', 'target_groups'),
        serviceTypes: col('n', 'service_types'),
        serviceIds: col('n', 'service_ids'),
        responsible: col('n', 'responsible'),
        partners: col('n', 'partners'),
        yearFrom: col('n', 'year_from'),
        yearTo: col('n', 'year_to'),
        costs: col('n', 'costs'),
        funding: col('n', 'funding'),
        indicators: col('n', 'indicators'),
        updatedAt: col('n', 'updated_at'),
      }),
      key: uuidKey('n'),
      id: sql`n.id::text`,
      updatedAt: col('n', 'updated_at'),
      softDeleted: sql`n.deleted_at is not null`,
    },
  ],
};

export const monitoringReportsDataset: Dataset = {
  name: 'monitoring-reports',
  title: 'Monitoring reports of plans’ activities by round',
  permission: 'plans.read',
  asOf: false,
  versions: [
    {
      version: 'v1',
      schema: ExportMonitoringReportV1Schema,
      from: () => sql`monitoring_reports r
        join monitoring_rounds mr on mr.id = r.round_id
        join plan_nodes n on n.id = r.node_id
        join plans p on p.id = mr.plan_id`,
      where: ({ principal }) => [readable(principal)],
      columns: () => ({
        id: col('r', 'id'),
        planId: col('mr', 'plan_id'),
        roundId: col('r', 'round_id'),
        period: col('mr', 'period'),
        nodeId: col('r', 'node_id'),
        nodeCode: col('n', 'code'),
        status: col('r', 'status'),
        progress: col('r', 'progress'),
        indicatorActuals: col('r', 'indicator_actuals'),
        spend: col('r', 'spend'),
        comment: col('r', 'comment'),
        evidence: col('r', 'evidence'),
        reviewStatus: col('r', 'review_status'),
        submittedAt: col('r', 'submitted_at'),
        reviewedAt: col('r', 'reviewed_at'),
        updatedAt: col('r', 'updated_at'),
      }),
      key: uuidKey('r'),
      id: sql`r.id::text`,
      updatedAt: col('r', 'updated_at'),
    },
  ],
};
