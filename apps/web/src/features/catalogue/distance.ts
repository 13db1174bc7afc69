/**
 * Distances as a visitor reads them: metres under a kilometre (rounded to tens), one decimal
 * under ten kilometres, whole kilometres beyond. Locale-aware ("1,2 km" in Czech).
 */
export function formatDistance(km: number, locale: string): string {
  if (!Number.isFinite(km) || km < 0) return '';
  if (km < 1) {
    const metres = Math.max(10, Math.round((km * 1000) / 10) * 10);
    return `${new Intl.NumberFormat(locale).format(metres)} m`;
  }
  const digits = km < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${number.format(km)} km`;
}

/** Coordinates in a shareable URL: five decimals (about a metre) are plenty. */
export const roundCoordinate = (value: number): string => String(Math.round(value * 1e5) / 1e5);
