import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  BudgetQuerySchema,
  BudgetSchema,
  CreateFinancingKeyBodySchema,
  CreateReferenceValueBodySchema,
  EntryFinancingQuerySchema,
  EntryFinancingSchema,
  EntryIdParamsSchema,
  FinancingKeyListQuerySchema,
  FinancingKeyListSchema,
  FinancingKeySchema,
  IdParamsSchema,
  ProblemSchema,
  ReferenceValueListQuerySchema,
  ReferenceValueListSchema,
  ReferenceValueSchema,
  UpdateFinancingKeyBodySchema,
  UpdateReferenceValueBodySchema,
  WhatIfBodySchema,
  WhatIfBudgetSchema,
} from '@socplan/contracts';
import { InvalidError } from '../../lib/errors.ts';
import { created, expectedVersion, withEtag } from '../../lib/http.ts';
import { requirePrincipal } from '../auth/authorization.ts';
import {
  createFinancingKey,
  deleteFinancingKey,
  getFinancingKey,
  listFinancingKeys,
  updateFinancingKey,
} from './financing-keys.service.ts';
import { budget, entryFinancing, whatIf } from './financing.service.ts';
import {
  createReferenceValue,
  deleteReferenceValue,
  getReferenceValue,
  listReferenceValues,
  updateReferenceValue,
} from './reference-values.service.ts';
import { numbersIn } from './money.ts';

const tags = ['financing'];
const problems = { '4xx': ProblemSchema };
const MONEY_NOTE =
  'Money is CZK as a decimal string with two decimals ("612345.00"); percentages likewise ("15.00").';

/** Financing parameters (reference values, keys) and the computation of the compensation payment. */
const DECIMAL_FIELDS = new Set([
  'costPerUnit',
  'ownRevenueShare',
  'stateShare',
  'regionShare',
  'municipalShare',
]);

const financingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  // Money and percentages travel as text; a JSON number would otherwise be coerced silently.
  app.addHook('preValidation', async (request) => {
    const pointers = numbersIn(request.body, DECIMAL_FIELDS);
    if (pointers.length)
      throw new InvalidError(
        'Money and percentages are decimal strings such as "612345.00", not JSON numbers.',
        pointers.map((pointer) => ({
          in: 'body',
          pointer,
          detail: 'must be a decimal string, e.g. "612345.00"',
        })),
      );
  });

  // --- reference values ---

  app.get(
    '/api/financing/reference-values',
    {
      schema: {
        tags,
        summary: 'Reference values (normative cost per unit) by year, service type and form',
        description: MONEY_NOTE,
        querystring: ReferenceValueListQuerySchema,
        response: { 200: ReferenceValueListSchema, ...problems },
      },
    },
    (request) => listReferenceValues(app.db, requirePrincipal(request.principal), request.query),
  );

  app.get(
    '/api/financing/reference-values/:id',
    {
      schema: {
        tags,
        summary: 'One reference value (with its ETag)',
        params: IdParamsSchema,
        response: { 200: ReferenceValueSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getReferenceValue(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.post(
    '/api/financing/reference-values',
    {
      schema: {
        tags,
        summary: 'Create a reference value (financing staff)',
        description: MONEY_NOTE,
        body: CreateReferenceValueBodySchema,
        response: { 201: ReferenceValueSchema, ...problems },
      },
    },
    async (request, reply) => {
      const value = await createReferenceValue(
        app.db,
        requirePrincipal(request.principal),
        request.body,
      );
      return created(reply, `/api/financing/reference-values/${value.id}`, withEtag(reply, value));
    },
  );

  app.patch(
    '/api/financing/reference-values/:id',
    {
      schema: {
        tags,
        summary: 'Change a reference value (If-Match required)',
        params: IdParamsSchema,
        body: UpdateReferenceValueBodySchema,
        response: { 200: ReferenceValueSchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateReferenceValue(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.delete(
    '/api/financing/reference-values/:id',
    {
      schema: {
        tags,
        summary: 'Delete a reference value (If-Match required)',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteReferenceValue(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        () => expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );

  // --- financing keys ---

  app.get(
    '/api/financing/keys',
    {
      schema: {
        tags,
        summary: 'Financing keys (state / region / municipal shares) with their years',
        querystring: FinancingKeyListQuerySchema,
        response: { 200: FinancingKeyListSchema, ...problems },
      },
    },
    (request) => listFinancingKeys(app.db, requirePrincipal(request.principal), request.query),
  );

  app.get(
    '/api/financing/keys/:id',
    {
      schema: {
        tags,
        summary: 'One financing key (with its ETag)',
        params: IdParamsSchema,
        response: { 200: FinancingKeySchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await getFinancingKey(app.db, requirePrincipal(request.principal), request.params.id),
      ),
  );

  app.post(
    '/api/financing/keys',
    {
      schema: {
        tags,
        summary: 'Create a financing key; shares sum to 100, one key per year',
        body: CreateFinancingKeyBodySchema,
        response: { 201: FinancingKeySchema, ...problems },
      },
    },
    async (request, reply) => {
      const key = await createFinancingKey(
        app.db,
        requirePrincipal(request.principal),
        request.body,
      );
      return created(reply, `/api/financing/keys/${key.id}`, withEtag(reply, key));
    },
  );

  app.patch(
    '/api/financing/keys/:id',
    {
      schema: {
        tags,
        summary: 'Change a financing key (If-Match required)',
        params: IdParamsSchema,
        body: UpdateFinancingKeyBodySchema,
        response: { 200: FinancingKeySchema, ...problems },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await updateFinancingKey(
          app.db,
          requirePrincipal(request.principal),
          request.params.id,
          () => expectedVersion(request),
          request.body,
        ),
      ),
  );

  app.delete(
    '/api/financing/keys/:id',
    {
      schema: {
        tags,
        summary: 'Delete a financing key (If-Match required)',
        params: IdParamsSchema,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteFinancingKey(app.db, requirePrincipal(request.principal), request.params.id, () =>
        expectedVersion(request),
      );
      return reply.code(204).send(null);
    },
  );

  // --- computation ---

  app.get(
    '/api/financing/entries/:entryId',
    {
      schema: {
        tags,
        summary: 'The compensation payment of one network entry and its split, per year',
        description:
          'Optimal costs, revenues and compensation per form, per unit of entrusted capacity, the ' +
          'split by the key and among the municipalities served. Entries not (yet) in the network ' +
          'are computed as a preview (`financed: false`). ' +
          MONEY_NOTE,
        params: EntryIdParamsSchema,
        querystring: EntryFinancingQuerySchema,
        response: { 200: EntryFinancingSchema, ...problems },
      },
    },
    (request) =>
      entryFinancing(
        app.db,
        requirePrincipal(request.principal),
        request.params.entryId,
        request.query,
      ),
  );

  app.get(
    '/api/financing/budget',
    {
      schema: {
        tags,
        summary: 'Budget outlook: totals per year by service type, ORP and funding source',
        description:
          'Approved and changed entries whose entrustment covers the year. Give `year`, ' +
          '`periodId` (every year of the period) or both. ' +
          MONEY_NOTE,
        querystring: BudgetQuerySchema,
        response: { 200: BudgetSchema, ...problems },
      },
    },
    (request) => budget(app.db, requirePrincipal(request.principal), request.query),
  );

  app.post(
    '/api/financing/budget/what-if',
    {
      schema: {
        tags,
        summary: 'The budget with changed reference values and/or key, not saved',
        description:
          'Answers the budget computed with the overrides and, in `difference`, what-if minus ' +
          'the saved parameters per year and row. ' +
          MONEY_NOTE,
        body: WhatIfBodySchema,
        response: { 200: WhatIfBudgetSchema, ...problems },
      },
    },
    (request) => whatIf(app.db, requirePrincipal(request.principal), request.body),
  );
};
export default financingRoutes;
