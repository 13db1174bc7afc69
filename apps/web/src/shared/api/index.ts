import { createApiClient } from './api-client.ts';

export { ApiError, isApiError } from './api-error.ts';
export type { ApiResponse } from './api-client.ts';

/** The app's one API client; feature api modules use it, components never fetch themselves. */
export const api = createApiClient({ storage: globalThis.localStorage ?? null });
