import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import {
  AMENDABLE_PLAN_STATUSES,
  PLAN_STATUS_TRANSITIONS,
  PLAN_TERRITORY_KINDS,
  type ApproveAmendmentBody,
  type CreatePlanBody,
  type List,
  type OpenAmendmentBody,
  type Plan,
  type PlanCoordinatorInput,
  type PlanKind,
  type PlanListQuery,
  type PlanStatus,
  type PlanStatusBody,
  type UpdatePlanBody,
} from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { plans, territorialUnits } from '../../db/schema/index.ts';
import { containsFolded, czechSortKey } from '../../lib/czech-text.ts';
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  fieldError,
  invalidField,
} from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay, notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import type { TerritoryTree } from '../territory/territory-tree.ts';
import { deleteUnlessReferenced } from '../network/values.ts';
import {
  adoptedPlan,
  isEditable,
  lockWritablePlan,
  planReadCondition,
  planWriteCondition,
  type PlanRow,
} from './plans.access.ts';
import { PLAN_ENTITY, planAuditSnapshot, toPlanDto } from './plan-records.dto.ts';
import * as repo from './plan-records.repo.ts';
import { freezeWorkingVersion } from './plan-versions.ts';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

// --- reads ---

const SORTABLE = {
  title: czechSortKey(plans.title),
  yearFrom: plans.yearFrom,
  kind: plans.kind,
  status: plans.status,
};

/** Plans in force in `year`: adopted, the year within their period (history included). */
const inForce = (year: number) =>
  and(adoptedPlan, lte(plans.yearFrom, year), gte(plans.yearTo, year));

export async function listPlans(
  db: Db,
  principal: AuthPrincipal,
  query: PlanListQuery,
  tree: TerritoryTree,
): Promise<List<Plan>> {
  assertMay(principal, 'plans.read');
  const q = query.q?.trim();
  const within = query.territoryId ? tree.covered([query.territoryId]) : [];
  const where = and(
    planReadCondition(principal),
    query.kind?.length ? inArray(plans.kind, query.kind) : undefined,
    query.status?.length ? inArray(plans.status, query.status) : undefined,
    query.territoryId
      ? within.length
        ? inArray(plans.territoryUnitId, within)
        : sql`false`
      : undefined,
    query.year !== undefined ? inForce(query.year) : undefined,
    q ? containsFolded(plans.title, q) : undefined,
    query.parentPlanId ? eq(plans.parentPlanId, query.parentPlanId) : undefined,
  );
  const { rows, total } = await repo.listPlanRows(db, {
    where,
    writable: planWriteCondition(principal),
    orderBy: orderBy(query.sort, SORTABLE, 'title', plans.id),
    ...page(query),
  });
  return { items: rows.map(toPlanDto), total };
}

/** The plan as the principal sees it, or 404. */
async function readPlan(db: Db, principal: AuthPrincipal, id: string): Promise<Plan> {
  const row = await repo.findPlanDetail(
    db,
    id,
    planReadCondition(principal),
    planWriteCondition(principal),
  );
  return toPlanDto(notFoundUnless(row));
}

export async function getPlan(db: Db, principal: AuthPrincipal, id: string): Promise<Plan> {
  assertMay(principal, 'plans.read');
  return readPlan(db, principal, id);
}

// --- rules shared by create and update ---

interface PlanShape {
  id?: string;
  kind: PlanKind;
  territoryUnitId: string;
  yearFrom: number;
  yearTo: number;
  parentPlanId: string | null;
}

function checkYears(shape: PlanShape): void {
  if (shape.yearTo < shape.yearFrom)
    throw invalidField('/yearTo', `must not be before yearFrom (${shape.yearFrom})`);
}

/**
 * The parent a plan names: an action plan must name a community or regional plan the caller
 * reads, and lie within its territory and period; a community plan may name the regional plan
 * it follows; a regional plan names none.
 */
