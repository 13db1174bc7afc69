/**
 * How a service of each type (by §) typically looks in a region's registry: the unit and a
 * plausible range of capacity per form (the registry counts capacity at one moment: beds,
 * clients, contacts, interventions or calls), the direct-care staff (FTE) it needs, and whom
 * it serves. Forms and units are codes of the seeded codelists; a type offers only the forms
 * the Act allows it (the codelist's `attributes.forms`), which the demo's tests check.
 */
export type FormCode = 'pob' | 'amb' | 'ter';

export interface CapacityProfile {
  unit: string;
  min: number;
  max: number;
}

export interface TypeProfile {
  /** Capacity per form the type may be offered in; `forms` below says which a service uses. */
  capacity: Partial<Record<FormCode, CapacityProfile>>;
  /** The forms a service of this type offers unless the catalogue says otherwise. */
  forms: FormCode[];
  /** Direct-care FTE per bed of a residential form, drawn from the range. */
  ftePerBed?: [number, number];
  /** Direct-care FTE of the non-residential forms, drawn from the range. */
  fte?: [number, number];
  targetGroups: string[];
  ageGroups: string[];
}

const cap = (unit: string, min: number, max: number): CapacityProfile => ({ unit, min, max });

const SENIORS = ['7', '8', '9'];
const ADULTS = ['6', '7'];
const ALL_AGES = ['10'];

