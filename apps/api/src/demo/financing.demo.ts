import type { Db } from '../db/client.ts';
import { financingKeys, referenceValues } from '../db/schema/index.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import type { FormCode } from './service-types.data.ts';

/**
 * The demo's financing parameters: reference values (optimal cost per unit and the expected
 * own-revenue share) per service type and form for 2024–2026, and the financing key. Amounts
 * are in whole CZK here and stored in integer haléř; shares in basis points (10000 = 100 %).
 * Residential forms are priced per bed, field and outpatient forms per FTE of direct care.
 */

// § · CZK per FTE a year (field, outpatient) · CZK per bed a year (residential) · own revenue %
// by form (pob / amb / ter; one number = every form)
// prettier-ignore
const PARAMETERS: Record<string, [number, number, Partial<Record<FormCode, number>> | number]> = {
  '37': [960_000, 0, 0],
  '39': [820_000, 0, 15],
  '40': [840_000, 0, { ter: 20, amb: 25 }],
  '41': [900_000, 0, 25],
  '42': [850_000, 0, 5],
  '43': [860_000, 0, 10],
  '44': [860_000, 560_000, { pob: 45, amb: 25, ter: 20 }],
  '45': [880_000, 0, 15],
  '46': [900_000, 0, 25],
  '47': [0, 560_000, 45],
  '48': [0, 640_000, 55],
  '49': [0, 540_000, 60],
  '50': [0, 600_000, 62],
  '51': [0, 480_000, 45],
  '52': [0, 450_000, 55],
  '54': [1_050_000, 0, 0],
  '55': [980_000, 0, 0],
  '56': [1_000_000, 0, 0],
  '57': [0, 460_000, 15],
  '58': [0, 470_000, 15],
  '59': [950_000, 0, 0],
  '60': [1_000_000, 500_000, 0],
  '60a': [1_100_000, 520_000, 0],
  '61': [900_000, 0, 0],
  '62': [900_000, 0, 0],
  '63': [880_000, 0, 10],
  '64': [920_000, 480_000, 5],
  '65': [940_000, 0, 0],
  '66': [860_000, 0, 5],
  '67': [880_000, 0, 5],
  '68': [0, 520_000, 10],
  '69': [920_000, 0, 0],
  '70': [930_000, 500_000, { pob: 15, amb: 0, ter: 0 }],
};

const YEARS = [2024, 2025, 2026];
/** Costs grow by about 5 % a year (wages); field work costs 3 % more than outpatient (travel). */
const YEARLY_GROWTH = 0.05;
const FIELD_SURCHARGE = 0.03;

/** The financing key in force 2024–2026: state 70 %, region 20 %, municipalities 10 %. */
export const DEMO_KEY = { stateShareBp: 7000, regionShareBp: 2000, municipalShareBp: 1000 };

type ReferenceRow = typeof referenceValues.$inferInsert;

export function planReferenceValues(
  pairs: readonly { typeCode: string; formCode: FormCode }[],
): ReferenceRow[] {
  return pairs.flatMap(({ typeCode, formCode }) => {
    const parameters = PARAMETERS[typeCode];
    if (!parameters) throw new Error(`No demo reference value for service type ${typeCode}.`);
    const [perFte, perBed, share] = parameters;
    const residential = formCode === 'pob';
    const base = residential ? perBed : perFte * (formCode === 'ter' ? 1 + FIELD_SURCHARGE : 1);
    if (!base) throw new Error(`No demo reference value for ${typeCode} in the form ${formCode}.`);
    const percent = typeof share === 'number' ? share : (share[formCode] ?? 0);
    return YEARS.map((year, i) => ({
      year,
      typeCode,
      formCode,
      unitBasis: residential ? 'bed' : 'fte',
      // Whole hundreds of CZK, as the region publishes them; × 100 to haléř.
      costPerUnitHaler: Math.round((base * (1 + YEARLY_GROWTH) ** i) / 100) * 100 * 100,
      ownRevenueShareBp: percent * 100,
    }));
  });
}

export async function seedDemoFinancing(
  db: Db,
  pairs: readonly { typeCode: string; formCode: FormCode }[],
): Promise<{ referenceValues: number }> {
  const rows = planReferenceValues(pairs);
  await db.insert(referenceValues).values(rows);
  await db.insert(financingKeys).values({
    yearFrom: YEARS[0]!,
    yearTo: YEARS.at(-1)!,
    ...DEMO_KEY,
    municipalSplit: 'population',
  });
  await recordAudit(db, null, [
    {
      action: 'import',
      entityType: 'reference_value',
      after: { source: 'demo', created: rows.length },
    },
    { action: 'import', entityType: 'financing_key', after: { source: 'demo', created: 1 } },
  ]);
  return { referenceValues: rows.length };
}
