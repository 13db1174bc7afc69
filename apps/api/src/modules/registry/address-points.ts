import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { CsvError, parse } from 'csv-parse';
import type { AddressPointImportReport } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { InvalidError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { AuthPrincipal } from '../auth/principal.ts';

export const ADDRESS_POINT_COLUMNS = ['kodadresnihomista', 'obeckod', 'lat', 'lon'] as const;

const BATCH = 1000;
/** Rejected rows listed in the report; beyond that they are only counted. */
const MAX_LISTED = 500;

interface Point {
  code: number;
  municipalityCode: string | null;
  lat: number;
  lon: number;
}

/**
 * Loads coordinates of RÚIAN address points from a CSV `kodAdresnihoMista,obecKod,lat,lon`
 * (WGS84; header required, any column order), streamed and upserted 1,000 rows per statement.
 * Rows that do not parse are reported by line; a code repeated in the file takes its last row.
 * The registry import places facilities by these points (the registry has no coordinates).
 */
export async function importAddressPoints(
  db: Db,
  principal: AuthPrincipal | null,
  source: AsyncIterable<Buffer | Uint8Array | string>,
): Promise<AddressPointImportReport> {
  const report: AddressPointImportReport = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  let more = 0;
  const reject = (row: number, code: string | null, reason: string) => {
    if (report.rejected.length < MAX_LISTED) report.rejected.push({ row, code, reason });
    else more++;
  };
  const csv = Readable.from(source).pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  let columns: number[] | null = null;
  let batch = new Map<number, Point>();
  try {
    for await (const { record, info } of csv as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!columns) {
        const names = record.map((h) => h.trim().toLowerCase());
        columns = ADDRESS_POINT_COLUMNS.map((c) => names.indexOf(c));
        if (columns.some((i) => i < 0))
          throw new InvalidError(
            'The CSV needs the header kodAdresnihoMista,obecKod,lat,lon (any order).',
            [{ in: 'body', pointer: '/', detail: 'missing column(s)' }],
          );
        continue;
      }
      const at = (i: number) => (record[columns![i]!] ?? '').trim();
      const point = parsePoint(at(0), at(1), at(2), at(3));
      if (typeof point === 'string') reject(info.lines, at(0) || null, point);
      else batch.set(point.code, point);
      if (batch.size >= BATCH) {
        await upsert(db, [...batch.values()], report);
        batch = new Map();
      }
    }
  } catch (error) {
    if (error instanceof CsvError)
      throw new InvalidError(`The CSV cannot be read: ${error.message}`);
    throw error;
  }
  if (!columns) throw new InvalidError('The CSV is empty: it needs a header and rows.');
  await upsert(db, [...batch.values()], report);
  const rejected = report.rejected.length + more;
  if (more)
    report.rejected.push({ row: 0, code: null, reason: `… and ${more} more rows rejected` });
  await db.transaction((tx) =>
    recordAudit(tx, principal, {
      action: 'import',
      entityType: 'address_points',
      after: { ...report, rejected },
    }),
  );
  return report;
}

/** A row, or why it cannot be taken. */
function parsePoint(code: string, municipality: string, lat: string, lon: string): Point | string {
  if (!/^\d{1,12}$/.test(code)) return 'kodAdresnihoMista is not a number';
  if (municipality !== '' && !/^\d{6}$/.test(municipality))
    return 'obecKod is not a six-digit municipality code';
  const y = Number(lat.replace(',', '.'));
  const x = Number(lon.replace(',', '.'));
  if (lat === '' || !Number.isFinite(y) || y < -90 || y > 90) return 'lat is not a latitude';
  if (lon === '' || !Number.isFinite(x) || x < -180 || x > 180) return 'lon is not a longitude';
  return { code: Number(code), municipalityCode: municipality || null, lat: y, lon: x };
}

async function upsert(db: Db, points: Point[], report: AddressPointImportReport) {
  if (points.length === 0) return;
  const values = sql.join(
    points.map(
      (p) => sql`(${p.code}::bigint, ${p.municipalityCode}, ${p.lat}::float8, ${p.lon}::float8)`,
    ),
    sql`, `,
  );
  const written = await queryRows<{ created: boolean }>(
    db,
    sql`insert into address_points (code, municipality_code, lat, lon) values ${values}
        on conflict (code) do update set municipality_code = excluded.municipality_code,
          lat = excluded.lat, lon = excluded.lon, updated_at = now()
        where (address_points.municipality_code, address_points.lat, address_points.lon)
          is distinct from (excluded.municipality_code, excluded.lat, excluded.lon)
        returning (xmax = 0) as created`,
  );
  const created = written.filter((w) => w.created).length;
  report.created += created;
  report.updated += written.length - created;
  report.unchanged += points.length - written.length;
}
