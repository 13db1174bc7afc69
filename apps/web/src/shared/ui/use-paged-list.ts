import type { List } from '@socplan/contracts';
import { computed, ref, shallowRef, watch } from 'vue';
import { useLatestLoad } from './use-latest-load.ts';
import { useUrlQuery, type QueryParams } from './use-url-query.ts';

const PAGE_SIZE = 25;

export interface PageParams {
  limit: number;
  offset: number;
}

/**
 * A paginated, filterable list whose filters and offset live in the URL. `load` is called
 * whenever they change; answers to superseded requests are dropped.
 */
export function usePagedList<T, K extends string>(
  filterDefaults: QueryParams<K>,
  load: (filters: QueryParams<K>, page: PageParams) => Promise<List<T>>,
  limit = PAGE_SIZE,
) {
  type Key = K | 'offset';
  const { query, update } = useUrlQuery<Key>({ ...filterDefaults, offset: '0' });
  const filters = computed<QueryParams<K>>(() => {
    const { offset: _offset, ...rest } = query.value;
    return rest as QueryParams<K>;
  });
  const offset = computed(() => Math.max(0, Number.parseInt(query.value.offset, 10) || 0));

  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const { loading, error, reload } = useLatestLoad(
    () => load(filters.value, { limit, offset: offset.value }),
    (page) => {
      items.value = page.items;
      total.value = page.total;
    },
  );

  watch(() => JSON.stringify(query.value), reload, { immediate: true });

  return {
    filters,
    offset,
    limit,
    items,
    total,
    loading,
    error,
    reload,
    /** Changing a filter goes back to the first page. */
    setFilters: (patch: Partial<QueryParams<K>>) =>
      update({ ...patch, offset: '0' } as Partial<QueryParams<Key>>),
    setOffset: (value: number) => update({ offset: String(value) } as Partial<QueryParams<Key>>),
  };
}
