import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { usePagedList } from './use-paged-list.ts';

/** Mounts a page using the list at `url`; returns the list, the router and the loader. */
async function mountList(url: string) {
  const load = vi.fn(async () => ({ items: ['a'], total: 60 }));
  let list!: ReturnType<typeof usePagedList<string, 'kind' | 'q'>>;
  const Page = defineComponent({
    setup() {
      list = usePagedList({ kind: '', q: '' }, load, 25);
      return () => h('div');
    },
  });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/units', component: Page }],
  });
  await router.push(url);
  mount({ render: () => h('div', [h(Page)]) }, { global: { plugins: [router] } });
  await flushPromises();
  return { list, router, load };
}

describe('usePagedList', () => {
  it('reads filters and page from the URL and loads them', async () => {
    const { list, load } = await mountList('/units?kind=orp&offset=25');

    expect(list.filters.value).toEqual({ kind: 'orp', q: '' });
    expect(list.offset.value).toBe(25);
    expect(load).toHaveBeenCalledWith({ kind: 'orp', q: '' }, { limit: 25, offset: 25 });
    expect(list.total.value).toBe(60);
  });

  it('writes filters to the URL without defaults and goes back to the first page', async () => {
    const { list, router, load } = await mountList('/units?kind=orp&offset=50');

    await list.setFilters({ q: 'Lib' });
    await flushPromises();

    expect(router.currentRoute.value.query).toEqual({ kind: 'orp', q: 'Lib' });
    expect(load).toHaveBeenLastCalledWith({ kind: 'orp', q: 'Lib' }, { limit: 25, offset: 0 });

    await list.setOffset(25);
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ kind: 'orp', q: 'Lib', offset: '25' });
  });

  it('keeps the last answer when an earlier, slower one arrives after it', async () => {
    const { list, router, load } = await mountList('/units');
    let releaseSlow!: () => void;
    load.mockImplementationOnce(
      () => new Promise((resolve) => (releaseSlow = () => resolve({ items: ['slow'], total: 1 }))),
    );
    load.mockImplementationOnce(async () => ({ items: ['fast'], total: 1 }));

    await router.replace('/units?kind=orp');
    await router.replace('/units?kind=region');
    await flushPromises();
    releaseSlow();
    await flushPromises();

    expect(list.items.value).toEqual(['fast']);
  });
});
