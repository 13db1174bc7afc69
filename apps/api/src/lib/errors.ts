import { ProblemTypes } from '@socplan/contracts';

export interface FieldError {
  /** JSON pointer into the request part named by `in`, e.g. `/email`. */
  pointer: string;
  detail: string;
  in?: 'body' | 'query' | 'params' | 'headers';
  /** The code of the form rule that failed (data collection). */
  rule?: string;
}

/** Errors the domain throws; the errors plugin turns them into problem+json. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }
  get code(): string {
    return this.type.slice(this.type.lastIndexOf('/') + 1);
  }
}

export class NotFoundError extends DomainError {
  constructor(detail = 'The resource does not exist or is outside your scope.') {
    super(404, ProblemTypes.notFound, 'Not Found', detail);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(detail = 'Log in or present a valid access token.') {
    super(401, ProblemTypes.unauthorized, 'Unauthorized', detail);
  }
}
export class ForbiddenError extends DomainError {
  constructor(detail = 'You may see this resource but not do this with it.') {
    super(403, ProblemTypes.forbidden, 'Forbidden', detail);
  }
}
export class ConflictError extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super(409, ProblemTypes.conflict, 'Conflict', detail, errors);
  }
}
export class InvalidError extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, ProblemTypes.validation, 'Invalid request', detail, errors);
  }
}
/** One field error of a request part (the body unless said otherwise). */
export const fieldError = (
  pointer: string,
  detail: string,
  where: FieldError['in'] = 'body',
): FieldError => ({ in: where, pointer, detail });

/** 400 naming one field: `/yearTo` + "must not be before yearFrom" → "yearTo must not be …". */
export const invalidField = (pointer: string, detail: string, where: FieldError['in'] = 'body') =>
  new InvalidError(`${pointer.slice(1)} ${detail}.`, [fieldError(pointer, detail, where)]);

export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super(
      413,
      ProblemTypes.payloadTooLarge,
      'Payload Too Large',
      `The upload is larger than the limit of ${limitBytes} bytes.`,
    );
  }
}
export class UnsupportedMediaTypeError extends DomainError {
  constructor(expected: string[]) {
    super(
      415,
      ProblemTypes.unsupportedMediaType,
      'Unsupported Media Type',
      `Send the file as ${expected.join(' or ')}.`,
    );
  }
}
export class PreconditionFailedError extends DomainError {
  constructor() {
    super(
      412,
      ProblemTypes.preconditionFailed,
      'Precondition Failed',
      'The resource was changed by someone else since you read it. Reload it and apply your change again.',
    );
  }
}
export class PreconditionRequiredError extends DomainError {
  constructor() {
    super(
      428,
      ProblemTypes.preconditionRequired,
      'Precondition Required',
      'Send If-Match with the ETag you read, so that no one else’s change is overwritten.',
    );
  }
}
