import { and, asc, eq, exists, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { providers, serviceStates, services, territorialUnits } from '../../db/schema/index.ts';
import { czechSortKey, fold, foldSql, likeEscape } from '../../lib/czech-text.ts';
import { activeOn } from '../public-catalogue/public-catalogue.repo.ts';

const p = providers;

export type OrganizationRow = typeof providers.$inferSelect;

/** Providers with at least one active service (the only ones the public catalogue shows). */
function hasActiveService(db: Db, day: string): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(services)
      .innerJoin(serviceStates, eq(serviceStates.serviceId, services.id))
      .where(and(eq(services.providerId, p.id), activeOn(day))),
  );
}

/** A page of organizations by name; `search` matches the name or the start of the IČO. */
export async function organizations(
  db: Db,
  day: string,
  options: { ids?: string[]; search?: string; limit: number; offset: number },
): Promise<{ rows: OrganizationRow[]; total: number }> {
  if (options.ids?.length === 0) return { rows: [], total: 0 };
  const q = options.search?.trim();
  const rows = await db
    .select({ row: p, total: sql<number>`cast(count(*) over () as integer)` })
    .from(p)
    .where(
      and(
        hasActiveService(db, day),
        options.ids ? inArray(p.id, options.ids) : undefined,
        q
          ? sql`(${foldSql(p.name)} like ${`%${likeEscape(fold(q))}%`} or ${p.ico} like ${`${likeEscape(q)}%`})`
          : undefined,
      ),
    )
    .orderBy(czechSortKey(p.name), asc(p.id))
    .limit(options.limit)
    .offset(options.offset);
  const total =
    rows[0]?.total ??
    (options.offset > 0
      ? (await organizations(db, day, { ...options, limit: 1, offset: 0 })).total
      : 0);
  return { rows: rows.map((r) => r.row), total };
}

/** The region the catalogue belongs to: the publisher named in the HSDS API's description. */
export async function regionName(db: Db): Promise<string | undefined> {
  const [row] = await db
    .select({ name: territorialUnits.name })
    .from(territorialUnits)
    .where(eq(territorialUnits.kind, 'region'))
    .orderBy(asc(territorialUnits.name))
    .limit(1);
  return row?.name;
}
