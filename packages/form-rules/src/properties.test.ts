import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  caseArb,
  csvNumber,
  decimalTextArb,
  definitionArb,
  garbageRulesArb,
  inputArb,
  ROWS,
  valueOptions,
} from './corpus.test-support.ts';
import {
  checkDefinition,
  flattenValues,
  normalizeValues,
  sameValue,
  unflattenValues,
  validateValues,
} from './index.ts';
import type { FormDefinition, TableRow, Values } from './index.ts';

const runs = { numRuns: Number(process.env.FORM_RULES_RUNS ?? 300) };

/** What stored values come back as: no empty values, no empty rows, rows in `rows` order. */
function canonical(values: Values): Values {
  const out: Values = {};
  for (const [code, value] of Object.entries(values)) {
    if (value === null) continue;
    if (!Array.isArray(value) || typeof value[0] === 'string') {
      out[code] = value;
      continue;
    }
    const rows = (value as TableRow[])
      .map((row) => Object.fromEntries(Object.entries(row).filter(([, cell]) => cell !== null)))
      .filter((row) => Object.keys(row).length > 1)
      .sort((a, b) => ROWS.indexOf(a.row as string) - ROWS.indexOf(b.row as string));
    if (rows.length) out[code] = rows as TableRow[];
  }
  return out;
}

describe('properties', () => {
  it('the generated rules pass checkDefinition', () => {
    fc.assert(
      fc.property(definitionArb, (definition) => {
        expect(checkDefinition(definition)).toEqual([]);
      }),
      runs,
    );
  });

  it('normalizeValues is idempotent on its own output, which it reads without issues', () => {
    fc.assert(
      fc.property(caseArb, ({ definition, input, source }) => {
        const first = normalizeValues(definition, input, valueOptions, { source });
        const again = normalizeValues(definition, first.values, valueOptions);
        expect(again.issues).toEqual([]);
        expect(again.values).toEqual(first.values);
      }),
      runs,
    );
  });

  it('unflatten ∘ flatten gives the values back (less empty ones), and equal values are the same', () => {
    fc.assert(
      fc.property(caseArb, ({ definition, input, source }) => {
        const { values } = normalizeValues(definition, input, valueOptions, { source });
        const { set } = flattenValues(definition, values, valueOptions);
        const back = unflattenValues(definition, set, valueOptions);
        expect(back).toEqual(canonical(values));
        const stored = new Map(set.map((v) => [`${v.field}/${v.row}`, v.value]));
        const again = flattenValues(definition, back, valueOptions).set;
        expect(again.length).toBe(set.length);
        for (const v of again)
          expect(sameValue(v.value, stored.get(`${v.field}/${v.row}`))).toBe(true);
      }),
      runs,
    );
  });

  it('validateValues never throws, and a checked definition never gives a ruleError', () => {
    fc.assert(
      fc.property(caseArb, ({ definition, input, source }) => {
        const { values } = normalizeValues(definition, input, valueOptions, { source });
        const issues = validateValues(definition, values, valueOptions);
        expect(issues.filter((i) => i.kind === 'ruleError')).toEqual([]);
        for (const issue of issues) expect(issue.pointer).toMatch(/^\/values(\/|$)/);
      }),
      runs,
    );
  });

  it('validateValues never throws on garbage rules or garbage values', () => {
    const arb = fc
      .tuple(definitionArb, garbageRulesArb)
      .chain(([definition, rules]) =>
        fc.tuple(
          fc.constant({ ...definition, rules } as FormDefinition),
          inputArb(definition),
          fc.anything(),
        ),
      );
    fc.assert(
      fc.property(arb, ([definition, input, anything]) => {
        const issues = validateValues(
          definition,
          { ...input, f0: anything as never },
          valueOptions,
        );
        for (const issue of issues) {
          expect(issue.kind !== 'ruleError' || issue.severity === 'warning').toBe(true);
        }
        // Whatever a broken rule does at run time, checkDefinition refuses it before publishing.
        if (issues.some((i) => i.kind === 'ruleError')) {
          expect(checkDefinition(definition).some((p) => p.pointer.startsWith('/rules/'))).toBe(
            true,
          );
        }
      }),
      runs,
    );
  });

  it('the rule a <= b fails exactly when both are filled and a > b', () => {
    const definition: FormDefinition = {
      sections: [
        {
          code: 's',
          label: { cs: 'S' },
          fields: [
            { code: 'a', label: { cs: 'A' }, type: 'decimal', decimals: 4 },
            { code: 'b', label: { cs: 'B' }, type: 'decimal', decimals: 4 },
          ],
        },
      ],
      rules: [{ code: 'le', assert: 'a <= b', message: { cs: 'a > b' } }],
    };
    const number = fc.option(decimalTextArb.map(Number), { nil: null });
    fc.assert(
      fc.property(number, number, (a, b) => {
        const failed = validateValues(definition, { a, b }, { choices: {}, rows: {} }).some(
          (i) => i.rule === 'le',
        );
        expect(failed).toBe(a !== null && b !== null && a > b);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the same number alike from JSON (number or text) and CSV (comma, spaces)', () => {
    const definition = (decimals: number): FormDefinition => ({
      sections: [
        {
          code: 's',
          label: { cs: 'S' },
          fields: [{ code: 'n', label: { cs: 'N' }, type: 'decimal', decimals }],
        },
      ],
      rules: [],
    });
    fc.assert(
      fc.property(
        decimalTextArb,
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        (text, decimals, groups) => {
          const def = definition(decimals);
          const options = { choices: {}, rows: {} };
          const outcome = (raw: unknown, source: 'json' | 'csv') => {
            const { values, issues } = normalizeValues(def, { n: raw }, options, { source });
            return { value: values.n, kinds: issues.map((i) => i.kind) };
          };
          const json = outcome(Number(text), 'json');
          expect(outcome(text, 'json')).toEqual(json);
          expect(outcome(csvNumber(text, groups), 'csv')).toEqual(json);
          expect(outcome(text, 'csv')).toEqual(json);
          const places = (text.split('.')[1] ?? '').replace(/0+$/, '').length;
          expect(json.kinds).toEqual(places > decimals ? ['decimals'] : []);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
