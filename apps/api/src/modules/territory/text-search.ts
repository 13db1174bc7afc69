import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Letters with diacritics used in Czech and its neighbours' place names. PGlite has no
 * `unaccent` and PostgreSQL needs the contrib extension for it, so folding is a plain
 * `translate()` (works on both, any collation), with the same folding done in JS on the needle.
 */
const ACCENTED = 'ÁÄČĆĎÉĚËÍĹĽŇŃÓÔÖŐŔŘŠŚŤÚŮÜŰÝŸŽŹŻÅĄĘ' + 'áäčćďéěëíĺľňńóôöőŕřšśťúůüűýÿžźżåąę';
const PLAIN = [...ACCENTED].map((c) => c.normalize('NFD').replace(/\p{M}/gu, '')).join('');

if (PLAIN.length !== [...ACCENTED].length) throw new Error('text-search: fold table is uneven');

/** Lower case without diacritics, as the SQL side folds the column. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The SQL twin of fold() for a column. */
export function foldSql(column: AnyColumn | SQL): SQL {
  return sql`lower(translate(${column}, ${ACCENTED}, ${PLAIN}))`;
}

/** Escapes LIKE wildcards so user input matches literally (escape character `\`). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column` contains `needle`, ignoring case and diacritics. */
export function containsFolded(column: AnyColumn | SQL, needle: string): SQL {
  return sql`${foldSql(column)} like ${`%${likeEscape(fold(needle))}%`}`;
}

/** `column` starts with `prefix`, ignoring case and diacritics (codes). */
export function startsWith(column: AnyColumn | SQL, prefix: string): SQL {
  return sql`${foldSql(column)} like ${`${likeEscape(fold(prefix))}%`}`;
}
