import { count, inArray } from 'drizzle-orm';
import type { Codelist, ServiceCategory } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { codelistItems } from '../../db/schema/index.ts';

/**
 * The codelists every installation starts with: public data of the ministry (MPSV codelists
 * of the registry of social service providers) and of Act 108/2006. Region administrators
 * version and edit them afterwards; this is only the first edition.
 *
 * Registry ids follow RPSS-FORMAT §9: `DruhSocialniSluzby/<n>` (n = portal id − 3834, §37 = 1,
 * §60a = 34), forms and capacity types by their text keys, target and age groups by number.
 */
export interface SeedItem {
  codelist: Codelist;
  code: string;
  name: string;
  nameEn: string | null;
  registryId: string | null;
  attributes: Record<string, unknown>;
  sortOrder: number;
}

type Form = 'pob' | 'amb' | 'ter';

// § · registry number · category · forms · Czech name · English name
// prettier-ignore
const SERVICE_TYPES: [string, number, ServiceCategory, Form[], string, string][] = [
  ['37', 1, 'P', ['amb', 'ter'], 'odborné sociální poradenství', 'professional social counselling'],
  ['39', 3, 'C', ['ter'], 'osobní asistence', 'personal assistance'],
  ['40', 4, 'C', ['ter', 'amb'], 'pečovatelská služba', 'home care service'],
  ['41', 5, 'C', ['ter'], 'tísňová péče', 'emergency care'],
  ['42', 6, 'C', ['ter', 'amb'], 'průvodcovské a předčitatelské služby', 'guide and reader services'],
  ['43', 7, 'C', ['ter'], 'podpora samostatného bydlení', 'supported independent living'],
  ['44', 8, 'C', ['ter', 'amb', 'pob'], 'odlehčovací služby', 'respite care'],
  ['45', 9, 'C', ['amb'], 'centra denních služeb', 'day service centres'],
  ['46', 10, 'C', ['amb'], 'denní stacionáře', 'day care centres'],
  ['47', 11, 'C', ['pob'], 'týdenní stacionáře', 'weekly care centres'],
  ['48', 12, 'C', ['pob'], 'domovy pro osoby se zdravotním postižením', 'homes for people with disabilities'],
  ['49', 13, 'C', ['pob'], 'domovy pro seniory', 'homes for the elderly'],
  ['50', 14, 'C', ['pob'], 'domovy se zvláštním režimem', 'homes with a special regime'],
  ['51', 15, 'C', ['pob'], 'chráněné bydlení', 'sheltered housing'],
  ['52', 16, 'C', ['pob'], 'sociální služby poskytované ve zdravotnických zařízeních lůžkové péče', 'social services in inpatient health care facilities'],
  ['54', 17, 'V', ['ter', 'amb'], 'raná péče', 'early intervention'],
  ['55', 18, 'V', ['ter'], 'telefonická krizová pomoc', 'crisis helpline'],
  ['56', 19, 'V', ['ter', 'amb'], 'tlumočnické služby', 'interpreting services'],
  ['57', 20, 'V', ['pob'], 'azylové domy', 'shelters'],
  ['58', 21, 'V', ['pob'], 'domy na půl cesty', 'halfway houses'],
  ['59', 22, 'V', ['amb', 'ter'], 'kontaktní centra', 'contact centres'],
  ['60', 23, 'V', ['ter', 'amb', 'pob'], 'krizová pomoc', 'crisis assistance'],
  ['60a', 34, 'V', ['amb', 'ter', 'pob'], 'intervenční centra', 'intervention centres'],
  ['61', 24, 'V', ['amb', 'ter'], 'nízkoprahová denní centra', 'low-threshold day centres'],
  ['62', 25, 'V', ['amb', 'ter'], 'nízkoprahová zařízení pro děti a mládež', 'low-threshold facilities for children and youth'],
  ['63', 26, 'V', ['amb'], 'noclehárny', 'night shelters'],
  ['64', 27, 'V', ['amb', 'pob'], 'služby následné péče', 'aftercare services'],
  ['65', 28, 'V', ['ter', 'amb'], 'sociálně aktivizační služby pro rodiny s dětmi', 'social activation services for families with children'],
  ['66', 29, 'V', ['amb', 'ter'], 'sociálně aktivizační služby pro seniory a osoby se zdravotním postižením', 'social activation services for seniors and people with disabilities'],
  ['67', 30, 'V', ['amb'], 'sociálně terapeutické dílny', 'social therapy workshops'],
  ['68', 31, 'V', ['pob'], 'terapeutické komunity', 'therapeutic communities'],
  ['69', 32, 'V', ['ter'], 'terénní programy', 'outreach programmes'],
  ['70', 33, 'V', ['ter', 'amb', 'pob'], 'sociální rehabilitace', 'social rehabilitation'],
];

