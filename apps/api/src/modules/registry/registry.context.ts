import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/query-rows.ts';
import { InvalidError } from '../../lib/errors.ts';
import { loadCodelistLookup } from '../codelists/codelists.service.ts';
import type { NormaliseContext, RegionFilter } from './registry.normalise.ts';

/**
 * What normalising needs to know about socplan, loaded once per import (a few thousand rows at
 * most: codelists, regions, ORPs, municipalities).
 */
export async function loadNormaliseContext(
  db: Db,
  options: { effectiveDate: string; regionOnly: boolean },
): Promise<NormaliseContext> {
  const codelists = await loadCodelistLookup(db, options.effectiveDate);
  const units = await queryRows<{
    id: string;
    kind: string;
    code: string;
    ruian_code: string | null;
  }>(
    db,
    sql`select id, kind, code, ruian_code from territorial_units
        where kind in ('region', 'orp', 'municipality')`,
  );
  const refs = new Map<string, string>();
  for (const u of units) {
    if (u.kind === 'region' && u.ruian_code) refs.set(`Kraj/${u.ruian_code}`, u.id);
    if (u.kind === 'orp') {
      // RÚIAN codes (what the registry uses) win over ČSÚ codes where the two could collide.
      if (!refs.has(`Orp/${u.code}`)) refs.set(`Orp/${u.code}`, u.id);
      if (u.ruian_code) refs.set(`Orp/${u.ruian_code}`, u.id);
    }
    if (u.kind === 'municipality') refs.set(`Obec/${u.code}`, u.id);
  }
  return {
    effectiveDate: options.effectiveDate,
    code: (codelist, registryId) => codelists.code(codelist, registryId),
    codeName: (codelist, code) => codelists.item(codelist, code)?.name,
    region: options.regionOnly ? await regionFilter(db) : null,
    unitIdOf: (ref) => refs.get(ref),
  };
}

/** The deployment's region (its RÚIAN code and municipalities), for regionOnly imports. */
export async function regionFilter(db: Db): Promise<RegionFilter> {
  const regions = await queryRows<{ id: string; ruian_code: string | null }>(
    db,
    sql`select id, ruian_code from territorial_units where kind = 'region' order by code limit 2`,
  );
  const [region] = regions;
  if (!region)
    throw new InvalidError(
      'No region is set up, so the file cannot be filtered to one: import with regionOnly=false.',
      [{ in: 'query', pointer: '/regionOnly', detail: 'no region to filter by' }],
    );
  if (regions.length > 1)
    throw new InvalidError(
      'Several regions are set up (a ministry-wide deployment): import with regionOnly=false.',
      [{ in: 'query', pointer: '/regionOnly', detail: 'more than one region' }],
    );
  const municipalities = await queryRows<{ code: string }>(
    db,
    sql`with recursive below(id) as (
          select id from territorial_units where id = ${region.id}
          union
          select u.id from territorial_units u join below on u.parent_id = below.id
        )
        select u.code from territorial_units u join below on below.id = u.id
        where u.kind = 'municipality'`,
  );
  return {
    ruianCode: region.ruian_code,
    municipalityCodes: new Set(municipalities.map((m) => m.code)),
  };
}
