import type {
  FieldChange,
  List,
  PlanDiff,
  PlanDiffQuery,
  PlanHeader,
  PlanVersion,
  PlanVersionDetail,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { sameValue } from '../network/values.ts';
import { findReadablePlan, isEditable, type PlanRow } from './plans.access.ts';
import { toPlanHeader } from './plan-records.dto.ts';
import * as repo from './plan-records.repo.ts';
import { buildPlanTree, presentNodeFields, type TreeSourceNode } from './plan-tree.build.ts';

/**
 * Versions of a plan: approving freezes the header and the live tree into plan_versions; the
 * diff compares two frozen versions, or one with the working tree, node by node (by id).
 */

/** A node of a snapshot: a plan_nodes row after a round trip through jsonb (dates as text). */
type StoredNode = TreeSourceNode;

/** What plan_versions.snapshot holds. */
export interface PlanSnapshot {
  plan: PlanHeader;
  nodes: StoredNode[];
}

/** Freezes the plan's working version (its header as the API gives it and its live nodes). */
export async function freezeWorkingVersion(
  tx: Db,
  principal: AuthPrincipal,
  plan: PlanRow,
): Promise<repo.PlanVersionRow> {
  const [detail, nodes] = await Promise.all([
    repo.findPlanDetail(tx, plan.id, undefined, undefined),
    repo.liveNodes(tx, plan.id),
  ]);
  const snapshot: PlanSnapshot = {
    plan: toPlanHeader(detail!),
    nodes: JSON.parse(JSON.stringify(nodes)) as StoredNode[],
  };
  return repo.insertVersion(tx, {
    planId: plan.id,
    number: plan.workingVersion,
    changeLog: plan.changeLog,
    approvalBody: plan.approvalBody,
    resolutionNumber: plan.resolutionNumber,
    approvedOn: plan.approvedOn,
    snapshot,
    frozenBy: principal.id,
    frozenByName: principal.name,
  });
}

/** A node's own fields as the tree's API shows them (CZK, decimal text), compared by the diff. */
type PresentedNode = ReturnType<typeof presentNodeFields>;

const presented = (nodes: readonly TreeSourceNode[]): PresentedNode[] =>
  nodes.map((n) => presentNodeFields(n)).sort(byCode);

/** Codes compared segment by segment as numbers: 1.2 before 1.10. */
const codeKey = (code: string) => code.split('.').map(Number);
function byCode(a: { code: string }, b: { code: string }): number {
  const [x, y] = [codeKey(a.code), codeKey(b.code)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

const versionOf = (
  row: Awaited<ReturnType<typeof repo.versionRows>>[number],
): Omit<PlanVersion, 'working'> => ({
  number: row.number,
  changeLog: row.changeLog,
  approvalBody: row.approvalBody,
  resolutionNumber: row.resolutionNumber,
  approvedOn: row.approvedOn,
  frozenAt: row.frozenAt.toISOString(),
  frozenBy: row.frozenBy || row.frozenByName ? { id: row.frozenBy, name: row.frozenByName } : null,
});

/** The frozen versions, oldest first, and the working version while it is open. */
export async function listVersions(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
): Promise<List<PlanVersion>> {
  const plan = await findReadablePlan(db, principal, planId);
  const items: PlanVersion[] = (await repo.versionRows(db, planId)).map((row) => ({
    ...versionOf(row),
    working: false,
  }));
  if (isEditable(plan))
    items.push({
      number: plan.workingVersion,
      working: true,
      changeLog: plan.changeLog,
      approvalBody: null,
      resolutionNumber: null,
      approvedOn: null,
      frozenAt: null,
      frozenBy: null,
    });
  return { items, total: items.length };
}

async function frozenVersion(db: Db, planId: string, number: number) {
  const row = await repo.findVersion(db, planId, number);
  if (!row) throw new NotFoundError(`The plan has no approved version ${number}.`);
  return row;
}

export async function getVersion(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  number: number,
): Promise<PlanVersionDetail> {
  await findReadablePlan(db, principal, planId);
  const row = await frozenVersion(db, planId, number);
  const snapshot = row.snapshot as PlanSnapshot;
  return {
    ...versionOf(row),
    working: false,
    plan: snapshot.plan,
    tree: buildPlanTree(snapshot.nodes, { from: snapshot.plan.yearFrom, to: snapshot.plan.yearTo }),
  };
}

// --- diff ---

interface State {
  header: PlanHeader;
  nodes: PresentedNode[];
}

/** Header fields a version records; the rest (status, versions, timestamps) is bookkeeping. */
const HEADER_FIELDS = [
  'title',
  'description',
  'yearFrom',
  'yearTo',
  'parentPlan',
  'coordinator',
] as const satisfies readonly (keyof PlanHeader)[];

/** Content fields of a node compared field by field. */
const NODE_FIELDS = [
  'title',
  'description',
  'targetGroups',
  'serviceTypes',
  'serviceIds',
  'responsible',
  'partners',
  'yearFrom',
  'yearTo',
  'costs',
  'funding',
  'indicators',
] as const satisfies readonly (keyof PresentedNode)[];

const PLACE_FIELDS = ['parentId', 'position', 'code'] as const;

function changesOf<T, K extends keyof T>(a: T, b: T, fields: readonly K[]): FieldChange[] {
  return fields
    .filter((field) => !sameValue(a[field], b[field]))
    .map((field) => ({ field: String(field), from: a[field], to: b[field] }));
}

const refOf = (n: PresentedNode) => ({ id: n.id, level: n.level, code: n.code, title: n.title });
const placeOf = (n: PresentedNode) => ({
  parentId: n.parentId,
  position: n.position,
  code: n.code,
});

/** What changed from `a` to `b`: header fields, and nodes matched by id. */
export function diffStates(a: State, b: State): Omit<PlanDiff, 'from' | 'to'> {
  const before = new Map(a.nodes.map((n) => [n.id, n]));
  const after = new Map(b.nodes.map((n) => [n.id, n]));
  const kept = b.nodes.filter((n) => before.has(n.id)).map((n) => [before.get(n.id)!, n] as const);
  return {
    plan: changesOf(a.header, b.header, HEADER_FIELDS),
    added: b.nodes.filter((n) => !before.has(n.id)).map(refOf),
    removed: a.nodes.filter((n) => !after.has(n.id)).map(refOf),
    moved: kept
      .filter(([x, y]) => changesOf(x, y, PLACE_FIELDS).length > 0)
      .map(([x, y]) => ({ ...refOf(y), before: placeOf(x), after: placeOf(y) })),
    changed: kept
      .map(([x, y]) => ({ ...refOf(y), changes: changesOf(x, y, NODE_FIELDS) }))
      .filter((c) => c.changes.length > 0),
  };
}

async function frozenState(db: Db, planId: string, number: number): Promise<State> {
  const snapshot = (await frozenVersion(db, planId, number)).snapshot as PlanSnapshot;
  return { header: snapshot.plan, nodes: presented(snapshot.nodes) };
}

async function workingState(db: Db, planId: string): Promise<State> {
  const [detail, nodes] = await Promise.all([
    repo.findPlanDetail(db, planId, undefined, undefined),
    repo.liveNodes(db, planId),
  ]);
  return { header: toPlanHeader(detail!), nodes: presented(nodes) };
}

export async function diffVersions(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  query: PlanDiffQuery,
): Promise<PlanDiff> {
  await findReadablePlan(db, principal, planId);
  const to = query.to === undefined || query.to === 'working' ? 'working' : Number(query.to);
  const [a, b] = await Promise.all([
    frozenState(db, planId, query.from),
    to === 'working' ? workingState(db, planId) : frozenState(db, planId, to),
  ]);
  return { from: query.from, to, ...diffStates(a, b) };
}
