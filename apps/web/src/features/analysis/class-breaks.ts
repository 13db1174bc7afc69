/**
 * Classes of a choropleth map: k classes by quantiles (each class holds about as many ORPs) or
 * by equal intervals (each class spans the same range of values). The legend lists every
 * class's range, so a colour always has its numbers beside it.
 */
export const CLASS_METHODS = ['quantile', 'equal'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];

/** Sequential, colour-blind safe (ColorBrewer YlGnBu, 5 classes): light = low, dark = high. */
export const CLASS_COLORS = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
/** ORPs without a value: a light grey, hatched in the map's CSS. */
export const NO_DATA_COLOR = '#e0e0e0';

export interface ClassRange {
  /** Inclusive lower and upper bound of the class. */
  from: number;
  to: number;
  color: string;
  /** How many values fall into the class. */
  count: number;
}

export interface Classification {
  ranges: ClassRange[];
  /** The class of a value (index into `ranges`), null for no value. */
  classOf: (value: number | null) => number | null;
}

/** The value at quantile q (0..1) of ascending `sorted`, interpolated between neighbours. */
function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? 0;
  const b = sorted[high] ?? a;
  return a + (b - a) * (position - low);
}

/**
 * Upper bounds of the classes but the last (ascending, without repeats). Ties collapse classes:
 * ten ORPs with the same value make one class, not five empty ones.
 */
export function classBreaks(values: number[], classes: number, method: ClassMethod): number[] {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const min = sorted[0] ?? 0;
  const max = sorted.at(-1) ?? 0;
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const edge =
      method === 'quantile' ? quantile(sorted, i / classes) : min + ((max - min) * i) / classes;
    if (edge < max && (breaks.length === 0 || edge > (breaks.at(-1) ?? -Infinity)))
      breaks.push(edge);
  }
  return breaks;
}

/** Classes of `values` (nulls are "no data") with their ranges, colours and counts. */
export function classify(
  values: (number | null)[],
  method: ClassMethod,
  classes: number = CLASS_COLORS.length,
): Classification {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  // No more classes than distinct values: four ORPs never get an empty fifth class.
  const breaks = classBreaks(present, Math.min(classes, new Set(present).size), method);
  const classOf = (value: number | null): number | null => {
    if (value === null || !Number.isFinite(value) || present.length === 0) return null;
    const index = breaks.findIndex((edge) => value <= edge);
    return index === -1 ? breaks.length : index;
  };
  const min = Math.min(...present);
  const max = Math.max(...present);
  // Spread the used classes over the whole palette so two classes are never neighbours in colour.
  const used = breaks.length + 1;
  const colorOf = (i: number) =>
    CLASS_COLORS[used === 1 ? 0 : Math.round((i * (CLASS_COLORS.length - 1)) / (used - 1))] ??
    CLASS_COLORS[0];
  const ranges: ClassRange[] =
    present.length === 0
      ? []
      : Array.from({ length: used }, (_, i) => ({
          from: i === 0 ? min : (breaks[i - 1] ?? min),
          to: i === breaks.length ? max : (breaks[i] ?? max),
          color: colorOf(i),
          count: 0,
        }));
  for (const value of present) {
    const range = ranges[classOf(value) ?? 0];
    if (range) range.count++;
  }
  return { ranges, classOf };
}
