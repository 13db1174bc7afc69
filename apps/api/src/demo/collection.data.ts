import type { FormDefinition, RespondentKind, SubmissionStatus } from '@socplan/contracts';

/**
 * The demo's data collection as data: the two example forms (definitions exactly as the form
 * builder stores them) and the story of their campaigns — who is where in the workflow and what
 * reviewers said. collection.plan.ts turns it into rows; the numbers come from the demo network
 * and territory through seeded random streams.
 */

export interface DemoForm {
  key: 'municipality' | 'service';
  code: string;
  name: string;
  nameEn: string;
  description: string;
  respondentKind: RespondentKind;
  definition: FormDefinition;
}

const t = (cs: string, en: string) => ({ cs, en });

/** Vyjádření obce k potřebnosti sociálních služeb: what a municipality needs and funds. */
export const MUNICIPALITY_FORM: DemoForm = {
  key: 'municipality',
  code: 'vyjadreni-obce',
  name: 'Vyjádření obce k potřebnosti sociálních služeb',
  nameEn: 'Municipal statement on the need for social services',
  description:
    'Obce každoročně sdělují kraji, které sociální služby na svém území potřebují, v jakém rozsahu a kolik na ně samy vynakládají. Podklad pro aktualizaci střednědobého plánu a sítě.',
  respondentKind: 'municipality',
  definition: {
    sections: [
      {
        code: 'contact',
        label: t('Kontaktní osoba', 'Contact person'),
        fields: [
          {
            code: 'contact_name',
            type: 'text',
            label: t('Jméno a příjmení', 'Name'),
            required: true,
            maxLength: 200,
            prefill: 'previousPeriod',
          },
          {
            code: 'contact_email',
            type: 'text',
            label: t('E-mail', 'E-mail'),
            required: true,
            maxLength: 200,
            prefill: 'previousPeriod',
          },
          {
            code: 'contact_phone',
            type: 'text',
            label: t('Telefon', 'Phone'),
            maxLength: 40,
            prefill: 'previousPeriod',
          },
        ],
      },
      {
        code: 'population',
        label: t('Obyvatelstvo', 'Population'),
        fields: [
          {
            code: 'population_total',
            type: 'integer',
            label: t('Počet obyvatel (odhad k 1. 1.)', 'Population (estimate as of 1 January)'),
            unit: 'osoby',
            required: true,
            min: 0,
            prefill: 'previousPeriod',
          },
          {
            code: 'population_65_plus',
            type: 'integer',
            label: t('z toho ve věku 65 a více let', 'of whom aged 65 and over'),
            unit: 'osoby',
            min: 0,
            prefill: 'previousPeriod',
          },
          {
            code: 'population_change',
            type: 'percent',
            label: t(
              'Očekávaná změna počtu obyvatel do pěti let',
              'Expected change in population within five years',
            ),
            unit: '%',
            min: -50,
            max: 50,
          },
        ],
      },
      {
        code: 'needs',
        label: t('Potřebnost sociálních služeb', 'Need for social services'),
        help: t(
          'Uveďte druhy služeb, které obec posuzuje; u služeb s nedostatečnou kapacitou i chybějící kapacitu.',
          'List the kinds of service the municipality assesses; where capacity falls short, the capacity missing.',
        ),
        fields: [
          {
            code: 'capacity_short',
            type: 'boolean',
            label: t(
              'Kapacita některé služby v obci nestačí',
              'Some service falls short of capacity in the municipality',
            ),
            required: true,
          },
          {
            code: 'service_needs',
            type: 'table',
            label: t('Potřebnost podle druhu služby', 'Need by kind of service'),
            rows: { kind: 'codelist', codelist: 'service_type' },
            columns: [
              {
                code: 'need',
                type: 'choice',
                label: t('Potřebnost', 'Need'),
                codelist: 'need_level',
                required: true,
              },
              {
                code: 'needed_capacity',
                measure: 'neededCapacity',
                type: 'integer',
                label: t('Chybějící kapacita', 'Capacity missing'),
                unit: 'osoby',
                min: 0,
              },
              {
                code: 'note',
                type: 'text',
                label: t('Poznámka', 'Note'),
                maxLength: 1000,
              },
            ],
          },
          {
            code: 'urgent_needs',
            type: 'text',
            label: t('Nejnaléhavější potřeby obce', 'The most urgent needs'),
            maxLength: 2000,
          },
        ],
      },
      {
        code: 'funding',
        label: t('Financování sociálních služeb obcí', 'Municipal funding of social services'),
        fields: [
          {
            code: 'funding_by_type',
            type: 'table',
            label: t('Příspěvky obce podle druhu služby', 'Contributions by kind of service'),
            rows: { kind: 'codelist', codelist: 'service_type' },
            columns: [
              { code: 'amount', type: 'money', label: t('Částka', 'Amount'), unit: 'Kč', min: 0 },
            ],
          },
          {
            code: 'funding_total',
            type: 'money',
            label: t('Příspěvky obce celkem za rok', 'Contributions in the year, total'),
            unit: 'Kč',
            required: true,
            min: 0,
          },
          {
            code: 'funding_next_year',
            type: 'money',
            label: t('Plánované příspěvky v příštím roce', 'Contributions planned for next year'),
            unit: 'Kč',
            min: 0,
          },
          {
            code: 'grant_scheme',
            type: 'boolean',
            label: t(
              'Obec má vlastní dotační program pro sociální služby',
              'The municipality runs its own grant scheme for social services',
            ),
            prefill: 'previousPeriod',
          },
          {
            code: 'council_date',
            type: 'date',
            label: t('Projednáno radou obce dne', 'Discussed by the municipal council on'),
          },
        ],
      },
    ],
    rules: [
      {
        code: 'seniors_within_population',
        assert: 'population_65_plus <= population_total',
        message: t(
          'Obyvatel ve věku 65+ nemůže být víc než všech obyvatel.',
          'People aged 65+ cannot outnumber the whole population.',
        ),
      },
      {
        // Rules read a table column as a whole: "some capacity is missing" is asked once, and
        // then at least one row must say how much.
        code: 'missing_capacity_given',
        when: 'capacity_short',
        assert: 'count(service_needs.needed_capacity) > 0',
        message: t(
          'Nestačí-li kapacita některé služby, uveďte u ní chybějící kapacitu.',
          'Where a service falls short of capacity, give the capacity missing.',
        ),
      },
      {
        code: 'funding_rows_sum_to_total',
        assert: 'sum(funding_by_type.amount) == funding_total',
        message: t(
          'Součet příspěvků podle druhů služeb se musí rovnat příspěvkům celkem.',
          'The contributions by kind of service must add up to the total.',
        ),
      },
      {
        code: 'funding_per_inhabitant',
        assert: 'funding_total <= population_total * 2000',
        message: t(
          'Příspěvky přesahují 2 000 Kč na obyvatele – ověřte prosím částku.',
          'The contributions exceed CZK 2,000 per inhabitant – please check the amount.',
        ),
        severity: 'warning',
      },
    ],
  },
};

