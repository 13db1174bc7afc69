import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { icoCheckDigit } from '../src/lib/ico.ts';

/**
 * A national-size registry file in the raw RPSS format (data/RPSS-FORMAT.md), generated
 * deterministically for the import benchmark: ~7,000 registrations, ~19,000 facilities, all 14
 * regions weighted by population, with the irregularities of §10 at plausible rates (ended
 * registrations, repeated facilities, missing address points, secret addresses, unknown codes,
 * wrong IČO check digits, repeated identifiers). Everything is invented; `.test` domains.
 */

export interface GeneratedRegistry {
  file: string;
  bytes: number;
  services: number;
  facilities: number;
  providers: number;
  /** Registrations with a facility in Liberecký kraj (what the region filter keeps). */
  liberecServices: number;
  seed: string;
}

/** RÚIAN VÚSC code, name, population (millions, about 2024). */
const REGIONS: [number, string, number][] = [
  [19, 'Praha', 1.38],
  [27, 'Středočeský', 1.45],
  [35, 'Jihočeský', 0.65],
  [43, 'Plzeňský', 0.6],
  [51, 'Karlovarský', 0.29],
  [60, 'Ústecký', 0.8],
  [78, 'Liberecký', 0.45],
  [86, 'Královéhradecký', 0.55],
  [94, 'Pardubický', 0.53],
  [108, 'Vysočina', 0.51],
  [116, 'Jihomoravský', 1.22],
  [124, 'Olomoucký', 0.63],
  [132, 'Moravskoslezský', 1.18],
  [141, 'Zlínský', 0.58],
];

/** Liberec's ORPs (RÚIAN) and their seat towns, as the demo territory has them. */
const LIBEREC_ORPS: [number, string][] = [
  [710, '561380'],
  [809, '564028'],
  [779, '563510'],
  [1139, '577197'],
  [817, '563889'],
  [701, '561860'],
  [1147, '576964'],
  [787, '563820'],
  [1155, '577626'],
  [795, '563871'],
];

const TYPES = [1, ...Array.from({ length: 32 }, (_, i) => i + 3)]; // 1, 3…34 (§37…§60a)
const RESIDENTIAL = new Set([11, 12, 13, 14, 15, 16, 20, 21, 31]);
const SHELTERS = new Set([20, 23, 34]);
const STREETS = [
  'Husova',
  'Nádražní',
  'Palackého',
  'Školní',
  'Zahradní',
  'Lidická',
  'Žižkova',
  'Krátká',
  'Sokolská',
  'U Školy',
];
const WORDS = [
  'Domov',
  'Centrum',
  'Poradna',
  'Klub',
  'Dům',
  'Služba',
  'Stacionář',
  'Azyl',
  'Pohoda',
  'Slunce',
  'Naděje',
  'Lipka',
  'Maják',
  'Most',
  'Světluška',
  'Harmonie',
];
const FIRST = ['Jana', 'Petr', 'Eva', 'Tomáš', 'Marie', 'Jiří', 'Lenka', 'Martin', 'Hana', 'Pavel'];
const LAST = [
  'Nováková',
  'Svoboda',
  'Dvořáková',
  'Černý',
  'Procházková',
  'Kučera',
  'Veselá',
  'Horák',
];

