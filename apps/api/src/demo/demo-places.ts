import type { Db } from '../db/client.ts';
import { territorialUnits } from '../db/schema/index.ts';

/** An ORP of the demo region with its seat town, where the demo puts addresses and facilities. */
export interface DemoPlace {
  orpCode: string;
  orpId: string;
  orpName: string;
  townId: string;
  townCode: string;
  townName: string;
  lat: number;
  lon: number;
}

export interface DemoPlaces {
  regionId: string;
  /** By the ORP's ČSÚ code. */
  orps: ReadonlyMap<string, DemoPlace>;
}

/**
 * Reads the seeded demo territory back: the region, its ORPs and each ORP's seat town (the
 * one municipality the demo has under it) with its point. Data, not a copy of territory.demo.
 */
export async function loadDemoPlaces(db: Db): Promise<DemoPlaces> {
  const units = await db
    .select({
      id: territorialUnits.id,
      kind: territorialUnits.kind,
      code: territorialUnits.code,
      name: territorialUnits.name,
      parentId: territorialUnits.parentId,
      lat: territorialUnits.pointLat,
      lon: territorialUnits.pointLon,
    })
    .from(territorialUnits);
  const region = units.find((u) => u.kind === 'region');
  if (!region) throw new Error('The demo network needs the demo region; seed the territory first.');
  const orps = new Map<string, DemoPlace>();
  for (const orp of units.filter((u) => u.kind === 'orp')) {
    const town = units.find(
      (u) => u.kind === 'municipality' && u.parentId === orp.id && u.lat !== null,
    );
    if (!town || town.lat === null || town.lon === null) continue;
    orps.set(orp.code, {
      orpCode: orp.code,
      orpId: orp.id,
      orpName: orp.name,
      townId: town.id,
      townCode: town.code,
      townName: town.name,
      lat: town.lat,
      lon: town.lon,
    });
  }
  return { regionId: region.id, orps };
}

/** The place of an ORP code, or a clear error naming it (a catalogue typo fails the seed). */
export function placeOf(places: DemoPlaces, orpCode: string): DemoPlace {
  const place = places.orps.get(orpCode);
  if (!place) throw new Error(`The demo territory has no ORP ${orpCode} with a seat town.`);
  return place;
}
