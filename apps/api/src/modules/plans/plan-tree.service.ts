import { randomUUID } from 'node:crypto';
import {
  CONFIRMATION_REQUIRED_PROBLEM,
  type Codelist,
  type CreatePlanNodeBody,
  type MovePlanNodeBody,
  type PlanNode,
  type PlanNodeDeletionList,
  type PlanNodeLevel,
  type PlanTree,
  type PlanKind,
  type PlanStatus,
  type UpdatePlanNodeBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { serviceStates, type NodeIndicator } from '../../db/schema/index.ts';
import {
  ConflictError,
  DomainError,
  InvalidError,
  type FieldError,
  fieldError,
  invalidField,
} from '../../lib/errors.ts';
import { assertVersion } from '../../lib/http.ts';
import { today } from '../../lib/validity.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { codelistsOn } from '../codelists/codelists.service.ts';
import { parseHundredths } from '../financing/money.ts';
import { serviceScopeCondition } from '../network/network.scope.ts';
import {
  findReadablePlan,
  isEditable,
  lockWritablePlan,
  planReadCondition,
  planWriteCondition,
  type PlanRow,
} from './plans.access.ts';
import { liveNodes } from './plan-records.repo.ts';
import { buildPlanTree, presentNodeFields, type PlanNodeRow } from './plan-tree.build.ts';
import { renumberPlan } from './plan-tree.codes.ts';
import * as repo from './plan-tree.repo.ts';

/**
 * The rules of a plan's tree: levels follow the parent (priority → measure → activity), money
 * only on activities and within the plan's years, codes renumbered by every change of shape,
 * deletes soft and reversible, and nothing written while the approved version is read-only.
 */

/** The entity type of tree nodes in the audit trail. */
export const PLAN_NODE_ENTITY = 'plan_node';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

/** The level of a child of `parent` (null: the plan itself); activities have no children. */
const CHILD_LEVEL: Record<PlanNodeLevel | 'plan', PlanNodeLevel | null> = {
  plan: 'priority',
  priority: 'measure',
  measure: 'activity',
  activity: null,
};
const childLevel = (parent: { level: string } | null): PlanNodeLevel | null =>
  CHILD_LEVEL[(parent?.level ?? 'plan') as PlanNodeLevel | 'plan'];

/** Ids of `rootId` and every live node below it. */
function subtreeOf(shape: { id: string; parentId: string | null }[], rootId: string): string[] {
  const childrenOf = new Map<string, string[]>();
  for (const node of shape)
    if (node.parentId)
      childrenOf.set(node.parentId, [...(childrenOf.get(node.parentId) ?? []), node.id]);
  const ids: string[] = [];
  const visit = (id: string) => {
    ids.push(id);
    for (const child of childrenOf.get(id) ?? []) visit(child);
  };
  visit(rootId);
  return ids;
}

/** Linked services the principal sees, by id with their current names. */
const visibleServiceNames = (db: Db, principal: AuthPrincipal, ids: readonly string[]) =>
  repo.serviceNames(
    db,
    ids,
    serviceScopeCondition(principal, 'network.read', serviceStates.serviceId),
  );

async function toNodeDto(db: Db, principal: AuthPrincipal, row: PlanNodeRow): Promise<PlanNode> {
  const names = await visibleServiceNames(db, principal, row.serviceIds);
  return {
    ...presentNodeFields(row, names),
    planId: row.planId,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const auditSnapshot = (row: PlanNodeRow) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
};

// --- read ---

/** What a tree read checks first: the plan readable (else 404) and the caller's right. */
export interface TreeAccess {
  plan: PlanRow;
  canWrite: boolean;
}

export async function treeAccess(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
): Promise<TreeAccess> {
  assertMay(principal, 'plans.read');
  return notFoundUnless(
    await repo.findPlanWithRight(
      db,
      planId,
      planReadCondition(principal),
      planWriteCondition(principal),
    ),
  );
}

/**
 * The whole tree of a plan with its roll-ups: its live nodes and the names of the linked
 * services the caller sees, two statements whatever the size of the tree.
 */
export async function readTree(
  db: Db,
  principal: AuthPrincipal,
  { plan, canWrite }: TreeAccess,
): Promise<PlanTree> {
  const rows = await liveNodes(db, plan.id);
  const names = await visibleServiceNames(db, principal, [
    ...new Set(rows.flatMap((r) => r.serviceIds)),
  ]);
  const built = buildPlanTree(
    rows,
    { from: plan.yearFrom, to: plan.yearTo },
    { serviceNames: names },
  );
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      kind: plan.kind as PlanKind,
      yearFrom: plan.yearFrom,
      yearTo: plan.yearTo,
      status: plan.status as PlanStatus,
      editable: isEditable(plan),
      canWrite,
      version: plan.version,
      totals: built.totals,
    },
    nodes: built.nodes,
  };
}

