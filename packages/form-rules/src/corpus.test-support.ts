/**
 * Random forms, rules and raw values for the property tests and the browser/server parity
 * test: every field type, a table, well-typed rules built from the whole expression language,
 * and raw input that is valid, borderline or garbage, in JSON and CSV shapes.
 */
import fc from 'fast-check';
import type { FormColumn, FormDefinition, FormField, FormRule, ValueOptions } from './types.ts';

type ScalarType = FormColumn['type'];
const SCALAR_TYPES: ScalarType[] = [
  'integer',
  'decimal',
  'money',
  'percent',
  'text',
  'boolean',
  'date',
  'choice',
  'multiChoice',
];
const NUMERIC = new Set<string>(['integer', 'decimal', 'money', 'percent']);
export const CHOICES = ['a', 'b', 'c'];
export const ROWS = ['r1', 'r2', 'r3'];

const specArb = (code: string): fc.Arbitrary<FormColumn> =>
  fc
    .record({
      type: fc.constantFrom(...SCALAR_TYPES),
      required: fc.boolean(),
      min: fc.option(fc.integer({ min: -5, max: 50 }), { nil: undefined }),
      span: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
      decimals: fc.integer({ min: 0, max: 4 }),
      maxLength: fc.integer({ min: 1, max: 12 }),
    })
    .map(({ type, required, min, span, decimals, maxLength }) => {
      const spec: FormColumn = { code, label: { cs: code }, type, required };
      if (NUMERIC.has(type)) {
        if (min !== undefined) spec.min = min;
        if (span !== undefined) spec.max = (min ?? 0) + span;
        if (type === 'decimal') spec.decimals = decimals;
      }
      if (type === 'text') spec.maxLength = maxLength;
      if (type === 'choice' || type === 'multiChoice') spec.codelist = 'letters';
      return spec;
    });

// --- expressions ---

interface Shape {
  numbers: string[]; // numeric fields and expressions over them
  lists: string[]; // numeric table columns
  anyRefs: string[]; // every field and t.column
  booleans: string[];
  codeLists: string[]; // multiple choice fields
  strings: { ref: string; literal: fc.Arbitrary<string> }[];
}

function shapeOf(fields: FormField[], table: FormField): Shape {
  const shape: Shape = {
    numbers: [],
    lists: [],
    anyRefs: ['t'],
    booleans: [],
    codeLists: [],
    strings: [],
  };
  const add = (ref: string, type: string, inTable: boolean) => {
    shape.anyRefs.push(ref);
    if (NUMERIC.has(type)) (inTable ? shape.lists : shape.numbers).push(ref);
    if (inTable) return;
    if (type === 'boolean') shape.booleans.push(ref);
    if (type === 'multiChoice') shape.codeLists.push(ref);
    if (type === 'choice') shape.strings.push({ ref, literal: fc.constantFrom(...CHOICES, 'z') });
    if (type === 'date') {
      shape.strings.push({
        ref,
        literal: fc.constantFrom('2024-01-01', '2024-06-30', '2025-12-31'),
      });
    }
  };
  for (const field of fields) add(field.code, field.type, false);
  for (const column of table.columns ?? []) add(`t.${column.code}`, column.type, true);
  return shape;
}

const literalArb = fc
  .tuple(fc.integer({ min: -300, max: 300 }), fc.integer({ min: 0, max: 2 }))
  .map(([n, places]) => {
    const text = (Math.abs(n) / 10 ** places).toFixed(places);
    return n < 0 ? `(-${text})` : text;
  });

