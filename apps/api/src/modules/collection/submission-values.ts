/**
 * The values of submissions: loading them, diffing new input against them, and writing the
 * changes with their history. Shared by the SPA's autosave and the push API (which writes
 * thousands of submissions per request), so every write is set-based: one statement per kind
 * of change for all submissions at once, with the rows passed as array parameters to `unnest`
 * (no per-row statements, and no 65,535-parameter limit of node-postgres).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PushValueCounts, ValueChannel } from '@socplan/contracts';
import { sameValue, type FlatKey, type FlatValue, type Scalar } from '@socplan/form-rules';
import type { Db } from '../../db/client.ts';
import { submissionValues, type ValueChangeItem } from '../../db/schema/index.ts';
import type { AuthPrincipal } from '../auth/principal.ts';

export type { FlatKey, FlatValue };

/** A stored value, and whether it is still the prefilled one. */
export interface StoredValue extends FlatValue {
  prefilled: boolean;
}

/** One array parameter (Drizzle would expand a bare JS array into a list of parameters). */
export const arrayParam = (values: readonly unknown[], type: 'uuid' | 'text' | 'int'): SQL =>
  sql`${sql.param(values)}::${sql.raw(type)}[]`;

/** A value as stored in the jsonb column (its JSON text, cast in SQL). */
export const toStorage = (value: Scalar): string => JSON.stringify(value);
/** A jsonb value as read back (the drivers parse jsonb). */
export const fromStorage = (value: unknown): Scalar => value as Scalar;

const keyOf = (k: FlatKey) => `${k.field}\u0000${k.row}`;

/** The current values of submissions, in one query (a submission without values maps to []). */
export async function loadFlatValues(
  db: Db,
  submissionIds: readonly string[],
): Promise<Map<string, StoredValue[]>> {
  const bySubmission = new Map<string, StoredValue[]>(submissionIds.map((id) => [id, []]));
  if (!submissionIds.length) return bySubmission;
  const rows = await db
    .select({
      submissionId: submissionValues.submissionId,
      field: submissionValues.field,
      row: submissionValues.row,
      value: submissionValues.value,
      prefilled: submissionValues.prefilled,
    })
    .from(submissionValues)
    .where(sql`${submissionValues.submissionId} = any(${arrayParam(submissionIds, 'uuid')})`)
    .orderBy(submissionValues.submissionId, submissionValues.field, submissionValues.row);
  for (const { submissionId, value, ...rest } of rows)
    bySubmission.get(submissionId)?.push({ ...rest, value: fromStorage(value) });
  return bySubmission;
}

/**
 * What writing `set` and clearing `cleared` changes in `current`: values equal to the stored
 * ones are not rewritten (no history, no version bump), clearing a value that is not there is a
 * no-op. Both count as `unchanged`. A key given twice counts once, the last one wins. A table
 * in `clearedTables` (sent as null) loses every stored cell, whatever its rows are.
 */
export function diffValues(
  current: readonly FlatValue[],
  set: readonly FlatValue[],
  cleared: readonly FlatKey[],
  clearedTables: readonly string[] = [],
): { upserts: FlatValue[]; deletes: FlatKey[]; counts: PushValueCounts } {
  const stored = new Map(current.map((v) => [keyOf(v), v]));
  const wanted = new Map<string, FlatValue | FlatKey>();
  const tablePrefixes = clearedTables.map((table) => `${table}.`);
  for (const v of current)
    if (tablePrefixes.some((prefix) => v.field.startsWith(prefix)))
      wanted.set(keyOf(v), { field: v.field, row: v.row });
  for (const k of cleared) wanted.set(keyOf(k), { field: k.field, row: k.row });
  for (const v of set) wanted.set(keyOf(v), v);
  const counts: PushValueCounts = { inserted: 0, updated: 0, cleared: 0, unchanged: 0 };
  const upserts: FlatValue[] = [];
  const deletes: FlatKey[] = [];
  for (const [key, w] of wanted) {
    const old = stored.get(key);
    if ('value' in w) {
      if (old && sameValue(old.value, w.value)) counts.unchanged++;
      else {
        upserts.push({ field: w.field, row: w.row, value: w.value });
        if (old) counts.updated++;
        else counts.inserted++;
      }
    } else if (old) {
      deletes.push(w);
      counts.cleared++;
    } else counts.unchanged++;
  }
  return { upserts, deletes, counts };
}

