/**
 * Sums of money strings from the API ("612345.00") in whole haléř (BigInt), so a column total
 * is exact; the API sends the roll-ups, the grid only adds a row or a column it shows.
 */
const MONEY = /^(-?)(\d+)\.(\d{2})$/;

const toHaler = (amount: string): bigint => {
  const match = MONEY.exec(amount);
  if (!match) return 0n;
  const value = BigInt(`${match[2]}${match[3]}`);
  return match[1] ? -value : value;
};

function fromHaler(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

export const sumMoney = (amounts: readonly string[]): string =>
  fromHaler(amounts.reduce((sum, amount) => sum + toHaler(amount), 0n));

/** More than zero: a gap worth showing. */
export const isPositiveMoney = (amount: string): boolean => toHaler(amount) > 0n;
