import type { Db } from '../db/client.ts';
import { capacityTargets } from '../db/schema/index.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';

/**
 * The region's capacity targets in the demo (per 1,000 inhabitants, homes for the elderly per
 * 1,000 aged 65+), a little above what the demo network reaches on average, so the dashboard
 * shows which ORPs fall short and what the gap would cost at the reference values. Data, as
 * region staff would enter it.
 */
const TARGETS = [
  {
    // Per 1,000 inhabitants aged 65 and over (age groups 8 and 9, population.demo.ts).
    typeCode: '49',
    formCode: 'pob',
    unit: 'luzka',
    perThousand: '12.000',
    populationBase: '8+9',
    note: 'Domovy pro seniory: cíl SPRSS 2024–2026, lůžek na 1 000 obyvatel ve věku 65+',
  },
  {
    typeCode: '50',
    formCode: 'pob',
    unit: 'luzka',
    perThousand: '0.650',
    note: 'Domovy se zvláštním režimem',
  },
  {
    typeCode: '48',
    formCode: 'pob',
    unit: 'luzka',
    perThousand: '0.250',
    note: 'Domovy pro osoby se zdravotním postižením',
  },
  {
    typeCode: '40',
    formCode: '',
    unit: 'klient',
    perThousand: '1.400',
    note: 'Pečovatelská služba, všechny formy',
  },
  { typeCode: '41', formCode: 'ter', unit: 'klient', perThousand: '0.550', note: 'Tísňová péče' },
];

export async function seedDemoCapacityTargets(db: Db): Promise<number> {
  await db.insert(capacityTargets).values(TARGETS);
  await recordAudit(db, null, {
    action: 'import',
    entityType: 'capacity_target',
    after: { source: 'demo', created: TARGETS.length },
  });
  return TARGETS.length;
}
