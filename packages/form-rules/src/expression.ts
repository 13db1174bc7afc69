/**
 * Rule expressions: parsed by jsep (cached by text), limited to a small whitelist, typed
 * against a definition (checkDefinition) and evaluated by a tree walk (no eval: the SPA runs
 * under a strict CSP). Empty values propagate: arithmetic or a comparison with an empty
 * operand is empty, && and || follow three-valued (Kleene) logic, division by zero is empty.
 */
import jsep from 'jsep';
import { rowHasValue, type FieldIndex } from './fields.ts';
import { clean, roundDecimal } from './numbers.ts';
import { isNumeric } from './read.ts';
import type { TableRow, Values } from './types.ts';

type Node = jsep.Expression;

/** A field or `table.column` an expression reads, in reading order. */
export interface Reference {
  field: string;
  column?: string;
}

export interface Parsed {
  ast: Node;
  references: Reference[];
}
export type ParseResult = { ok: true; parsed: Parsed } | { ok: false; error: string };

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const ORDER = new Set(['<', '<=', '>', '>=']);
const EQUALITY = new Set(['==', '!=']);
const LOGIC = new Set(['&&', '||']);
export const FUNCTIONS = [
  'sum',
  'count',
  'min',
  'max',
  'abs',
  'round',
  'filled',
  'empty',
  'includes',
] as const;
type FunctionName = (typeof FUNCTIONS)[number];
const isFunction = (name: string): name is FunctionName =>
  (FUNCTIONS as readonly string[]).includes(name);

const HINTS: Record<string, string> = {
  '===': 'use ==',
  '!==': 'use !=',
  '=': 'use ==',
  and: 'use &&',
  or: 'use ||',
};

/** Checks the node kinds and operators, and collects references. Throws a message. */
function whitelist(node: Node, references: Reference[]): void {
  switch (node.type) {
    case 'Literal': {
      const value = (node as jsep.Literal).value;
      if (value !== null && !['number', 'string', 'boolean'].includes(typeof value)) {
        throw new Error(`unsupported literal ${(node as jsep.Literal).raw}`);
      }
      return;
    }
    case 'Identifier':
      references.push({ field: (node as jsep.Identifier).name });
      return;
    case 'MemberExpression': {
      const member = node as jsep.MemberExpression;
      if (
        member.computed ||
        member.optional ||
        member.object.type !== 'Identifier' ||
        member.property.type !== 'Identifier'
      ) {
        throw new Error('only table.column may use a dot');
      }
      references.push({
        field: (member.object as jsep.Identifier).name,
        column: (member.property as jsep.Identifier).name,
      });
      return;
    }
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression;
      if (unary.operator !== '-' && unary.operator !== '!') {
        throw new Error(`unsupported operator ${unary.operator}`);
      }
      whitelist(unary.argument, references);
      return;
    }
    case 'BinaryExpression': {
      const binary = node as jsep.BinaryExpression;
      const op = binary.operator;
      if (!ARITHMETIC.has(op) && !ORDER.has(op) && !EQUALITY.has(op) && !LOGIC.has(op)) {
        const hint = HINTS[op];
        throw new Error(`unsupported operator ${op}${hint ? ` (${hint})` : ''}`);
      }
      whitelist(binary.left, references);
      whitelist(binary.right, references);
      return;
    }
    case 'ConditionalExpression': {
      const conditional = node as jsep.ConditionalExpression;
      whitelist(conditional.test, references);
      whitelist(conditional.consequent, references);
      whitelist(conditional.alternate, references);
      return;
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression;
      const name = call.callee.type === 'Identifier' ? (call.callee as jsep.Identifier).name : '';
      if (!isFunction(name)) {
        throw new Error(
          `unknown function ${name || '(expression)'}; known: ${FUNCTIONS.join(', ')}`,
        );
      }
      for (const argument of call.arguments) whitelist(argument, references);
      return;
    }
    case 'Compound':
      throw new Error('one expression expected (an operator is missing?)');
    default:
      throw new Error(`unsupported syntax (${node.type})`);
  }
}

/** Bounded so that a stream of distinct expressions cannot grow memory without end. */
const CACHE_LIMIT = 5000;
const cache = new Map<string, ParseResult>();

