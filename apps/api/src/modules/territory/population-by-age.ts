import { and, eq, inArray, sql } from 'drizzle-orm';
import { CsvError, parse } from 'csv-parse/sync';
import type { PopulationByAge, PopulationByAgeImportReport, UnitKind } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { populationByAge, territorialUnits } from '../../db/schema/index.ts';
import { InvalidError, type FieldError } from '../../lib/errors.ts';
import { today } from '../../lib/validity.ts';
import { recordAudit, type AuditEvent } from '../audit/audit.service.ts';
import { notFoundUnless } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { codelistsOn } from '../codelists/codelists.service.ts';
import { chunks } from './import-common.ts';
import { UNIT_ENTITY, visibleUnitsCondition } from './territory.service.ts';

/**
 * Population by age group (decision 0602): municipalities' figures loaded from a CSV
 * `code;ageGroup;population` (or comma-separated) for many municipalities at once, all or
 * nothing; read per unit, an ORP's, a region's or a planning area's summed over its
 * municipalities. The capacity analysis divides by these where a target's base is an age group.
 */

const p = populationByAge;
const t = territorialUnits;

/** The columns, and the header names each is recognised by (lower case, no diacritics or spaces). */
const COLUMNS = {
  code: ['code', 'kod', 'kodobce', 'municipality', 'obec'],
  ageGroup: ['agegroup', 'vekovaskupina', 'skupina'],
  population: ['population', 'pocet', 'pocetobyvatel', 'obyvatel'],
} as const;
type Column = keyof typeof COLUMNS;

/** More rows than any country has municipalities × age groups (6,258 × 10). */
export const MAX_POPULATION_ROWS = 100_000;
/** A unit code as the API takes it (ČSÚ municipality codes are six digits). */
const UNIT_CODE = /^[0-9A-Za-z._-]{1,20}$/;
const MAX_INT = 2_147_483_647;
/** Errors listed in one problem (the detail still counts them all). */
const MAX_LISTED_ERRORS = 200;

export interface PopulationRow {
  /** Line in the file (the header is line 1). */
  line: number;
  code: string;
  ageGroup: string;
  population: number;
}

const headerKey = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const fileError = (detail: string) =>
  new InvalidError(detail, [{ in: 'body', pointer: '', detail }]);

/** The pointer of a field of a line: `/lines/3/population`. */
const lineError = (line: number, field: Column, detail: string): FieldError => ({
  in: 'body',
  pointer: `/lines/${line}/${field}`,
  detail,
});

function rejectAll(errors: FieldError[]): never {
  const lines = new Set(errors.map((e) => e.pointer.split('/')[2])).size;
  const first = errors[0]!;
  const where = first.pointer.split('/');
  throw new InvalidError(
    `${errors.length} error(s) on ${lines} line(s) of the file; nothing was imported. ` +
      `First: line ${where[2]}, ${where[3]}: ${first.detail}.`,
    errors.slice(0, MAX_LISTED_ERRORS),
  );
}

/**
 * Reads the CSV as Czech or English Excel writes it: UTF-8 (BOM or not; a file that is not
 * UTF-8 is read as Windows-1250), `;` or `,` between fields, a header line naming the columns
 * in any order, thousands separated by spaces. Throws a 400 naming every bad line and field.
 */
