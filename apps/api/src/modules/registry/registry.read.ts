/**
 * Defensive readers for the raw registry JSON (RPSS-FORMAT.md). Much of the format is assumed,
 * not verified: every reader accepts anything and answers null (or []) for what it does not
 * understand, so one odd field never costs a whole registration.
 */

export type RawObject = Record<string, unknown>;

export const asObject = (value: unknown): RawObject | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as RawObject)
    : null;

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Free text as the registry writes it: NFC, trimmed, runs of whitespace collapsed (§10.8). */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * A copy of a string that shares no memory with it. The streaming parser's strings are slices
 * of its input buffer: a kept slice keeps the whole buffer alive, and a batch of records
 * would hold on to megabytes of parsed file (measured: the heap of a national import doubled).
 */
export const detach = (value: string): string => Buffer.from(value, 'utf8').toString('utf8');

/** A non-empty cleaned string (numbers are taken as their decimal text), else null. */
export function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const cleaned = cleanText(value);
  return cleaned === '' ? null : detach(cleaned);
}

/** The id of a reference `{"id": "DruhSocialniSluzby/13"}` (a bare string is accepted too). */
export function refId(value: unknown): string | null {
  if (typeof value === 'string') return text(value);
  return text(asObject(value)?.id);
}

/** The part after the slash of a reference id of the given kind (`Obec/563889` → `563889`). */
export function refCode(id: string | null, kind: string): string | null {
  if (!id) return null;
  const slash = id.indexOf('/');
  if (slash < 0 || id.slice(0, slash) !== kind) return null;
  const code = id.slice(slash + 1).trim();
  return code === '' ? null : detach(code);
}

/** A whole number (or its decimal text), else null. */
export function integer(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value);
  return null;
}

/**
 * A calendar date YYYY-MM-DD (a longer ISO timestamp is cut to its date); `undefined` when the
 * value is there but not a date, so the caller can report it; null when absent.
 */
export function isoDate(value: unknown): string | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(value);
  if (!match) return undefined;
  const day = detach(match[1]!);
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : undefined;
}

/** The first non-empty `key` of an array of contact objects (`emaily[].email`, …). */
export function firstContact(list: unknown, key: string): string | null {
  for (const entry of asArray(list)) {
    const value = text(asObject(entry)?.[key]);
    if (value) return value.length > 250 ? value.slice(0, 250) : value;
  }
  return null;
}
