import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../test/test-db.ts';
import { openDatabase, type Database } from './client.ts';

const url = process.env.TEST_DATABASE_URL;

async function text(stream: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

describe.skipIf(!url)('COPY … TO STDOUT on PostgreSQL', () => {
  let testDb: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase({ url: testDb.url!, poolSize: 2 });
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('writes parameters in as the literals the server would have bound', async () => {
    const tricky = `O'Brien \\ "quoted"\ttab`;
    const out = await text(
      database.copyOut!(
        sql`select ${tricky}::text, ${42}::int + 1, ${-1.5}::numeric, ${true}::boolean, ${null}::text`,
      ),
    );
    // COPY's text format escapes the backslash and the tab; null is \N.
    expect(out).toBe(`O'Brien \\\\ "quoted"\\ttab\t43\t-1.5\tt\t\\N\n`);
  });

  it('applies settings to its own statement only', async () => {
    const out = await text(
      database.copyOut!(sql`select current_setting('DateStyle'), current_setting('jit')`, {
        DateStyle: 'ISO, YMD',
        jit: 'off',
      }),
    );
    expect(out).toBe('ISO, YMD\toff\n');
    const after = (await database.db.execute(
      sql`select current_setting('jit') as jit`,
    )) as unknown as {
      rows: { jit: string }[];
    };
    expect(after.rows[0]!.jit).not.toBe('off');
  });

  it('gives the connection up when the reader stops early, and the pool keeps serving', async () => {
    // More early stops than the pool has connections: a leaked one would block the next query.
    for (let i = 0; i < 5; i++) {
      for await (const chunk of database.copyOut!(
        sql`select g, repeat('x', 100) from generate_series(1, 1000000) g`,
      )) {
        expect(chunk.length).toBeGreaterThan(0);
        break;
      }
    }
    const result = (await database.db.execute(sql`select 1 as one`)) as unknown as {
      rows: unknown[];
    };
    expect(result.rows).toEqual([{ one: 1 }]);
  });
});
