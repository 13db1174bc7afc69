import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Czech text in SQL: search that ignores case and diacritics, and Czech alphabetical order.
 *
 * Letters with diacritics used in Czech and its neighbours' place names. PGlite has no
 * `unaccent` and PostgreSQL needs the contrib extension for it, so folding is a plain
 * `translate()` (works on both, any collation), with the same folding done in JS on the needle.
 */
const ACCENTED = 'ÁÄČĆĎÉĚËÍĹĽŇŃÓÔÖŐŔŘŠŚŤÚŮÜŰÝŸŽŹŻÅĄĘ' + 'áäčćďéěëíĺľňńóôöőŕřšśťúůüűýÿžźżåąę';
const PLAIN = [...ACCENTED].map((c) => c.normalize('NFD').replace(/\p{M}/gu, '')).join('');

if (PLAIN.length !== [...ACCENTED].length) throw new Error('czech-text: fold table is uneven');

/** Lower case without diacritics, as the SQL side folds the column. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The SQL twin of fold() for a column. */
export function foldSql(column: AnyColumn | SQL): SQL {
  return sql`lower(translate(${column}, ${ACCENTED}, ${PLAIN}))`;
}

/**
 * Letters whose accent is secondary in Czech order (Á sorts with A). Č, Ř, Š, Ž and CH are
 * letters of their own and are handled below; other accented letters fold to their base.
 */
const SECONDARY = ACCENTED.replace(/[ČčŘřŠšŽž]/g, '');
const SECONDARY_PLAIN = [...SECONDARY].map((c) => fold(c)).join('');

/**
 * A key that orders names as Czech does (C < Č < D, H < CH < I, Ř after R, Š after S, Ž after Z,
 * case and vowel accents ignored), the same on PostgreSQL and PGlite. PGlite carries no Czech
 * collation, and the server's depends on how it was built; this works on any. `{` sorts after
 * every ASCII letter under the byte order of COLLATE "C".
 */
export function czechSortKey(column: AnyColumn | SQL): SQL {
  const base = sql`lower(translate(${column}, ${SECONDARY + 'ČŘŠŽ'}, ${SECONDARY_PLAIN + 'čřšž'}))`;
  return sql`replace(replace(replace(replace(replace(${base}, 'ch', 'h{'), 'č', 'c{'), 'ř', 'r{'), 'š', 's{'), 'ž', 'z{') collate "C"`;
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
