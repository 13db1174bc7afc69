import type { ServiceForm } from '@socplan/contracts';
import { ConflictError } from '../../lib/errors.ts';
import { pgErrorCode } from '../territory/territory.service.ts';

/** JSON with object keys sorted: jsonb hands keys back in its own order, so compare this way. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value ?? null;
}

/** Whether two JSON-like values are equal regardless of key order (undefined counts as null). */
export const sameValue = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** The fields of `input` that were given (not undefined), for a partial update. */
export function givenFields<T extends object, K extends keyof T>(
  input: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  const values: Partial<Pick<T, K>> = {};
  for (const key of keys) if (input[key] !== undefined) values[key] = input[key];
  return values;
}

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** Forms in code order with capacities in unit order, as services store them (equal content compares equal). */
export const normalizeForms = (forms: readonly ServiceForm[]): ServiceForm[] =>
  [...forms]
    .map((f) => ({ form: f.form, capacities: [...f.capacities].sort(byKey((c) => c.unit)) }))
    .sort(byKey((f) => f.form));

/** Codes and unit ids as services store them: each once, sorted. */
export const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();

/** FTE as the numeric(8,2) column's text, rounded to hundredths (12.345 → "12.35"). */
export const fteText = (value: number): string => (Math.round(value * 100) / 100).toFixed(2);

/** Runs a delete; a row other records still refer to (foreign key) becomes a 409 with `message`. */
export async function deleteOrConflict(
  remove: () => Promise<void>,
  message: string,
): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (pgErrorCode(error) === '23503') throw new ConflictError(message);
    throw error;
  }
}

/**
 * Deletes a record unless something still refers to it: `blockers` (what the caller counted;
 * empty strings are none) make a 409 naming each; a reference nobody counted (a foreign key)
 * still makes a 409 instead of a 500.
 */
export async function deleteUnlessReferenced(
  subject: string,
  blockers: string[],
  remove: () => Promise<void>,
): Promise<void> {
  const reasons = blockers.filter(Boolean);
  if (reasons.length)
    throw new ConflictError(`${subject} cannot be deleted: ${reasons.join('; ')}.`);
  await deleteOrConflict(remove, `${subject} cannot be deleted: other records refer to it.`);
}
