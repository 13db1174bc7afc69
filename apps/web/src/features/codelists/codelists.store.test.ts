import type { CodelistItem } from '@socplan/contracts';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../shared/i18n/index.ts';
import { useCodelistsStore } from './codelists.store.ts';

const item = (
  codelist: CodelistItem['codelist'],
  code: string,
  extra: Partial<CodelistItem> = {},
) =>
  ({
    id: `${codelist}-${code}`,
    codelist,
    code,
    name: `název ${code}`,
    nameEn: `name ${code}`,
    registryId: null,
    attributes: {},
    sortOrder: 0,
    validFrom: '2020-01-01',
    validTo: null,
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
    ...extra,
  }) satisfies CodelistItem;

const types = [
  item('service_type', '49', {
    name: 'domovy pro seniory',
    nameEn: 'homes for the elderly',
    sortOrder: 2,
    attributes: { paragraph: '49', category: 'C', forms: ['pob'] },
  }),
  item('service_type', '37', {
    name: 'odborné sociální poradenství',
    nameEn: null,
    sortOrder: 1,
    attributes: { paragraph: '37', category: 'P', forms: ['amb', 'ter'] },
  }),
];

function serve(answer: () => Response) {
  const fetch = vi.fn(async () => answer());
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const ok = (items: CodelistItem[]) =>
  new Response(JSON.stringify({ items, total: items.length }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

describe('codelists store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    vi.unstubAllGlobals();
    setLocale('cs');
  });

  it('fetches a codelist once for every page that asks, sorted by its order', async () => {
    const fetch = serve(() => ok(types));
    const store = useCodelistsStore();

    await Promise.all([store.load('service_type'), store.ensure('service_type')]);

    expect(fetch).toHaveBeenCalledTimes(1);
    expect(String(fetch.mock.calls[0])).toContain('/api/codelists/service_type');
    expect(store.items('service_type').map((i) => i.code)).toEqual(['37', '49']);
  });

  it('names codes in the UI language, falls back to Czech, then to the code', async () => {
    serve(() => ok(types));
    const store = useCodelistsStore();
    await store.ensure('service_type');

    expect(store.label('service_type', '49')).toBe('domovy pro seniory');
    expect(store.typeLabel('49')).toBe('§\u00a049 domovy pro seniory');
    setLocale('en');
    expect(store.label('service_type', '49')).toBe('homes for the elderly');
    expect(store.label('service_type', '37')).toBe('odborné sociální poradenství');
    expect(store.label('service_type', '99')).toBe('99');
    expect(store.label('form', 'pob')).toBe('pob');
  });

  it('knows the category and forms of a service type', async () => {
    serve(() => ok(types));
    const store = useCodelistsStore();
    await store.ensure('service_type');

    expect(store.category('49')).toBe('C');
    expect(store.category('37')).toBe('P');
    expect(store.category('99')).toBeNull();
    expect(store.typeForms('37')).toEqual(['amb', 'ter']);
  });

  it('tries again after a failed load', async () => {
    const fetch = serve(() => new Response('down', { status: 503 }));
    const store = useCodelistsStore();
    await expect(store.load('form')).rejects.toMatchObject({ status: 503 });

    fetch.mockImplementation(async () => ok([item('form', 'pob')]));
    await store.load('form');

    expect(fetch).toHaveBeenCalledTimes(2);
    expect(store.items('form')).toHaveLength(1);
  });
});
