import type { Db } from '../db/client.ts';
import { capacityTargets } from '../db/schema/index.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';

/**
 * The region's capacity targets in the demo (per 1,000 inhabitants), a little above what the
 * demo network reaches on average, so the dashboard shows which ORPs fall short and what the
 * gap would cost at the reference values. Data, as region staff would enter it.
 */
const TARGETS = [
  {
    typeCode: '49',
    formCode: 'pob',
    unit: 'luzka',
    perThousand: '1.800',
    note: 'Domovy pro seniory: cíl SPRSS 2024–2026',
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
