import { createApiClient } from './api-client.ts';

export { ApiError, isApiError } from './api-error.ts';
export type { ApiResponse, QueryValue } from './api-client.ts';

/**
 * The ETag of a versioned resource read from a list (lists carry `version`, not ETags): the
 * API's ETag is `"<version>"` (docs/decisions/0004-http-contract.md).
 */
export const etagOf = (version: number): string => `"${version}"`;

/** The app's one API client; feature api modules use it, components never fetch themselves. */
export const api = createApiClient({ storage: globalThis.localStorage ?? null });