export function parsePopulationCsv(content: Buffer | string): PopulationRow[] {
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      text = new TextDecoder('windows-1250').decode(content);
    }
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw fileError(`The CSV cannot be read: ${error.message}`);
    throw error;
  }
  const [header, ...data] = records;
  const keys = (header?.record ?? []).map(headerKey);
  const index = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    index[column] = keys.findIndex((k) => names.includes(k));
    if (index[column] < 0) missing.push(column);
  }
  if (missing.length)
    throw fileError(
      `The CSV needs a header line with the columns code, ageGroup and population; missing: ${missing.join(', ')}.`,
    );
  if (data.length === 0) throw fileError('The CSV has no rows below its header.');
  if (data.length > MAX_POPULATION_ROWS)
    throw fileError(`The CSV has ${data.length} rows; at most ${MAX_POPULATION_ROWS} are read.`);

  const errors: FieldError[] = [];
  const rows: PopulationRow[] = [];
  const lineOf = new Map<string, number>();
  for (const { record, info } of data) {
    const line = info.lines;
    const at = (column: Column) => (record[index[column]] ?? '').trim();
    const code = at('code');
    const ageGroup = at('ageGroup');
    const populationText = at('population').replace(/[\s\u00a0\u202f]/g, '');
    const before = errors.length;
    if (!code) errors.push(lineError(line, 'code', 'the municipality code is missing'));
    else if (!UNIT_CODE.test(code))
      errors.push(lineError(line, 'code', `"${code}" is not a municipality code`));
    if (!ageGroup) errors.push(lineError(line, 'ageGroup', 'the age group is missing'));
    if (!populationText) errors.push(lineError(line, 'population', 'the population is missing'));
    else if (!/^\d+$/.test(populationText))
      errors.push(
        lineError(line, 'population', `"${at('population')}" is not a whole number of 0 or more`),
      );
    else if (Number(populationText) > MAX_INT)
      errors.push(lineError(line, 'population', 'the population is too large'));
    if (errors.length > before) continue;
    const key = `${code}|${ageGroup}`;
    const earlier = lineOf.get(key);
    if (earlier !== undefined) {
      errors.push(
        lineError(
          line,
          'ageGroup',
          `municipality ${code} already has age group ${ageGroup} on line ${earlier}`,
        ),
      );
      continue;
    }
    lineOf.set(key, line);
    rows.push({ line, code, ageGroup, population: Number(populationText) });
  }
  if (errors.length) rejectAll(errors);
  return rows;
}

/** A real calendar date written YYYY-MM-DD. */
function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

type Snapshot = Record<string, number>;

/**
 * Loads the figures of a CSV: each (municipality, age group) of the file is set to its
 * population on `populationDate`; figures the file does not mention stay as they are. All or
 * nothing: a bad value, an unknown municipality code or an age group the codelist does not
 * know today rejects the whole file with a 400 naming each line and field. Authorization is
 * the caller's (the route: whoever may write territory; the demo seed: the operator).
 */
