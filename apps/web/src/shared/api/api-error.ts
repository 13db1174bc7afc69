import type { Problem } from '@socplan/contracts';

export type FieldError = NonNullable<Problem['errors']>[number];

/**
 * A failed API call: the parsed `application/problem+json` body (RFC 9457), or a synthetic
 * problem when the server could not be reached (status 0) or answered something else.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly code: string | undefined;
  readonly errors: FieldError[];

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
  }

  /** Field messages keyed by JSON pointer without the leading slash: `email`, `roles/0/role`. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.errors.map((e) => [e.pointer.replace(/^\//, ''), e.detail]));
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    const contentType = response.headers.get('content-type') ?? '';
    if (/application\/(problem\+)?json/.test(contentType)) {
      const body = (await response.json().catch(() => null)) as Partial<Problem> | null;
      if (body && typeof body.title === 'string') {
        return new ApiError({
          type: 'about:blank',
          ...body,
          title: body.title,
          status: response.status,
        });
      }
    }
    return new ApiError({
      type: 'about:blank',
      title: response.statusText || `HTTP ${response.status}`,
      status: response.status,
    });
  }

  static network(cause: unknown): ApiError {
    return new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: cause instanceof Error ? cause.message : String(cause),
    });
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
