/**
 * Submissions from the web: the list, one submission with everything the data-entry and review
 * screens show, autosave of values, the workflow steps and the value history. Visibility is
 * `collection.read` scope (404 outside it); writing needs the step's permission within its
 * scope (403 when visible but not allowed).
 */
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  FormDefinition,
  List,
  PatchSubmissionBody,
  ReturnSubmissionBody,
  Submission,
  SubmissionAction,
  SubmissionListQuery,
  SubmissionSummary,
  ValueChange,
} from '@socplan/contracts';
import {
  flattenValues,
  issueDetail,
  normalizeValues,
  unflattenValues,
  validateValues,
  type Issue,
} from '@socplan/form-rules';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import {
  campaigns,
  formVersions,
  submissionComments,
  submissionEvents,
  submissions,
  territorialUnits,
} from '../../db/schema/index.ts';
import { ForbiddenError, InvalidError, type FieldError } from '../../lib/errors.ts';
import { assertVersion, orderBy, page } from '../../lib/http.ts';
import { assertMay, notFoundUnless, type Action } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import type { CampaignRow } from './campaign-form.ts';
import { submissionScopeCondition } from './collection.access.ts';
import {
  diffValues,
  loadFlatValues,
  writeValueChanges,
  type StoredValue,
} from './submission-values.ts';
import { findSubmission, lockSubmissions, type SubmissionRow } from './submissions.repo.ts';
import {
  assertCampaignOpen,
  assertEditable,
  transition,
  type FieldComment,
} from './submissions.workflow.ts';
import { loadDisplayOptions, toValueOptions } from './value-options.ts';

/** Reads the version the client expects; called after authorization (a 403 beats a 428). */
export type ExpectedVersion = () => number;

const orp = alias(territorialUnits, 'orp');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const summaryColumns = {
  submission: submissions,
  campaignName: campaigns.name,
  period: campaigns.period,
  deadline: campaigns.deadline,
  campaignStatus: campaigns.status,
  orpName: orp.name,
};

type SummaryRow = {
  submission: SubmissionRow;
  campaignName: string;
  period: string;
  deadline: string;
  campaignStatus: string;
  orpName: string | null;
};

const toSummary = (r: SummaryRow): SubmissionSummary => {
  const s = r.submission;
  return {
    id: s.id,
    campaignId: s.campaignId,
    campaignName: r.campaignName,
    period: r.period,
    deadline: r.deadline,
    campaignStatus: r.campaignStatus as SubmissionSummary['campaignStatus'],
    respondentKind: s.respondentKind as SubmissionSummary['respondentKind'],
    respondentCode: s.respondentCode,
    respondentName: s.respondentName,
    orpId: s.orpId,
    orpName: r.orpName,
    status: s.status as SubmissionSummary['status'],
    valueCount: s.valueCount,
    firstSubmittedAt: iso(s.firstSubmittedAt),
    submittedAt: iso(s.submittedAt),
    approvedAt: iso(s.approvedAt),
    updatedAt: s.updatedAt.toISOString(),
    version: s.version,
  };
};

const SORTS = {
  respondentName: submissions.respondentName,
  status: submissions.status,
  submittedAt: submissions.submittedAt,
  deadline: campaigns.deadline,
};