async function checkParent(
  db: Db,
  principal: AuthPrincipal,
  tree: TerritoryTree,
  shape: PlanShape,
): Promise<void> {
  if (shape.parentPlanId === null) {
    if (shape.kind === 'action')
      throw invalidField(
        '/parentPlanId',
        'is required: an action plan belongs to a community or regional plan',
      );
    return;
  }
  const allowed: PlanKind[] =
    shape.kind === 'action'
      ? ['community', 'regional']
      : shape.kind === 'community'
        ? ['regional']
        : [];
  if (allowed.length === 0)
    throw invalidField('/parentPlanId', 'must be null: a regional plan has no parent plan');
  const [parent] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.id, shape.parentPlanId), planReadCondition(principal)))
    // Kept until the write commits: a parent deleted meanwhile would fail the foreign key.
    .for('key share');
  if (!parent) throw invalidField('/parentPlanId', 'names no plan you can read');
  if (!allowed.includes(parent.kind as PlanKind))
    throw invalidField(
      '/parentPlanId',
      `must be a ${allowed.join(' or ')} plan, not a ${parent.kind} plan`,
    );
  if (shape.kind !== 'action') return;
  if (!tree.covered([parent.territoryUnitId]).includes(shape.territoryUnitId))
    throw invalidField(
      '/parentPlanId',
      'covers another territory: an action plan lies within its parent plan’s',
    );
  const period = `${parent.yearFrom}–${parent.yearTo}`;
  if (shape.yearFrom < parent.yearFrom)
    throw invalidField('/yearFrom', `must lie within the parent plan’s period ${period}`);
  if (shape.yearTo > parent.yearTo)
    throw invalidField('/yearTo', `must lie within the parent plan’s period ${period}`);
}

/** Coordinator columns from the input; a user's name and e-mail fill what is not given. */
async function coordinatorValues(
  db: Db,
  input: PlanCoordinatorInput | null,
): Promise<Partial<repo.NewPlanRow>> {
  if (input === null)
    return {
      coordinatorUserId: null,
      coordinatorName: null,
      coordinatorEmail: null,
      coordinatorPhone: null,
    };
  const user = input.userId ? await repo.findUser(db, input.userId) : undefined;
  if (input.userId && !user) throw invalidField('/coordinator/userId', 'names no user');
  const name = input.name?.trim() || user?.name || null;
  if (!name) throw invalidField('/coordinator/name', 'is required (or name a user)');
  return {
    coordinatorUserId: input.userId ?? null,
    coordinatorName: name,
    coordinatorEmail:
      input.email === undefined ? (user?.email ?? null) : input.email?.trim() || null,
    coordinatorPhone: input.phone?.trim() || null,
  };
}

// --- writes ---

export async function createPlan(
  db: Db,
  principal: AuthPrincipal,
  tree: TerritoryTree,
  input: CreatePlanBody,
): Promise<Plan> {
  assertMay(principal, 'plans.write');
  const shape: PlanShape = {
    kind: input.kind,
    territoryUnitId: input.territoryId,
    yearFrom: input.yearFrom,
    yearTo: input.yearTo,
    parentPlanId: input.parentPlanId ?? null,
  };
  checkYears(shape);
  return db.transaction(async (tx) => {
    const unit = await repo.findUnit(tx, input.territoryId);
    if (!unit) throw invalidField('/territoryId', 'names no territorial unit');
    const kinds: readonly string[] = PLAN_TERRITORY_KINDS[input.kind];
    if (!kinds.includes(unit.kind))
      throw invalidField(
        '/territoryId',
        `must be a unit of kind ${kinds.join(', ')} for a ${input.kind} plan, not ${unit.kind}`,
      );
    if (!(await repo.findUnit(tx, unit.id, planWriteCondition(principal, territorialUnits.id))))
      throw new ForbiddenError('You may create plans only for your own territory.');
    await checkParent(tx, principal, tree, shape);
    const row = await repo.insertPlan(tx, {
      kind: input.kind,
      title: input.title.trim(),
      description: input.description?.trim() || null,
      territoryUnitId: input.territoryId,
      yearFrom: input.yearFrom,
      yearTo: input.yearTo,
      parentPlanId: shape.parentPlanId,
      ...(input.coordinator ? await coordinatorValues(tx, input.coordinator) : {}),
    });
    await recordAudit(tx, principal, {
      action: 'create',
      entityType: PLAN_ENTITY.plan,
      entityId: row.id,
      after: planAuditSnapshot(row),
    });
    return readPlan(tx, principal, row.id);
  });
}

