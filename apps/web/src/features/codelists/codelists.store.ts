import type { Codelist, CodelistItem, ServiceCategory } from '@socplan/contracts';
import { defineStore } from 'pinia';
import { shallowReactive } from 'vue';
import { i18n } from '../../shared/i18n/index.ts';
import { codelistsApi } from './codelists.api.ts';

/**
 * Codelists (service types, forms, groups, units) valid today, each fetched once and shared by
 * every page: tables show names for the codes the API sends.
 */
export const useCodelistsStore = defineStore('codelists', () => {
  const loaded = shallowReactive(new Map<Codelist, CodelistItem[]>());
  const pending = new Map<Codelist, Promise<CodelistItem[]>>();

  function load(codelist: Codelist): Promise<CodelistItem[]> {
    let request = pending.get(codelist);
    if (!request) {
      request = codelistsApi.items(codelist).then((list) => {
        const items = [...list.items].sort((a, b) => a.sortOrder - b.sortOrder);
        loaded.set(codelist, items);
        return items;
      });
      // A failed load is forgotten, so the next page tries again.
      request.catch(() => pending.delete(codelist));
      pending.set(codelist, request);
    }
    return request;
  }

  /** Loads several codelists; resolves when all are there. */
  async function ensure(...codelists: Codelist[]): Promise<void> {
    await Promise.all(codelists.map(load));
  }

  /** The items of a loaded codelist (empty until it is loaded). */
  const items = (codelist: Codelist): CodelistItem[] => loaded.get(codelist) ?? [];

  const find = (codelist: Codelist, code: string) =>
    items(codelist).find((item) => item.code === code);

  /** The item's name in the UI language (Czech when it has no English name); else the code. */
  function label(codelist: Codelist, code: string): string {
    const item = find(codelist, code);
    if (!item) return code;
    return i18n.global.locale.value === 'en' && item.nameEn ? item.nameEn : item.name;
  }

  /** A service type with its paragraph: "§ 49 domovy pro seniory". */
  const typeLabel = (code: string): string => `§\u00a0${code} ${label('service_type', code)}`;

  /** P (counselling), C (care) or V (prevention); null for a type not in the codelist. */
  function category(typeCode: string): ServiceCategory | null {
    const value = find('service_type', typeCode)?.attributes.category;
    return value === 'P' || value === 'C' || value === 'V' ? value : null;
  }

  /** Codes of the forms a service type may be provided in. */
  function typeForms(typeCode: string): string[] {
    const forms = find('service_type', typeCode)?.attributes.forms;
    return Array.isArray(forms) ? forms.filter((f): f is string => typeof f === 'string') : [];
  }

  return { load, ensure, items, label, typeLabel, category, typeForms };
});
