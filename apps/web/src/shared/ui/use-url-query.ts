import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';

export type QueryParams<K extends string> = Record<K, string>;

/**
 * Page state kept in the URL query, so a filtered list is a shareable link. Only the given
 * keys are read; values equal to their default are left out of the URL.
 */
export function useUrlQuery<K extends string>(defaults: QueryParams<K>) {
  const route = useRoute();
  const router = useRouter();
  const keys = Object.keys(defaults) as K[];

  const query = computed(() => {
    const result = { ...defaults };
    for (const key of keys) {
      const value = route.query[key];
      if (typeof value === 'string') result[key] = value;
    }
    return result;
  });

  function update(patch: Partial<QueryParams<K>>): Promise<unknown> {
    const next = { ...query.value, ...patch };
    const urlQuery: Record<string, string> = {};
    for (const key of keys) if (next[key] !== defaults[key]) urlQuery[key] = next[key];
    return router.replace({ query: urlQuery });
  }

  return { query, update };
}