/** Header fields that are part of a version's content (refused while it is approved). */
const CONTENT_FIELDS = ['title', 'description', 'yearFrom', 'yearTo', 'parentPlanId'] as const;

export async function updatePlan(
  db: Db,
  principal: AuthPrincipal,
  tree: TerritoryTree,
  id: string,
  expected: ExpectedVersion,
  input: UpdatePlanBody,
): Promise<Plan> {
  return db.transaction(async (tx) => {
    const before = await lockWritablePlan(tx, principal, id);
    assertVersion(before.version, expected());
    const values: Partial<repo.NewPlanRow> = {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.description !== undefined
        ? { description: input.description?.trim() || null }
        : {}),
      ...(input.yearFrom !== undefined ? { yearFrom: input.yearFrom } : {}),
      ...(input.yearTo !== undefined ? { yearTo: input.yearTo } : {}),
      ...(input.parentPlanId !== undefined ? { parentPlanId: input.parentPlanId } : {}),
    };
    const changed = CONTENT_FIELDS.filter((f) => f in values && values[f] !== before[f]);
    if (changed.length > 0 && !isEditable(before))
      throw new ConflictError(
        `Version ${before.approvedVersion} of this plan is approved and read-only; open an amendment to change ${changed.join(', ')}.`,
      );
    const shape: PlanShape = {
      id,
      kind: before.kind as PlanKind,
      territoryUnitId: before.territoryUnitId,
      yearFrom: values.yearFrom ?? before.yearFrom,
      yearTo: values.yearTo ?? before.yearTo,
      parentPlanId: values.parentPlanId === undefined ? before.parentPlanId : values.parentPlanId,
    };
    checkYears(shape);
    if (changed.some((f) => f === 'parentPlanId' || f === 'yearFrom' || f === 'yearTo'))
      await checkParent(tx, principal, tree, shape);
    if (changed.includes('yearFrom') || changed.includes('yearTo'))
      await checkNarrowing(tx, shape.id!, shape.yearFrom, shape.yearTo);
    if (input.coordinator !== undefined)
      Object.assign(values, await coordinatorValues(tx, input.coordinator));
    const after = await repo.updatePlan(tx, id, values);
    await recordAudit(tx, principal, {
      action: 'update',
      entityType: PLAN_ENTITY.plan,
      entityId: id,
      before: planAuditSnapshot(before),
      after: planAuditSnapshot(after),
    });
    return readPlan(tx, principal, id);
  });
}

/** A period may not shrink below its action plans' or its nodes' years (409 naming them). */
async function checkNarrowing(tx: Db, id: string, yearFrom: number, yearTo: number) {
  const children = await repo.childrenOutside(tx, id, yearFrom, yearTo);
  if (children.length > 0)
    throw new ConflictError(
      `The period ${yearFrom}–${yearTo} would leave out action plans: ${children
        .map((c) => `${c.title} (${c.yearFrom}–${c.yearTo})`)
        .join(', ')}.`,
    );
  const nodes = await repo.nodesOutside(tx, id, yearFrom, yearTo);
  if (nodes.length > 0)
    throw new ConflictError(
      `The period ${yearFrom}–${yearTo} would leave out the timeframe of nodes ${nodes.map((n) => n.code).join(', ')}.`,
    );
}

export async function deletePlan(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await lockWritablePlan(tx, principal, id);
    assertVersion(before.version, expected());
    const refs = await repo.referencesTo(tx, id);
    await deleteUnlessReferenced(
      'The plan',
      [
        before.approvedVersion !== null || refs.versions ? 'it has an approved version' : '',
        refs.rounds ? `it has ${refs.rounds} monitoring round(s)` : '',
        refs.children ? `${refs.children} other plan(s) name it as their parent` : '',
      ],
      () => repo.deletePlan(tx, id),
    );
    await recordAudit(tx, principal, {
      action: 'delete',
      entityType: PLAN_ENTITY.plan,
      entityId: id,
      before: planAuditSnapshot(before),
    });
  });
}

type Approval = Pick<PlanStatusBody, 'approvalBody' | 'resolutionNumber' | 'approvedOn'>;