/** Parses and whitelists an expression once per distinct text. */
export function parseExpression(text: string): ParseResult {
  const cached = cache.get(text);
  if (cached) return cached;
  let result: ParseResult;
  try {
    const ast = jsep(text);
    const references: Reference[] = [];
    whitelist(ast, references);
    result = { ok: true, parsed: { ast, references } };
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, result);
  return result;
}

// --- static types (checkDefinition) ---

/** 'list:<element>' for lists; 'null' for the literal; 'any' where unknown. */
export type StaticType = string;
const isList = (t: StaticType): boolean => t.startsWith('list:');
const element = (t: StaticType): StaticType => (isList(t) ? t.slice(5) : t);

function scalarType(type: string): StaticType {
  if (isNumeric(type)) return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'multiChoice') return 'list:string';
  if (type === 'table') return 'list:string'; // the codes of rows with a value
  return 'string'; // text, date (ISO text orders as time), choice
}

/**
 * The type of an expression over a definition's fields, or problems: unknown fields and
 * columns, operands of the wrong type, wrong function arguments.
 */
export function typeOf(node: Node, index: FieldIndex, problems: string[]): StaticType {
  const expect = (t: StaticType, wanted: StaticType[], what: string): void => {
    if (t !== 'any' && t !== 'null' && !wanted.includes(t)) {
      problems.push(`${what} must be ${wanted.join(' or ')}, not ${t}`);
    }
  };
  switch (node.type) {
    case 'Literal': {
      const value = (node as jsep.Literal).value;
      return value === null ? 'null' : typeof value;
    }
    case 'Identifier': {
      const name = (node as jsep.Identifier).name;
      const field = index.fields.get(name);
      if (!field) {
        problems.push(`unknown field ${name}`);
        return 'any';
      }
      return scalarType(field.type);
    }
    case 'MemberExpression': {
      const member = node as jsep.MemberExpression;
      const table = (member.object as jsep.Identifier).name;
      const column = (member.property as jsep.Identifier).name;
      const field = index.fields.get(table);
      if (!field || field.type !== 'table') {
        problems.push(field ? `${table} is not a table` : `unknown field ${table}`);
        return 'any';
      }
      const spec = index.columns.get(table)?.get(column);
      if (!spec) {
        problems.push(`table ${table} has no column ${column}`);
        return 'any';
      }
      const t = scalarType(spec.type);
      return isList(t) ? 'list:list' : `list:${t}`;
    }
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression;
      const t = typeOf(unary.argument, index, problems);
      const wanted = unary.operator === '-' ? 'number' : 'boolean';
      expect(t, [wanted], `the operand of ${unary.operator}`);
      return wanted;
    }
    case 'BinaryExpression': {
      const { operator: op, left, right } = node as jsep.BinaryExpression;
      const l = typeOf(left, index, problems);
      const r = typeOf(right, index, problems);
      if (ARITHMETIC.has(op)) {
        expect(l, ['number'], `the left operand of ${op}`);
        expect(r, ['number'], `the right operand of ${op}`);
        return 'number';
      }
      if (LOGIC.has(op)) {
        expect(l, ['boolean'], `the left operand of ${op}`);
        expect(r, ['boolean'], `the right operand of ${op}`);
        return 'boolean';
      }
      if (l === 'null' || r === 'null') {
        problems.push(`${op} with null is never true or false: use filled() or empty()`);
        return 'boolean';
      }
      const allowed = ORDER.has(op) ? ['number', 'string'] : ['number', 'string', 'boolean'];
      expect(l, allowed, `the left operand of ${op}`);
      expect(r, allowed, `the right operand of ${op}`);
      if (l !== 'any' && r !== 'any' && l !== r && !isList(l) && !isList(r)) {
        problems.push(`${op} compares ${l} with ${r}`);
      }
      return 'boolean';
    }
    case 'ConditionalExpression': {
      const { test, consequent, alternate } = node as jsep.ConditionalExpression;
      expect(typeOf(test, index, problems), ['boolean'], 'the condition of ?:');
      const a = typeOf(consequent, index, problems);
      const b = typeOf(alternate, index, problems);
      if (a === 'null') return b;
      if (b === 'null' || a === b) return a;
      if (a !== 'any' && b !== 'any') problems.push(`?: gives ${a} or ${b}`);
      return 'any';
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression;
      const name = (call.callee as jsep.Identifier).name as FunctionName;
      const args = call.arguments.map((a) => typeOf(a, index, problems));
      const arity = (min: number, max: number): void => {
        if (args.length < min || args.length > max) {
          problems.push(
            `${name}() takes ${min === max ? min : max === Infinity ? `at least ${min}` : `${min}–${max}`} argument${max === 1 ? '' : 's'}`,
          );
        }
      };
      switch (name) {
        case 'sum':
        case 'min':
        case 'max':
          arity(1, Infinity);
          args.forEach((t) => expect(element(t), ['number'], `an argument of ${name}()`));
          return 'number';
        case 'count':
          arity(1, Infinity);
          return 'number';
        case 'abs':
          arity(1, 1);
          args.forEach((t) => expect(t, ['number'], 'the argument of abs()'));
          return 'number';
        case 'round': {
          arity(1, 2);
          expect(args[0] ?? 'any', ['number'], 'the argument of round()');
          const digits = call.arguments[1];
          if (
            digits &&
            !(
              digits.type === 'Literal' &&
              Number.isInteger((digits as jsep.Literal).value) &&
              ((digits as jsep.Literal).value as number) >= 0 &&
              ((digits as jsep.Literal).value as number) <= 10
            )
          ) {
            problems.push('the digits of round() must be a whole number 0–10');
          }
          return 'number';
        }
        case 'filled':
        case 'empty':
          arity(1, 1);
          return 'boolean';
        case 'includes': {
          arity(2, 2);
          const [list = 'any', item = 'any'] = args;
          if (list !== 'any' && list !== 'null' && !isList(list)) {
            problems.push(`the first argument of includes() must be a list, not ${list}`);
          }
          expect(item, ['number', 'string', 'boolean'], 'the second argument of includes()');
          if (
            isList(list) &&
            element(list) !== 'any' &&
            item !== 'any' &&
            item !== 'null' &&
            element(list) !== item
          ) {
            problems.push(`includes() looks for ${item} in a list of ${element(list)}`);
          }
          return 'boolean';
        }
      }
      return 'any';
    }
    default:
      return 'any';
  }
}

