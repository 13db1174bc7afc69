/** The PostgreSQL error under a driver's or Drizzle's wrapping (both pg and PGlite set `code`). */
function pgError(error: unknown): { code?: string; constraint?: string; message?: string } | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const candidate = e as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code))
      return candidate as { code: string };
    e = candidate.cause;
  }
  return null;
}

/** Whether `error` is a unique violation of the named constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = pgError(error);
  return (
    e?.code === '23505' && (e.constraint === constraint || Boolean(e.message?.includes(constraint)))
  );
}
