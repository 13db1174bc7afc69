import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Effective dating. Validity is half-open everywhere: `validFrom <= day < validTo`, with a null
 * `validTo` open-ended (and a null `validFrom`, where allowed, unbounded). So a new version's
 * `validFrom` is the day the previous one's `validTo` names, and nothing overlaps.
 */

/** Today in the Czech Republic (the domain's calendar), as YYYY-MM-DD. */
// sv-SE formats dates as ISO (YYYY-MM-DD). Formatting is slow next to a cached request, and
// `today()` runs on every list request: the day is kept for the minute it was computed in
// (Prague's midnight always falls on a whole minute, so a minute never spans two days).
const PRAGUE_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' });
const MINUTE_MS = 60_000;
let lastMinute = Number.NaN;
let lastDay = '';

export function today(now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / MINUTE_MS);
  if (minute !== lastMinute) {
    lastDay = PRAGUE_DATE.format(now);
    lastMinute = minute;
  }
  return lastDay;
}

/** `validFrom <= day < validTo` in SQL (nulls open-ended). */
export function validOnSql(validFrom: AnyColumn | SQL, validTo: AnyColumn | SQL, day: string): SQL {
  return sql`(${validFrom} is null or ${validFrom} <= ${day}::date) and (${validTo} is null or ${validTo} > ${day}::date)`;
}

/** The same test in JS for YYYY-MM-DD strings. */
export function isValidOn(
  range: { validFrom: string | null; validTo: string | null },
  day: string,
): boolean {
  return (
    (range.validFrom === null || range.validFrom <= day) &&
    (range.validTo === null || range.validTo > day)
  );
}

/** The day after a YYYY-MM-DD date (for turning an inclusive "until" into an exclusive end). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
