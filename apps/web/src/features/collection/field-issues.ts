import type { SubmissionComment, ValidationIssue } from '@socplan/contracts';
import type { Issue } from '@socplan/form-rules';

/**
 * Issues and reviewers' comments mapped to the fields they are about. Both come as JSON
 * pointers (`/values/<field>` or `/values/<table>/<row>/<column>`) or field/row codes; the form
 * looks them up by the value key (`field` or `table/row/column`, see valueKey).
 */

export interface ShownIssue {
  key: string;
  field: string;
  severity: 'error' | 'warning';
  message: string;
  rule?: string;
  /** The engine's kind (absent on the server's verdict). */
  kind?: Issue['kind'];
}

/** Kinds of issue meaning the value could not be read: such a value is not sent to the API. */
const UNREADABLE: readonly Issue['kind'][] = ['type', 'decimals', 'length', 'choice', 'unknown'];
/** The fields holding a value that cannot be read (the API would refuse the whole save). */
export const unreadableFields = (issues: readonly ShownIssue[]): Set<string> =>
  new Set(issues.filter((i) => i.kind && UNREADABLE.includes(i.kind)).map((i) => i.field));

const unescape = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');

/** `/values/clients/seniors/count` → `clients/seniors/count`; `null` when not about a value. */
export function keyOfPointer(pointer: string): string | null {
  const parts = pointer.split('/').slice(1).map(unescape);
  if (parts[0] !== 'values' || parts.length < 2) return null;
  return parts.slice(1).join('/');
}

/** The rule engine's issues in the UI's language. */
export const fromEngine = (issues: readonly Issue[], locale: string): ShownIssue[] =>
  issues.map((issue) => ({
    key: keyOfPointer(issue.pointer) ?? issue.field,
    field: issue.field,
    severity: issue.severity,
    message: locale === 'en' ? issue.message.en : issue.message.cs,
    rule: issue.rule,
    kind: issue.kind,
  }));

/** The server's verdict: a submission's `issues` or a refused submit's problem `errors`. */
export const fromServer = (
  issues: readonly (Pick<ValidationIssue, 'pointer' | 'detail'> & Partial<ValidationIssue>)[],
): ShownIssue[] =>
  issues.map((issue) => {
    const key = keyOfPointer(issue.pointer) ?? issue.field ?? '';
    return {
      key,
      field: issue.field ?? key.split('/')[0]!,
      severity: issue.severity ?? 'error',
      message: issue.detail,
      rule: issue.rule,
    };
  });

/** Issues by value key; a table's own issues (and its rows') are also under the table's code. */
export function issuesByKey(issues: readonly ShownIssue[]): Map<string, ShownIssue[]> {
  const map = new Map<string, ShownIssue[]>();
  for (const issue of issues) {
    const list = map.get(issue.key);
    if (list) list.push(issue);
    else map.set(issue.key, [issue]);
  }
  return map;
}

export const countIssues = (issues: readonly ShownIssue[]) => ({
  errors: issues.filter((i) => i.severity === 'error').length,
  warnings: issues.filter((i) => i.severity === 'warning').length,
});

/**
 * The value key a comment is about: a field, a table's row (`table` + row) or a cell (the API's
 * `table.column` + row → `table/row/column`).
 */
export function commentKey(field: string, row: string | null): string {
  const [table, column] = field.split('.');
  if (!row) return table!;
  return column ? `${table}/${row}/${column}` : `${table}/${row}`;
}

/**
 * The open comments: those of the newest return (older returns' comments were answered by the
 * resubmission). Field comments by key (see commentKey); the general ones apart.
 */
export function openComments(comments: readonly SubmissionComment[]): {
  general: SubmissionComment[];
  byKey: Map<string, SubmissionComment[]>;
} {
  const newest = Math.max(-1, ...comments.map((c) => c.eventId ?? -1));
  const open = comments.filter((c) => (c.eventId ?? -1) === newest);
  const byKey = new Map<string, SubmissionComment[]>();
  const general: SubmissionComment[] = [];
  for (const comment of open) {
    if (!comment.field) {
      general.push(comment);
      continue;
    }
    const key = commentKey(comment.field, comment.row);
    byKey.set(key, [...(byKey.get(key) ?? []), comment]);
  }
  return { general, byKey };
}
