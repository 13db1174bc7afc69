// (analysis) Keeps a database with the dashboard bench's dataset for EXPLAIN (ANALYZE, BUFFERS):
// `tsx bench/profile-dashboard-setup.ts [postgres url of the new database]`. Not part of the bench.
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { generate } from './dashboard.ts';

const url = new URL(process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/socplan_profile');
const name = url.pathname.slice(1);
const admin = new pg.Client({ connectionString: new URL('/postgres', url).toString() });
await admin.connect();
await admin.query(`drop database if exists ${name} with (force)`);
await admin.query(`create database ${name}`);
await admin.end();
const database = await openDatabase({ url: url.toString() });
await runMigrations(database);
const values = await generate(database.db, new Date().getFullYear());
console.log(`${name}: ${values} values`);
await database.close();
