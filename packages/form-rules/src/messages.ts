/**
 * Czech and English texts of the issues the engine generates (a rule's issue carries the
 * rule's own message). Numbers are written without Intl so that the browser and the server
 * produce byte-identical messages whatever their ICU data.
 */
import type { Message } from './types.ts';

const csNumber = (n: number): string => String(n).replace('.', ',');

/** 1 místo, 2–4 místa, 5+ míst. */
const csPlaces = (n: number): string =>
  n === 1 ? 'desetinné místo' : n >= 2 && n <= 4 ? 'desetinná místa' : 'desetinných míst';

const typeTexts: Record<string, Message> = {
  integer: { cs: 'Zadejte celé číslo.', en: 'Enter a whole number.' },
  number: { cs: 'Zadejte číslo.', en: 'Enter a number.' },
  text: { cs: 'Zadejte text.', en: 'Enter text.' },
  boolean: { cs: 'Zadejte ano, nebo ne.', en: 'Enter yes or no.' },
  date: {
    cs: 'Zadejte platné datum ve tvaru RRRR-MM-DD.',
    en: 'Enter a valid date as YYYY-MM-DD.',
  },
  choice: { cs: 'Zadejte kód z nabídky.', en: 'Enter a code from the choices.' },
  multiChoice: { cs: 'Zadejte seznam kódů z nabídky.', en: 'Enter a list of codes.' },
  table: { cs: 'Zadejte seznam řádků tabulky.', en: 'Enter a list of table rows.' },
};

export const messages = {
  type: (kind: string): Message => typeTexts[kind] ?? typeTexts.text!,
  tooManyDigits: (): Message => ({
    cs: 'Číslo má příliš mnoho číslic (nejvýše 15).',
    en: 'The number has too many digits (at most 15).',
  }),
  textNul: (): Message => ({
    cs: 'Text obsahuje nepovolený znak.',
    en: 'The text contains a character that is not allowed.',
  }),
  decimals: (n: number): Message =>
    n === 0
      ? typeTexts.integer!
      : {
          cs: `Nejvýše ${n} ${csPlaces(n)}.`,
          en: `At most ${n} decimal place${n === 1 ? '' : 's'}.`,
        },
  length: (n: number): Message => ({ cs: `Nejvýše ${n} znaků.`, en: `At most ${n} characters.` }),
  choice: (code: string): Message => ({
    cs: `Kód „${code}“ není mezi možnostmi.`,
    en: `“${code}” is not one of the choices.`,
  }),
  required: (): Message => ({ cs: 'Vyplňte toto pole.', en: 'This field is required.' }),
  requiredTable: (): Message => ({
    cs: 'Vyplňte alespoň jeden řádek.',
    en: 'Fill in at least one row.',
  }),
  min: (n: number): Message => ({ cs: `Nejméně ${csNumber(n)}.`, en: `At least ${n}.` }),
  max: (n: number): Message => ({ cs: `Nejvýše ${csNumber(n)}.`, en: `At most ${n}.` }),
  unknownField: (code: string): Message => ({
    cs: `Formulář nemá pole „${code}“.`,
    en: `The form has no field “${code}”.`,
  }),
  unknownColumn: (code: string): Message => ({
    cs: `Tabulka nemá sloupec „${code}“.`,
    en: `The table has no column “${code}”.`,
  }),
  unknownRow: (code: string): Message => ({
    cs: `Tabulka nemá řádek „${code}“.`,
    en: `The table has no row “${code}”.`,
  }),
  badRow: (): Message => ({
    cs: 'Řádek tabulky musí být objekt s kódem řádku v „row“.',
    en: 'A table row must be an object with the row’s code in “row”.',
  }),
  duplicateRow: (code: string): Message => ({
    cs: `Řádek „${code}“ je uveden vícekrát.`,
    en: `Row “${code}” is given more than once.`,
  }),
  ruleError: (rule: string, detail: string): Message => ({
    cs: `Pravidlo „${rule}“ nelze vyhodnotit (chyba v definici formuláře): ${detail}`,
    en: `Rule “${rule}” cannot be evaluated (an error in the form definition): ${detail}`,
  }),
};
