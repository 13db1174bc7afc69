import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../db/client.ts';
import { withDatabase } from './global-setup.ts';

export interface TestDatabase {
  database: Database;
  /** Connection string of this file's database on the real server (undefined on PGlite). */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file: PGlite from the snapshot, or a clone of the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('pgTemplate');
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (template && serverUrl) {
    const name = `socplan_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name} template ${template}`);
    const url = withDatabase(serverUrl, name);
    const database = await openDatabase({ url, poolSize: 5 });
    return {
      database,
      url,
      async drop() {
        await database.close();
        await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))]);
  const database = await openDatabase({ pglite: await PGlite.create({ loadDataDir: snapshot }) });
  return { database, url: undefined, drop: () => database.close() };
}

async function adminQuery(url: string, statement: string) {
  // Cloning a template fails while another clone of it is starting; a short retry settles it.
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
      return;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    } finally {
      await client.end();
    }
  }
}
