import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemTypes, type Problem } from '@socplan/contracts';
import { DomainError, type FieldError } from '../lib/errors.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';

function send(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type(PROBLEM).send(problem);
}

/** Fastify/Ajv validation errors → one field error each, named by JSON pointer. */
function fieldErrors(error: FastifyError): FieldError[] {
  const location = (
    { querystring: 'query', body: 'body', params: 'params', headers: 'headers' } as const
  )[(error.validationContext ?? 'body') as 'body'];
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
    const pointer = `${v.instancePath}${extra ? `/${extra}` : ''}` || '/';
    const detail =
      params.additionalProperty !== undefined
        ? 'is not a known field'
        : params.missingProperty !== undefined
          ? 'is required'
          : (v.message ?? 'is invalid');
    return { in: location, pointer, detail };
  });
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03']);

/** Is this error the database not answering (rather than a bug)? */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: unknown };
  if (!e || typeof e !== 'object') return false;
  if (e.code && (CONNECTION_ERRORS.has(e.code) || e.code.startsWith('08'))) return true;
  if (
    /PGlite is closed|Connection terminated|timeout exceeded when trying to connect/i.test(
      e.message ?? '',
    )
  ) {
    return true;
  }
  return e.cause !== undefined && e.cause !== error && isDatabaseUnavailable(e.cause);
}

/** Every 4xx/5xx leaves as application/problem+json (RFC 9457); a 5xx never shows internals. */
export default fp<{ spa: boolean }>(
  async (app, { spa }) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof DomainError) {
        return send(reply, {
          type: error.type,
          title: error.title,
          status: error.status,
          detail: error.message,
          code: error.code,
          ...(error.errors ? { errors: error.errors } : {}),
        });
      }
      if (error.validation) {
        const errors = fieldErrors(error);
        return send(reply, {
          type: ProblemTypes.validation,
          title: 'Invalid request',
          status: 400,
          code: 'validation',
          detail: errors.map((e) => `${e.in} ${e.pointer}: ${e.detail}`).join('; '),
          errors,
        });
      }
      if (isDatabaseUnavailable(error)) {
        request.log.error({ err: error }, 'database unavailable');
        return send(reply, {
          type: ProblemTypes.unavailable,
          title: 'Service Unavailable',
          status: 503,
          code: 'service-unavailable',
          detail: 'The database does not answer. Try again shortly.',
        });
      }
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'unhandled error');
        return send(reply, {
          type: ProblemTypes.internal,
          title: 'Internal Server Error',
          status,
          code: 'internal',
          detail: `Something went wrong on our side. Reference: ${request.id}`,
        });
      }
      const type =
        {
          401: ProblemTypes.unauthorized,
          403: ProblemTypes.forbidden,
          404: ProblemTypes.notFound,
          413: ProblemTypes.payloadTooLarge,
          415: ProblemTypes.unsupportedMediaType,
          429: ProblemTypes.tooManyRequests,
        }[status] ?? ProblemTypes.validation;
      return send(reply, {
        type,
        title: titleOf(status),
        status,
        code: type.slice(type.lastIndexOf('/') + 1),
        detail: error.message,
      });
    });

    app.setNotFoundHandler((request, reply) => {
      // Deep links of the SPA (history mode) get its index page; unknown API routes a problem.
      if (
        spa &&
        request.method === 'GET' &&
        !request.url.startsWith('/api/') &&
        (request.headers.accept ?? '').includes('text/html')
      ) {
        return reply.type('text/html').sendFile('index.html');
      }
      return send(reply, {
        type: ProblemTypes.notFound,
        title: 'Not Found',
        status: 404,
        code: 'not-found',
        detail: `No route ${request.method} ${request.url.split('?')[0]}.`,
      });
    });
  },
  { name: 'errors' },
);

function titleOf(status: number): string {
  return (
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      405: 'Method Not Allowed',
      406: 'Not Acceptable',
      413: 'Payload Too Large',
      415: 'Unsupported Media Type',
      429: 'Too Many Requests',
    }[status] ?? 'Bad Request'
  );
}