/** Roční výkaz sociální služby: one service's year in figures. */
export const SERVICE_FORM: DemoForm = {
  key: 'service',
  code: 'rocni-vykaz-sluzby',
  name: 'Roční výkaz sociální služby',
  nameEn: 'Annual report of a social service',
  description:
    'Každá služba v síti kraje vykazuje kapacitu a její využití, klienty podle cílových skupin, odmítnuté žadatele, pořadník, personál, náklady a výnosy podle zdrojů.',
  respondentKind: 'service',
  definition: {
    sections: [
      {
        code: 'capacity',
        label: t('Kapacita a její využití', 'Capacity and its use'),
        fields: [
          {
            code: 'capacity',
            measure: 'capacity',
            type: 'integer',
            label: t('Registrovaná kapacita', 'Registered capacity'),
            help: t(
              'Podle registru poskytovatelů: lůžka u pobytových služeb, jinak klienti, kontakty nebo intervence.',
              'As registered: beds of residential services, otherwise clients, contacts or interventions.',
            ),
            unit: 'lůžka / osoby',
            required: true,
            min: 0,
            prefill: 'networkCapacity',
          },
          {
            code: 'occupied',
            type: 'integer',
            label: t('Průměrně využitá kapacita', 'Capacity used on average'),
            unit: 'lůžka / osoby',
            required: true,
            min: 0,
          },
        ],
      },
      {
        code: 'clients',
        label: t('Klienti', 'Clients'),
        fields: [
          {
            code: 'clients_total',
            measure: 'clientsServed',
            type: 'integer',
            label: t('Klienti za rok celkem', 'Clients served in the year'),
            unit: 'osoby',
            required: true,
            min: 0,
          },
          {
            code: 'clients_by_group',
            type: 'table',
            label: t('Klienti podle cílové skupiny', 'Clients by target group'),
            help: t(
              'Každého klienta uveďte jen v jedné, převažující cílové skupině.',
              'Count each client once, in the prevailing target group.',
            ),
            rows: { kind: 'codelist', codelist: 'target_group' },
            columns: [
              { code: 'count', type: 'integer', label: t('Počet', 'Count'), unit: 'osoby', min: 0 },
            ],
          },
        ],
      },
      {
        code: 'access',
        label: t('Dostupnost služby', 'Access to the service'),
        fields: [
          {
            code: 'refused',
            measure: 'refusedApplicants',
            type: 'integer',
            label: t('Odmítnutí žadatelé', 'Applicants refused'),
            unit: 'osoby',
            required: true,
            min: 0,
          },
          {
            code: 'refusal_reason',
            type: 'choice',
            label: t('Nejčastější důvod odmítnutí', 'Most frequent reason for refusal'),
            codelist: 'refusal_reason',
          },
          {
            code: 'waiting_list',
            measure: 'waitingList',
            type: 'integer',
            label: t('Žadatelé v pořadníku k 31. 12.', 'Applicants on the waiting list on 31 Dec'),
            unit: 'osoby',
            min: 0,
          },
        ],
      },
      {
        code: 'staff',
        label: t('Personální zajištění', 'Staff'),
        fields: [
          {
            code: 'fte_direct',
            type: 'decimal',
            decimals: 2,
            label: t('Přepočtené úvazky v přímé péči', 'Direct care (FTE)'),
            unit: 'úvazky',
            required: true,
            min: 0,
            prefill: 'previousPeriod',
          },
          {
            code: 'fte_other',
            type: 'decimal',
            decimals: 2,
            label: t('Přepočtené úvazky ostatních pracovníků', 'Other staff (FTE)'),
            unit: 'úvazky',
            min: 0,
            prefill: 'previousPeriod',
          },
        ],
      },
      {
        code: 'finance',
        label: t('Hospodaření služby', 'Finances'),
        fields: [
          {
            code: 'costs_total',
            measure: 'costs',
            type: 'money',
            label: t('Náklady celkem', 'Costs, total'),
            unit: 'Kč',
            required: true,
            min: 0,
          },
          {
            code: 'revenues',
            type: 'table',
            label: t('Výnosy podle zdroje', 'Revenues by source'),
            rows: { kind: 'codelist', codelist: 'funding_source' },
            columns: [
              { code: 'amount', type: 'money', label: t('Částka', 'Amount'), unit: 'Kč', min: 0 },
            ],
          },
        ],
      },
    ],
    rules: [
      {
        code: 'occupied_within_capacity',
        assert: 'occupied <= capacity',
        message: t(
          'Využitá kapacita nemůže být vyšší než registrovaná.',
          'The capacity used cannot exceed the registered capacity.',
        ),
      },
      {
        code: 'clients_by_group_sum',
        assert: 'sum(clients_by_group.count) == clients_total',
        message: t(
          'Součet klientů podle cílových skupin se musí rovnat klientům celkem.',
          'The clients by target group must add up to the clients served.',
        ),
      },
      {
        code: 'refusal_reason_given',
        when: 'refused > 0',
        assert: 'filled(refusal_reason)',
        message: t(
          'Odmítla-li služba žadatele, uveďte nejčastější důvod.',
          'Where applicants were refused, give the most frequent reason.',
        ),
      },
      {
        code: 'revenues_near_costs',
        assert:
          'sum(revenues.amount) >= costs_total * 0.5 && sum(revenues.amount) <= costs_total * 1.5',
        message: t(
          'Výnosy se od nákladů liší o více než polovinu – ověřte prosím částky.',
          'Revenues differ from costs by more than half – please check the amounts.',
        ),
        severity: 'warning',
      },
    ],
  },
};