// --- validation of node fields ---

/** The field errors of one body, each named by its JSON pointer; all reported at once. */
class FieldErrors {
  readonly list: FieldError[] = [];
  constructor(private readonly plan: PlanRow) {}

  add(pointer: string, detail: string): void {
    this.list.push(fieldError(pointer, detail));
  }
  /** A year within the plan's period. */
  year(pointer: string, year: number): void {
    if (year < this.plan.yearFrom || year > this.plan.yearTo)
      this.add(
        pointer,
        `must lie within the plan's period ${this.plan.yearFrom}–${this.plan.yearTo}`,
      );
  }
  /** Integer hundredths of a decimal string (money in haléř). */
  hundredths(pointer: string, text: string): number {
    const value = parseHundredths(text);
    if (value === undefined) this.add(pointer, 'must be a number with at most two decimals');
    return value ?? 0;
  }
  throwIfAny(): void {
    const [first] = this.list;
    if (first)
      throw new InvalidError(
        this.list.length === 1
          ? `${first.pointer.slice(1)} ${first.detail}.`
          : `${this.list.length} fields are invalid.`,
        this.list,
      );
  }
}

interface NodeContext {
  plan: PlanRow;
  level: PlanNodeLevel;
  /** The node as stored (updates): codes it holds stay valid even if the codelist ended them. */
  before?: PlanNodeRow;
}

type Values = Partial<repo.NewPlanNodeRow>;

const CODELIST_FIELDS = [
  ['targetGroups', 'target_group'],
  ['serviceTypes', 'service_type'],
] as const;

function textValues(input: UpdatePlanNodeBody, errors: FieldErrors): Values {
  const values: Values = {};
  if (input.title !== undefined) {
    values.title = input.title.trim();
    if (!values.title) errors.add('/title', 'must not be blank');
  }
  for (const key of ['description', 'responsible', 'partners'] as const)
    if (input[key] !== undefined) values[key] = input[key]?.trim() || null;
  return values;
}

/** The node's timeframe: within the plan's period, never ending before it starts. */
function timeframeValues(
  input: UpdatePlanNodeBody,
  before: PlanNodeRow | undefined,
  errors: FieldErrors,
): Values {
  const values: Values = {};
  for (const key of ['yearFrom', 'yearTo'] as const) {
    const year = input[key];
    if (year === undefined) continue;
    values[key] = year;
    if (year !== null) errors.year(`/${key}`, year);
  }
  const from = values.yearFrom !== undefined ? values.yearFrom : (before?.yearFrom ?? null);
  const to = values.yearTo !== undefined ? values.yearTo : (before?.yearTo ?? null);
  if (from !== null && to !== null && to < from)
    errors.add(
      input.yearTo !== undefined ? '/yearTo' : '/yearFrom',
      `must not end before it starts (${from}–${to})`,
    );
  return values;
}

