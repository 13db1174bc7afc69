/**
 * A quantity as typed (FTE "2,5", "12.25"): a number ≥ 0 with at most two decimals, a decimal
 * comma or point. '' → null (none); undefined when the text is not such a number.
 */
export function parseQuantity(text: string): number | null | undefined {
  const plain = text.trim().replace(',', '.');
  if (!plain) return null;
  return /^\d{1,6}(\.\d{1,2})?$/.test(plain) ? Number(plain) : undefined;
}

/** A whole count as typed ("40") → 40; undefined unless it is a whole number ≥ 0. */
export const parseCount = (text: string): number | undefined =>
  /^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : undefined;
