import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningAreaMembers } from '../../db/schema/index.ts';
import { queryRows } from '../../db/query-rows.ts';
import { createUnit } from '../../test/fixtures.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { coveredUnitsSql } from '../auth/authorization.ts';
import { loadTerritoryTree } from './territory-tree.ts';

let ctx: TestContext;
type Unit = 'region' | 'liberec' | 'lipa' | 'town' | 'village' | 'lipaTown' | 'area';
const u = {} as Record<Unit, string>;

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.app.db;
  u.region = await createUnit(db, { kind: 'region', code: '3077', name: 'Liberecký kraj' });
  u.liberec = await createUnit(db, { kind: 'orp', code: '5105', parentId: u.region });
  u.lipa = await createUnit(db, { kind: 'orp', code: '5101', parentId: u.region });
  u.town = await createUnit(db, { kind: 'municipality', code: '563889', parentId: u.liberec });
  u.village = await createUnit(db, { kind: 'municipality', code: '564095', parentId: u.liberec });
  u.lipaTown = await createUnit(db, { kind: 'municipality', code: '561380', parentId: u.lipa });
  u.area = await createUnit(db, { kind: 'planning_area', code: 'PA-1', parentId: u.region });
  await db.insert(planningAreaMembers).values([
    { planningAreaId: u.area, municipalityId: u.village },
    { planningAreaId: u.area, municipalityId: u.lipaTown },
  ]);
});
afterAll(() => ctx.close());

const sorted = (ids: string[]) => [...ids].sort();

describe('the territory tree in memory', () => {
  it('covers what the recursive SQL covers, for every unit and a mix', async () => {
    const tree = await loadTerritoryTree(ctx.app.db);
    for (const roots of [...Object.values(u).map((id) => [id]), [u.liberec, u.area]]) {
      const rows = await queryRows<{ id: string }>(
        ctx.app.db,
        sql`select id from ${coveredUnitsSql(roots)} c`,
      );
      expect(sorted(tree.covered(roots))).toEqual(sorted(rows.map((r) => r.id)));
    }
  });

  it('reaches up to the region and names the municipalities facilities are placed by', async () => {
    const tree = await loadTerritoryTree(ctx.app.db);
    expect(sorted(tree.reaching([u.town]))).toEqual(sorted([u.town, u.liberec, u.region]));
    expect(sorted(tree.reaching([u.area]))).toEqual(
      sorted([u.area, u.village, u.lipaTown, u.liberec, u.lipa, u.region]),
    );
    expect(sorted(tree.municipalityCodes([u.liberec]))).toEqual(['563889', '564095']);
    expect(tree.covered(['00000000-0000-4000-8000-000000000000'])).toEqual([]);
  });
});