/** Costs and funding: activities only, years of the plan, one per year (and source). */
function moneyValues(
  input: UpdatePlanNodeBody,
  { level, before }: NodeContext,
  isSource: (code: string) => boolean,
  errors: FieldErrors,
): Values {
  const values: Values = {};
  const allowed = (key: 'costs' | 'funding') => {
    if (!input[key]?.length || level === 'activity') return input[key] !== undefined;
    errors.add(
      `/${key}`,
      `only activities carry ${key}: a ${level} shows the sums of its activities`,
    );
    return false;
  };
  if (allowed('costs')) {
    const seen = new Set<number>();
    values.costs = input.costs!.map((cost, i) => {
      errors.year(`/costs/${i}/year`, cost.year);
      if (seen.has(cost.year)) errors.add(`/costs/${i}/year`, `repeats the year ${cost.year}`);
      seen.add(cost.year);
      return { year: cost.year, amount: errors.hundredths(`/costs/${i}/amount`, cost.amount) };
    });
  }
  if (allowed('funding')) {
    const seen = new Set<string>();
    const kept = new Set(before?.funding.map((f) => f.source));
    values.funding = input.funding!.map((f, i) => {
      errors.year(`/funding/${i}/year`, f.year);
      if (!kept.has(f.source) && !isSource(f.source))
        errors.add(
          `/funding/${i}/source`,
          'is not a funding source of the codelist funding_source',
        );
      const key = `${f.source}\u0000${f.year}`;
      if (seen.has(key)) errors.add(`/funding/${i}`, `repeats the source ${f.source} in ${f.year}`);
      seen.add(key);
      return {
        source: f.source,
        year: f.year,
        amount: errors.hundredths(`/funding/${i}/amount`, f.amount),
      };
    });
  }
  return values;
}

/** Indicators keep the id they were given (monitoring refers to it); new ones get one. */
function indicatorValues(input: UpdatePlanNodeBody, errors: FieldErrors): Values {
  if (input.indicators === undefined) return {};
  const ids = new Set<string>();
  const indicators = input.indicators.map((indicator, i): NodeIndicator => {
    const at = `/indicators/${i}`;
    const id = indicator.id ?? randomUUID();
    if (ids.has(id)) errors.add(`${at}/id`, 'repeats the id of another indicator');
    ids.add(id);
    const name = indicator.name.trim();
    if (!name) errors.add(`${at}/name`, 'must not be blank');
    const years = new Set<number>();
    return {
      id,
      name,
      unit: indicator.unit.trim(),
      baseline:
        indicator.baseline === undefined || indicator.baseline === null
          ? null
          : errors.hundredths(`${at}/baseline`, indicator.baseline),
      targets: (indicator.targets ?? []).map((target, j) => {
        errors.year(`${at}/targets/${j}/year`, target.year);
        if (years.has(target.year))
          errors.add(`${at}/targets/${j}/year`, `repeats the year ${target.year}`);
        years.add(target.year);
        return {
          year: target.year,
          value: errors.hundredths(`${at}/targets/${j}/value`, target.value),
        };
      }),
    };
  });
  return { indicators };
}

/**
 * Column values from the writable fields given, or 400 naming every offending field. Codes of
 * codelists valid today and services the caller sees are looked up once each.
 */
async function nodeValues(
  tx: Db,
  principal: AuthPrincipal,
  context: NodeContext,
  input: UpdatePlanNodeBody,
): Promise<Values> {
  const errors = new FieldErrors(context.plan);
  const { before } = context;
  const needed = new Set<Codelist>();
  if (input.funding?.length) needed.add('funding_source');
  for (const [key, codelist] of CODELIST_FIELDS) if (input[key]?.length) needed.add(codelist);
  const codelists = needed.size ? await codelistsOn(tx, [...needed], today()) : new Map();
  const known = (codelist: Codelist, code: string) => codelists.get(codelist)?.has(code) === true;

  const values: Values = {
    ...textValues(input, errors),
    ...timeframeValues(input, before, errors),
    ...moneyValues(input, context, (code) => known('funding_source', code), errors),
    ...indicatorValues(input, errors),
  };
  for (const [key, codelist] of CODELIST_FIELDS) {
    const codes = input[key];
    if (codes === undefined) continue;
    codes.forEach((code, i) => {
      if (!before?.[key].includes(code) && !known(codelist, code))
        errors.add(`/${key}/${i}`, `is not a code of the codelist ${codelist}`);
    });
    values[key] = [...new Set(codes)];
  }
  if (input.serviceIds !== undefined) {
    const ids = [...new Set(input.serviceIds)];
    const visible = await visibleServiceNames(tx, principal, ids);
    input.serviceIds.forEach((id, i) => {
      if (!visible.has(id) && !before?.serviceIds.includes(id))
        errors.add(`/serviceIds/${i}`, 'names no service of the network you can see');
    });
    values.serviceIds = ids;
  }
  errors.throwIfAny();
  return values;
}

