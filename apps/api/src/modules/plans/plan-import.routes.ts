import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  IdParamsSchema,
  PLAN_IMPORT_CSV,
  PLAN_IMPORT_XLSX,
  PlanImportQuerySchema,
  PlanImportReportSchema,
  ProblemSchema,
} from '@socplan/contracts';
import { UnsupportedMediaTypeError } from '../../lib/errors.ts';
import { mediaTypeOf } from '../../lib/http.ts';
import { assertMay, requirePrincipal } from '../auth/authorization.ts';
import {
  importPlanStructure,
  importTemplateCsv,
  importTemplateXlsx,
} from './plan-import.service.ts';
import { today } from '../../lib/validity.ts';

const tags = ['plans'];
const TYPES = [PLAN_IMPORT_CSV, PLAN_IMPORT_XLSX];
const DESCRIPTION =
  'Columns (header row, Czech or English): kód/code (1, 1.2, 1.2.3), název/title, optional ' +
  'popis/description and garant/responsible, a cost column per year ("2025", "náklady 2025", ' +
  '"cost 2025") and a column per funding source and year ("mpsv 2025", "region 2025"; codes of ' +
  'the codelist funding_source). Money only on activities, in CZK. Rows that pass are appended ' +
  "after the plan's nodes; each rejected row is reported with its reasons. See " +
  'docs/decisions/0403-plan-spreadsheet-import.md.';

/**
 * Import of a plan's structure from a spreadsheet and its template. Encapsulated so that its
 * raw-body parsers and body limit (IMPORT_BODY_LIMIT) apply to these routes only.
 */
const planImportRoutes: FastifyPluginAsyncTypebox<{ importBodyLimit: number }> = async (
  app,
  { importBodyLimit },
) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    TYPES,
    { parseAs: 'buffer', bodyLimit: importBodyLimit },
    (_request, body, done) => done(null, body),
  );

  const uploaded = (request: FastifyRequest) => {
    const mediaType = mediaTypeOf(request);
    if (!TYPES.includes(mediaType) || !Buffer.isBuffer(request.body))
      throw new UnsupportedMediaTypeError(TYPES);
    return { mediaType, content: request.body };
  };

  app.post(
    '/api/plans/:id/import',
    {
      bodyLimit: importBodyLimit,
      schema: {
        tags,
        summary:
          "Import a plan's structure from a spreadsheet (CSV or XLSX), with a report per row",
        description: DESCRIPTION,
        consumes: TYPES,
        // Documentation only: the bytes are read by the handler.
        body: Type.Unknown({ description: 'The spreadsheet (text/csv or XLSX)' }),
        params: IdParamsSchema,
        querystring: PlanImportQuerySchema,
        response: { 200: PlanImportReportSchema, '4xx': ProblemSchema },
      },
    },
    (request) =>
      importPlanStructure(
        app.db,
        requirePrincipal(request.principal),
        request.params.id,
        uploaded(request),
        { dryRun: request.query.dryRun },
      ),
  );

  const templateYear = () => Number(today().slice(0, 4));
  const templateRoute = (extension: 'csv' | 'xlsx', mediaType: string) =>
    app.get(
      `/api/plans/import-template.${extension}`,
      {
        schema: {
          tags,
          summary: `The spreadsheet template of a plan import (${extension.toUpperCase()})`,
          description: DESCRIPTION,
          produces: [mediaType],
          response: {
            200: Type.Unknown({ description: 'The template file' }),
            '4xx': ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        assertMay(requirePrincipal(request.principal), 'plans.read');
        void reply
          .type(extension === 'csv' ? `${mediaType}; charset=utf-8` : mediaType)
          .header('content-disposition', `attachment; filename="plan-import.${extension}"`);
        return extension === 'csv'
          ? importTemplateCsv(templateYear())
          : importTemplateXlsx(templateYear());
      },
    );
  templateRoute('csv', PLAN_IMPORT_CSV);
  templateRoute('xlsx', PLAN_IMPORT_XLSX);
};
export default planImportRoutes;