const FORMS: [Form, string, string][] = [
  ['pob', 'pobytová', 'residential'],
  ['amb', 'ambulantní', 'outpatient'],
  ['ter', 'terénní', 'field'],
];

const CAPACITY_UNITS: [string, string, string][] = [
  ['luzka', 'počet lůžek', 'beds'],
  ['klient', 'počet klientů', 'clients'],
  ['kontakt', 'počet kontaktů (10 min.)', 'contacts (10 min.)'],
  ['interv', 'počet intervencí (30 min.)', 'interventions (30 min.)'],
  ['hovor', 'počet hovorů', 'calls'],
];

// Registry number · Czech name · English name (1–23 alphabetical as the synthetic files assume).
// prettier-ignore
const TARGET_GROUPS: [number, string, string][] = [
  [1, 'děti a mládež ve věku od 6 do 26 let ohrožené společensky nežádoucími jevy', 'children and youth aged 6–26 at risk of socially undesirable phenomena'],
  [2, 'etnické menšiny', 'ethnic minorities'],
  [3, 'imigranti a azylanti', 'immigrants and asylum seekers'],
  [4, 'oběti domácího násilí', 'victims of domestic violence'],
  [5, 'oběti obchodu s lidmi', 'victims of human trafficking'],
  [6, 'oběti trestné činnosti', 'victims of crime'],
  [7, 'osoby bez přístřeší', 'homeless people'],
  [8, 'osoby do 26 let věku opouštějící školská zařízení pro výkon ústavní péče', 'people under 26 leaving institutional care'],
  [9, 'osoby komerčně zneužívané', 'commercially exploited people'],
  [10, 'osoby s chronickým duševním onemocněním', 'people with chronic mental illness'],
  [11, 'osoby s chronickým onemocněním', 'people with chronic illness'],
  [12, 'osoby s jiným zdravotním postižením', 'people with other disabilities'],
  [13, 'osoby s kombinovaným postižením', 'people with combined disabilities'],
  [14, 'osoby s mentálním postižením', 'people with intellectual disabilities'],
  [15, 'osoby s tělesným postižením', 'people with physical disabilities'],
  [16, 'osoby se sluchovým postižením', 'people with hearing impairment'],
  [17, 'osoby se zdravotním postižením', 'people with disabilities'],
  [18, 'osoby se zrakovým postižením', 'people with visual impairment'],
  [19, 'osoby v krizi', 'people in crisis'],
  [20, 'osoby žijící v sociálně vyloučených komunitách', 'people living in socially excluded communities'],
  [21, 'osoby, které vedou rizikový způsob života nebo jsou tímto způsobem života ohroženy', 'people leading or at risk of a risky lifestyle'],
  [22, 'pachatelé trestné činnosti', 'offenders'],
  [23, 'rodiny s dítětem/dětmi', 'families with children'],
  [24, 'senioři', 'seniors'],
  [26, 'pečující osoby', 'carers'],
  [27, 'osoby s potřebou paliativní péče', 'people in need of palliative care'],
  [30, 'osoby žijící s demencí', 'people living with dementia'],
];

// prettier-ignore
const AGE_GROUPS: [number, string, string][] = [
  [1, 'děti do 1 roku', 'children under 1'],
  [2, 'děti předškolního věku (1–7 let)', 'pre-school children (1–7)'],
  [3, 'mladší děti (7–12 let)', 'younger children (7–12)'],
  [4, 'starší děti (11–15 let)', 'older children (11–15)'],
  [5, 'dorost (16–18 let)', 'adolescents (16–18)'],
  [6, 'mladí dospělí (19–26 let)', 'young adults (19–26)'],
  [7, 'dospělí (27–64 let)', 'adults (27–64)'],
  [8, 'mladší senioři (65–80 let)', 'younger seniors (65–80)'],
  [9, 'starší senioři (nad 80 let)', 'older seniors (over 80)'],
  [10, 'bez omezení věku', 'no age limit'],
];

