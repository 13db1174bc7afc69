/** Pure helpers of the plan's documents panel: file names, sizes, link addresses, saving. */

/**
 * The file name from a Content-Disposition header: the UTF-8 `filename*` (RFC 8187) when there is
 * one, else the plain `filename`; `fallback` when the header names none.
 */
export function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;\s]+)/i.exec(header);
  if (extended?.[2] && /^utf-8$/i.test(extended[1] ?? '')) {
    try {
      return decodeURIComponent(extended[2]);
    } catch {
      // A malformed escape: the plain name below still serves.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  return name?.trim() ? name : fallback;
}

const UNITS = ['kilobyte', 'megabyte', 'gigabyte'] as const;

/** A file size for people: "820 B", "1,5 kB", "12 MB" (decimal units, one decimal below 10). */
export function formatSize(bytes: number, locale: string): string {
  // Intl spells bytes out ("820 byte"); B reads the same in Czech and English.
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}

/** Whether the API takes `url` as a link: an http or https address without spaces. */
export const isWebUrl = (url: string): boolean => /^https?:\/\/\S+$/i.test(url.trim());