/** Mulberry32 from a text seed: the same file on every machine. */
function random(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An IČO from seven digits, with its check digit right or (to be flagged) wrong. */
function icoWithCheck(seven: string, valid: boolean): string {
  const check = icoCheckDigit(seven);
  return seven + String(valid ? check : (check + 1) % 10);
}

export async function generateNationalRegistry(
  file: string,
  options: { services?: number; seed?: string } = {},
): Promise<GeneratedRegistry> {
  const seed = options.seed ?? 'socplan-bench-registry-v1';
  const total = options.services ?? 7000;
  const rnd = random(seed);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const chance = (p: number) => rnd() < p;
  const date = (from: number, to: number) =>
    `${int(from, to)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  const weights = REGIONS.map((r) => r[2]);
  const sumWeights = weights.reduce((a, b) => a + b, 0);
  const region = () => {
    let x = rnd() * sumWeights;
    for (const r of REGIONS) if ((x -= r[2]) < 0) return r;
    return REGIONS.at(-1)!;
  };

  /** A municipality of a region: Liberec's seat towns, elsewhere invented 6-digit codes. */
  const municipality = (kraj: number) =>
    kraj === 78
      ? pick(LIBEREC_ORPS)[1]
      : String(100000 + REGIONS.findIndex((r) => r[0] === kraj) * 5000 + int(0, 399));
  let addressPoint = 20_000_000;
  const address = (kraj: number) => {
    const irregular = chance(0.02); // §8: street, number and municipality only
    return {
      cisloDomovni: int(1, 3500),
      cisloOrientacni: chance(0.5) ? String(int(1, 80)) + (chance(0.1) ? 'a' : '') : null,
      dodatekAdresy: null,
      kodAdresnihoMista: chance(0.036) ? null : addressPoint++,
      psc: String(int(10000, 79999)),
      typCislaDomovniho: { id: `TypStavebnihoObjektu/${chance(0.03) ? 2 : 1}` },
      kraj: irregular ? null : { id: `Kraj/${kraj}` },
      okres: irregular ? null : { id: `Okres/${3000 + int(1, 700)}` },
      obec: { id: `Obec/${municipality(kraj)}` },
      castObce: { id: `CastObce/${int(400000, 499999)}` },
      mestskyObvodMestskaCast: null,
      mestskyObvodVPraze: null,
      ulice: chance(0.15) ? null : { nazev: pick(STREETS) },
    };
  };
  const contacts = (key: string, make: () => string, max: number) =>
    Array.from({ length: int(0, max) }, () => ({
      [key]: make(),
      poznamka: chance(0.2) ? 'recepce' : null,
    }));
  // The real file carries a document per change of the registration: many per item.
  const documents = () =>
    Array.from({ length: int(2, 14) }, () => ({
      priloha: {
        url: `https://www.mpsv.cz/agportal-server/rest/documents/${createHash('md5').update(String(rnd())).digest('hex')}`,
      },
    }));
  const hours = () =>
    Array.from({ length: int(5, 7) }, (_, d) => ({
      den: { id: `DenVTydnu/${d + 1}` },
      casOd: `0${int(6, 9)}:00`,
      casDo: `${int(14, 20)}:00`,
    }));

  // Providers: a pool, each with its seat in a region.
  const providerCount = Math.round(total / 2.3);
  const providers = Array.from({ length: providerCount }, (_, i) => {
    const [kraj] = region();
    const name = `${pick(WORDS)} ${pick(WORDS)} ${i + 1}, ${pick(['z.ú.', 'z.s.', 'o.p.s.', 'p.o.', 's.r.o.'])}`;
    const domain = `poskytovatel-${i + 1}.test`;
    return {
      kraj,
      record: {
        ico: icoWithCheck(String(1_000_000 + i * 7), !chance(0.003)),
        nazev: name,
        adresa: address(kraj),
        statutarniOrgany: Array.from({ length: int(1, 3) }, () => ({
          jmeno: pick(FIRST),
          prijmeni: pick(LAST),
          titulPred: chance(0.4) ? 'Mgr.' : null,
          titulZa: null,
        })),
        emaily: [{ email: `info@${domain}`, poznamka: null }],
        telefony: [
          { telefon: `4${int(10, 99)} ${int(100, 999)} ${int(100, 999)}`, poznamka: null },
        ],
        faxy: [],
        weby: [{ web: `www.${domain}`, poznamka: null }],
      },
    };
  });

  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('{\n "polozky": [\n');
  let facilities = 0;
  let liberec = 0;
  const portalIds = Array.from({ length: total }, (_, i) => 3000 + i * 3);
  for (let i = portalIds.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [portalIds[i], portalIds[j]] = [portalIds[j]!, portalIds[i]!];
  }
  for (let n = 0; n < total; n++) {
    const provider = pick(providers);
    // Most services are where their provider is; some elsewhere.
    const kraj = chance(0.85) ? provider.kraj : region()[0];
    const type = chance(0.002) ? 35 : pick(TYPES);
    const residential = RESIDENTIAL.has(type);
    const facilityCount = chance(0.5) ? 1 : chance(0.4) ? 2 : chance(0.55) ? int(3, 4) : int(5, 12);
    const secret = SHELTERS.has(type) && chance(0.5);
    const started = date(2007, 2025);
    const ended = chance(0.06) ? date(2015, 2025) : null;
    const baseName = `${pick(WORDS)} ${pick(WORDS)}`;
    const zarizeni: Record<string, unknown>[] = [];
    for (let f = 0; f < facilityCount; f++) {
      const place = f > 0 && chance(0.05) ? region()[0] : kraj; // §10.7: several regions
      zarizeni.push({
        id: null,
        portalId: null,
        identifikator: null,
        nazev: `${baseName}${facilityCount > 1 ? ` – ${f + 1}. nadzemní podlaží` : ''}${chance(0.05) ? ' ' : ''}`,
        adresa: secret || chance(0.01) ? null : address(place),
        utajenaAdresa: secret,
        poskytujeOd: started,
        poskytujeDo: chance(0.03) ? date(2018, 2025) : null,
        vedouci: { jmeno: pick(FIRST), prijmeni: pick(LAST), titulPred: null, titulZa: null },
      });
      if (chance(0.01)) zarizeni.push({ ...zarizeni.at(-1)! }); // §10.2: repeated
    }
    facilities += zarizeni.length;
    if (
      zarizeni.some(
        (z) => (z.adresa as { kraj?: { id: string } } | null)?.kraj?.id === 'Kraj/78',
      ) ||
      (kraj === 78 && secret)
    )
      liberec++;
    const forms = residential ? ['pob'] : chance(0.7) ? [pick(['ter', 'amb'])] : ['ter', 'amb'];
    const item = {
      portalId: portalIds[n],
      id: `SocialniSluzba/${400000 + n}`,
      identifikator: String(chance(0.01) ? 1_000_000 + (n - 1) : 1_000_000 + n),
      datumPoskytovaniOd: started,
      datumPoskytovaniDo: ended && ended > started ? ended : null,
      kontaktniAdresy: chance(0.1) ? [{ adresa: address(kraj), poznamka: null }] : [],
      druhSocialniSluzby: { id: `DruhSocialniSluzby/${type}` },
      zarizeni,
      poskytovatel: provider.record,
      emaily: contacts('email', () => `sluzba${n}@${provider.record.weby[0]!.web.slice(4)}`, 2),
      telefony: contacts('telefon', () => `7${int(10, 99)} ${int(100, 999)} ${int(100, 999)}`, 2),
      faxy: [],
      weby: contacts(
        'web',
        () => `https://${provider.record.weby[0]!.web.slice(4)}/sluzba-${n}`,
        1,
      ),
      ciloveSkupiny: Array.from(new Set(Array.from({ length: int(1, 4) }, () => int(1, 24)))).map(
        (g) => ({ cilovaSkupina: { id: `CilovaSkupinaOsoby/${g}` } }),
      ),
      vekoveSkupiny: Array.from(new Set(Array.from({ length: int(1, 5) }, () => int(1, 10)))).map(
        (g) => ({ vekovaSkupina: { id: `VekovaSkupinaOsoby/${g}` } }),
      ),
      doplnujiciInformaceVekoveSkupiny: chance(0.1) ? 'Služba je určena osobám od 18 let.' : null,
      formy: forms.map((form) => ({
        forma: { id: `FormaSocialniSluzby/${form}` },
        nepretrzitePoskytovani: form === 'pob',
        casoveRozsahy: form === 'pob' ? null : hours(),
        kapacity: (form === 'pob'
          ? ['luzka']
          : chance(0.8)
            ? ['klient']
            : ['klient', pick(['kontakt', 'interv', 'hovor'])]
        ).map((unit) => {
          const count = int(2, form === 'pob' ? 150 : 400);
          return {
            pocet: count,
            popis: `Maximální kapacita ${count} ${unit === 'luzka' ? 'lůžek' : 'klientů'} s účinností od ${String(int(1, 28)).padStart(2, '0')}.0${int(1, 9)}.${int(2008, 2025)}.`,
            typ: { id: `TypKapacitySocialniSluzby/${unit}` },
          };
        }),
      })),
      rozsirenePusobnostiVKraji:
        forms.includes('ter') && chance(0.24)
          ? Array.from({ length: int(1, 3) }, () =>
              kraj === 78
                ? { kraj: { id: 'Kraj/78' }, orp: { id: `Orp/${pick(LIBEREC_ORPS)[0]}` } }
                : {
                    kraj: { id: `Kraj/${kraj}` },
                    orp: chance(0.3) ? null : { id: `Orp/${int(1000, 9999)}` },
                  },
            )
          : [],
      doplnkoveUdaje: {
        realizacePoskytovani: documents(),
        planyFinancnihoZajisteni: documents(),
        personalniZajisteni: documents(),
      },
    };
    await write(`${n ? ',\n' : ''}${JSON.stringify(item, null, 2)}`);
  }
  await write('\n ]\n}\n');
  out.end();
  await once(out, 'finish');
  return {
    file,
    bytes: out.bytesWritten,
    services: total,
    facilities,
    providers: providerCount,
    liberecServices: liberec,
    seed,
  };
}
