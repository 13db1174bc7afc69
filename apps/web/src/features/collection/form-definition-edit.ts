import type {
  FieldType,
  FormColumn,
  FormDefinition,
  FormField,
  FormRule,
  FormSection,
} from '@socplan/contracts';

/**
 * Editing operations on a form version's definition, as the builder performs them. They
 * change the definition in place (the builder edits one reactive copy) and keep it valid in
 * shape: codes are unique where they are added, and a field carries only the options its type
 * reads (a decimal has no codelist, a table has rows and columns).
 */

export const emptyDefinition = (): FormDefinition => ({ sections: [], rules: [] });

/** `base`, or `base_2`, `base_3`… : the first not in `taken`. */
export function uniqueCode(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** Every field code of the definition (field codes are unique across sections). */
export const fieldCodes = (definition: FormDefinition): string[] =>
  definition.sections.flatMap((section) => section.fields.map((field) => field.code));

/** Moves an item one place up (-1) or down (+1); nothing at the ends. */
export function move<T>(list: T[], index: number, by: -1 | 1): void {
  const target = index + by;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return;
  const [item] = list.splice(index, 1);
  list.splice(target, 0, item!);
}

export function addSection(definition: FormDefinition): FormSection {
  const code = uniqueCode(
    `section_${definition.sections.length + 1}`,
    definition.sections.map((s) => s.code),
  );
  const section: FormSection = { code, label: { cs: '' }, fields: [] };
  definition.sections.push(section);
  return section;
}

export function addField(definition: FormDefinition, section: FormSection): FormField {
  const field: FormField = {
    code: uniqueCode(`field_${fieldCodes(definition).length + 1}`, fieldCodes(definition)),
    label: { cs: '' },
    type: 'integer',
    required: false,
  };
  section.fields.push(field);
  return field;
}

export function addColumn(field: FormField): FormColumn {
  field.columns ??= [];
  const column: FormColumn = {
    code: uniqueCode(
      `column_${field.columns.length + 1}`,
      field.columns.map((c) => c.code),
    ),
    label: { cs: '' },
    type: 'integer',
  };
  field.columns.push(column);
  return column;
}

export function addRule(definition: FormDefinition): FormRule {
  const rule: FormRule = {
    code: uniqueCode(
      `rule_${definition.rules.length + 1}`,
      definition.rules.map((r) => r.code),
    ),
    assert: '',
    message: { cs: '' },
    severity: 'error',
  };
  definition.rules.push(rule);
  return rule;
}

const NUMERIC: readonly FieldType[] = ['integer', 'decimal', 'money', 'percent'];
export const isNumericType = (type: FieldType): boolean => NUMERIC.includes(type);
export const isChoiceType = (type: FieldType): boolean =>
  type === 'choice' || type === 'multiChoice';

/**
 * Sets a field's (or column's) type and drops the options the new type does not read, so
 * what is saved is what the builder shows.
 */
export function setType(field: FormField | FormColumn, type: FieldType): void {
  const target = field as FormField;
  target.type = type;
  if (!isNumericType(type)) {
    delete target.min;
    delete target.max;
  }
  if (type !== 'decimal') delete target.decimals;
  if (type !== 'text') delete target.maxLength;
  if (!isChoiceType(type)) delete target.codelist;
  if (type === 'table') {
    target.rows ??= { kind: 'codelist', codelist: '' };
    target.columns ??= [];
    delete target.prefill;
  } else {
    delete target.rows;
    delete target.columns;
  }
}

type Localized = { cs: string; en?: string };
const optionalText = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

function cleanLocalized(text: Localized): Localized {
  const en = optionalText(text.en);
  return en ? { cs: text.cs.trim(), en } : { cs: text.cs.trim() };
}
function cleanOptionalLocalized(text: Localized | undefined): Localized | undefined {
  return text && (text.cs.trim() || text.en?.trim()) ? cleanLocalized(text) : undefined;
}

/** Leaves out what the inputs left empty (an empty help, an empty min), which the API refuses. */
function cleanColumn<T extends FormField | FormColumn>(field: T): T {
  const result: Record<string, unknown> = { ...field, label: cleanLocalized(field.label) };
  result.help = cleanOptionalLocalized(field.help);
  result.unit = optionalText(field.unit);
  result.codelist = optionalText(field.codelist);
  for (const key of ['min', 'max', 'decimals', 'maxLength'] as const) {
    const value = field[key] as unknown;
    result[key] = typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
  if (!field.prefill) result.prefill = undefined;
  for (const key of Object.keys(result)) if (result[key] === undefined) delete result[key];
  return result as T;
}

/** The definition as the API is sent it: trimmed texts, no empty optional properties. */
export function cleanDefinition(definition: FormDefinition): FormDefinition {
  return {
    sections: definition.sections.map((section) => {
      const help = cleanOptionalLocalized(section.help);
      return {
        code: section.code.trim(),
        label: cleanLocalized(section.label),
        ...(help ? { help } : {}),
        fields: section.fields.map((field) => {
          const clean = cleanColumn(field);
          if (clean.columns) clean.columns = clean.columns.map(cleanColumn);
          return clean;
        }),
      };
    }),
    rules: definition.rules.map((rule) => {
      const when = optionalText(rule.when);
      return {
        code: rule.code.trim(),
        ...(when ? { when } : {}),
        assert: rule.assert.trim(),
        message: cleanLocalized(rule.message),
        severity: rule.severity ?? 'error',
      };
    }),
  };
}

/** A problem as checkDefinition or the API's 400 reports it: a JSON pointer and a text. */
export interface PointedProblem {
  pointer: string;
  detail: string;
}

const OWNER = /^(\/sections\/\d+(?:\/fields\/\d+(?:\/columns\/\d+)?)?|\/rules\/\d+)/;

/**
 * The thing a problem belongs to, where the builder shows it: the column, field, section or
 * rule its pointer leads into ('' for the definition as a whole). The API's pointers start
 * with `/definition`.
 */
export function ownerOf(pointer: string): string {
  const inDefinition = pointer.replace(/^\/definition(?=\/|$)/, '');
  return OWNER.exec(inDefinition)?.[1] ?? '';
}

/** Problems by the pointer of the thing they belong to (see ownerOf). */
export function groupProblems(problems: readonly PointedProblem[]): Map<string, PointedProblem[]> {
  const groups = new Map<string, PointedProblem[]>();
  for (const problem of problems) {
    const owner = ownerOf(problem.pointer);
    groups.set(owner, [...(groups.get(owner) ?? []), problem]);
  }
  return groups;
}

/** The pointer's last segment when it names a property of its owner (`min`, `label/cs`). */
export function propertyOf(pointer: string): string {
  const inDefinition = pointer.replace(/^\/definition(?=\/|$)/, '');
  return inDefinition.slice(ownerOf(pointer).length).replace(/^\//, '');
}

/**
 * Pointers of the Czech texts left empty (labels, titles, rule messages) and of rules without
 * an assertion: the API's schema refuses them, so the builder says so before saving.
 */
export function missingTexts(definition: FormDefinition): string[] {
  const missing: string[] = [];
  definition.sections.forEach((section, s) => {
    if (!section.label.cs.trim()) missing.push(`/sections/${s}/label/cs`);
    section.fields.forEach((field, f) => {
      const at = `/sections/${s}/fields/${f}`;
      if (!field.label.cs.trim()) missing.push(`${at}/label/cs`);
      field.columns?.forEach((column, c) => {
        if (!column.label.cs.trim()) missing.push(`${at}/columns/${c}/label/cs`);
      });
    });
  });
  definition.rules.forEach((rule, r) => {
    if (!rule.assert.trim()) missing.push(`/rules/${r}/assert`);
    if (!rule.message.cs.trim()) missing.push(`/rules/${r}/message/cs`);
  });
  return missing;
}