/** Who pays (zdroje krytí); the registry has no such codelist. */
const FUNDING_SOURCES: [string, string, string][] = [
  ['mpsv', 'dotace MPSV prostřednictvím kraje', 'MPSV subsidy via the region'],
  ['region', 'kraj', 'region'],
  ['municipality', 'obce', 'municipalities'],
  ['eu', 'EU / ESF', 'EU / ESF'],
  ['user_fees', 'úhrady uživatelů', 'user fees'],
  ['care_allowance', 'příspěvek na péči', 'care allowance'],
  ['health_insurance', 'zdravotní pojišťovny', 'health insurance'],
  ['other', 'ostatní zdroje', 'other'],
];

/** A municipality's statement of need (vyjádření k potřebnosti) of a kind of service. */
const NEED_LEVELS: [string, string, string][] = [
  ['needed_more', 'potřebná, kapacita nestačí', 'needed, capacity falls short'],
  ['needed', 'potřebná, kapacita odpovídá', 'needed, capacity is adequate'],
  ['needed_less', 'potřebná v menším rozsahu', 'needed on a smaller scale'],
  ['not_needed', 'nepotřebná', 'not needed'],
];

/** Why a service refused an applicant (a provider's annual report). */
const REFUSAL_REASONS: [string, string, string][] = [
  ['capacity', 'nedostatečná kapacita', 'capacity full'],
  ['target_group', 'žadatel mimo cílovou skupinu', 'applicant outside the target group'],
  ['health', 'zdravotní stav vylučuje poskytnutí služby', 'health condition rules the service out'],
  ['other', 'jiný důvod', 'other reason'],
];

const plain = (
  codelist: Codelist,
  rows: [string, string, string][],
  registryPrefix: string | null,
): SeedItem[] =>
  rows.map(([code, name, nameEn], i) => ({
    codelist,
    code,
    name,
    nameEn,
    registryId: registryPrefix ? `${registryPrefix}/${code}` : null,
    attributes: {},
    sortOrder: (i + 1) * 10,
  }));

const numbered = (
  codelist: Codelist,
  rows: [number, string, string][],
  registryPrefix: string,
): SeedItem[] =>
  plain(
    codelist,
    rows.map(([n, name, nameEn]) => [String(n), name, nameEn]),
    registryPrefix,
  );

export const SEED_ITEMS: readonly SeedItem[] = [
  ...SERVICE_TYPES.map(([paragraph, n, category, forms, name, nameEn], i): SeedItem => ({
    codelist: 'service_type',
    code: paragraph,
    name,
    nameEn,
    registryId: `DruhSocialniSluzby/${n}`,
    attributes: { paragraph, category, forms },
    sortOrder: (i + 1) * 10,
  })),
  ...plain('form', FORMS, 'FormaSocialniSluzby'),
  ...plain('capacity_unit', CAPACITY_UNITS, 'TypKapacitySocialniSluzby'),
  ...numbered('target_group', TARGET_GROUPS, 'CilovaSkupinaOsoby'),
  ...numbered('age_group', AGE_GROUPS, 'VekovaSkupinaOsoby'),
  ...plain('funding_source', FUNDING_SOURCES, null),
  ...plain('need_level', NEED_LEVELS, null),
  ...plain('refusal_reason', REFUSAL_REASONS, null),
];

/**
 * Seeds every codelist that has no items yet (a fresh installation, or a codelist added by a
 * later release); codelists with items, however edited, are left alone. Safe when several
 * processes start at once (conflicting rows are skipped). Returns the number of items written.
 */
export async function seedCodelistsIfEmpty(db: Db): Promise<number> {
  const names = [...new Set(SEED_ITEMS.map((i) => i.codelist))];
  const present = await db
    .select({ codelist: codelistItems.codelist, n: count() })
    .from(codelistItems)
    .where(inArray(codelistItems.codelist, names))
    .groupBy(codelistItems.codelist);
  const seeded = new Set(present.filter((p) => p.n > 0).map((p) => p.codelist));
  const rows = SEED_ITEMS.filter((i) => !seeded.has(i.codelist));
  if (rows.length === 0) return 0;
  const written = await db
    .insert(codelistItems)
    .values(rows.map((r) => ({ ...r })))
    .onConflictDoNothing()
    .returning({ id: codelistItems.id });
  return written.length;
}
