import { cellNumber, columnIndex, type TableModel } from './table-model.ts';

/** Distinguishable for colour-blind readers (Okabe–Ito); bars also differ by their legend. */
export const SERIES_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];

export interface ChartSpec {
  /** The column whose cells label the bars. */
  labelKey: string;
  /** The columns drawn as series (their labels name the series). */
  seriesKeys: string[];
  stacked?: boolean;
}

export interface BarChartData {
  labels: string[];
  datasets: { label: string; data: (number | null)[]; backgroundColor: string }[];
}

/** The chart's data from the table it is drawn from (the same rows, the same numbers). */
export function chartFromTable(table: TableModel, spec: ChartSpec): BarChartData {
  const labelAt = columnIndex(table, spec.labelKey);
  return {
    labels: table.rows.map((row) => String(row[labelAt] ?? '')),
    datasets: spec.seriesKeys.map((key, i) => {
      const at = columnIndex(table, key);
      return {
        label: table.columns[at]?.label ?? key,
        data: table.rows.map((row) => cellNumber(row[at] ?? null)),
        backgroundColor: SERIES_COLORS[i % SERIES_COLORS.length] ?? '#0072b2',
      };
    }),
  };
}
