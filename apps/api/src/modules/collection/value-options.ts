/**
 * What a form definition leaves to the deployment, per respondent: the codes a (multi)choice
 * field may take (its codelist's items valid today) and the rows of each table (a codelist's
 * items, or the respondent provider's services). One query for all codelists of the form and
 * one for the services of all respondents, never one per submission.
 */
import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { FormDefinition, FormField } from '@socplan/contracts';
import type { ValueOptions } from '@socplan/form-rules';
import type { Db } from '../../db/client.ts';
import { codelistItems, serviceStates, services } from '../../db/schema/index.ts';
import { today, validOnSql } from '../../lib/validity.ts';
import { arrayParam } from './submission-values.ts';

export interface OptionItem {
  code: string;
  name: string;
  nameEn: string | null;
}

/** Choices and rows with their names, for the SPA (codes only: `toValueOptions`). */
export interface DisplayOptions {
  choices: Record<string, OptionItem[]>;
  rows: Record<string, OptionItem[]>;
}

export interface RespondentRef {
  submissionId: string;
  respondentKind: string;
  providerId: string | null;
  serviceId?: string | null;
}

const fieldsOf = (definition: FormDefinition): FormField[] =>
  definition.sections.flatMap((s) => s.fields);

/** Where each choice field/column and each table takes its codes from. */
function sourcesOf(definition: FormDefinition) {
  const choices: { key: string; codelist: string }[] = [];
  const rows: { field: string; codelist: string | null }[] = [];
  const isChoice = (type: string) => type === 'choice' || type === 'multiChoice';
  for (const field of fieldsOf(definition)) {
    if (isChoice(field.type) && field.codelist)
      choices.push({ key: field.code, codelist: field.codelist });
    if (field.type !== 'table') continue;
    if (field.rows)
      rows.push({
        field: field.code,
        codelist: field.rows.kind === 'codelist' ? field.rows.codelist : null,
      });
    for (const column of field.columns ?? [])
      if (isChoice(column.type) && column.codelist)
        choices.push({ key: `${field.code}.${column.code}`, codelist: column.codelist });
  }
  return { choices, rows };
}

/** Items of codelists valid today, by codelist, in display order. */
async function codelistOptions(db: Db, names: string[]): Promise<Map<string, OptionItem[]>> {
  const byCodelist = new Map<string, OptionItem[]>(names.map((n) => [n, []]));
  if (!names.length) return byCodelist;
  const c = codelistItems;
  const rows = await db
    .select({ codelist: c.codelist, code: c.code, name: c.name, nameEn: c.nameEn })
    .from(c)
    .where(
      and(
        sql`${c.codelist} = any(${arrayParam(names, 'text')})`,
        validOnSql(c.validFrom, c.validTo, today()),
      ),
    )
    .orderBy(asc(c.codelist), asc(c.sortOrder), asc(c.code));
  for (const { codelist, ...item } of rows) byCodelist.get(codelist)?.push(item);
  return byCodelist;
}

/**
 * The current services of providers (or the services themselves), by provider or service id:
 * code = registry identifier, name = the current state's name. Ended services are left out.
 */
async function serviceOptions(
  db: Db,
  respondents: readonly RespondentRef[],
): Promise<Map<string, OptionItem[]>> {
  const providerIds = [
    ...new Set(respondents.flatMap((r) => (r.providerId ? [r.providerId] : []))),
  ];
  const byOwner = new Map<string, OptionItem[]>();
  if (!providerIds.length) return byOwner;
  const st = serviceStates;
  const rows = await db
    .select({
      serviceId: services.id,
      providerId: services.providerId,
      code: services.registryIdentifier,
      name: st.name,
    })
    .from(services)
    .innerJoin(
      st,
      and(eq(st.serviceId, services.id), validOnSql(st.validFrom, st.validTo, today())),
    )
    .where(
      and(
        sql`${services.providerId} = any(${arrayParam(providerIds, 'uuid')})`,
        isNotNull(services.registryIdentifier),
        ne(st.status, 'ended'),
      ),
    )
    .orderBy(asc(st.name), asc(services.registryIdentifier));
  for (const r of rows) {
    const item = { code: r.code!, name: r.name, nameEn: null };
    for (const owner of [r.providerId, r.serviceId])
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), item]);
  }
  return byOwner;
}

/**
 * The display options of every respondent. A service respondent's "services" rows are the
 * service itself; a provider's, its current services.
 */
export async function loadDisplayOptions(
  db: Db,
  definition: FormDefinition,
  respondents: readonly RespondentRef[],
): Promise<Map<string, DisplayOptions>> {
  const sources = sourcesOf(definition);
  const names = [
    ...new Set([
      ...sources.choices.map((c) => c.codelist),
      ...sources.rows.flatMap((r) => (r.codelist ? [r.codelist] : [])),
    ]),
  ];
  const needsServices = sources.rows.some((r) => r.codelist === null);
  const [items, servicesOf] = await Promise.all([
    codelistOptions(db, names),
    needsServices
      ? serviceOptions(db, respondents)
      : Promise.resolve(new Map<string, OptionItem[]>()),
  ]);
  const choices = Object.fromEntries(
    sources.choices.map((c) => [c.key, items.get(c.codelist) ?? []]),
  );
  const result = new Map<string, DisplayOptions>();
  for (const r of respondents) {
    const owner = r.respondentKind === 'service' ? r.serviceId : r.providerId;
    const rows = Object.fromEntries(
      sources.rows.map((t) => [
        t.field,
        t.codelist ? (items.get(t.codelist) ?? []) : (owner && servicesOf.get(owner)) || [],
      ]),
    );
    result.set(r.submissionId, { choices, rows });
  }
  return result;
}

/** Display options → the codes the rule engine checks against. */
export const toValueOptions = (options: DisplayOptions): ValueOptions => ({
  choices: Object.fromEntries(
    Object.entries(options.choices).map(([k, items]) => [k, items.map((i) => i.code)]),
  ),
  rows: Object.fromEntries(
    Object.entries(options.rows).map(([k, items]) => [k, items.map((i) => i.code)]),
  ),
});

/** The allowed codes and rows of every respondent, by submission id. */
export async function loadValueOptions(
  db: Db,
  definition: FormDefinition,
  respondents: readonly RespondentRef[],
): Promise<Map<string, ValueOptions>> {
  const display = await loadDisplayOptions(db, definition, respondents);
  return new Map([...display].map(([id, options]) => [id, toValueOptions(options)]));
}