// --- evaluation ---

type Item = number | string | boolean | readonly string[];
/** null is the empty value; lists are a table column's values or a multiple choice's codes. */
export type Value = Item | null | readonly Item[];

/** A rule that cannot be evaluated (a definition that was not checked). */
export class EvaluationError extends Error {}

function read(index: FieldIndex, values: Values, name: string, column?: string): Value {
  const field = index.fields.get(name);
  if (!field) throw new EvaluationError(`unknown field ${name}`);
  const value = Object.hasOwn(values, name) ? values[name] : null;
  if (field.type === 'table') {
    const rows = Array.isArray(value) ? (value as TableRow[]) : [];
    if (column === undefined) return rows.filter(rowHasValue).map((row) => row.row);
    if (!index.columns.get(name)?.has(column)) {
      throw new EvaluationError(`table ${name} has no column ${column}`);
    }
    const cells: Item[] = [];
    for (const row of rows) {
      const cell = Object.hasOwn(row, column) ? row[column] : null;
      if (cell !== null && cell !== undefined) cells.push(cell);
    }
    return cells;
  }
  if (column !== undefined) throw new EvaluationError(`${name} is not a table`);
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : (value as string[]);
  return value as Item;
}

const number = (v: Value, what: string): number => {
  if (typeof v !== 'number') throw new EvaluationError(`${what} is not a number`);
  return v;
};
const boolean = (v: Value, what: string): boolean | null => {
  if (v === null) return null;
  if (typeof v !== 'boolean') throw new EvaluationError(`${what} is not true or false`);
  return v;
};
const filled = (v: Value): boolean => v !== null && !(Array.isArray(v) && v.length === 0);

/** The arguments' values with lists spread and empty values left out. */
function items(args: Value[]): Item[] {
  const out: Item[] = [];
  for (const arg of args) {
    if (Array.isArray(arg)) {
      for (const item of arg as Item[]) if (item !== null) out.push(item);
    } else if (arg !== null) out.push(arg as Item);
  }
  return out;
}

/** Overflow (or Infinity % x) is empty, like division by zero: never NaN or Infinity. */
const finite = (x: number | null): Value => (x === null || Number.isFinite(x) ? x : null);

function arithmetic(op: string, a: number, b: number): Value {
  return finite(exact(op, a, b));
}

function exact(op: string, a: number, b: number): number | null {
  switch (op) {
    case '+':
      return clean(a + b);
    case '-':
      return clean(a - b);
    case '*':
      return clean(a * b);
    case '/':
      return b === 0 ? null : clean(a / b);
    default: // '%'
      return b === 0 ? null : clean(a % b);
  }
}

