import { createApiClient } from './api-client.ts';

export { ApiError, isApiError, type FieldError } from './api-error.ts';
export type { ApiClient, ApiResponse, QueryValue, RequestOptions } from './api-client.ts';

/** The app's one API client; feature api modules use it, components never fetch themselves. */
export const api = createApiClient({ storage: globalThis.localStorage ?? null });