function expressionArbs(shape: Shape) {
  return fc.letrec<{ num: string; bool: string }>((tie) => {
    const numLeaves: fc.Arbitrary<string>[] = [literalArb];
    if (shape.numbers.length) numLeaves.push(fc.constantFrom(...shape.numbers));
    if (shape.lists.length) {
      numLeaves.push(
        fc
          .tuple(fc.constantFrom('sum', 'min', 'max', 'count'), fc.constantFrom(...shape.lists))
          .map(([f, list]) => `${f}(${list})`),
      );
    }
    numLeaves.push(fc.constantFrom(...shape.anyRefs).map((ref) => `count(${ref})`));
    const num = tie('num');
    const bool = tie('bool');
    const boolLeaves: fc.Arbitrary<string>[] = [
      fc
        .tuple(fc.constantFrom('filled', 'empty'), fc.constantFrom(...shape.anyRefs))
        .map(([f, ref]) => `${f}(${ref})`),
      fc
        .tuple(num, fc.constantFrom('<', '<=', '>', '>=', '==', '!='), num)
        .map(([a, op, b]) => `${a} ${op} ${b}`),
    ];
    if (shape.booleans.length) {
      boolLeaves.push(fc.constantFrom(...shape.booleans));
      boolLeaves.push(fc.constantFrom(...shape.booleans).map((b) => `${b} == true`));
    }
    for (const ref of shape.codeLists) {
      boolLeaves.push(
        fc.constantFrom(...CHOICES, 'z').map((code) => `includes(${ref}, "${code}")`),
      );
    }
    boolLeaves.push(fc.constantFrom(...ROWS).map((row) => `includes(t, "${row}")`));
    for (const { ref, literal } of shape.strings) {
      boolLeaves.push(
        fc
          .tuple(fc.constantFrom('==', '!=', '<', '>='), literal)
          .map(([op, value]) => `${ref} ${op} "${value}"`),
      );
    }
    return {
      num: fc.oneof(
        { depthSize: 'small', maxDepth: 3 },
        ...numLeaves,
        fc
          .tuple(num, fc.constantFrom('+', '-', '*', '/', '%'), num)
          .map(([a, op, b]) => `(${a} ${op} ${b})`),
        num.map((a) => `-(${a})`),
        num.map((a) => `abs(${a})`),
        fc.tuple(num, fc.integer({ min: 0, max: 3 })).map(([a, d]) => `round(${a}, ${d})`),
        fc.tuple(num, num).map(([a, b]) => `max(${a}, ${b})`),
        fc.tuple(num, num).map(([a, b]) => `sum(${a}, ${b})`),
        fc.tuple(bool, num, num).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
      ),
      bool: fc.oneof(
        { depthSize: 'small', maxDepth: 3 },
        ...boolLeaves,
        fc.tuple(bool, fc.constantFrom('&&', '||'), bool).map(([a, op, b]) => `(${a} ${op} ${b})`),
        bool.map((a) => `!(${a})`),
        num.map((a) => `filled(${a})`),
      ),
    };
  });
}

/** A definition: scalar fields f0…, a table t with columns c0…, and well-typed rules. */
export const definitionArb: fc.Arbitrary<FormDefinition> = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), fc.boolean())
  .chain(([fieldCount, columnCount, tableRequired]) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: fieldCount }, (_, i) => specArb(`f${i}`))),
      fc.tuple(...Array.from({ length: columnCount }, (_, i) => specArb(`c${i}`))),
      fc.constant(tableRequired),
    ),
  )
  .chain(([fields, columns, tableRequired]) => {
    const table: FormField = {
      code: 't',
      label: { cs: 'T' },
      type: 'table',
      required: tableRequired,
      rows: { kind: 'codelist', codelist: 'rows' },
      columns,
    };
    const scalars = fields as FormField[];
    const { bool } = expressionArbs(shapeOf(scalars, table));
    const ruleArb = fc.record({
      when: fc.option(bool, { nil: undefined }),
      assert: bool,
      severity: fc.constantFrom('error', 'warning') as fc.Arbitrary<'error' | 'warning'>,
    });
    return fc.array(ruleArb, { maxLength: 4 }).map((rules) => ({
      sections: [{ code: 's', label: { cs: 'S' }, fields: [...scalars, table] }],
      rules: rules.map((rule, i): FormRule => ({
        code: `r${i}`,
        assert: rule.assert,
        ...(rule.when === undefined ? {} : { when: rule.when }),
        message: { cs: `Pravidlo ${i}`, en: `Rule ${i}` },
        severity: rule.severity,
      })),
    }));
  });

export const valueOptions: ValueOptions = {
  choices: Object.fromEntries(
    ['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 't.c0', 't.c1', 't.c2'].map((k) => [k, CHOICES]),
  ),
  rows: { t: ROWS },
};

// --- raw values ---

/** Decimal text: up to 15 digits in all, 0–4 places, maybe negative. */
export const decimalTextArb = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 999_999_999_999n }),
    fc.integer({ min: 0, max: 4 }),
  )
  .map(([negative, digits, places]) => {
    const padded = digits.toString().padStart(places + 1, '0');
    const text = places === 0 ? padded : `${padded.slice(0, -places)}.${padded.slice(-places)}`;
    return negative && digits !== 0n ? `-${text}` : text;
  });

/** The same number as a spreadsheet writes it: decimal comma, spaces between thousands. */
export const csvNumber = (text: string, groups: boolean): string => {
  const [whole = '', fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '');
  const grouped = groups ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : digits;
  return `${sign}${grouped}${fraction === undefined ? '' : `,${fraction}`}`;
};