export const DEMO_FORMS: readonly DemoForm[] = [MUNICIPALITY_FORM, SERVICE_FORM];

/**
 * The open campaign's story for the municipalities (the demo has the ten seat towns): one of
 * each state, Liberec a draft its own people (obec@example.org, its information system) are
 * still filling in. By ČSÚ municipality code.
 */
export const MUNICIPALITY_STATES: Readonly<Record<string, DemoState>> = {
  '561380': 'approved', // Česká Lípa
  '564028': 'not_started', // Frýdlant
  '563510': 'submitted', // Jablonec nad Nisou
  '577197': 'draft', // Jilemnice
  '563889': 'draft', // Liberec
  '561860': 'returned', // Nový Bor
  '576964': 'resubmitted', // Semily
  '563820': 'not_started', // Tanvald
  '577626': 'approved', // Turnov
  '563871': 'submitted', // Železný Brod
};

/** A submission's state in the demo: a workflow status, or a draft nobody has touched yet. */
export type DemoState = SubmissionStatus | 'not_started';

/** How the services' states in the open campaign are spread (weights, drawn per service). */
export const SERVICE_STATE_WEIGHTS: readonly [DemoState, number][] = [
  ['not_started', 30],
  ['draft', 20],
  ['submitted', 18],
  ['returned', 7],
  ['resubmitted', 5],
  ['approved', 20],
];