export interface ValueChanges {
  submissionId: string;
  /** The stored values the changes were computed from (the old values of the history). */
  current: readonly FlatValue[];
  upserts: readonly FlatValue[];
  deletes: readonly FlatKey[];
}

/**
 * Writes computed changes inside the caller's transaction, which must hold the submissions'
 * row locks (lockSubmissions) since it loaded `current`, so that the history's old values are
 * the ones replaced. At most four statements for any number of submissions: upsert, delete,
 * one history row per submission (its changes as one JSON array), and the submissions' value
 * count and version. Submissions without changes are left alone.
 */
export async function writeValueChanges(
  tx: Db,
  who: { principal: AuthPrincipal; channel: ValueChannel },
  changes: readonly ValueChanges[],
): Promise<void> {
  const up = {
    ids: [] as string[],
    fields: [] as string[],
    rows: [] as string[],
    values: [] as string[],
  };
  const del = { ids: [] as string[], fields: [] as string[], rows: [] as string[] };
  const hist = { ids: [] as string[], changes: [] as string[] };
  for (const change of changes) {
    if (!change.upserts.length && !change.deletes.length) continue;
    const old = new Map(change.current.map((v) => [keyOf(v), v.value]));
    const items: ValueChangeItem[] = [];
    for (const v of change.upserts) {
      up.ids.push(change.submissionId);
      up.fields.push(v.field);
      up.rows.push(v.row);
      up.values.push(toStorage(v.value));
      items.push({ field: v.field, row: v.row, old: old.get(keyOf(v)) ?? null, new: v.value });
    }
    for (const k of change.deletes) {
      del.ids.push(change.submissionId);
      del.fields.push(k.field);
      del.rows.push(k.row);
      items.push({ field: k.field, row: k.row, old: old.get(keyOf(k)) ?? null, new: null });
    }
    hist.ids.push(change.submissionId);
    hist.changes.push(JSON.stringify(items));
  }
  if (!hist.ids.length) return;
  if (up.ids.length)
    await tx.execute(sql`
      insert into submission_values (submission_id, field, row, value, prefilled, updated_at)
      select s, f, r, v::jsonb, false, now()
      from unnest(${arrayParam(up.ids, 'uuid')}, ${arrayParam(up.fields, 'text')},
                  ${arrayParam(up.rows, 'text')}, ${arrayParam(up.values, 'text')}) as t(s, f, r, v)
      on conflict (submission_id, field, row)
      do update set value = excluded.value, prefilled = false, updated_at = now()`);
  if (del.ids.length)
    await tx.execute(sql`
      delete from submission_values sv
      using unnest(${arrayParam(del.ids, 'uuid')}, ${arrayParam(del.fields, 'text')},
                   ${arrayParam(del.rows, 'text')}) as d(s, f, r)
      where sv.submission_id = d.s and sv.field = d.f and sv.row = d.r`);
  const { principal, channel } = who;
  await tx.execute(sql`
    insert into submission_value_history
      (submission_id, changes, principal_id, principal_kind, principal_name, channel)
    select s, c::jsonb, ${principal.id}::uuid, ${principal.kind}, ${principal.name}, ${channel}
    from unnest(${arrayParam(hist.ids, 'uuid')}, ${arrayParam(hist.changes, 'text')}) as h(s, c)`);
  // Recounted rather than adjusted: the count stays right whatever was stored before.
  await tx.execute(sql`
    update submissions s
    set value_count = (select count(*) from submission_values v where v.submission_id = s.id),
        updated_at = now(), version = s.version + 1
    where s.id = any(${arrayParam(hist.ids, 'uuid')})`);
}
