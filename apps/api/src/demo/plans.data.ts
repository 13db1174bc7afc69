import type { ActivityStatus, PlanStatus, ReportReviewStatus } from '@socplan/contracts';

/**
 * The demo's plans as data (fictional but plausible): the regional plan SPRSS 2024–2026,
 * community plans of several ORPs (current and historic), the action plan 2025 of ORP Liberec
 * with its monitoring round, and the region's evaluations of the planning process in 2011–2012.
 * Amounts are whole CZK per year of the plan (index 0 = `yearFrom`), stored as integer haléř;
 * indicator values are whole units, stored as hundredths. plans.plan.ts turns this into rows.
 */

/** Codes of the funding_source codelist. */
export type FundingSourceCode =
  | 'mpsv'
  | 'region'
  | 'municipality'
  | 'eu'
  | 'user_fees'
  | 'care_allowance'
  | 'health_insurance'
  | 'other';

export interface DemoIndicator {
  name: string;
  unit: string;
  baseline: number | null;
  /** Target per year of the plan. */
  targets: number[];
}

export interface DemoNode {
  title: string;
  description?: string;
  targetGroups?: string[];
  serviceTypes?: string[];
  /** Names of demo services (services.data.ts) the node concerns. */
  services?: string[];
  responsible?: string;
  partners?: string;
  /** Cost estimate per year of the plan (activities only). */
  costs?: number[];
  /** Amount per funding source and year of the plan (activities only). */
  funding?: Partial<Record<FundingSourceCode, number[]>>;
  indicators?: DemoIndicator[];
  children?: DemoNode[];
}

export interface DemoPlan {
  key: string;
  kind: 'regional' | 'community';
  title: string;
  description?: string;
  /** ČSÚ code of the ORP; none = the region. */
  orp?: string;
  yearFrom: number;
  yearTo: number;
  status: PlanStatus;
  /** The approval of version 1 (plans approved at some point: in force or expired). */
  approval?: { body: string; resolution: string; on: string };
  /** A named coordinator; `account` = the demo user liberec@example.org. */
  coordinator?: { name: string; email?: string; phone?: string; account?: true };
  tree: DemoNode[];
}

// --- the regional plan ---

const REGION = 'Krajský úřad Libereckého kraje, odbor sociálních věcí';

