import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import { runMigrations } from './db/migrate.ts';
import { seedDemoIfEmpty } from './demo/seed-demo.ts';
import { DomainError } from './lib/errors.ts';
import { seedCodelistsIfEmpty } from './modules/codelists/codelists.seed.ts';
import { createAdmin } from './modules/auth/users.service.ts';
import { importBoundaries, parseFeatureCollection } from './modules/territory/import-boundaries.ts';
import { importMunicipalities } from './modules/territory/import-municipalities.ts';
import { importRegistry, type RegistryRun } from './modules/registry/registry.run.ts';
import type { ImportReport } from '@socplan/contracts';

const USAGE = `socplan admin commands (pnpm --filter @socplan/api cli <command>)

  migrate                                   apply database migrations
  create-admin --email E --name N           create (or promote) a region administrator;
                                            password from SOCPLAN_ADMIN_PASSWORD or stdin
  seed-demo                                 seed the demo region and users into an empty database
  import-boundaries <file.geojson>          set unit boundaries from a GeoJSON FeatureCollection
  import-municipalities <file.csv> [--population-date YYYY-MM-DD]
                                            create/update municipalities (code,name,orp_csu_code,population)
  import-registry <rpss.json[.gz]> [--all-regions] [--effective-date YYYY-MM-DD] [--dry-run]
                                            analyse the ministry's registry file and apply the
                                            changes (the region's registrations unless --all-regions)

Uses DATABASE_URL (PostgreSQL) or the embedded database in DATA_DIR, like the server.`;

type Command = (database: Database, args: string[]) => Promise<string>;

const commands: Record<string, Command> = {
  migrate: async () => 'Migrations applied; codelists seeded where empty.',

  'seed-demo': async ({ db }) =>
    (await seedDemoIfEmpty(db))
      ? 'Demo data seeded.'
      : 'The database already has a region; nothing seeded.',

  'create-admin': async ({ db }, args) => {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' } },
    });
    if (!values.email || !values.name)
      throw new UsageError('create-admin needs --email and --name.');
    const password = process.env.SOCPLAN_ADMIN_PASSWORD ?? (await readStdin()).trim();
    const { user, created } = await createAdmin(db, {
      email: values.email,
      name: values.name,
      password,
    });
    return `${created ? 'Created' : 'Updated'} region administrator ${user.email}.`;
  },

  'import-boundaries': async ({ db }, args) => {
    const [file] = parseArgs({ args, allowPositionals: true }).positionals;
    if (!file) throw new UsageError('import-boundaries needs a GeoJSON file.');
    const report = await importBoundaries(
      db,
      null,
      parseFeatureCollection(readFileSync(file)),
      {},
      progress,
    );
    return describeReport(report);
  },

  'import-municipalities': async ({ db }, args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'population-date': { type: 'string' } },
    });
    const [file] = positionals;
    if (!file) throw new UsageError('import-municipalities needs a CSV file.');
    const csv = readFileSync(file, 'utf8');
    const report = await importMunicipalities(
      db,
      null,
      csv,
      { populationDate: values['population-date'] ?? null },
      progress,
    );
    return describeReport(report);
  },

  'import-registry': async ({ db }, args) => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'all-regions': { type: 'boolean' },
        'effective-date': { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    });
    const [file] = positionals;
    if (!file) throw new UsageError('import-registry needs the registry file (rpss.json).');
    if (!existsSync(file)) throw new UsageError(`import-registry: there is no file ${file}.`);
    const bytes = createReadStream(file);
    const run = await importRegistry(
      db,
      null,
      file.endsWith('.gz') ? bytes.pipe(createGunzip()) : bytes,
      {
        fileName: file.split('/').at(-1) ?? file,
        regionOnly: !values['all-regions'],
        ...(values['effective-date'] ? { effectiveDate: values['effective-date'] } : {}),
        dryRun: values['dry-run'] ?? false,
        ...(file.endsWith('.gz') ? {} : { totalBytes: statSync(file).size }),
        onProgress: progress,
      },
    );
    return describeRegistryRun(run);
  },
};

class UsageError extends Error {}

function progress(fraction: number, message?: string) {
  process.stderr.write(
    `\r${Math.round(fraction * 100)} %${message ? ` ${message}` : ''}`.padEnd(60),
  );
}

function describeReport(report: ImportReport): string {
  const lines = [
    `\ncreated ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, ` +
      `rejected ${report.rejected.length}, unmatched ${report.unmatched.length}`,
    ...report.rejected.map((r) => `  row ${r.row}${r.code ? ` (${r.code})` : ''}: ${r.reason}`),
    ...(report.unmatched.length ? [`  unmatched codes: ${report.unmatched.join(', ')}`] : []),
  ];
  return lines.join('\n');
}

function describeRegistryRun({ analysed, applied, issues }: RegistryRun): string {
  const s = analysed.summary!;
  const counts = (entity: 'provider' | 'service' | 'facility', label: string) => {
    const c = s.changes![entity];
    return `  ${label.padEnd(11)} new ${c.new}, changed ${c.changed}, ended ${c.ended}, unchanged ${c.unchanged}`;
  };
  const shown = issues.length;
  const total = s.issues!.errors + s.issues!.warnings;
  return [
    `\nimport ${analysed.id}: ${s.items} registrations read, ${s.kept} kept, ` +
      `${s.outsideRegion} outside the region, ${s.skipped} skipped (effective ${s.effectiveDate})`,
    counts('provider', 'providers'),
    counts('service', 'services'),
    counts('facility', 'facilities'),
    `issues: ${s.issues!.errors} errors, ${s.issues!.warnings} warnings` +
      (total > shown
        ? ` (first ${shown} below; all: GET /api/registry/imports/${analysed.id}/issues)`
        : ''),
    ...issues.map(
      (i) =>
        `  ${i.severity.padEnd(7)} ${i.itemIndex !== null ? `item ${i.itemIndex}` : ''}` +
        `${i.identifier ? ` (${i.identifier})` : ''}: ${i.reason}`,
    ),
    !applied
      ? 'dry run: nothing applied (the import stays ready for review).'
      : s.totalChanges
        ? `applied: ${s.totalChanges} changes written.`
        : 'no changes: the network already matches the file.',
  ].join('\n');
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (min. 10 characters): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name && name !== '--help' ? `Unknown command "${name}".\n\n${USAGE}` : USAGE);
    return name && name !== '--help' ? 2 : 0;
  }
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: 2,
  });
  try {
    await runMigrations(database);
    // Every installation has the codelists (the first edition; admins version them afterwards).
    await seedCodelistsIfEmpty(database.db);
    console.log(await command(database, args));
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const known = error instanceof ConfigError || error instanceof DataDirInUseError;
    if (error instanceof DomainError) {
      const fields = (error.errors ?? []).map((e) => `\n  ${e.pointer}: ${e.detail}`).join('');
      console.error(`Error: ${error.message}${fields}`);
    } else console.error(known ? `Error: ${(error as Error).message}` : error);
    process.exit(1);
  },
);
