import type { FormDefinition, OutlierReason, SubmissionComparison } from '@socplan/contracts';
import type { Choice } from './form-validation.ts';
import { valueLabel } from './form-validation.ts';
import type { FieldLike } from './field-values.ts';

/**
 * The review's comparison table: each compared value with its field's label (a table's cell as
 * "table – row – column"), last period's value, the change, the peers' median and why it is an
 * outlier, in words (never colour alone).
 */

export interface ComparisonRow {
  key: string;
  /** Where a comment on it goes (the API's shape): the field (`table.column` for a cell), row. */
  field: string;
  /** The form's field (the table for a cell). */
  formField: string;
  row: string | null;
  label: string;
  def: FieldLike;
  value: unknown;
  previous: unknown;
  /** Relative change against last period, when both are numbers and last period's is not 0. */
  change: number | null;
  peerMedian: number | null;
  outlier: OutlierReason[];
}

const asNumber = (value: unknown): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return null;
};

export function relativeChange(value: unknown, previous: unknown): number | null {
  const now = asNumber(value);
  const before = asNumber(previous);
  if (now === null || before === null || before === 0) return null;
  return (now - before) / Math.abs(before);
}

/**
 * The comparison's rows in the form's order. A cell comes from the API as field `table.column`
 * with its row code (the stored shape) or as the table's code with the row.
 */
export function comparisonRows(
  comparison: SubmissionComparison,
  definition: FormDefinition,
  rows: Record<string, readonly Choice[]>,
  locale: string,
): ComparisonRow[] {
  const fields = definition.sections.flatMap((s) => s.fields);
  const order = new Map(fields.map((f, i) => [f.code, i]));
  const result: ComparisonRow[] = [];
  for (const item of comparison.fields) {
    const [table, column] = item.field.split('.');
    const field = fields.find((f) => f.code === table);
    if (!field) continue;
    const col = column ? field.columns?.find((c) => c.code === column) : undefined;
    const row = item.row || null;
    const label = valueLabel(definition, rows, item.field, row, locale);
    result.push({
      key: `${item.field}/${row ?? ''}`,
      field: item.field,
      formField: field.code,
      row,
      label,
      def: col ?? field,
      value: item.value,
      previous: item.previous,
      change: relativeChange(item.value, item.previous),
      peerMedian: item.peerMedian,
      outlier: item.outlier,
    });
  }
  return result.sort((a, b) => (order.get(a.formField) ?? 0) - (order.get(b.formField) ?? 0));
}

/** "+12 %" / "−30 %" in the locale. */
export function formatChange(change: number | null, locale: string): string {
  if (change === null) return '';
  const text = new Intl.NumberFormat(locale === 'cs' ? 'cs-CZ' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  }).format(change);
  return text.replace('-', '\u2212');
}

/** i18n keys of an outlier's label and its explanation (tooltip and screen readers). */
export const outlierKeys = (reason: OutlierReason) => ({
  label: `submissions.outlier.${reason}`,
  help: `submissions.outlier.${reason}Help`,
});