export async function importPopulationByAge(
  db: Db,
  principal: AuthPrincipal | null,
  content: Buffer | string,
  populationDate: string,
): Promise<PopulationByAgeImportReport> {
  if (!isDate(populationDate))
    throw new InvalidError(`The population date "${populationDate}" is not a date (YYYY-MM-DD).`, [
      { in: 'query', pointer: '/populationDate', detail: 'must be a date YYYY-MM-DD' },
    ]);
  const rows = parsePopulationCsv(content);
  const codes = [...new Set(rows.map((r) => r.code))];
  const ageGroups = (await codelistsOn(db, ['age_group'], today())).get('age_group')!;

  return db.transaction(async (tx) => {
    const units = new Map<string, { id: string; name: string }>();
    for (const slice of chunks(codes, 5000))
      for (const u of await tx
        .select({ id: t.id, code: t.code, name: t.name })
        .from(t)
        .where(and(eq(t.kind, 'municipality'), inArray(t.code, slice))))
        units.set(u.code, { id: u.id, name: u.name });
    const errors: FieldError[] = [];
    for (const r of rows) {
      if (!units.has(r.code))
        errors.push(lineError(r.line, 'code', `no municipality has the code ${r.code}`));
      if (!ageGroups.has(r.ageGroup))
        errors.push(
          lineError(
            r.line,
            'ageGroup',
            `"${r.ageGroup}" is not an age group (codelist age_group: ${[...ageGroups.keys()].join(', ')})`,
          ),
        );
    }
    if (errors.length) rejectAll(errors);

    const ids = [...new Set(rows.map((r) => units.get(r.code)!.id))];
    const stored = new Map<string, { population: number; populationDate: string }>();
    const before = new Map<string, Snapshot>();
    for (const slice of chunks(ids, 5000))
      for (const s of await tx
        .select()
        .from(p)
        .where(inArray(p.unitId, slice))
        .orderBy(p.unitId, p.ageGroup)
        .for('update')) {
        stored.set(`${s.unitId}|${s.ageGroup}`, s);
        before.set(s.unitId, { ...before.get(s.unitId), [s.ageGroup]: s.population });
      }

    const report: PopulationByAgeImportReport = {
      populationDate,
      municipalities: ids.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      rows: [],
    };
    const writes: (typeof p.$inferInsert)[] = [];
    const changed = new Set<string>();
    for (const r of rows) {
      const unit = units.get(r.code)!;
      const old = stored.get(`${unit.id}|${r.ageGroup}`);
      const status = !old
        ? 'created'
        : old.population === r.population && old.populationDate === populationDate
          ? 'unchanged'
          : 'updated';
      report[status]++;
      report.rows.push({ ...r, unitId: unit.id, name: unit.name, status });
      if (status === 'unchanged') continue;
      changed.add(unit.id);
      writes.push({
        unitId: unit.id,
        ageGroup: r.ageGroup,
        population: r.population,
        populationDate,
      });
    }
    for (const slice of chunks(writes, 1000))
      await tx
        .insert(p)
        .values(slice)
        .onConflictDoUpdate({
          target: [p.unitId, p.ageGroup],
          set: {
            population: sql`excluded.population`,
            populationDate: sql`excluded.population_date`,
            updatedAt: sql`now()`,
          },
        });

    // An audit row per municipality whose breakdown changed, and one for the import.
    const events: AuditEvent[] = [];
    for (const id of changed) {
      const after: Snapshot = { ...before.get(id) };
      for (const w of writes) if (w.unitId === id) after[w.ageGroup] = w.population;
      events.push({
        action: 'update',
        entityType: UNIT_ENTITY,
        entityId: id,
        before: { populationByAge: before.get(id) ?? {} },
        after: { populationByAge: after, populationByAgeDate: populationDate },
      });
    }
    events.push({
      action: 'import',
      entityType: UNIT_ENTITY,
      after: {
        source: 'population_by_age',
        populationDate,
        rows: rows.length,
        municipalities: ids.length,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
      },
    });
    for (const slice of chunks(events, 1000)) await recordAudit(tx, principal, slice);
    return report;
  });
}

/** A unit's population by age group, summed over its municipalities (404 outside the scope). */
export async function populationByAgeOf(
  db: Db,
  principal: AuthPrincipal,
  unitId: string,
): Promise<PopulationByAge> {
  const [unit] = await db
    .select({ id: t.id, kind: t.kind, code: t.code, name: t.name, population: t.population })
    .from(t)
    .where(and(eq(t.id, unitId), visibleUnitsCondition(principal)));
  const u = notFoundUnless(unit);
  // The municipalities of the unit: itself, an ORP's, a region's (through its ORPs), an area's.
  const municipalities = sql`(select m.id from territorial_units m where m.kind = 'municipality' and (
      m.id = ${unitId}::uuid or m.parent_id = ${unitId}::uuid
      or m.parent_id in (select o.id from territorial_units o where o.parent_id = ${unitId}::uuid)
      or m.id in (select a.municipality_id from planning_area_members a where a.planning_area_id = ${unitId}::uuid)))`;
  const [counted, groups] = await Promise.all([
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${municipalities} x`),
    queryRows<{
      ageGroup: string;
      population: string;
      municipalities: number;
      earliestDate: string;
      latestDate: string;
    }>(
      db,
      sql`select age_group as "ageGroup", sum(population)::bigint::text as population,
        count(*)::int as municipalities, min(population_date)::text as "earliestDate",
        max(population_date)::text as "latestDate"
      from population_by_age where unit_id in ${municipalities}
      group by age_group order by length(age_group), age_group`,
    ),
  ]);
  const n = counted[0]!.n;
  return {
    unitId: u.id,
    kind: u.kind as UnitKind,
    code: u.code,
    name: u.name,
    population: u.population,
    municipalities: n,
    groups: groups.map((g) => ({
      ageGroup: g.ageGroup,
      population: Number(g.population),
      municipalities: g.municipalities,
      complete: g.municipalities === n,
      earliestDate: g.earliestDate,
      latestDate: g.latestDate,
    })),
  };
}