export const REGIONAL_PLAN: DemoPlan = {
  key: 'sprss-2024-2026',
  kind: 'regional',
  title: 'Střednědobý plán rozvoje sociálních služeb Libereckého kraje 2024–2026',
  description:
    'Střednědobý plán podle § 95 zákona č. 108/2006 Sb.: priority rozvoje sítě sociálních služeb kraje na období 2024–2026, zpracovaný ve spolupráci s obcemi, poskytovateli a uživateli.',
  yearFrom: 2024,
  yearTo: 2026,
  status: 'in_force',
  approval: { body: 'Zastupitelstvo Libereckého kraje', resolution: '318/23/ZK', on: '2023-06-27' },
  coordinator: {
    name: 'Ing. Markéta Holubová',
    email: 'planovani@kraj-demo.example.org',
    phone: '+420 485 226 000',
  },
  tree: [
    {
      title: 'Dostupná a udržitelná základní síť sociálních služeb',
      children: [
        {
          title: 'Stabilní financování služeb základní sítě',
          children: [
            {
              title: 'Víceleté financování služeb zařazených do základní sítě',
              description: 'Pověření na celé období plánu a zálohové platby do konce února.',
              responsible: REGION,
              costs: [420_000_000, 446_000_000, 468_000_000],
              funding: {
                mpsv: [336_000_000, 356_800_000, 374_400_000],
                region: [84_000_000, 89_200_000, 90_000_000],
              },
            },
            {
              title: 'Jednotné optimální výše podpory podle druhu a formy služby',
              responsible: REGION,
            },
          ],
        },
        {
          title: 'Kapacity sítě podle potřeb území',
          children: [
            {
              title: 'Každoroční aktualizace základní sítě podle dat z ORP',
              responsible: REGION,
              partners: 'koordinátoři komunitního plánování ORP',
              indicators: [
                {
                  name: 'ORP, které dodaly data o potřebách',
                  unit: 'ORP',
                  baseline: 6,
                  targets: [8, 10, 10],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      title: 'Senioři a osoby se zdravotním postižením v přirozeném prostředí',
      children: [
        {
          title: 'Rozvoj terénních služeb ve venkovských oblastech',
          targetGroups: ['24', '17'],
          serviceTypes: ['40', '39'],
          children: [
            {
              title: 'Navýšení úvazků pečovatelské služby v malých obcích',
              serviceTypes: ['40'],
              services: ['Pečovatelská služba Jilmová', 'Pečovatelská služba Šumný důl'],
              responsible: REGION,
              costs: [6_500_000, 7_200_000, 7_800_000],
              funding: {
                mpsv: [4_550_000, 5_040_000, 5_460_000],
                municipality: [1_300_000, 1_440_000, 1_560_000],
              },
            },
          ],
        },
        {
          title: 'Služby pro osoby žijící s demencí',
          targetGroups: ['30'],
          serviceTypes: ['50'],
          children: [
            {
              title: 'Nová lůžka v domovech se zvláštním režimem',
              serviceTypes: ['50'],
              services: [
                'Domov se zvláštním režimem Modrá hora',
                'Domov se zvláštním režimem U Ploučnice',
              ],
              responsible: 'poskytovatelé pobytových služeb',
              costs: [0, 12_000_000, 12_600_000],
              funding: {
                mpsv: [0, 5_400_000, 5_700_000],
                user_fees: [0, 3_600_000, 3_780_000],
                care_allowance: [0, 2_400_000, 2_520_000],
              },
              indicators: [
                {
                  name: 'Lůžka v domovech se zvláštním režimem',
                  unit: 'lůžka',
                  baseline: 412,
                  targets: [412, 436, 448],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      title: 'Transformace pobytových služeb a podpora samostatného života',
      children: [
        {
          title: 'Transformace domovů pro osoby se zdravotním postižením',
          targetGroups: ['14', '13'],
          serviceTypes: ['48', '51', '43'],
          children: [
            {
              title: 'Přechod klientů Horního Luhu do chráněného bydlení v komunitě',
              services: [
                'Domov pro osoby se zdravotním postižením Horní Luh',
                'Chráněné bydlení Horní Luh',
              ],
              responsible: 'Domov Horní Luh',
              costs: [9_000_000, 18_000_000, 6_000_000],
              funding: {
                eu: [7_650_000, 15_300_000, 5_100_000],
                region: [1_350_000, 2_700_000, 900_000],
              },
            },
          ],
        },
      ],
    },
    {
      title: 'Sociální začleňování a prevence',
      children: [
        {
          title: 'Síť služeb pro osoby bez přístřeší',
          targetGroups: ['7'],
          serviceTypes: ['57', '63', '61'],
          children: [
            {
              title: 'Celoroční provoz nocleháren v Liberci a České Lípě',
              services: ['Noclehárna Charity Podještědí', 'Noclehárna Kotva'],
              costs: [3_800_000, 4_000_000, 4_200_000],
              funding: {
                mpsv: [2_660_000, 2_800_000, 2_940_000],
                municipality: [760_000, 800_000, 840_000],
              },
            },
          ],
        },
        {
          title: 'Podpora rodin s dětmi v obtížné situaci',
          targetGroups: ['23'],
          serviceTypes: ['65'],
          children: [
            {
              title: 'Sociálně aktivizační služby pro rodiny ve všech ORP',
              indicators: [
                {
                  name: 'ORP se službou pro rodiny s dětmi',
                  unit: 'ORP',
                  baseline: 6,
                  targets: [7, 8, 10],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      title: 'Plánování, koordinace a kvalita',
      children: [
        {
          title: 'Komunitní plánování v každé ORP',
          children: [
            {
              title: 'Metodická podpora koordinátorů komunitního plánování',
              responsible: REGION,
              costs: [600_000, 600_000, 650_000],
              funding: { region: [600_000, 600_000, 650_000] },
            },
            {
              title: 'Jednotná struktura akčních plánů s odhadem nákladů a zdroji krytí',
              responsible: REGION,
            },
          ],
        },
      ],
    },
  ],
};

// --- community plans in force or in preparation ---

/** The community plan of ORP Liberec; its action plan 2025 is made from it (LIBEREC_ACTION_PLAN). */
export const LIBEREC_PLAN: DemoPlan = {
  key: 'kp-5105-2024-2027',
  kind: 'community',
  title: 'Komunitní plán sociálních služeb ORP Liberec 2024–2027',
  orp: '5105',
  yearFrom: 2024,
  yearTo: 2027,
  status: 'in_force',
  approval: {
    body: 'Zastupitelstvo statutárního města Liberec',
    resolution: '41/2024',
    on: '2024-02-29',
  },
  coordinator: { name: 'Koordinátorka ORP Liberec', email: 'liberec@example.org', account: true },
  tree: [
    {
      title: 'Senioři a osoby se zdravotním postižením doma',
      targetGroups: ['24', '17'],
      children: [
        {
          title: 'Dostupná pečovatelská služba',
          serviceTypes: ['40', '41'],
          children: [
            {
              title: 'Pečovatelská služba i o víkendech a svátcích',
              serviceTypes: ['40'],
              services: ['Pečovatelská služba Lipová', 'Pečovatelská služba Charity Podještědí'],
              responsible: 'Spolek Lipová',
              costs: [2_200_000, 2_400_000, 2_500_000, 2_600_000],
            },
            {
              title: 'Tísňová péče pro osamělé seniory v obcích ORP',
              serviceTypes: ['41'],
              services: ['Tísňová péče Sova'],
              responsible: 'Sova, z. ú.',
              costs: [550_000, 600_000, 620_000, 640_000],
            },
          ],
        },
        {
          title: 'Podpora pečujících',
          targetGroups: ['26'],
          children: [
            {
              title: 'Odlehčovací pobyty pro pečující rodiny',
              serviceTypes: ['44'],
              services: ['Odlehčovací služby Lipová'],
              responsible: 'Spolek Lipová',
              costs: [2_900_000, 3_100_000, 3_250_000, 3_400_000],
            },
            {
              title: 'Svépomocné skupiny a poradenství pro pečující',
              serviceTypes: ['37'],
              responsible: 'odbor sociální péče Magistrátu města Liberec',
            },
          ],
        },
        {
          title: 'Služby pro osoby žijící s demencí',
          targetGroups: ['30'],
          children: [
            {
              title: 'Rozšíření domova se zvláštním režimem o 12 lůžek',
              serviceTypes: ['50'],
              services: ['Domov se zvláštním režimem Modrá hora'],
              responsible: 'Domov Modrá hora',
              costs: [0, 4_200_000, 4_400_000, 4_600_000],
            },
          ],
        },
      ],
    },
    {
      title: 'Rodiny s dětmi a mládež',
      targetGroups: ['23', '1'],
      children: [
        {
          title: 'Sanace rodin',
          children: [
            {
              title: 'Sociálně aktivizační služba pro rodiny v obcích Hrádecka a Chrastavska',
              serviceTypes: ['65'],
              services: ['Sociálně aktivizační služba pro rodiny Lucerna'],
              responsible: 'Lucerna, o. p. s.',
              costs: [1_600_000, 1_750_000, 1_800_000, 1_850_000],
            },
          ],
        },
        {
          title: 'Nízkoprahové služby pro děti a mládež',
          children: [
            {
              title: 'Terénní práce s mládeží na sídlištích',
              serviceTypes: ['62'],
              services: ['Nízkoprahový klub Lucerna'],
              responsible: 'Lucerna, o. p. s.',
            },
          ],
        },
      ],
    },
    {
      title: 'Osoby ohrožené sociálním vyloučením',
      targetGroups: ['7', '20', '21'],
      children: [
        {
          title: 'Bydlení a bezdomovectví',
          children: [
            {
              title: 'Celoroční provoz noclehárny',
              serviceTypes: ['63'],
              services: ['Noclehárna Charity Podještědí'],
              responsible: 'Charita Podještědí',
              costs: [1_300_000, 1_350_000, 1_400_000, 1_450_000],
            },
            {
              title: 'Prostupné bydlení: deset tréninkových bytů',
              serviceTypes: ['70'],
              services: ['Sociální rehabilitace Pod Lesem'],
              responsible: 'odbor sociální péče Magistrátu města Liberec',
              costs: [0, 2_800_000, 2_900_000, 3_000_000],
            },
          ],
        },
        {
          title: 'Dluhové poradenství',
          children: [
            {
              title: 'Výjezdní dluhová poradna v obcích ORP',
              serviceTypes: ['37'],
              services: ['Dluhová poradna Charity Podještědí'],
              responsible: 'Charita Podještědí',
            },
          ],
        },
      ],
    },
    {
      title: 'Koordinace a informovanost',
      children: [
        {
          title: 'Řízení komunitního plánování',
          children: [
            {
              title: 'Koordinátor a pracovní skupiny komunitního plánování',
              responsible: 'odbor sociální péče Magistrátu města Liberec',
              partners: 'poskytovatelé, uživatelé, obce ORP',
              costs: [430_000, 450_000, 470_000, 490_000],
            },
            {
              title: 'Katalog sociálních služeb ORP Liberec',
              responsible: 'odbor sociální péče Magistrátu města Liberec',
              costs: [0, 120_000, 0, 130_000],
            },
          ],
        },
      ],
    },
  ],
};

/** A small tree for the community plans of smaller ORPs, with the ORP's own services. */
function smallPlanTree(orp: {
  seniors: string;
  families: string;
  responsible: string;
}): DemoNode[] {
  return [
    {
      title: 'Senioři a osoby se zdravotním postižením',
      targetGroups: ['24', '17'],
      children: [
        {
          title: 'Pomoc v domácnosti',
          children: [
            {
              title: 'Rozšíření pečovatelské služby do okolních obcí',
              serviceTypes: ['40'],
              services: [orp.seniors],
              responsible: orp.responsible,
              costs: [900_000, 950_000, 1_000_000, 1_050_000],
            },
          ],
        },
      ],
    },
    {
      title: 'Rodiny s dětmi a osoby ohrožené sociálním vyloučením',
      targetGroups: ['23', '20'],
      children: [
        {
          title: 'Práce s rodinami',
          children: [
            {
              title: 'Sociálně aktivizační a terénní práce s rodinami',
              services: [orp.families],
              responsible: orp.responsible,
            },
          ],
        },
      ],
    },
  ];
}

export const COMMUNITY_PLANS: DemoPlan[] = [
  LIBEREC_PLAN,
  {
    key: 'kp-5101-2023-2026',
    kind: 'community',
    title: 'Komunitní plán sociálních služeb ORP Česká Lípa 2023–2026',
    orp: '5101',
    yearFrom: 2023,
    yearTo: 2026,
    status: 'in_force',
    approval: {
      body: 'Zastupitelstvo města Česká Lípa',
      resolution: 'ZM/12/2022/15',
      on: '2022-12-13',
    },
    coordinator: { name: 'Bc. Petra Šimková', email: 'kpss@ceska-lipa-demo.example.org' },
    tree: smallPlanTree({
      seniors: 'Pečovatelská služba Lipenec',
      families: 'Sanace rodiny Ploučnice',
      responsible: 'odbor sociálních věcí MěÚ Česká Lípa',
    }),
  },
  {
    key: 'kp-5103-2024-2026',
    kind: 'community',
    title: 'Komunitní plán sociálních služeb Jablonecka 2024–2026',
    orp: '5103',
    yearFrom: 2024,
    yearTo: 2026,
    status: 'in_force',
    approval: {
      body: 'Zastupitelstvo města Jablonec nad Nisou',
      resolution: '88/2023',
      on: '2023-11-23',
    },
    coordinator: { name: 'Mgr. Tomáš Kučera', email: 'kpss@jablonec-demo.example.org' },
    tree: smallPlanTree({
      seniors: 'Pečovatelská služba Nisa',
      families: 'Sociálně aktivizační služba pro rodiny Korálek',
      responsible: 'odbor sociálních věcí Magistrátu města Jablonec nad Nisou',
    }),
  },
  {
    // The region found territories that could not name a coordinator: Turnov is one of them.
    key: 'kp-5109-2023-2026',
    kind: 'community',
    title: 'Komunitní plán sociálních služeb Turnovska 2023–2026',
    orp: '5109',
    yearFrom: 2023,
    yearTo: 2026,
    status: 'in_force',
    approval: { body: 'Zastupitelstvo města Turnov', resolution: '214/2022', on: '2022-09-29' },
    tree: smallPlanTree({
      seniors: 'Pečovatelská služba Český ráj',
      families: 'Nízkoprahový klub Lucerna Turnov',
      responsible: 'odbor sociálních věcí MěÚ Turnov',
    }),
  },
  {
    key: 'kp-5107-2025-2028',
    kind: 'community',
    title: 'Komunitní plán sociálních služeb ORP Semily 2025–2028',
    description: 'Návrh v připomínkovém řízení do 15. prosince.',
    orp: '5107',
    yearFrom: 2025,
    yearTo: 2028,
    status: 'consultation',
    coordinator: { name: 'Ing. Lenka Horáková', email: 'kpss@semily-demo.example.org' },
    tree: smallPlanTree({
      seniors: 'Pečovatelská služba Jizerský ráj',
      families: 'Aktivizační služby Jizerský ráj',
      responsible: 'odbor sociálních věcí MěÚ Semily',
    }),
  },
];

// --- historic community plans (expired) ---

/** ORP · period · approved on: 6 ORPs had a plan in force in 2011, 8 in 2012. */
// prettier-ignore
const HISTORIC: [string, string, number, number, string][] = [
  ['5105', 'Liberec', 2010, 2013, '2009-12-17'],
  ['5101', 'Česká Lípa', 2011, 2013, '2010-12-14'],
  ['5103', 'Jablonec nad Nisou', 2009, 2012, '2008-11-27'],
  ['5107', 'Semily', 2011, 2013, '2011-02-21'],
  ['5109', 'Turnov', 2011, 2014, '2010-11-25'],
  ['5102', 'Frýdlant', 2010, 2012, '2010-03-15'],
  ['5108', 'Tanvald', 2012, 2014, '2012-03-22'],
  ['5106', 'Nový Bor', 2012, 2015, '2012-05-24'],
];

export const HISTORIC_PLANS: DemoPlan[] = HISTORIC.map(([orp, name, yearFrom, yearTo, on]) => ({
  key: `kp-${orp}-${yearFrom}-${yearTo}`,
  kind: 'community',
  title: `Komunitní plán sociálních služeb ORP ${name} ${yearFrom}–${yearTo}`,
  orp,
  yearFrom,
  yearTo,
  status: 'expired',
  approval: {
    body: `Zastupitelstvo města ${name}`,
    resolution: `${yearFrom - 1}/ZM/${orp.slice(2)}`,
    on,
  },
  tree: [
    {
      title: 'Senioři a osoby se zdravotním postižením',
      targetGroups: ['24', '17'],
      children: [{ title: 'Zachování dostupnosti terénních služeb', children: [] }],
    },
    {
      title: 'Osoby ohrožené sociálním vyloučením',
      targetGroups: ['20'],
      children: [{ title: 'Podpora nízkoprahových služeb', children: [] }],
    },
  ],
}));

// --- the action plan 2025 of ORP Liberec ---

/** What the monitoring round 2025 holds for an activity. */
export interface DemoReport {
  status: ActivityStatus;
  review: ReportReviewStatus;
  /** Entered progress (activities without an indicator). */
  progress?: number;
  /** Actual value per indicator of the activity. */
  actuals?: number[];
  /** Share of each funding source's amount spent (1 = all). */
  spent: number;
  comment: string;
  reviewComment?: string;
}

/** An activity of the community plan taken into the action plan, costed and funded for 2025. */
export interface DemoActionActivity {
  /** Its code in LIBEREC_PLAN. */
  template: string;
  cost: number;
  funding: Partial<Record<FundingSourceCode, number>>;
  indicators?: DemoIndicator[];
  report: DemoReport;
}

export const LIBEREC_ACTION_PLAN = {
  key: 'ap-5105-2025',
  title: 'Akční plán sociálních služeb ORP Liberec na rok 2025',
  year: 2025,
  approval: { body: 'Rada statutárního města Liberec', resolution: '1184/2024', on: '2024-12-10' },
  round: { period: '2025', dueOn: '2026-01-31' },
  // prettier-ignore
  activities: [
    {
      template: '1.1.1', cost: 2_400_000,
      funding: { mpsv: 1_450_000, region: 300_000, municipality: 400_000, user_fees: 250_000 },
      indicators: [{ name: 'Klienti s péčí o víkendech', unit: 'klienti', baseline: 40, targets: [60] }],
      report: { status: 'done', review: 'accepted', actuals: [64], spent: 1, comment: 'Víkendová péče běží od března ve všech obvodech města.' },
    },
    {
      template: '1.1.2', cost: 600_000,
      funding: { municipality: 250_000, care_allowance: 150_000, user_fees: 80_000 },
      indicators: [{ name: 'Domácnosti s tísňovým tlačítkem', unit: 'domácnosti', baseline: 85, targets: [120] }],
      report: { status: 'in_progress', review: 'accepted', actuals: [104], spent: 0.9, comment: 'Zapojeno 14 obcí ORP, zbývající se připojí v roce 2026.' },
    },
    {
      template: '1.2.1', cost: 3_100_000,
      funding: { mpsv: 1_600_000, region: 400_000, user_fees: 700_000, care_allowance: 400_000 },
      report: { status: 'done', review: 'accepted', progress: 100, spent: 1, comment: 'Celoroční provoz šesti odlehčovacích lůžek.' },
    },
    {
      template: '1.2.2', cost: 180_000,
      funding: { municipality: 120_000 },
      report: { status: 'in_progress', review: 'submitted', progress: 60, spent: 0.75, comment: 'Skupina se schází jednou měsíčně, poradenství dvakrát týdně.' },
    },
    {
      template: '1.3.1', cost: 4_200_000,
      funding: { mpsv: 1_900_000, user_fees: 1_100_000, care_allowance: 900_000, health_insurance: 200_000 },
      indicators: [{ name: 'Nová lůžka domova se zvláštním režimem', unit: 'lůžka', baseline: 0, targets: [12] }],
      report: {
        status: 'postponed', review: 'returned', actuals: [0], spent: 0.1,
        comment: 'Stavební povolení vydáno až v září.',
        reviewComment: 'Doplňte prosím nový termín otevření a zda se přesouvají i prostředky MPSV.',
      },
    },
    {
      template: '2.1.1', cost: 1_750_000,
      funding: { mpsv: 1_200_000, eu: 350_000, municipality: 200_000 },
      indicators: [{ name: 'Rodiny v péči služby', unit: 'rodiny', baseline: 35, targets: [50] }],
      report: { status: 'done', review: 'accepted', actuals: [52], spent: 1, comment: 'Služba působí v Hrádku nad Nisou i v Chrastavě.' },
    },
    {
      template: '3.1.1', cost: 1_350_000,
      funding: { mpsv: 800_000, municipality: 350_000, user_fees: 90_000, other: 60_000 },
      report: { status: 'done', review: 'accepted', progress: 100, spent: 1, comment: 'Noclehárna byla otevřena i v letních měsících.' },
    },
    {
      template: '3.1.2', cost: 2_800_000,
      funding: { eu: 2_380_000, municipality: 420_000 },
      indicators: [{ name: 'Obsazené tréninkové byty', unit: 'byty', baseline: 0, targets: [10] }],
      report: { status: 'in_progress', review: 'accepted', actuals: [7], spent: 0.8, comment: 'Sedm bytů obsazeno, tři v rekonstrukci.' },
    },
    {
      template: '4.1.1', cost: 450_000,
      funding: { municipality: 450_000 },
      report: { status: 'done', review: 'accepted', progress: 100, spent: 1, comment: 'Čtyři pracovní skupiny, dvě veřejná setkání.' },
    },
    {
      template: '4.1.2', cost: 120_000,
      funding: {},
      report: { status: 'not_started', review: 'draft', progress: 0, spent: 0, comment: 'Čeká se na zdroj financování.' },
    },
  ] satisfies DemoActionActivity[],
};

// --- evaluations of the planning process ---

/** Dates of the region's evaluations: end of 2011 and mid-2012 (DOMAIN.md). */
export const EVALUATION_DATES = ['2011-11-30', '2012-06-30'] as const;