/** What reviewers say when they return a submission: the field, the comment, the correction. */
export interface DemoReturn {
  field: string;
  row?: string;
  comment: string;
  /** What the respondent does to the value (a factor for numbers). */
  correction: number;
}

export const MUNICIPALITY_RETURNS: readonly DemoReturn[] = [
  {
    field: 'population_65_plus',
    comment:
      'Počet obyvatel ve věku 65+ neodpovídá údajům ČSÚ (vychází výrazně níž). Opravte prosím.',
    correction: 1.25,
  },
  {
    field: 'funding_next_year',
    comment: 'Plánované příspěvky jsou o třetinu nižší než letos – je to záměr? Případně opravte.',
    correction: 1.3,
  },
];

export const SERVICE_RETURNS: readonly DemoReturn[] = [
  {
    field: 'waiting_list',
    comment: 'Pořadník je oproti loňsku mnohonásobně vyšší. Ověřte, zda nejde o součet za rok.',
    correction: 0.4,
  },
  {
    field: 'fte_direct',
    comment: 'Úvazky v přímé péči neodpovídají personálnímu standardu v síti. Opravte je prosím.',
    correction: 1.2,
  },
  {
    field: 'costs_total',
    comment: 'Náklady se od loňska zvýšily o polovinu – doložte prosím důvod nebo opravte.',
    correction: 0.7,
  },
];

/** Contact people of the municipalities' social departments, by ČSÚ municipality code. */
export const MUNICIPALITY_CONTACTS: Readonly<Record<string, { name: string; domain: string }>> = {
  '561380': { name: 'Ing. Petra Novotná', domain: 'ceska-lipa' },
  '564028': { name: 'Bc. Jan Dvořák', domain: 'frydlant' },
  '563510': { name: 'Mgr. Lenka Kučerová', domain: 'jablonec' },
  '577197': { name: 'Marie Horáková', domain: 'jilemnice' },
  '563889': { name: 'Mgr. Hana Procházková', domain: 'liberec' },
  '561860': { name: 'Bc. Tomáš Veselý', domain: 'novy-bor' },
  '576964': { name: 'Ing. Eva Marešová', domain: 'semily' },
  '563820': { name: 'Jana Pokorná', domain: 'tanvald' },
  '577626': { name: 'Mgr. Pavel Černý', domain: 'turnov' },
  '563871': { name: 'Alena Šimková', domain: 'zelezny-brod' },
};

/** Notes municipalities write next to a need. */
export const NEED_NOTES: Readonly<Record<string, string>> = {
  needed_more: 'Poptávka dlouhodobě převyšuje kapacitu, čekací doby se prodlužují.',
  needed_less: 'Poptávka klesá, část kapacity využívají občané okolních obcí.',
  not_needed: 'Potřebu pokrývají služby v sousední ORP.',
};

/** What municipalities write as their most urgent needs. */
export const URGENT_NEEDS: readonly string[] = [
  'Chybí kapacita pobytových služeb pro seniory s demencí; lidé čekají na místo i rok.',
  'Potřebujeme posílit terénní pečovatelskou službu ve večerních hodinách a o víkendech.',
  'Narůstá počet rodin s dětmi v bytové nouzi, chybí sociálně aktivizační služby.',
  'Chybí odlehčovací služba, pečující osoby nemají kam umístit blízké na krátkou dobu.',
  'Potřebujeme terénní program pro lidi bez domova v centru města.',
];

/** Version 2 of the service report, a draft: new clients asked for separately. */
export const SERVICE_FORM_V2 = {
  afterField: 'clients_total',
  field: {
    code: 'clients_new',
    type: 'integer',
    label: t('z toho noví klienti', 'of whom new clients'),
    unit: 'osoby',
    min: 0,
  },
  rule: {
    code: 'new_clients_within_total',
    assert: 'clients_new <= clients_total',
    message: t(
      'Nových klientů nemůže být víc než klientů celkem.',
      'New clients cannot outnumber all clients.',
    ),
  },
} as const satisfies {
  afterField: string;
  field: FormDefinition['sections'][number]['fields'][number];
  rule: FormDefinition['rules'][number];
};