function compare(op: string, a: Value, b: Value): boolean {
  const scalar = (v: Value) =>
    typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
  if (!scalar(a) || !scalar(b) || typeof a !== typeof b) {
    throw new EvaluationError(
      `${op} compares ${Array.isArray(a) ? 'a list' : typeof a} with ${Array.isArray(b) ? 'a list' : typeof b}`,
    );
  }
  if (ORDER.has(op) && typeof a === 'boolean') throw new EvaluationError(`${op} on true/false`);
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

function call(name: string, args: Value[]): Value {
  switch (name) {
    case 'sum':
      return finite(
        items(args).reduce<number>((total, item) => clean(total + number(item, 'a summand')), 0),
      );
    case 'count':
      return items(args).length;
    case 'min':
    case 'max': {
      const numbers = items(args).map((item) => number(item, `an argument of ${name}()`));
      if (numbers.length === 0) return null;
      return name === 'min' ? Math.min(...numbers) : Math.max(...numbers);
    }
    case 'abs':
      return args[0] === null || args[0] === undefined
        ? null
        : Math.abs(number(args[0], 'the argument of abs()'));
    case 'round': {
      if (args[0] === null || args[0] === undefined) return null;
      const digits = args[1] ?? 0;
      if (typeof digits !== 'number' || !Number.isInteger(digits) || digits < 0 || digits > 10) {
        throw new EvaluationError('the digits of round() must be a whole number 0–10');
      }
      return roundDecimal(number(args[0], 'the argument of round()'), digits);
    }
    case 'filled':
      return filled(args[0] ?? null);
    case 'empty':
      return !filled(args[0] ?? null);
    case 'includes': {
      // An empty list holds nothing (false); looking for an empty value is empty.
      const [list = null, item = null] = args;
      if (item === null) return null;
      if (list === null) return false;
      if (!Array.isArray(list))
        throw new EvaluationError('the first argument of includes() is not a list');
      return (list as Item[]).includes(item as Item);
    }
    default:
      throw new EvaluationError(`unknown function ${name}`);
  }
}

/** Evaluates a whitelisted expression; throws EvaluationError on what checkDefinition refuses. */
export function evaluate(node: Node, index: FieldIndex, values: Values): Value {
  const walk = (n: Node): Value => {
    switch (n.type) {
      case 'Literal':
        return (n as jsep.Literal).value as Value;
      case 'Identifier':
        return read(index, values, (n as jsep.Identifier).name);
      case 'MemberExpression': {
        const m = n as jsep.MemberExpression;
        return read(
          index,
          values,
          (m.object as jsep.Identifier).name,
          (m.property as jsep.Identifier).name,
        );
      }
      case 'UnaryExpression': {
        const u = n as jsep.UnaryExpression;
        const v = walk(u.argument);
        if (v === null) return null;
        if (u.operator === '-') {
          const x = number(v, 'the operand of -');
          return x === 0 ? 0 : -x;
        }
        return !boolean(v, 'the operand of !');
      }
      case 'BinaryExpression': {
        const { operator: op, left, right } = n as jsep.BinaryExpression;
        if (op === '&&' || op === '||') {
          const l = boolean(walk(left), `the left operand of ${op}`);
          const decisive = op === '||'; // true decides ||, false decides &&
          if (l === decisive) return decisive;
          const r = boolean(walk(right), `the right operand of ${op}`);
          if (r === decisive) return decisive;
          return l === null || r === null ? null : !decisive;
        }
        const l = walk(left);
        const r = walk(right);
        if (l === null || r === null) return null;
        if (ARITHMETIC.has(op)) {
          return arithmetic(
            op,
            number(l, `the left operand of ${op}`),
            number(r, `the right operand of ${op}`),
          );
        }
        return compare(op, l, r);
      }
      case 'ConditionalExpression': {
        const c = n as jsep.ConditionalExpression;
        const test = boolean(walk(c.test), 'the condition of ?:');
        if (test === null) return null;
        return walk(test ? c.consequent : c.alternate);
      }
      case 'CallExpression': {
        const c = n as jsep.CallExpression;
        return call((c.callee as jsep.Identifier).name, c.arguments.map(walk));
      }
      default:
        throw new EvaluationError(`unsupported syntax (${n.type})`);
    }
  };
  return walk(node);
}
