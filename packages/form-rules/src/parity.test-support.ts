/**
 * What the parity test runs on both sides: the same fast-check corpus (generated from a seed
 * by the same code, so nothing is lost in transfer) through the whole engine. The results
 * travel as JSON text and must be identical, character for character.
 */
import fc from 'fast-check';
import { parityCaseArb, valueOptions } from './corpus.test-support.ts';
import {
  checkDefinition,
  flattenValues,
  normalizeValues,
  unflattenValues,
  validateValues,
} from './index.ts';

/** JSON that keeps what JSON cannot say (NaN, Infinity, -0), so corpora compare exactly. */
const exact = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
      ? `#${String(Object.is(v, -0) ? '-0' : v)}`
      : v,
  );

export function parityRun(seed: number, runs: number): { corpus: string; verdicts: string[] } {
  const cases = fc.sample(parityCaseArb, { seed, numRuns: runs });
  const verdicts = cases.map(({ definition, input, source }) => {
    const read = normalizeValues(definition, input, valueOptions, { source });
    const flat = flattenValues(definition, read.values, valueOptions);
    return exact({
      problems: checkDefinition(definition),
      read,
      issues: validateValues(definition, read.values, valueOptions),
      flat,
      back: unflattenValues(definition, flat.set, valueOptions),
    });
  });
  return { corpus: exact(cases), verdicts };
}