/** 400 naming each missing approval field; the fields otherwise. */
function approvalOf(input: Approval): Required<Approval> {
  const missing = (['approvalBody', 'resolutionNumber', 'approvedOn'] as const).filter(
    (f) => !input[f]?.trim(),
  );
  if (missing.length)
    throw new InvalidError(
      `Approving a plan needs ${missing.join(', ')}.`,
      missing.map((f) => fieldError(`/${f}`, 'is required to approve')),
    );
  return {
    approvalBody: input.approvalBody!.trim(),
    resolutionNumber: input.resolutionNumber!.trim(),
    approvedOn: input.approvedOn!,
  };
}

/** Freezes the working version with this approval; returns the plan row after it. */
async function approveWorkingVersion(
  tx: Db,
  principal: AuthPrincipal,
  plan: PlanRow,
  values: Partial<repo.NewPlanRow>,
): Promise<PlanRow> {
  const after = await repo.updatePlan(tx, plan.id, {
    ...values,
    approvedVersion: plan.workingVersion,
  });
  const version = await freezeWorkingVersion(tx, principal, after);
  await recordAudit(tx, principal, {
    action: 'freeze',
    entityType: PLAN_ENTITY.version,
    entityId: version.id,
    after: { planId: plan.id, number: version.number, changeLog: version.changeLog },
  });
  return after;
}

export async function changeStatus(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: PlanStatusBody,
): Promise<Plan> {
  return db.transaction(async (tx) => {
    const before = await lockWritablePlan(tx, principal, id);
    assertVersion(before.version, expected());
    const from = before.status as PlanStatus;
    const allowed = PLAN_STATUS_TRANSITIONS[from];
    if (!allowed.includes(input.status))
      throw new ConflictError(
        `A plan cannot move from ${from} to ${input.status}; allowed: ${allowed.join(', ') || 'none'}.`,
      );
    const after =
      input.status === 'approved'
        ? await approveWorkingVersion(tx, principal, before, {
            status: input.status,
            ...approvalOf(input),
          })
        : await repo.updatePlan(tx, id, { status: input.status });
    await recordAudit(tx, principal, {
      action: 'status',
      entityType: PLAN_ENTITY.plan,
      entityId: id,
      before: { status: from },
      after: { status: after.status, note: input.note ?? null },
    });
    return readPlan(tx, principal, id);
  });
}

export async function openAmendment(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: OpenAmendmentBody,
): Promise<Plan> {
  return db.transaction(async (tx) => {
    const before = await lockWritablePlan(tx, principal, id);
    assertVersion(before.version, expected());
    if (before.approvedVersion === null)
      throw new ConflictError('The plan has no approved version yet: change its draft instead.');
    if (isEditable(before))
      throw new ConflictError(
        `An amendment (version ${before.workingVersion}) is already open; approve it first.`,
      );
    if (!AMENDABLE_PLAN_STATUSES.includes(before.status as PlanStatus))
      throw new ConflictError(
        `A plan that is ${before.status} cannot be amended; only one ${AMENDABLE_PLAN_STATUSES.join(' or ')}.`,
      );
    const after = await repo.updatePlan(tx, id, {
      workingVersion: before.workingVersion + 1,
      changeLog: input.changeLog.trim(),
    });
    await recordAudit(tx, principal, {
      action: 'amend',
      entityType: PLAN_ENTITY.plan,
      entityId: id,
      before: { workingVersion: before.workingVersion },
      after: { workingVersion: after.workingVersion, changeLog: after.changeLog },
    });
    return readPlan(tx, principal, id);
  });
}

export async function approveAmendment(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  input: ApproveAmendmentBody,
): Promise<Plan> {
  return db.transaction(async (tx) => {
    const before = await lockWritablePlan(tx, principal, id);
    assertVersion(before.version, expected());
    if (before.approvedVersion === null || !isEditable(before))
      throw new ConflictError('The plan has no open amendment to approve.');
    await approveWorkingVersion(tx, principal, before, {
      ...approvalOf(input),
      ...(input.changeLog ? { changeLog: input.changeLog.trim() } : {}),
    });
    return readPlan(tx, principal, id);
  });
}
