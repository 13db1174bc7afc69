import type { ServiceForm } from '@socplan/contracts';
import { useCodelistsStore } from '../codelists/codelists.store.ts';

/** Texts of a service's coded fields in the UI language (codelists must be loaded). */
export function useServiceLabels() {
  const codelists = useCodelistsStore();

  /** "počet lůžek: 40" (unit names are phrased as "number of …") */
  const capacityText = (capacity: { unit: string; count: number }) =>
    `${codelists.label('capacity_unit', capacity.unit)}: ${capacity.count}`;

  /** "pobytová – počet lůžek: 40; terénní – počet klientů: 120" */
  const formsText = (forms: readonly ServiceForm[]) =>
    forms
      .map((f) => {
        const form = codelists.label('form', f.form);
        return f.capacities.length
          ? `${form} – ${f.capacities.map(capacityText).join(', ')}`
          : form;
      })
      .join('; ');

  const listText = (codelist: 'target_group' | 'age_group' | 'form', codes: readonly string[]) =>
    codes.map((code) => codelists.label(codelist, code)).join(', ');

  return {
    typeLabel: codelists.typeLabel,
    formLabel: (code: string) => codelists.label('form', code),
    unitLabel: (code: string) => codelists.label('capacity_unit', code),
    capacityText,
    formsText,
    listText,
    /** Everything these texts need. */
    ready: () =>
      codelists.ensure('service_type', 'form', 'capacity_unit', 'target_group', 'age_group'),
  };
}
