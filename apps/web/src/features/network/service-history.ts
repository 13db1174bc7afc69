import type { ServiceChange, ServiceForm, ServiceStatus } from '@socplan/contracts';
import { SERVICE_HISTORY_FIELDS, type ServiceHistoryField } from '@socplan/contracts/constants';

/** How the coded values of a service read in the UI. */
export interface ServiceValueTexts {
  typeLabel: (code: string) => string;
  formsText: (forms: readonly ServiceForm[]) => string;
  listText: (codelist: 'target_group' | 'age_group', codes: readonly string[]) => string;
  unitNames: (ids: readonly string[]) => string;
  statusLabel: (status: ServiceStatus) => string;
  date: (day: string) => string;
  number: (value: number) => string;
}

export type HistoryField = ServiceHistoryField;

export const isHistoryField = (field: string): field is HistoryField =>
  (SERVICE_HISTORY_FIELDS as readonly string[]).includes(field);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** One value of a change as text; '–' for none. */
export function valueText(field: string, value: unknown, texts: ServiceValueTexts): string {
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value) && value.length === 0) return '–';
  switch (field) {
    case 'typeCode':
      return texts.typeLabel(String(value));
    case 'status':
      return texts.statusLabel(value as ServiceStatus);
    case 'registeredFrom':
    case 'registeredTo':
      return texts.date(String(value));
    case 'forms':
      return Array.isArray(value) ? texts.formsText(value as ServiceForm[]) : String(value);
    case 'targetGroups':
      return texts.listText('target_group', strings(value));
    case 'ageGroups':
      return texts.listText('age_group', strings(value));
    case 'territoryUnitIds':
      return texts.unitNames(strings(value));
    case 'fteDirect':
    case 'fteOther':
      return typeof value === 'number' ? texts.number(value) : String(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

export interface ChangeLine {
  field: string;
  /** Whether `services.fields.<field>` names it (the API may report a field added later). */
  known: boolean;
  before: string;
  after: string;
}

export const changeLines = (
  changes: readonly ServiceChange[],
  texts: ServiceValueTexts,
): ChangeLine[] =>
  changes.map((change) => ({
    field: change.field,
    known: isHistoryField(change.field),
    before: valueText(change.field, change.before, texts),
    after: valueText(change.field, change.after, texts),
  }));
