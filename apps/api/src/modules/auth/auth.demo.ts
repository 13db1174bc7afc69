import type { Db } from '../../db/client.ts';
import type { DemoTerritory } from '../territory/territory.demo.ts';

export async function seedDemoUsers(_db: Db, _territory: DemoTerritory): Promise<void> {
  throw new Error('not implemented yet');
}
