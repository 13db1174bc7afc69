import type { Db } from '../../db/client.ts';

export interface DemoTerritory {
  regionId: string;
  /** ORP id by ČSÚ code (e.g. '5105' → Liberec). */
  orpIdsByCode: Map<string, string>;
}

export async function seedDemoTerritory(_db: Db): Promise<DemoTerritory> {
  throw new Error('not implemented yet');
}
