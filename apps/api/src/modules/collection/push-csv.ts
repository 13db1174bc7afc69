import { parse as parseCsv } from 'csv-parse/sync';
import { InvalidError } from '../../lib/errors.ts';
import type { PushItem } from './push.service.ts';

/**
 * The CSV of the bulk push (docs/integrators-data-collection.md): long format, one value per
 * line, header `respondent,field,row,value` (columns in any order; other columns ignored).
 * `field` is a field code or, for a table cell, `table.column` with the row's code in `row`;
 * `row` is empty for a scalar. An empty `value` clears the value. UTF-8 with or without BOM,
 * `,` or `;` (whichever the header line has more of), quotes as in RFC 4180.
 *
 * The lines become the JSON shape of the bulk body, with the cells still text: the push reads
 * them with the form's types (`normalizeValues` with source 'csv': decimal comma, `a|b` for a
 * multiple choice). A line that cannot belong anywhere is reported with its respondent.
 */

export const PUSH_CSV = 'text/csv';
const COLUMNS = ['respondent', 'field', 'row', 'value'] as const;
/** As many as a JSON bulk body may carry. */
const MAX_RESPONDENTS = 5000;
/** 5,000 respondents of a large form; a bigger file is split by the client. */
export const MAX_CSV_LINES = 500_000;
const RESPONDENT = /^[0-9A-Za-z]{1,20}$/;

export interface CsvProblem {
  pointer: string;
  detail: string;
}

export interface CsvSubmission {
  respondent: string;
  values: Record<string, unknown>;
  /** Lines that could not be placed in `values`: the submission is rejected with them. */
  problems: CsvProblem[];
  /** The line of each value, by its pointer (`/values/field`, `/values/table/row/column`). */
  lines: Map<string, number>;
}

const fileError = (detail: string) =>
  new InvalidError(detail, [{ in: 'body', pointer: '', detail }]);

type Row = Record<string, unknown> & { row: string };

/** Reads the file into one entry per respondent, in the order they first appear. */
export function readPushCsv(content: Buffer): CsvSubmission[] {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      to_line: MAX_CSV_LINES + 2,
    });
  } catch (error) {
    throw fileError(`The CSV cannot be read: ${(error as Error).message}`);
  }
  if (records.length > MAX_CSV_LINES + 1)
    throw fileError(`The CSV has more than ${MAX_CSV_LINES} lines: split it into several pushes.`);
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const index = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const missing = COLUMNS.filter((c) => index[c] < 0);
  if (missing.length)
    throw fileError(
      `The header must name the columns ${COLUMNS.join(', ')}; missing: ${missing.join(', ')}.`,
    );

  const byRespondent = new Map<
    string,
    CsvSubmission & { seen: Map<string, number>; rows: Map<string, Map<string, Row>> }
  >();
  const badLines: string[] = [];
  for (let i = 1; i < records.length; i++) {
    const line = i + 1;
    const cell = (c: (typeof COLUMNS)[number]) => (records[i]![index[c]] ?? '').trim();
    const respondent = cell('respondent');
    if (!RESPONDENT.test(respondent)) {
      badLines.push(`line ${line}: respondent must be 1–20 letters or digits`);
      continue;
    }
    let entry = byRespondent.get(respondent);
    if (!entry) {
      if (byRespondent.size >= MAX_RESPONDENTS)
        throw fileError(`The CSV names more than ${MAX_RESPONDENTS} respondents: split it.`);
      entry = {
        respondent,
        values: {},
        problems: [],
        lines: new Map(),
        seen: new Map(),
        rows: new Map(),
      };
      byRespondent.set(respondent, entry);
    }
    const field = cell('field');
    const row = cell('row');
    const raw = records[i]![index.value] ?? '';
    const value = raw.trim() === '' ? null : raw;
    const [table, column, extra] = field.split('.');
    const pointer = column ? `/values/${table}/${row}/${column}` : `/values/${field}`;
    const problem = (detail: string) =>
      entry.problems.push({ pointer, detail: `line ${line}: ${detail}` });
    if (!table || extra !== undefined || column === '') {
      problem('field must be a field code or table.column');
      continue;
    }
    if (column && !row) {
      problem(`a table cell (${field}) needs the row's code in the row column`);
      continue;
    }
    if (!column && row) {
      problem(`${field} is not a table cell: leave row empty (or name a column: ${field}.column)`);
      continue;
    }
    const key = `${field}\u0000${row}`;
    const first = entry.seen.get(key);
    if (first !== undefined) {
      problem(`the same value was already given on line ${first}`);
      continue;
    }
    entry.seen.set(key, line);
    entry.lines.set(pointer, line);
    if (!column) {
      if (entry.rows.has(field)) {
        problem(`${field} is a table: give its cells as ${field}.column with a row`);
        continue;
      }
      entry.values[field] = value;
      continue;
    }
    let rows = entry.rows.get(table);
    if (!rows) {
      if (table in entry.values) {
        problem(`${table} is given both as a value and as a table`);
        continue;
      }
      rows = new Map();
      entry.rows.set(table, rows);
      entry.values[table] = [];
    }
    let target = rows.get(row);
    if (!target) {
      target = { row };
      rows.set(row, target);
      (entry.values[table] as Row[]).push(target);
    }
    target[column] = value;
  }
  if (badLines.length)
    throw new InvalidError(
      `The CSV has lines without a valid respondent: ${badLines.slice(0, 10).join('; ')}` +
        (badLines.length > 10 ? ` (and ${badLines.length - 10} more)` : ''),
      badLines.slice(0, 100).map((detail) => ({ in: 'body', pointer: '', detail })),
    );
  if (!byRespondent.size) throw fileError('The CSV has no values.');
  return [...byRespondent.values()].map(({ respondent, values, problems, lines }) => ({
    respondent,
    values,
    problems,
    lines,
  }));
}

/** The CSV's submissions as push items (every one submitted when `submit`). */
export const csvSubmissions = (content: Buffer, submit: boolean): PushItem[] =>
  readPushCsv(content).map(({ lines, ...s }) => ({
    ...s,
    submit,
    lineOf: (pointer: string) => lines.get(pointer),
  }));