// --- writes ---

export async function createNode(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  input: CreatePlanNodeBody,
): Promise<PlanNode> {
  return db.transaction(async (tx) => {
    const plan = await lockWritablePlan(tx, principal, planId, { tree: true });
    const parent = input.parentId
      ? await repo.findNode(tx, plan.id, input.parentId, { live: true })
      : null;
    if (parent === undefined) throw invalidField('/parentId', 'names no node of this plan');
    const level = childLevel(parent);
    if (!level) throw invalidField('/parentId', 'is an activity: activities have no children');
    const { parentId: _p, position, ...fields } = input;
    const values = await nodeValues(tx, principal, { plan, level }, fields);
    const [row] = await repo.insertNodes(tx, [
      {
        ...values,
        planId: plan.id,
        parentId: parent?.id ?? null,
        level,
        position: 0,
        code: '',
        title: values.title!,
      },
    ]);
    await renumberPlan(tx, plan.id, { id: row!.id, position: position ?? Number.MAX_SAFE_INTEGER });
    const created = (await repo.findNode(tx, plan.id, row!.id, { live: true }))!;
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: PLAN_NODE_ENTITY,
      entityId: created.id,
      after: auditSnapshot(created),
    });
    return toNodeDto(tx, principal, created);
  });
}

/** A live node of a plan being written, at the version the client read. */
async function lockNode(
  tx: Db,
  principal: AuthPrincipal,
  planId: string,
  nodeId: string,
  expected: ExpectedVersion,
): Promise<{ plan: PlanRow; node: PlanNodeRow }> {
  const plan = await lockWritablePlan(tx, principal, planId, { tree: true });
  const node = notFoundUnless(await repo.findNode(tx, plan.id, nodeId, { live: true }));
  assertVersion(node.version, expected());
  return { plan, node };
}

export async function updateNode(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  nodeId: string,
  expected: ExpectedVersion,
  input: UpdatePlanNodeBody,
): Promise<PlanNode> {
  return db.transaction(async (tx) => {
    const { plan, node } = await lockNode(tx, principal, planId, nodeId, expected);
    const values = await nodeValues(
      tx,
      principal,
      { plan, level: node.level as PlanNodeLevel, before: node },
      input,
    );
    const row = await repo.updateNode(tx, node.id, values);
    await recordAudit(tx, principal, {
      action: 'update',
      entityType: PLAN_NODE_ENTITY,
      entityId: row.id,
      before: auditSnapshot(node),
      after: auditSnapshot(row),
    });
    return toNodeDto(tx, principal, row);
  });
}

export async function moveNode(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  nodeId: string,
  expected: ExpectedVersion,
  input: MovePlanNodeBody,
): Promise<PlanNode> {
  return db.transaction(async (tx) => {
    const { plan, node } = await lockNode(tx, principal, planId, nodeId, expected);
    const parent = input.parentId
      ? await repo.findNode(tx, plan.id, input.parentId, { live: true })
      : null;
    if (parent === undefined) throw invalidField('/parentId', 'names no node of this plan');
    if (parent && subtreeOf(await repo.liveShape(tx, plan.id), node.id).includes(parent.id))
      throw invalidField('/parentId', 'is the node itself or one of its descendants');
    const level = childLevel(parent);
    if (level !== node.level)
      throw invalidField(
        '/parentId',
        `must be ${node.level === 'priority' ? 'null (priorities are at the top)' : `a ${node.level === 'measure' ? 'priority' : 'measure'}`}: a ${node.level} keeps its level`,
      );
    const moved = await repo.updateNode(tx, node.id, { parentId: parent?.id ?? null });
    await renumberPlan(tx, plan.id, { id: node.id, position: input.position });
    const after = (await repo.findNode(tx, plan.id, node.id, { live: true }))!;
    await recordAudit(tx, principal, {
      action: 'move',
      entityType: PLAN_NODE_ENTITY,
      entityId: node.id,
      before: { parentId: node.parentId, position: node.position, code: node.code },
      after: { parentId: moved.parentId, position: after.position, code: after.code },
    });
    return toNodeDto(tx, principal, after);
  });
}

