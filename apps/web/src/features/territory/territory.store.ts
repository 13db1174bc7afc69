import type { TerritorialUnit, UnitKind } from '@socplan/contracts';
import { defineStore } from 'pinia';
import { territoryApi, UNIT_KINDS } from './territory.api.ts';

export type UnitOption = Pick<TerritorialUnit, 'id' | 'kind' | 'name' | 'code'>;

/** The largest page the API serves; a region has a few hundred municipalities at most. */
const MAX_LIMIT = 500;

/** Units by kind for pickers, fetched once per kind and shared by every picker on the page. */
export const useTerritoryStore = defineStore('territory', () => {
  const byKind = new Map<UnitKind, Promise<UnitOption[]>>();

  function unitsOfKind(kind: UnitKind): Promise<UnitOption[]> {
    let units = byKind.get(kind);
    if (!units) {
      units = territoryApi
        .list({ kind, limit: MAX_LIMIT, sort: 'name' })
        .then((page) => page.items.map(({ id, kind, name, code }) => ({ id, kind, name, code })));
      // A failed load is forgotten, so the next picker tries again.
      units.catch(() => byKind.delete(kind));
      byKind.set(kind, units);
    }
    return units;
  }

  /** Every unit by id (all kinds), to name the units a record refers to. */
  async function unitsById(): Promise<Map<string, UnitOption>> {
    const lists = await Promise.all(UNIT_KINDS.map(unitsOfKind));
    return new Map(lists.flat().map((unit) => [unit.id, unit]));
  }

  return { unitsOfKind, unitsById };
});