export const TYPE_PROFILES: Readonly<Record<string, TypeProfile>> = {
  '37': {
    capacity: { amb: cap('kontakt', 2, 12), ter: cap('klient', 6, 25) },
    forms: ['amb', 'ter'],
    fte: [2, 6],
    targetGroups: ['17', '19', '23', '24'],
    ageGroups: ['6', '7', '8', '9'],
  },
  '39': {
    capacity: { ter: cap('klient', 8, 60) },
    forms: ['ter'],
    fte: [4, 16],
    targetGroups: ['13', '15', '17', '24'],
    ageGroups: ['3', '4', '5', '6', '7', '8', '9'],
  },
  '40': {
    capacity: { ter: cap('klient', 14, 55), amb: cap('klient', 20, 45) },
    forms: ['ter'],
    fte: [5, 22],
    targetGroups: ['11', '17', '24'],
    ageGroups: SENIORS,
  },
  '41': {
    capacity: { ter: cap('klient', 150, 320) },
    forms: ['ter'],
    fte: [3, 6],
    targetGroups: ['17', '24'],
    ageGroups: SENIORS,
  },
  '42': {
    capacity: { ter: cap('klient', 5, 15), amb: cap('klient', 2, 6) },
    forms: ['ter'],
    fte: [1.5, 3],
    targetGroups: ['16', '18'],
    ageGroups: ['6', '7', '8', '9'],
  },
  '43': {
    capacity: { ter: cap('klient', 5, 14) },
    forms: ['ter'],
    fte: [2, 5],
    targetGroups: ['10', '14'],
    ageGroups: ADULTS,
  },
  '44': {
    capacity: { ter: cap('klient', 5, 22), amb: cap('klient', 8, 20), pob: cap('luzka', 2, 8) },
    forms: ['ter', 'pob'],
    ftePerBed: [0.6, 0.8],
    fte: [2, 5],
    targetGroups: ['17', '24', '26'],
    ageGroups: SENIORS,
  },
  '45': {
    capacity: { amb: cap('klient', 8, 20) },
    forms: ['amb'],
    fte: [2, 4],
    targetGroups: ['17', '24'],
    ageGroups: SENIORS,
  },
  '46': {
    capacity: { amb: cap('klient', 8, 28) },
    forms: ['amb'],
    fte: [3, 8],
    targetGroups: ['13', '14', '30'],
    ageGroups: ['6', '7', '8'],
  },
  '47': {
    capacity: { pob: cap('luzka', 10, 20) },
    forms: ['pob'],
    ftePerBed: [0.5, 0.7],
    targetGroups: ['13', '14'],
    ageGroups: ['5', '6', '7'],
  },
  '48': {
    capacity: { pob: cap('luzka', 34, 67) },
    forms: ['pob'],
    ftePerBed: [0.55, 0.7],
    targetGroups: ['13', '14', '15'],
    ageGroups: ['6', '7', '8'],
  },
  '49': {
    capacity: { pob: cap('luzka', 40, 130) },
    forms: ['pob'],
    ftePerBed: [0.45, 0.55],
    targetGroups: ['24'],
    ageGroups: ['8', '9'],
  },
  '50': {
    capacity: { pob: cap('luzka', 20, 76) },
    forms: ['pob'],
    ftePerBed: [0.55, 0.65],
    targetGroups: ['10', '30'],
    ageGroups: SENIORS,
  },
  '51': {
    capacity: { pob: cap('luzka', 7, 28) },
    forms: ['pob'],
    ftePerBed: [0.4, 0.55],
    targetGroups: ['10', '14'],
    ageGroups: ['6', '7', '8'],
  },
  '52': {
    capacity: { pob: cap('luzka', 6, 25) },
    forms: ['pob'],
    ftePerBed: [0.3, 0.4],
    targetGroups: ['11', '24', '27'],
    ageGroups: SENIORS,
  },
  '54': {
    capacity: { ter: cap('klient', 40, 90), amb: cap('klient', 4, 10) },
    forms: ['ter'],
    fte: [4, 8],
    targetGroups: ['13', '17', '23'],
    ageGroups: ['1', '2'],
  },
  '55': {
    capacity: { ter: cap('hovor', 2, 3) },
    forms: ['ter'],
    fte: [3, 6],
    targetGroups: ['19'],
    ageGroups: ALL_AGES,
  },
  '56': {
    capacity: { ter: cap('interv', 2, 5), amb: cap('klient', 2, 4) },
    forms: ['ter'],
    fte: [2, 5],
    targetGroups: ['16'],
    ageGroups: ALL_AGES,
  },
  '57': {
    capacity: { pob: cap('luzka', 16, 39) },
    forms: ['pob'],
    ftePerBed: [0.15, 0.25],
    targetGroups: ['7'],
    ageGroups: ['6', '7', '8'],
  },
  '58': {
    capacity: { pob: cap('luzka', 8, 13) },
    forms: ['pob'],
    ftePerBed: [0.3, 0.45],
    targetGroups: ['8'],
    ageGroups: ['6'],
  },
  '59': {
    capacity: { amb: cap('klient', 15, 30), ter: cap('kontakt', 4, 8) },
    forms: ['amb', 'ter'],
    fte: [4, 7],
    targetGroups: ['21'],
    ageGroups: ['5', '6', '7'],
  },
  '60': {
    capacity: { amb: cap('klient', 4, 10), ter: cap('interv', 3, 6), pob: cap('luzka', 3, 6) },
    forms: ['amb', 'ter'],
    fte: [3, 6],
    targetGroups: ['6', '19'],
    ageGroups: ['6', '7', '8', '9'],
  },
  '60a': {
    capacity: { amb: cap('kontakt', 3, 6), ter: cap('interv', 2, 4) },
    forms: ['amb', 'ter'],
    fte: [3, 6],
    targetGroups: ['4', '6'],
    ageGroups: ['6', '7', '8', '9'],
  },
  '61': {
    capacity: { amb: cap('klient', 25, 45), ter: cap('kontakt', 4, 8) },
    forms: ['amb'],
    fte: [3, 5],
    targetGroups: ['7'],
    ageGroups: ['6', '7', '8'],
  },
  '62': {
    capacity: { amb: cap('klient', 15, 30), ter: cap('kontakt', 5, 12) },
    forms: ['amb'],
    fte: [3, 6],
    targetGroups: ['1', '20'],
    ageGroups: ['3', '4', '5', '6'],
  },
  '63': {
    capacity: { amb: cap('klient', 10, 22) },
    forms: ['amb'],
    fte: [2, 4],
    targetGroups: ['7'],
    ageGroups: ['6', '7', '8'],
  },
  '64': {
    capacity: { amb: cap('klient', 10, 16), pob: cap('luzka', 5, 10) },
    forms: ['amb'],
    fte: [2, 4],
    targetGroups: ['10', '21'],
    ageGroups: ADULTS,
  },
  '65': {
    capacity: { ter: cap('klient', 8, 40), amb: cap('klient', 6, 20) },
    forms: ['ter'],
    fte: [3, 8],
    targetGroups: ['23'],
    ageGroups: ALL_AGES,
  },
  '66': {
    capacity: { amb: cap('klient', 10, 45), ter: cap('klient', 10, 30) },
    forms: ['amb'],
    fte: [2, 5],
    targetGroups: ['17', '24'],
    ageGroups: SENIORS,
  },
  '67': {
    capacity: { amb: cap('klient', 10, 40) },
    forms: ['amb'],
    fte: [3, 7],
    targetGroups: ['10', '13', '14'],
    ageGroups: ADULTS,
  },
  '68': {
    capacity: { pob: cap('luzka', 10, 15) },
    forms: ['pob'],
    ftePerBed: [0.35, 0.5],
    targetGroups: ['21'],
    ageGroups: ADULTS,
  },
  '69': {
    capacity: { ter: cap('klient', 10, 25) },
    forms: ['ter'],
    fte: [2, 6],
    targetGroups: ['7', '20', '21'],
    ageGroups: ['5', '6', '7', '8'],
  },
  '70': {
    capacity: { amb: cap('klient', 10, 40), ter: cap('klient', 7, 21), pob: cap('luzka', 5, 12) },
    forms: ['amb', 'ter'],
    fte: [3, 8],
    ftePerBed: [0.4, 0.5],
    targetGroups: ['10', '14'],
    ageGroups: ADULTS,
  },
};