export async function listSubmissions(
  db: Db,
  principal: AuthPrincipal,
  query: SubmissionListQuery,
): Promise<List<SubmissionSummary>> {
  assertMay(principal, 'collection.read');
  const { limit, offset } = page(query);
  const q = query.q?.trim();
  const rows = await db
    .select({ ...summaryColumns, total: sql<number>`cast(count(*) over () as integer)` })
    .from(submissions)
    .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
    .leftJoin(orp, eq(orp.id, submissions.orpId))
    .where(
      and(
        submissionScopeCondition(principal, 'collection.read'),
        query.campaignId ? eq(submissions.campaignId, query.campaignId) : undefined,
        query.status ? eq(submissions.status, query.status) : undefined,
        query.orpId ? eq(submissions.orpId, query.orpId) : undefined,
        query.open === undefined
          ? undefined
          : query.open
            ? eq(campaigns.status, 'open')
            : sql`${campaigns.status} <> 'open'`,
        q
          ? or(
              ilike(submissions.respondentName, `%${escapeLike(q)}%`),
              eq(submissions.respondentCode, q),
            )
          : undefined,
      ),
    )
    .orderBy(
      ...orderBy(
        query.sort,
        SORTS,
        query.campaignId ? 'respondentName' : '-deadline',
        submissions.id,
      ),
    )
    .limit(limit)
    .offset(offset);
  return { items: rows.map(toSummary), total: rows[0]?.total ?? 0 };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

interface Found extends SummaryRow {
  campaign: CampaignRow;
  definition: FormDefinition;
}

/** A submission with its campaign and form definition, if within `scope`. */
async function findFull(db: Db, id: string, scope: SQL | undefined): Promise<Found | undefined> {
  const [row] = await db
    .select({ ...summaryColumns, campaign: campaigns, definition: formVersions.definition })
    .from(submissions)
    .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
    .innerJoin(formVersions, eq(formVersions.id, campaigns.formVersionId))
    .leftJoin(orp, eq(orp.id, submissions.orpId))
    .where(and(eq(submissions.id, id), scope));
  return row;
}

const findVisible = async (db: Db, principal: AuthPrincipal, id: string) => {
  assertMay(principal, 'collection.read');
  return notFoundUnless(
    await findFull(db, id, submissionScopeCondition(principal, 'collection.read')),
  );
};

/**
 * The submission locked for a write that needs `action`: 404 outside the read scope, 403
 * without the permission or outside its scope, then 428/412 against If-Match.
 */
async function lockFor(
  tx: Db,
  principal: AuthPrincipal,
  id: string,
  action: Action,
  expected: ExpectedVersion,
): Promise<Found> {
  const found = await findVisible(tx, principal, id);
  assertMay(principal, action);
  const scope = submissionScopeCondition(principal, action);
  if (scope && !(await findSubmission(tx, id, scope))) throw new ForbiddenError();
  const locked = (await lockSubmissions(tx, [id])).get(id)!;
  assertVersion(locked.version, expected());
  return { ...found, submission: locked };
}

/** `field`, or `table/row/column` for a table cell (the contract's prefilled keys). */
const valueKey = (v: { field: string; row: string }) => {
  if (!v.row) return v.field;
  const dot = v.field.indexOf('.');
  return `${v.field.slice(0, dot)}/${v.row}/${v.field.slice(dot + 1)}`;
};

export const toIssueDto = (issue: Issue): Submission['issues'][number] => ({
  pointer: issue.pointer,
  field: issue.field,
  ...(issue.row !== undefined ? { row: issue.row } : {}),
  ...(issue.column !== undefined ? { column: issue.column } : {}),
  ...(issue.rule !== undefined ? { rule: issue.rule } : {}),
  severity: issue.severity,
  detail: issueDetail(issue, 'en'),
});

async function toSubmission(db: Db, found: Found): Promise<Submission> {
  const s = found.submission;
  const { definition } = found;
  const respondent = {
    submissionId: s.id,
    respondentKind: s.respondentKind,
    providerId: s.providerId,
    serviceId: s.serviceId,
  };
  const [display, values, comments, events] = await Promise.all([
    loadDisplayOptions(db, definition, [respondent]).then((m) => m.get(s.id)!),
    loadFlatValues(db, [s.id]).then((m): StoredValue[] => m.get(s.id) ?? []),
    db
      .select()
      .from(submissionComments)
      .where(eq(submissionComments.submissionId, s.id))
      .orderBy(
        asc(submissionComments.createdAt),
        sql`${submissionComments.field} asc nulls first`,
        asc(submissionComments.row),
      ),
    db
      .select()
      .from(submissionEvents)
      .where(eq(submissionEvents.submissionId, s.id))
      .orderBy(asc(submissionEvents.id)),
  ]);
  const options = toValueOptions(display);
  const wire = unflattenValues(definition, values, { rows: options.rows });
  return {
    ...toSummary(found),
    formVersionId: found.campaign.formVersionId,
    definition,
    choices: display.choices,
    rows: display.rows,
    values: wire,
    prefilled: values.filter((v) => v.prefilled).map(valueKey),
    issues: validateValues(definition, wire, options).map(toIssueDto),
    comments: comments.map((c) => ({
      id: c.id,
      field: c.field,
      row: c.row,
      body: c.body,
      authorName: c.authorName,
      eventId: c.eventId,
      createdAt: c.createdAt.toISOString(),
    })),
    events: events.map((e) => ({
      id: e.id,
      action: e.action as Submission['events'][number]['action'],
      fromStatus: e.fromStatus as Submission['status'],
      toStatus: e.toStatus as Submission['status'],
      principalName: e.principalName,
      principalKind: e.principalKind as 'user' | 'client' | null,
      channel: e.channel as Submission['events'][number]['channel'],
      note: e.note,
      at: e.at.toISOString(),
    })),
  };
}

export async function getSubmission(
  db: Db,
  principal: AuthPrincipal,
  id: string,
): Promise<Submission> {
  return toSubmission(db, await findVisible(db, principal, id));
}

/**
 * Autosave: the given fields replace the stored ones (null clears; a table's rows replace
 * those rows' cells). Values of the wrong type or unknown fields are refused (400 naming each);
 * required, ranges and rules are not checked (a draft may break them until it is submitted).
 */
export async function patchSubmission(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  expected: ExpectedVersion,
  body: PatchSubmissionBody,
): Promise<Submission> {
  return db.transaction(async (tx) => {
    const found = await lockFor(tx, principal, id, 'collection.respond', expected);
    const s = found.submission;
    assertCampaignOpen(found.campaign);
    assertEditable(s);
    const display = (
      await loadDisplayOptions(tx, found.definition, [
        {
          submissionId: s.id,
          respondentKind: s.respondentKind,
          providerId: s.providerId,
          serviceId: s.serviceId,
        },
      ])
    ).get(s.id)!;
    const read = normalizeValues(found.definition, body.values, toValueOptions(display));
    if (read.issues.length)
      throw new InvalidError(
        `${read.issues.length} value${read.issues.length === 1 ? '' : 's'} cannot be stored.`,
        read.issues.map((i) => ({
          in: 'body',
          pointer: i.pointer,
          detail: issueDetail(i, 'en'),
        })),
      );
    const { set, cleared, clearedTables } = flattenValues(found.definition, read.values);
    const current = (await loadFlatValues(tx, [s.id])).get(s.id) ?? [];
    const diff = diffValues(current, set, cleared, clearedTables);
    await writeValueChanges(tx, { principal, channel: 'web' }, [
      { submissionId: s.id, current, upserts: diff.upserts, deletes: diff.deletes },
    ]);
    return toSubmission(tx, notFoundUnless(await findFull(tx, id, undefined)));
  });
}

/** The permission each workflow step needs (what lockFor checks the scope of). */
const PERMISSION_OF: Record<SubmissionAction, Action> = {
  submit: 'collection.respond',
  return: 'collection.review',
  approve: 'collection.review',
  reopen: 'collection.review',
};

/** Field comments must name a field of the form (a table's column as `table.column`). */
function checkFieldComments(
  definition: FormDefinition,
  comments: readonly FieldComment[],
): FieldError[] {
  const tables = new Set<string>();
  const known = new Set<string>();
  for (const field of definition.sections.flatMap((s) => s.fields)) {
    known.add(field.code);
    if (field.type !== 'table') continue;
    tables.add(field.code);
    for (const column of field.columns ?? []) known.add(`${field.code}.${column.code}`);
  }
  return comments.flatMap((c, i): FieldError[] => {
    if (!known.has(c.field))
      return [
        {
          in: 'body',
          pointer: `/fieldComments/${i}/field`,
          detail: `the form has no field ${c.field}`,
        },
      ];
    if (c.row && !tables.has(c.field.split('.')[0]!))
      return [
        {
          in: 'body',
          pointer: `/fieldComments/${i}/row`,
          detail: `${c.field} is not a table: a comment on it has no row`,
        },
      ];
    return [];
  });
}

/** A workflow step from the web (If-Match): submit, return (with comments), approve, reopen. */
export async function actOnSubmission(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  action: SubmissionAction,
  expected: ExpectedVersion,
  body: ReturnSubmissionBody & { reason?: string } = {},
): Promise<Submission> {
  return db.transaction(async (tx) => {
    const found = await lockFor(tx, principal, id, PERMISSION_OF[action], expected);
    const s = found.submission;
    const fieldComments = body.fieldComments ?? [];
    if (action === 'return') {
      const errors = checkFieldComments(found.definition, fieldComments);
      if (errors.length) throw new InvalidError('A comment names no field of the form.', errors);
      if (!body.comment?.trim() && !fieldComments.length)
        throw new InvalidError('Say what to correct: a comment or a comment on a field.', [
          { in: 'body', pointer: '/comment', detail: 'is required when no field is commented' },
        ]);
    }
    let check;
    if (action === 'submit') {
      const respondent = {
        submissionId: s.id,
        respondentKind: s.respondentKind,
        providerId: s.providerId,
        serviceId: s.serviceId,
      };
      const display = (await loadDisplayOptions(tx, found.definition, [respondent])).get(s.id)!;
      const values = (await loadFlatValues(tx, [s.id])).get(s.id) ?? [];
      check = { definition: found.definition, values, options: toValueOptions(display) };
    }
    await transition(tx, principal, s, action, {
      channel: 'web',
      campaign: found.campaign,
      note: action === 'reopen' ? (body.reason ?? null) : (body.comment ?? null),
      fieldComments,
      ...(check ? { check } : {}),
    });
    return toSubmission(tx, notFoundUnless(await findFull(tx, id, undefined)));
  });
}

/** Every change of the submission's values, newest first (each write's changes unrolled). */
export async function listValueChanges(
  db: Db,
  principal: AuthPrincipal,
  id: string,
  query: { limit?: number; offset?: number },
): Promise<List<ValueChange>> {
  await findVisible(db, principal, id);
  const { limit, offset } = page(query);
  const rows = await queryRows<{
    field: string;
    row: string;
    oldValue: unknown;
    newValue: unknown;
    principalName: string | null;
    principalKind: 'user' | 'client' | null;
    channel: ValueChange['channel'];
    at: string;
    total: number;
  }>(
    db,
    sql`select c.value ->> 'field' as field, c.value ->> 'row' as row,
          c.value -> 'old' as "oldValue", c.value -> 'new' as "newValue",
          h.principal_name as "principalName", h.principal_kind as "principalKind", h.channel,
          to_char(h.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
          cast(count(*) over () as integer) as total
        from submission_value_history h
        cross join lateral jsonb_array_elements(h.changes) with ordinality as c(value, n)
        where h.submission_id = ${id}
        order by h.id desc, c.n desc
        limit ${limit} offset ${offset}`,
  );
  return {
    items: rows.map(({ total: _total, row, oldValue, newValue, ...change }) => ({
      ...change,
      row: row || null,
      // A JSON null comes back as SQL null from some drivers and as null JSON from others.
      oldValue: oldValue ?? null,
      newValue: newValue ?? null,
    })),
    total: rows[0]?.total ?? 0,
  };
}

export { findVisible as findVisibleSubmission };