/** 409 asking to confirm a delete that would hide monitoring reports. */
class ConfirmationRequiredError extends DomainError {
  constructor(detail: string) {
    super(409, CONFIRMATION_REQUIRED_PROBLEM, 'Confirmation required', detail);
  }
}

export async function deleteNode(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  nodeId: string,
  expected: ExpectedVersion,
  confirm: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { plan, node } = await lockNode(tx, principal, planId, nodeId, expected);
    const ids = subtreeOf(await repo.liveShape(tx, plan.id), node.id);
    const reports = await repo.reportCount(tx, ids);
    if (reports > 0 && !confirm)
      throw new ConfirmationRequiredError(
        `${node.code} ${node.title} and what is below it have ${reports} monitoring report(s). ` +
          'Deleting hides them with the nodes (restore brings both back); repeat with ?confirm=true to delete.',
      );
    const deletionId = randomUUID();
    await repo.markDeleted(tx, ids, { deletionId, deletedBy: principal.id });
    await renumberPlan(tx, plan.id);
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: PLAN_NODE_ENTITY,
      entityId: node.id,
      before: auditSnapshot(node),
      after: { deletionId, nodeIds: ids, reports },
    });
  });
}

/** The plan's deletions, newest first: each deleted subtree once, by its root. */
export async function listDeletions(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
): Promise<PlanNodeDeletionList> {
  await findReadablePlan(db, principal, planId);
  const rows = await repo.deletedNodes(db, planId);
  const deletionOf = new Map(rows.map((r) => [r.id, r.deletionId]));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.deletionId!, (counts.get(r.deletionId!) ?? 0) + 1);
  const items = rows
    .filter((r) => r.parentId === null || deletionOf.get(r.parentId) !== r.deletionId)
    .map((r) => ({
      deletionId: r.deletionId!,
      nodeId: r.id,
      level: r.level as PlanNodeLevel,
      code: r.code,
      title: r.title,
      deletedAt: r.deletedAt!.toISOString(),
      deletedBy: r.deletedBy,
      count: counts.get(r.deletionId!) ?? 1,
      restorable: r.parentId === null || r.parentLive,
    }))
    .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt) || a.code.localeCompare(b.code));
  return { items, total: items.length };
}

/** Brings a deleted subtree back at its former position among its siblings. */
export async function restoreNode(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  nodeId: string,
): Promise<PlanNode> {
  return db.transaction(async (tx) => {
    const plan = await lockWritablePlan(tx, principal, planId, { tree: true });
    const node = notFoundUnless(await repo.findNode(tx, plan.id, nodeId));
    if (!node.deletionId) throw new ConflictError(`${node.code} ${node.title} is not deleted.`);
    const parent = node.parentId ? await repo.findNode(tx, plan.id, node.parentId) : null;
    if (parent?.deletionId === node.deletionId)
      throw new ConflictError(
        `${node.code} ${node.title} was deleted with ${parent.code} ${parent.title}; restore that one.`,
      );
    if (parent?.deletedAt)
      throw new ConflictError(
        `${node.code} ${node.title} belongs under ${parent.code} ${parent.title}, which is deleted; restore that first.`,
      );
    const restored = await repo.undelete(tx, node.deletionId);
    await renumberPlan(tx, plan.id, { id: node.id, position: node.position });
    const after = (await repo.findNode(tx, plan.id, node.id, { live: true }))!;
    await recordAudit(tx, principal, {
      action: 'restore',
      entityType: PLAN_NODE_ENTITY,
      entityId: node.id,
      before: { deletionId: node.deletionId, code: node.code },
      after: { nodeIds: restored.map((r) => r.id), code: after.code },
    });
    return toNodeDto(tx, principal, after);
  });
}