const junkArb = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '1e3',
    'NaN',
    'abc',
    '12,5',
    '1 000',
    'ano',
    'ne',
    '2023-02-29',
    '1. 3. 2024',
    'a|b',
    '--1',
    '.5',
  ),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7, -0, 0.30000000000000004),
  fc.string({ maxLength: 14 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
);

const dateArb = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

function rawArb(type: ScalarType): fc.Arbitrary<unknown> {
  const typed: fc.Arbitrary<unknown>[] = [];
  if (NUMERIC.has(type)) {
    typed.push(
      decimalTextArb.map(Number),
      decimalTextArb,
      fc.tuple(decimalTextArb, fc.boolean()).map(([t, g]) => csvNumber(t, g)),
      fc.integer({ min: -20, max: 250 }),
    );
  } else if (type === 'text') {
    typed.push(fc.string({ maxLength: 14 }), fc.constantFrom(' x ', 'žluťoučký kůň'));
  } else if (type === 'boolean') {
    typed.push(fc.boolean(), fc.constantFrom('ano', 'ne', 'true', '0', 'Yes'));
  } else if (type === 'date') {
    typed.push(
      dateArb,
      dateArb.map((d) => d.split('-').reverse().map(Number).join('. ')),
    );
  } else if (type === 'choice') {
    typed.push(fc.constantFrom(...CHOICES, 'z', ' a '));
  } else {
    typed.push(
      fc.subarray([...CHOICES, 'z']),
      fc.subarray(CHOICES).map((codes) => codes.join('|')),
      fc.constantFrom(['a', 'a'], ['b', 'a']),
    );
  }
  return fc.oneof({ weight: 6, arbitrary: fc.oneof(...typed) }, { weight: 1, arbitrary: junkArb });
}

/** Raw input for a definition: some of its fields, sometimes a stranger, a table's rows. */
export function inputArb(definition: FormDefinition): fc.Arbitrary<Record<string, unknown>> {
  const fields = definition.sections.flatMap((s) => s.fields);
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of fields) {
    if (field.type !== 'table') {
      entries[field.code] = rawArb(field.type);
      continue;
    }
    const cells: Record<string, fc.Arbitrary<unknown>> = {
      row: fc.constantFrom(...ROWS, ...ROWS, 'rX'),
    };
    for (const column of field.columns ?? []) cells[column.code] = rawArb(column.type);
    cells.zz = fc.constant(1);
    entries[field.code] = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.array(fc.record(cells, { requiredKeys: ['row'] }), { maxLength: 4 }),
      },
      { weight: 1, arbitrary: junkArb },
    );
  }
  entries.unknown_field = fc.constant(5); // optional like every key: now and then
  return fc.record(entries, { requiredKeys: [] });
}

export interface Case {
  definition: FormDefinition;
  input: Record<string, unknown>;
  source: 'json' | 'csv';
}

export const caseArb: fc.Arbitrary<Case> = definitionArb.chain((definition) =>
  fc.record({
    definition: fc.constant(definition),
    input: inputArb(definition),
    source: fc.constantFrom('json', 'csv') as fc.Arbitrary<'json' | 'csv'>,
  }),
);

/** Rules a careless author could write: random text and near misses of the language. */
export const garbageRulesArb: fc.Arbitrary<FormRule[]> = fc.array(
  fc.record(
    {
      code: fc.constantFrom('g1', 'g2'),
      when: fc.string({ maxLength: 20 }),
      assert: fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(
          'f0 ** 2',
          'f0 + "x" > 1',
          't > 1',
          'f0.x',
          'a b',
          'f0 ? 1 : 2',
          '[1] == 1',
          'nope(1)',
          'round(f0, f0) > 1',
          '-t.c0 > 1',
          'includes(f0, 1)',
          'f0 == null',
          'sum(t.c0) / 0 > 1',
        ),
      ),
      message: fc.constant({ cs: 'x' }),
    },
    { requiredKeys: ['code', 'assert', 'message'] },
  ),
  { maxLength: 3 },
);

/** The parity corpus: mostly sound forms, some with broken rules (ruleError must agree too). */
export const parityCaseArb: fc.Arbitrary<Case> = fc.oneof(
  { weight: 4, arbitrary: caseArb },
  {
    weight: 1,
    arbitrary: fc
      .tuple(caseArb, garbageRulesArb)
      .map(([c, rules]) => ({ ...c, definition: { ...c.definition, rules } })),
  },
);
