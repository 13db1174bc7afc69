import type { IncludedCapacity } from '@socplan/contracts';
import { useServiceLabels } from '../network/service-labels.ts';

/** Texts of an entry's coded fields (codelists must be loaded: see `ready`). */
export function useEntryLabels() {
  const labels = useServiceLabels();
  /** "pobytová – počet lůžek: 40; terénní – počet klientů: 12" */
  const capacitiesText = (capacities: readonly IncludedCapacity[]) =>
    capacities
      .map(
        (c) =>
          `${labels.formLabel(c.form)} – ${labels.capacityText({ unit: c.unit, count: c.count })}`,
      )
      .join('; ');
  return { ...labels, capacitiesText };
}
