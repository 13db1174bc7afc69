import type { Db } from '../../db/client.ts';
import { planningAreaMembers, territorialUnits } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { UNIT_ENTITY } from './territory.service.ts';

export interface DemoTerritory {
  regionId: string;
  /** ORP id by ČSÚ code (e.g. '5105' → Liberec). */
  orpIdsByCode: Map<string, string>;
  /** Seat-town municipality id by municipality code (e.g. '563889' → Liberec). */
  municipalityIdsByCode: Map<string, string>;
  /** Planning area id by its (demo) code. */
  planningAreaIdsByCode: Map<string, string>;
}

/**
 * The demo's territory: data, not code. Liberecký kraj with its 10 ORPs (DOMAIN.md, reference
 * date 31 Dec 2021), their seat towns and two planning areas. Codes are ČSÚ codes (region
 * 3077, ORPs 5101–5110, municipalities = RÚIAN obec codes); `ruianCode` holds the RÚIAN code
 * (VÚSC 78, ORP codes), which boundary files carry as KOD. The other 205 municipalities come
 * from the ČSÚ list via the municipality import.
 */
const POPULATION_DATE = '2021-12-31';

const REGION = {
  code: '3077',
  ruianCode: '78',
  name: 'Liberecký kraj',
  population: 437_570,
  // Representative point: the regional seat, Liberec.
  point: { lat: 50.767, lon: 15.056 },
};

// prettier-ignore
const ORPS = [
  { code: '5101', ruian: '710', name: 'Česká Lípa', population: 75_831, seat: '561380', seatPopulation: 36_300, lat: 50.686, lon: 14.538 },
  { code: '5102', ruian: '809', name: 'Frýdlant', population: 24_268, seat: '564028', seatPopulation: 7_400, lat: 50.921, lon: 15.08 },
  { code: '5103', ruian: '779', name: 'Jablonec nad Nisou', population: 55_814, seat: '563510', seatPopulation: 45_500, lat: 50.724, lon: 15.171 },
  { code: '5104', ruian: '1139', name: 'Jilemnice', population: 21_605, seat: '577197', seatPopulation: 5_400, lat: 50.609, lon: 15.507 },
  { code: '5105', ruian: '817', name: 'Liberec', population: 144_062, seat: '563889', seatPopulation: 104_300, lat: 50.767, lon: 15.056 },
  { code: '5106', ruian: '701', name: 'Nový Bor', population: 26_131, seat: '561860', seatPopulation: 11_700, lat: 50.758, lon: 14.556 },
  { code: '5107', ruian: '1147', name: 'Semily', population: 25_300, seat: '576964', seatPopulation: 8_200, lat: 50.602, lon: 15.336 },
  { code: '5108', ruian: '787', name: 'Tanvald', population: 19_919, seat: '563820', seatPopulation: 6_300, lat: 50.737, lon: 15.306 },
  { code: '5109', ruian: '1155', name: 'Turnov', population: 32_632, seat: '577626', seatPopulation: 14_300, lat: 50.587, lon: 15.157 },
  { code: '5110', ruian: '795', name: 'Železný Brod', population: 12_008, seat: '563871', seatPopulation: 6_100, lat: 50.643, lon: 15.254 },
];

/** Demo planning areas (codes marked DEMO-): a union of municipalities under an ORP. */
const PLANNING_AREAS = [
  { code: 'DEMO-NOVOBORSKO', name: 'Svazek obcí Novoborska', orp: '5106', members: ['561860'] },
  { code: 'DEMO-TANVALDSKO', name: 'Mikroregion Tanvaldsko', orp: '5108', members: ['563820'] },
];

/** Seeds the demo territory into a database without it (call inside the seeding transaction). */
export async function seedDemoTerritory(db: Db): Promise<DemoTerritory> {
  const t = territorialUnits;
  const [region] = await db
    .insert(t)
    .values({
      kind: 'region',
      code: REGION.code,
      ruianCode: REGION.ruianCode,
      name: REGION.name,
      population: REGION.population,
      populationDate: POPULATION_DATE,
      pointLat: REGION.point.lat,
      pointLon: REGION.point.lon,
    })
    .returning({ id: t.id });
  if (!region) throw new Error('demo region insert returned nothing');

  const orps = await db
    .insert(t)
    .values(
      ORPS.map((o) => ({
        kind: 'orp',
        code: o.code,
        ruianCode: o.ruian,
        name: o.name,
        parentId: region.id,
        population: o.population,
        populationDate: POPULATION_DATE,
        pointLat: o.lat,
        pointLon: o.lon,
      })),
    )
    .returning({ id: t.id, code: t.code });
  const orpIdsByCode = new Map(orps.map((o) => [o.code, o.id]));

  const towns = await db
    .insert(t)
    .values(
      ORPS.map((o) => ({
        kind: 'municipality',
        code: o.seat,
        ruianCode: o.seat,
        name: o.name,
        parentId: orpIdsByCode.get(o.code)!,
        // Rounded, for the demo's per-municipality financing split; import the ČSÚ table for real figures.
        population: o.seatPopulation,
        populationDate: POPULATION_DATE,
        pointLat: o.lat,
        pointLon: o.lon,
      })),
    )
    .returning({ id: t.id, code: t.code });
  const municipalityIdsByCode = new Map(towns.map((m) => [m.code, m.id]));

  const areas = await db
    .insert(t)
    .values(
      PLANNING_AREAS.map((a) => ({
        kind: 'planning_area',
        code: a.code,
        name: a.name,
        parentId: orpIdsByCode.get(a.orp)!,
      })),
    )
    .returning({ id: t.id, code: t.code });
  const planningAreaIdsByCode = new Map(areas.map((a) => [a.code, a.id]));
  await db.insert(planningAreaMembers).values(
    PLANNING_AREAS.flatMap((a) =>
      a.members.map((code) => ({
        planningAreaId: planningAreaIdsByCode.get(a.code)!,
        municipalityId: municipalityIdsByCode.get(code)!,
      })),
    ),
  );

  await recordAudit(db, null, {
    action: 'import',
    entityType: UNIT_ENTITY,
    after: {
      source: 'demo',
      created: 1 + orps.length + towns.length + areas.length,
    },
  });
  return { regionId: region.id, orpIdsByCode, municipalityIdsByCode, planningAreaIdsByCode };
}
