import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { PlanImportReport } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { planNodes } from '../../db/schema/index.ts';
import { loadExcelJs } from '../../lib/exceljs.ts';
import { today } from '../../lib/validity.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertMay } from '../auth/authorization.ts';
import type { AuthPrincipal } from '../auth/principal.ts';
import { codelistsOn } from '../codelists/codelists.service.ts';
import { liveNodes } from './plan-records.repo.ts';
import { parseSheet, readSheet, type ParsedRow } from './plan-import.parse.ts';
import { renumberPlan } from './plan-tree.codes.ts';
import { lockWritablePlan } from './plans.access.ts';

const INSERT_CHUNK = 1000;

/**
 * Imports the structure of a plan from a spreadsheet: the rows that pass become nodes appended
 * after the plan's existing ones (codes renumbered), the others are reported with their reasons.
 * One transaction; a dry run checks everything and writes nothing.
 */
export async function importPlanStructure(
  db: Db,
  principal: AuthPrincipal,
  planId: string,
  file: { mediaType: string; content: Buffer },
  options: { dryRun: boolean },
): Promise<PlanImportReport> {
  assertMay(principal, 'plans.read');
  const sheet = await readSheet(file.mediaType, file.content);
  return db.transaction(async (tx) => {
    const plan = await lockWritablePlan(tx, principal, planId, { tree: true });
    const sources = (await codelistsOn(tx, ['funding_source'], today())).get('funding_source')!;
    const parsed = parseSheet(sheet, {
      sources: new Set(sources.keys()),
      yearFrom: plan.yearFrom,
      yearTo: plan.yearTo,
    });
    const accepted = parsed.rows.filter((r) => r.reasons.length === 0);
    const ids = new Map<ParsedRow, string>(accepted.map((r) => [r, randomUUID()]));
    const codes = new Map<string, string>();

    if (!options.dryRun && accepted.length) {
      const existingRoots = (await liveNodes(tx, plan.id)).filter((n) => !n.parentId).length;
      const byCode = new Map(accepted.map((r) => [r.path!.join('.'), r]));
      const rows = accepted.map((r) => {
        const parent = r.path!.length > 1 ? byCode.get(r.path!.slice(0, -1).join('.')) : null;
        // Siblings keep the order of their codes; new priorities come after the existing ones.
        const ordinal = r.path!.at(-1)!;
        return {
          id: ids.get(r)!,
          planId: plan.id,
          parentId: parent ? ids.get(parent)! : null,
          level: r.level!,
          position: parent ? ordinal : existingRoots + ordinal,
          code: '',
          title: r.title!,
          description: r.description,
          responsible: r.responsible,
          costs: r.costs,
          funding: r.funding,
          depth: r.path!.length,
        };
      });
      // Parents before children, in chunks well under PostgreSQL's 65,535 parameters.
      rows.sort((a, b) => a.depth - b.depth);
      for (let i = 0; i < rows.length; i += INSERT_CHUNK)
        await tx
          .insert(planNodes)
          .values(rows.slice(i, i + INSERT_CHUNK).map(({ depth: _d, ...row }) => row));
      await renumberPlan(tx, plan.id);
      const numbered = await tx
        .select({ id: planNodes.id, code: planNodes.code })
        .from(planNodes)
        .where(eq(planNodes.planId, plan.id));
      for (const n of numbered) codes.set(n.id, n.code);
      await recordAudit(tx, principal, {
        action: 'import',
        entityType: 'plan',
        entityId: plan.id,
        after: {
          source: file.mediaType,
          imported: accepted.length,
          rejected: parsed.rows.length - accepted.length,
          nodeIds: [...ids.values()],
        },
      });
    }

    return {
      dryRun: options.dryRun,
      imported: accepted.length,
      rejected: parsed.rows.length - accepted.length,
      ignoredColumns: parsed.ignoredColumns,
      rows: parsed.rows.map((r) => {
        const id = options.dryRun ? undefined : ids.get(r);
        return {
          row: r.row,
          code: r.code,
          title: r.title,
          status: r.reasons.length ? ('rejected' as const) : ('imported' as const),
          nodeId: id ?? null,
          planCode: (id && codes.get(id)) ?? null,
          reasons: r.reasons,
        };
      }),
    };
  });
}

// --- the template ---

/** The funding sources of the template's columns, in the codelist's order. */
const TEMPLATE_SOURCES = [
  'mpsv',
  'region',
  'municipality',
  'eu',
  'user_fees',
  'care_allowance',
  'health_insurance',
  'other',
];

/**
 * The template as rows: the header (code, title, description, responsible, a cost column per
 * year and a column per funding source and year) and one example of each level.
 */
export function importTemplateRows(yearFrom: number, years = 3): (string | number | null)[][] {
  const span = Array.from({ length: years }, (_, i) => yearFrom + i);
  const header = [
    'kód',
    'název',
    'popis',
    'garant',
    ...span.map((y) => `náklady ${y}`),
    ...TEMPLATE_SOURCES.flatMap((source) => span.map((y) => `${source} ${y}`)),
  ];
  const money = (cost: number, mpsv: number, municipality: number) => [
    ...span.map(() => cost),
    ...TEMPLATE_SOURCES.flatMap((source) =>
      span.map(() => (source === 'mpsv' ? mpsv : source === 'municipality' ? municipality : null)),
    ),
  ];
  const none = header.slice(4).map(() => null);
  return [
    header,
    ['1', 'Senioři a osoby se zdravotním postižením', null, null, ...none],
    ['1.1', 'Dostupná pečovatelská služba', null, null, ...none],
    [
      '1.1.1',
      'Pečovatelská služba i o víkendech',
      'Víkendové a sváteční směny v celé ORP',
      'poskytovatel pečovatelské služby',
      ...money(1_200_000, 800_000, 250_000),
    ],
  ];
}

/** The template as CSV the way Czech Excel reads it: UTF-8 with a BOM, `;`-separated. */
export function importTemplateCsv(yearFrom: number): string {
  const quote = (cell: string | number | null) => {
    const text = cell === null ? '' : String(cell);
    return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${importTemplateRows(yearFrom)
    .map((row) => row.map(quote).join(';'))
    .join('\r\n')}\r\n`;
}

/** The template as an XLSX workbook, codes as text so that 1.10 stays 1.10. */
export async function importTemplateXlsx(yearFrom: number): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  const sheet = workbook.addWorksheet('plán');
  sheet.getColumn(1).numFmt = '@';
  for (const row of importTemplateRows(yearFrom)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
