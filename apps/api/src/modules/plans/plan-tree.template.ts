import { randomUUID } from 'node:crypto';
import type { CreateActionPlanBody, Plan } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { InvalidError, type FieldError, invalidField } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import type { TerritoryTree } from '../territory/territory-tree.ts';
import { PLAN_ENTITY } from './plan-records.dto.ts';
import { liveNodes } from './plan-records.repo.ts';
import { createPlan } from './plan-records.service.ts';
import type { PlanNodeRow } from './plan-tree.build.ts';
import { numberTree } from './plan-tree.codes.ts';
import * as repo from './plan-tree.repo.ts';
import { findReadablePlan } from './plans.access.ts';

/**
 * An action plan made from its community or regional plan, so every AP in the region has the
 * same shape: the chosen measures and activities of the years it covers are copied with their
 * priorities, costs, funding and indicator targets of those years only, each copy remembering
 * its source node (templateNodeId).
 */

const PARENT_KINDS = ['community', 'regional'];

/** Rows per multi-row INSERT of nodes (24 columns each, under PostgreSQL's 65,535 parameters). */
const INSERT_CHUNK = 1000;

const overlaps = (node: PlanNodeRow, from: number, to: number) =>
  (node.yearFrom ?? from) <= to && (node.yearTo ?? to) >= from;

/**
 * The nodes to copy: every priority, measure and activity (default) or the chosen measures (with
 * their activities) and activities, each with its ancestors; never a node whose own timeframe
 * lies outside the years, nor anything below it.
 */
function nodesToCopy(
  nodes: PlanNodeRow[],
  nodeIds: readonly string[] | undefined,
  years: { from: number; to: number },
): PlanNodeRow[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parentOf = (node: PlanNodeRow) => (node.parentId ? byId.get(node.parentId) : undefined);
  // In the years with all its ancestors (a node under a missing parent is in none).
  const inYears = (node: PlanNodeRow): boolean => {
    const parent = parentOf(node);
    return (
      overlaps(node, years.from, years.to) &&
      (node.parentId === null || (parent !== undefined && inYears(parent)))
    );
  };
  if (nodeIds === undefined) return nodes.filter(inYears);

  const errors: FieldError[] = [];
  const chosen = new Set<string>();
  nodeIds.forEach((id, i) => {
    const node = byId.get(id);
    const pointer = `/nodeIds/${i}`;
    if (!node || node.level === 'priority')
      errors.push({ in: 'body', pointer, detail: 'names no measure or activity of the plan' });
    else if (!inYears(node))
      errors.push({
        in: 'body',
        pointer,
        detail: `${node.code} runs ${node.yearFrom ?? '…'}–${node.yearTo ?? '…'}, outside ${years.from}–${years.to}`,
      });
    else chosen.add(id);
  });
  if (errors.length) throw new InvalidError('Some chosen nodes cannot be copied.', errors);
  const picked = new Set<string>();
  for (const node of nodes) {
    // A node is copied when chosen or below a chosen measure, and so are its ancestors.
    let ancestor: PlanNodeRow | undefined = node;
    while (ancestor && !chosen.has(ancestor.id)) ancestor = parentOf(ancestor);
    if (!ancestor || !inYears(node)) continue;
    for (let n: PlanNodeRow | undefined = node; n; n = parentOf(n)) picked.add(n.id);
  }
  return nodes.filter((n) => picked.has(n.id));
}

export async function createActionPlan(
  db: Db,
  principal: AuthPrincipal,
  tree: TerritoryTree,
  parentPlanId: string,
  input: CreateActionPlanBody,
): Promise<Plan> {
  return db.transaction(async (tx) => {
    const parent = await findReadablePlan(tx, principal, parentPlanId);
    assertMay(principal, 'plans.write');
    if (!PARENT_KINDS.includes(parent.kind))
      throw invalidField(
        '/id',
        `must name a community or regional plan to make an action plan from, not a ${parent.kind} plan`,
        'params',
      );
    const period = `${parent.yearFrom}–${parent.yearTo}`;
    if (input.yearFrom < parent.yearFrom || input.yearFrom > parent.yearTo)
      throw invalidField('/yearFrom', `must lie within the parent plan's period ${period}`);
    if (input.yearTo < input.yearFrom || input.yearTo > parent.yearTo)
      throw invalidField('/yearTo', `must lie within ${input.yearFrom}–${parent.yearTo}`);
    const territoryId = input.territoryUnitId ?? parent.territoryUnitId;
    if (!tree.covered([parent.territoryUnitId]).includes(territoryId))
      throw invalidField('/territoryUnitId', "must lie within the parent plan's territory");

    const years = { from: input.yearFrom, to: input.yearTo };
    const sources = nodesToCopy(await liveNodes(tx, parent.id), input.nodeIds, years);
    // The plan record with its own rules (scope of the territory: 403 outside the caller's).
    const plan = await createPlan(tx, principal, tree, {
      kind: 'action',
      territoryId,
      title: input.title,
      yearFrom: input.yearFrom,
      yearTo: input.yearTo,
      parentPlanId: parent.id,
      ...(input.coordinator !== undefined ? { coordinator: input.coordinator } : {}),
    });

    const newId = new Map(sources.map((n) => [n.id, randomUUID()]));
    const inYears = (year: number) => year >= years.from && year <= years.to;
    const copies = sources.map((n) => ({
      id: newId.get(n.id)!,
      planId: plan.id,
      parentId: n.parentId ? newId.get(n.parentId)! : null,
      level: n.level,
      position: n.position,
      code: n.code,
      title: n.title,
      description: n.description,
      targetGroups: n.targetGroups,
      serviceTypes: n.serviceTypes,
      serviceIds: n.serviceIds,
      responsible: n.responsible,
      partners: n.partners,
      yearFrom: n.yearFrom === null ? null : Math.max(n.yearFrom, years.from),
      yearTo: n.yearTo === null ? null : Math.min(n.yearTo, years.to),
      costs: n.costs.filter((c) => inYears(c.year)),
      funding: n.funding.filter((f) => inYears(f.year)),
      indicators: n.indicators.map((i) => ({
        ...i,
        targets: i.targets.filter((t) => inYears(t.year)),
      })),
      templateNodeId: n.id,
    }));
    const codes = numberTree(copies);
    for (const copy of copies) Object.assign(copy, codes.get(copy.id));
    for (let i = 0; i < copies.length; i += INSERT_CHUNK)
      await repo.insertNodes(tx, copies.slice(i, i + INSERT_CHUNK));

    await recordAudit(tx, principal, {
      action: 'copy_template',
      entityType: PLAN_ENTITY.plan,
      entityId: plan.id,
      after: {
        parentPlanId: parent.id,
        years,
        nodes: copies.map((c) => ({ id: c.id, templateNodeId: c.templateNodeId, code: c.code })),
      },
    });
    return plan;
  });
}
