import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/query-rows.ts';
import { createTestDatabase, type TestDatabase } from '../test/test-db.ts';
import { czechSortKey } from './czech-text.ts';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

async function sorted(names: string[]): Promise<string[]> {
  const values = sql.join(
    names.map((n) => sql`(${n})`),
    sql`, `,
  );
  const rows = await queryRows<{ name: string }>(
    testDb.database.db,
    sql`select name from (values ${values}) v(name) order by ${czechSortKey(sql.raw('name'))}, name`,
  );
  return rows.map((r) => r.name);
}

describe('Czech alphabetical order in SQL', () => {
  it('puts Č after C, CH after H, Ř after R, Š after S and Ž after Z', async () => {
    const czech = [
      'Cvikov',
      'Česká Lípa',
      'Dubá',
      'Hrádek nad Nisou',
      'Chrastava',
      'Jablonec nad Nisou',
      'Rokytnice',
      'Řasnice',
      'Semily',
      'Šimonovice',
      'Zdislava',
      'Železný Brod',
    ];
    const shuffled = [...czech].reverse();
    expect(await sorted(shuffled)).toEqual(czech);
  });

  it('ignores case and vowel accents (Á sorts with A)', async () => {
    expect(await sorted(['Bílý Kostel', 'Bily Potok', 'bílá'])).toEqual([
      'bílá',
      'Bílý Kostel',
      'Bily Potok',
    ]);
  });
});
