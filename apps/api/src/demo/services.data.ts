import type { FormCode } from './service-types.data.ts';

/**
 * The demo's services, ORP by ORP (about one per 4,300 inhabitants, as in the region): what
 * each is, who runs it, and what happened to it. Capacities, staff, dates, identifiers and
 * addresses are drawn from the seeded random stream of each service (network.plan.ts).
 */

/** How a service's state changed over time (each gives it a history of 2–3 states). */
export type HistoryKind =
  | 'capacity-up' // raised on 2024-07-01
  | 'capacity-up-2025' // raised on 2025-07-01 (its network entry is then changed)
  | 'capacity-down' // lowered on 2025-01-01 (beds moved to another service)
  | 'fte-up' // more direct-care staff from 2025-01-01
  | 'suspended' // suspended 2025-02-01 – 2025-06-01, then active again
  | 'ended' // ended on 2025-12-31 (its network entry is removed)
  | 'territory' // from the seat town to the whole ORP on 2025-01-01
  | 'form-added'; // the field form added on 2024-01-01

/** What became of the service's request to enter the basic network 2024–2026. */
export type EntryPlan = 'approved' | 'none' | 'requested' | 'assessed' | 'rejected' | 'changed';

export interface DemoService {
  orp: string;
  type: string;
  provider: string;
  name: string;
  forms?: FormCode[];
  /** Territory served: the ORP (default), the whole region, several seat towns or ORPs. */
  territory?: 'region' | { towns: string[] } | { orps: string[] };
  /** Further facilities (branches) in the seat towns of these ORPs. */
  branches?: string[];
  targetGroups?: string[];
  ageGroups?: string[];
  /** A shelter whose address must stay secret. */
  secret?: boolean;
  /** Where in the type's usual range of capacity and staff it sits (default: anywhere). */
  size?: 'small' | 'large';
  history?: HistoryKind;
  /** Registered on this day (default: a day between 2007 and 2019). */
  registered?: string;
  entry?: EntryPlan;
  level?: 'development';
}

const women = { targetGroups: ['4', '23'], ageGroups: ['1', '2', '3', '4', '6', '7'] };

