import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { queryCounter } from '../db/client.ts';

/** The request's counter, also read by the log serializer below (after the request's scope). */
const COUNTER = Symbol('queryCounter');
type Counted = FastifyRequest & { [COUNTER]?: { queries: number } };

/** The statements a request ran so far; undefined when requests are not counted. */
export const queriesOf = (request: FastifyRequest): number | undefined =>
  (request as Counted)[COUNTER]?.queries;

/**
 * Fastify's `res` log serializer with the request's statement count, so the completion line
 * ("request completed") says how many SQL statements the request ran: a list whose count grows
 * with its rows shows N+1 in the logs.
 */
export const serializeReply = (
  reply: Partial<FastifyReply> & Pick<FastifyReply, 'statusCode'>,
) => ({
  statusCode: reply.statusCode,
  queries: reply.request && queriesOf(reply.request),
});

export const QUERY_COUNT_HEADER = 'x-query-count';

/**
 * Counts the SQL statements each request runs: the request runs inside its own counter
 * (db/client.ts increments it for every statement Drizzle sends), entered when it arrives and
 * again once its body is parsed (body chunks arrive in the socket's async context, not the
 * request's, as @fastify/request-context also found). With `header`, the answer
 * carries the count as `X-Query-Count` (benchmarks, tests). Nothing is counted when neither
 * the completion log line nor the header would show it.
 */
export default fp<{ header: boolean }>(
  async (app, { header }) => {
    if (!header && !['trace', 'debug', 'info'].includes(app.log.level)) return;
    app.addHook('onRequest', (request, _reply, done) => {
      const counter = { queries: 0 };
      (request as Counted)[COUNTER] = counter;
      queryCounter.run(counter, done);
    });
    app.addHook('preValidation', (request, _reply, done) => {
      queryCounter.run((request as Counted)[COUNTER]!, done);
    });
    if (header)
      app.addHook('onSend', async (request, reply) => {
        reply.header(QUERY_COUNT_HEADER, String(queriesOf(request) ?? 0));
      });
  },
  { name: 'query-count' },
);
