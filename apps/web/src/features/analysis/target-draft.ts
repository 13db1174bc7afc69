/**
 * A target per 1,000 inhabitants as typed ("2,5", "0.125"): a number ≥ 0 with at most three
 * decimals (the API's precision); undefined when the text is not one.
 */
export function parsePerThousand(text: string): number | undefined {
  const plain = text.trim().replace(',', '.');
  return /^\d{1,7}(\.\d{1,3})?$/.test(plain) ? Number(plain) : undefined;
}
