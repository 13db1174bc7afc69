/**
 * The demo's providers: invented names (any likeness to a real organisation is accidental),
 * each at home in an ORP (by ČSÚ code) whose seat town holds its address. E-mail and web use
 * the reserved `.test` top-level domain, so nothing in the demo can reach a real mailbox.
 */
export interface DemoProvider {
  key: string;
  name: string;
  legalForm: string;
  /** ČSÚ code of the ORP whose seat town is the provider's address. */
  orp: string;
  /** Second-level name under `.test` for e-mail and web. */
  domain: string;
}

const PO = 'příspěvková organizace';
const ZS = 'zapsaný spolek';
const ZU = 'zapsaný ústav';
const OPS = 'obecně prospěšná společnost';
const AS = 'akciová společnost';

// prettier-ignore
export const DEMO_PROVIDERS: readonly DemoProvider[] = [
  // Liberec
  { key: 'modra-hora', name: 'Domov Modrá hora, p. o.', legalForm: PO, orp: '5105', domain: 'domov-modra-hora' },
  { key: 'jizerka', name: 'Centrum Jizerka, p. o.', legalForm: PO, orp: '5105', domain: 'centrum-jizerka' },
  { key: 'lipova', name: 'Pečovatelská služba Lipová, p. o.', legalForm: PO, orp: '5105', domain: 'ps-lipova' },
  { key: 'charita', name: 'Charita Podještědí, z. s.', legalForm: ZS, orp: '5105', domain: 'charita-podjestedi' },
  { key: 'nabrezi', name: 'Poradna Na Nábřeží, z. ú.', legalForm: ZU, orp: '5105', domain: 'poradna-nabrezi' },
  { key: 'lucerna', name: 'Spolek Lucerna, z. s.', legalForm: ZS, orp: '5105', domain: 'spolek-lucerna' },
  { key: 'kompas', name: 'Kompas pro rodinu, z. ú.', legalForm: ZU, orp: '5105', domain: 'kompas-pro-rodinu' },
  { key: 'nova-stopa', name: 'Nová stopa, o. p. s.', legalForm: OPS, orp: '5105', domain: 'nova-stopa' },
  { key: 'ruka', name: 'Ruka v ruce, z. ú.', legalForm: ZU, orp: '5105', domain: 'ruka-v-ruce' },
  { key: 'jested', name: 'Asistence Ještěd, o. p. s.', legalForm: OPS, orp: '5105', domain: 'asistence-jested' },
  { key: 'sova', name: 'Linka Sova, o. p. s.', legalForm: OPS, orp: '5105', domain: 'linka-sova' },
  { key: 'pod-lesem', name: 'Dílna Pod Lesem, z. ú.', legalForm: ZU, orp: '5105', domain: 'dilna-pod-lesem' },
  { key: 'nemocnice', name: 'Nemocnice Podještědí, a. s.', legalForm: AS, orp: '5105', domain: 'nemocnice-podjestedi' },
  { key: 'lipka', name: 'Senior klub Lipka, z. s.', legalForm: ZS, orp: '5105', domain: 'klub-lipka' },
  { key: 'kopretina', name: 'Raná péče Kopretina, z. ú.', legalForm: ZU, orp: '5105', domain: 'rana-pece-kopretina' },
  // Česká Lípa
  { key: 'plucnice', name: 'Domov U Ploučnice, p. o.', legalForm: PO, orp: '5101', domain: 'domov-u-ploucnice' },
  { key: 'lipenec', name: 'Sociální služby Lipenec, p. o.', legalForm: PO, orp: '5101', domain: 'ss-lipenec' },
  { key: 'kotva', name: 'Spolek Kotva, z. s.', legalForm: ZS, orp: '5101', domain: 'spolek-kotva' },
  { key: 'poradna-ploucnice', name: 'Poradna Ploučnice, z. ú.', legalForm: ZU, orp: '5101', domain: 'poradna-ploucnice' },
  { key: 'cesta-ven', name: 'Cesta ven, z. s.', legalForm: ZS, orp: '5101', domain: 'cesta-ven' },
  { key: 'borovy-haj', name: 'Osobní asistence Borový háj, o. p. s.', legalForm: OPS, orp: '5101', domain: 'borovy-haj' },
  { key: 'slunovrat', name: 'Slunovrat Českolipsko, z. ú.', legalForm: ZU, orp: '5101', domain: 'slunovrat-ceskolipsko' },
  // Jablonec nad Nisou
  { key: 'vyhlidka', name: 'Domov Na Vyhlídce, p. o.', legalForm: PO, orp: '5103', domain: 'domov-na-vyhlidce' },
  { key: 'nisa', name: 'Pečovatelská služba Nisa, p. o.', legalForm: PO, orp: '5103', domain: 'ps-nisa' },
  { key: 'koralek', name: 'Rodinná poradna Korálek, z. ú.', legalForm: ZU, orp: '5103', domain: 'poradna-koralek' },
  { key: 'horni-luh', name: 'Domov Horní Luh, p. o.', legalForm: PO, orp: '5103', domain: 'domov-horni-luh' },
  // Frýdlant
  { key: 'smeda', name: 'Domov Smědá, p. o.', legalForm: PO, orp: '5102', domain: 'domov-smeda' },
  { key: 'jizerska-brana', name: 'Spolek Jizerská brána, z. s.', legalForm: ZS, orp: '5102', domain: 'jizerska-brana' },
  // Jilemnice
  { key: 'ubochi', name: 'Domov Krkonošské úbočí, p. o.', legalForm: PO, orp: '5104', domain: 'domov-ubochi' },
  { key: 'jilmova', name: 'Centrum Jilmová, o. p. s.', legalForm: OPS, orp: '5104', domain: 'centrum-jilmova' },
  // Nový Bor
  { key: 'sklarska-stran', name: 'Domov Sklářská stráň, p. o.', legalForm: PO, orp: '5106', domain: 'sklarska-stran' },
  { key: 'skleneny-most', name: 'Spolek Skleněný most, z. s.', legalForm: ZS, orp: '5106', domain: 'skleneny-most' },
  // Semily
  { key: 'kozakov', name: 'Domov Pod Kozákovem, p. o.', legalForm: PO, orp: '5107', domain: 'domov-pod-kozakovem' },
  { key: 'jizersky-raj', name: 'Centrum Jizerský ráj, o. p. s.', legalForm: OPS, orp: '5107', domain: 'centrum-jizersky-raj' },
  // Tanvald
  { key: 'sumny-dul', name: 'Domov Šumný důl, p. o.', legalForm: PO, orp: '5108', domain: 'domov-sumny-dul' },
  { key: 'krizovatka', name: 'Spolek Na křižovatce, z. s.', legalForm: ZS, orp: '5108', domain: 'na-krizovatce' },
  // Turnov
  { key: 'vysinka', name: 'Domov Na Výšince, p. o.', legalForm: PO, orp: '5109', domain: 'domov-na-vysince' },
  { key: 'cesky-raj', name: 'Pečovatelská služba Český ráj, o. p. s.', legalForm: OPS, orp: '5109', domain: 'ps-cesky-raj' },
  // Železný Brod
  { key: 'vlocka', name: 'Domov Skleněná vločka, p. o.', legalForm: PO, orp: '5110', domain: 'domov-vlocka' },
  { key: 'jizerni', name: 'Dílna Jizerní, z. ú.', legalForm: ZU, orp: '5110', domain: 'dilna-jizerni' },
];

/** The provider the demo's provider account and API client belong to (it runs six services). */
export const DEMO_ACCOUNT_PROVIDER = 'charita';

/** Postcodes of the seat towns, by municipality code (the demo puts every address in a seat town). */
export const SEAT_POSTCODES: Readonly<Record<string, string>> = {
  '561380': '47001', // Česká Lípa
  '564028': '46401', // Frýdlant
  '563510': '46601', // Jablonec nad Nisou
  '577197': '51401', // Jilemnice
  '563889': '46001', // Liberec
  '561860': '47301', // Nový Bor
  '576964': '51301', // Semily
  '563820': '46841', // Tanvald
  '577626': '51101', // Turnov
  '563871': '46822', // Železný Brod
};

/** Street names common to Czech towns (the demo's addresses are invented; no address point). */
export const STREETS: readonly string[] = [
  'Nádražní',
  'Husova',
  'Palackého',
  'Komenského',
  'Jiráskova',
  'Masarykova',
  'Zahradní',
  'Lesní',
  'Školní',
  'Tyršova',
  'Havlíčkova',
  'Nerudova',
  'Smetanova',
  'Sokolská',
  'Luční',
  'Polní',
  'Wolkerova',
  'Vítězná',
];