// prettier-ignore
export const DEMO_SERVICES: readonly DemoService[] = [
  // --- Liberec (144 062 inhabitants) ---
  { orp: '5105', type: '49', provider: 'modra-hora', name: 'Domov pro seniory Modrá hora', size: 'large', history: 'capacity-down' },
  { orp: '5105', type: '50', provider: 'modra-hora', name: 'Domov se zvláštním režimem Modrá hora', history: 'capacity-up' },
  { orp: '5105', type: '48', provider: 'jizerka', name: 'Domov pro osoby se zdravotním postižením Jizerka' },
  { orp: '5105', type: '51', provider: 'jizerka', name: 'Chráněné bydlení Jizerka', history: 'capacity-up' },
  { orp: '5105', type: '46', provider: 'jizerka', name: 'Denní stacionář Jizerka' },
  { orp: '5105', type: '45', provider: 'jizerka', name: 'Centrum denních služeb Jizerka', entry: 'none' },
  { orp: '5105', type: '40', provider: 'lipova', name: 'Pečovatelská služba Lipová', size: 'large', forms: ['ter', 'amb'], history: 'capacity-up-2025', entry: 'changed' },
  { orp: '5105', type: '44', provider: 'lipova', name: 'Odlehčovací služby Lipová', forms: ['ter', 'pob'] },
  { orp: '5105', type: '40', provider: 'charita', name: 'Pečovatelská služba Charity Podještědí', size: 'large', history: 'fte-up' },
  { orp: '5105', type: '37', provider: 'charita', name: 'Dluhová poradna Charity Podještědí', targetGroups: ['20', '21', '23'] },
  { orp: '5105', type: '61', provider: 'charita', name: 'Nízkoprahové denní centrum Charity Podještědí' },
  { orp: '5105', type: '63', provider: 'charita', name: 'Noclehárna Charity Podještědí', history: 'suspended' },
  { orp: '5105', type: '69', provider: 'charita', name: 'Terénní program Charity Podještědí', targetGroups: ['7', '21'] },
  { orp: '5105', type: '37', provider: 'nabrezi', name: 'Občanská poradna Na Nábřeží', size: 'large' },
  { orp: '5105', type: '37', provider: 'nabrezi', name: 'Manželská a rodinná poradna Na Nábřeží', forms: ['amb'], targetGroups: ['19', '23'] },
  { orp: '5105', type: '65', provider: 'lucerna', name: 'Sociálně aktivizační služba pro rodiny Lucerna', forms: ['ter', 'amb'] },
  { orp: '5105', type: '62', provider: 'lucerna', name: 'Nízkoprahový klub Lucerna', forms: ['amb', 'ter'] },
  { orp: '5105', type: '60a', provider: 'kompas', name: 'Intervenční centrum Kompas', territory: 'region', secret: true },
  { orp: '5105', type: '57', provider: 'kompas', name: 'Azylový dům pro matky s dětmi Kompas', secret: true, ...women },
  { orp: '5105', type: '60', provider: 'kompas', name: 'Krizová pomoc Kompas' },
  { orp: '5105', type: '59', provider: 'nova-stopa', name: 'Kontaktní centrum Nová stopa' },
  { orp: '5105', type: '69', provider: 'nova-stopa', name: 'Terénní program Nová stopa Liberec' },
  { orp: '5105', type: '64', provider: 'nova-stopa', name: 'Služby následné péče Nová stopa', registered: '2023-03-01', entry: 'rejected', level: 'development' },
  { orp: '5105', type: '56', provider: 'ruka', name: 'Tlumočnické služby Ruka v ruce', forms: ['ter', 'amb'], territory: 'region', branches: ['5101'] },
  { orp: '5105', type: '42', provider: 'ruka', name: 'Průvodcovská a předčitatelská služba Ruka v ruce', territory: 'region', entry: 'none' },
  { orp: '5105', type: '39', provider: 'jested', name: 'Osobní asistence Ještěd', territory: { orps: ['5105', '5103'] }, branches: ['5103'] },
  { orp: '5105', type: '43', provider: 'jested', name: 'Podpora samostatného bydlení Ještěd', registered: '2025-03-01', entry: 'assessed', level: 'development' },
  { orp: '5105', type: '41', provider: 'sova', name: 'Tísňová péče Sova', territory: 'region' },
  { orp: '5105', type: '55', provider: 'sova', name: 'Krizová linka Sova', territory: 'region' },
  { orp: '5105', type: '67', provider: 'pod-lesem', name: 'Sociálně terapeutická dílna Pod Lesem' },
  { orp: '5105', type: '70', provider: 'pod-lesem', name: 'Sociální rehabilitace Pod Lesem', history: 'form-added', level: 'development' },
  { orp: '5105', type: '52', provider: 'nemocnice', name: 'Sociální lůžka Nemocnice Podještědí', entry: 'none' },
  { orp: '5105', type: '66', provider: 'lipka', name: 'Senior klub Lipka', forms: ['amb', 'ter'] },
  { orp: '5105', type: '54', provider: 'kopretina', name: 'Raná péče Kopretina', territory: 'region', branches: ['5101'] },
  // --- Česká Lípa (75 831) ---
  { orp: '5101', type: '49', provider: 'plucnice', name: 'Domov pro seniory U Ploučnice', history: 'capacity-up' },
  { orp: '5101', type: '50', provider: 'plucnice', name: 'Domov se zvláštním režimem U Ploučnice' },
  { orp: '5101', type: '40', provider: 'lipenec', name: 'Pečovatelská služba Lipenec', size: 'large', forms: ['ter', 'amb'], history: 'territory' },
  { orp: '5101', type: '66', provider: 'lipenec', name: 'Aktivizační služby pro seniory Lipenec', forms: ['amb', 'ter'] },
  { orp: '5101', type: '44', provider: 'lipenec', name: 'Odlehčovací služby Lipenec', forms: ['ter', 'amb'], history: 'ended' },
  { orp: '5101', type: '57', provider: 'kotva', name: 'Azylový dům pro ženy a matky s dětmi Kotva', secret: true, ...women },
  { orp: '5101', type: '57', provider: 'kotva', name: 'Azylový dům pro muže Kotva' },
  { orp: '5101', type: '63', provider: 'kotva', name: 'Noclehárna Kotva' },
  { orp: '5101', type: '37', provider: 'poradna-ploucnice', name: 'Občanská poradna Ploučnice' },
  { orp: '5101', type: '65', provider: 'poradna-ploucnice', name: 'Sanace rodiny Ploučnice' },
  { orp: '5101', type: '69', provider: 'cesta-ven', name: 'Terénní program Cesta ven' },
  { orp: '5101', type: '62', provider: 'cesta-ven', name: 'Klub Cesta ven', forms: ['amb', 'ter'] },
  { orp: '5101', type: '59', provider: 'cesta-ven', name: 'Kontaktní centrum Cesta ven', forms: ['amb'] },
  { orp: '5101', type: '39', provider: 'borovy-haj', name: 'Osobní asistence Borový háj', territory: { orps: ['5101', '5106'] }, history: 'fte-up' },
  { orp: '5101', type: '51', provider: 'slunovrat', name: 'Chráněné bydlení Slunovrat' },
  { orp: '5101', type: '67', provider: 'slunovrat', name: 'Sociálně terapeutická dílna Slunovrat' },
  { orp: '5101', type: '70', provider: 'slunovrat', name: 'Sociální rehabilitace Slunovrat', forms: ['amb', 'pob'], registered: '2025-09-01', entry: 'requested', level: 'development' },
  // --- Jablonec nad Nisou (55 814) ---
  { orp: '5103', type: '49', provider: 'vyhlidka', name: 'Domov pro seniory Na Vyhlídce' },
  { orp: '5103', type: '50', provider: 'vyhlidka', name: 'Domov se zvláštním režimem Na Vyhlídce' },
  { orp: '5103', type: '46', provider: 'vyhlidka', name: 'Denní stacionář Na Vyhlídce' },
  { orp: '5103', type: '40', provider: 'nisa', name: 'Pečovatelská služba Nisa', forms: ['ter', 'amb'], history: 'capacity-up' },
  { orp: '5103', type: '66', provider: 'nisa', name: 'Klub seniorů Nisa', entry: 'none' },
  { orp: '5103', type: '65', provider: 'koralek', name: 'Sociálně aktivizační služba pro rodiny Korálek', forms: ['ter', 'amb'] },
  { orp: '5103', type: '37', provider: 'koralek', name: 'Rodinná poradna Korálek', forms: ['amb'], targetGroups: ['19', '23'] },
  { orp: '5103', type: '48', provider: 'horni-luh', name: 'Domov pro osoby se zdravotním postižením Horní Luh', history: 'capacity-down' },
  { orp: '5103', type: '51', provider: 'horni-luh', name: 'Chráněné bydlení Horní Luh' },
  { orp: '5103', type: '47', provider: 'horni-luh', name: 'Týdenní stacionář Horní Luh' },
  { orp: '5103', type: '37', provider: 'nabrezi', name: 'Občanská poradna Na Nábřeží – Jablonec nad Nisou' },
  { orp: '5103', type: '69', provider: 'nova-stopa', name: 'Terénní program Nová stopa Jablonecko', territory: { towns: ['5103', '5108'] } },
  // --- Turnov (32 632) ---
  { orp: '5109', type: '49', provider: 'vysinka', name: 'Domov pro seniory Na Výšince' },
  { orp: '5109', type: '50', provider: 'vysinka', name: 'Domov se zvláštním režimem Na Výšince' },
  { orp: '5109', type: '40', provider: 'cesky-raj', name: 'Pečovatelská služba Český ráj' },
  { orp: '5109', type: '66', provider: 'cesky-raj', name: 'Sociálně aktivizační služby Český ráj', forms: ['amb', 'ter'] },
  { orp: '5109', type: '37', provider: 'cesky-raj', name: 'Poradna Český ráj' },
  { orp: '5109', type: '46', provider: 'cesky-raj', name: 'Denní stacionář Český ráj', history: 'suspended' },
  { orp: '5109', type: '62', provider: 'lucerna', name: 'Nízkoprahový klub Lucerna Turnov', territory: { towns: ['5109', '5107'] } },
  // --- Nový Bor (26 131) ---
  { orp: '5106', type: '49', provider: 'sklarska-stran', name: 'Domov pro seniory Sklářská stráň' },
  { orp: '5106', type: '40', provider: 'sklarska-stran', name: 'Pečovatelská služba Sklářská stráň' },
  { orp: '5106', type: '44', provider: 'sklarska-stran', name: 'Odlehčovací pobyty Sklářská stráň', forms: ['pob'], registered: '2025-01-01', entry: 'assessed', level: 'development' },
  { orp: '5106', type: '65', provider: 'skleneny-most', name: 'Sociálně aktivizační služba Skleněný most' },
  { orp: '5106', type: '69', provider: 'skleneny-most', name: 'Terénní program Skleněný most', history: 'territory' },
  { orp: '5106', type: '62', provider: 'skleneny-most', name: 'Nízkoprahový klub Skleněný most' },
  // --- Semily (25 300) ---
  { orp: '5107', type: '49', provider: 'kozakov', name: 'Domov pro seniory Pod Kozákovem' },
  { orp: '5107', type: '51', provider: 'kozakov', name: 'Chráněné bydlení Pod Kozákovem' },
  { orp: '5107', type: '40', provider: 'jizersky-raj', name: 'Pečovatelská služba Jizerský ráj', forms: ['ter', 'amb'] },
  { orp: '5107', type: '66', provider: 'jizersky-raj', name: 'Aktivizační služby Jizerský ráj' },
  { orp: '5107', type: '68', provider: 'nova-stopa', name: 'Terapeutická komunita Nová stopa', territory: 'region' },
  { orp: '5107', type: '58', provider: 'kompas', name: 'Dům na půl cesty Kompas', territory: 'region' },
  // --- Frýdlant (24 268) ---
  { orp: '5102', type: '49', provider: 'smeda', name: 'Domov pro seniory Smědá' },
  { orp: '5102', type: '50', provider: 'smeda', name: 'Domov se zvláštním režimem Smědá' },
  { orp: '5102', type: '69', provider: 'jizerska-brana', name: 'Terénní program Jizerská brána' },
  { orp: '5102', type: '65', provider: 'jizerska-brana', name: 'Sociálně aktivizační služba pro rodiny Jizerská brána', territory: { towns: ['5102', '5105'] } },
  { orp: '5102', type: '62', provider: 'jizerska-brana', name: 'Nízkoprahový klub Jizerská brána', registered: '2026-02-01', entry: 'requested', level: 'development' },
  { orp: '5102', type: '40', provider: 'charita', name: 'Pečovatelská služba Charity Podještědí – Frýdlantsko' },
  // --- Jilemnice (21 605) ---
  { orp: '5104', type: '49', provider: 'ubochi', name: 'Domov pro seniory Krkonošské úbočí', size: 'small' },
  { orp: '5104', type: '50', provider: 'ubochi', name: 'Domov se zvláštním režimem Krkonošské úbočí' },
  { orp: '5104', type: '40', provider: 'jilmova', name: 'Pečovatelská služba Jilmová', forms: ['ter', 'amb'], history: 'territory' },
  { orp: '5104', type: '66', provider: 'jilmova', name: 'Aktivizační služby pro seniory Jilmová', entry: 'none' },
  { orp: '5104', type: '44', provider: 'jilmova', name: 'Odlehčovací služby Jilmová', forms: ['ter', 'amb'] },
  // --- Tanvald (19 919) ---
  { orp: '5108', type: '49', provider: 'sumny-dul', name: 'Domov pro seniory Šumný důl', size: 'small' },
  { orp: '5108', type: '40', provider: 'sumny-dul', name: 'Pečovatelská služba Šumný důl', territory: { towns: ['5108', '5110'] }, branches: ['5110'] },
  { orp: '5108', type: '65', provider: 'krizovatka', name: 'Sociálně aktivizační služba Na křižovatce', forms: ['ter', 'amb'], targetGroups: ['20', '23'] },
  { orp: '5108', type: '69', provider: 'krizovatka', name: 'Terénní program Na křižovatce', targetGroups: ['20', '21'], history: 'fte-up' },
  { orp: '5108', type: '62', provider: 'krizovatka', name: 'Nízkoprahový klub Na křižovatce', forms: ['amb', 'ter'] },
  // --- Železný Brod (12 008) ---
  { orp: '5110', type: '49', provider: 'vlocka', name: 'Domov pro seniory Skleněná vločka', size: 'small' },
  { orp: '5110', type: '40', provider: 'vlocka', name: 'Pečovatelská služba Skleněná vločka', size: 'small' },
  { orp: '5110', type: '67', provider: 'jizerni', name: 'Sociálně terapeutická dílna Jizerní' },
];
