import { flushPromises, mount } from '@vue/test-utils';
import type { PublicMapPoint } from '@socplan/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, type PropType } from 'vue';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import cs from '../../../shared/i18n/locales/cs.ts';
import en from '../../../shared/i18n/locales/en.ts';
import type { CatalogueMarker } from '../components/CatalogueMap.vue';
import CataloguePage from './CataloguePage.vue';

// Leaflet does not draw in happy-dom: the map lists its markers instead.
vi.mock('../components/CatalogueMap.vue', () => ({
  __esModule: true,
  default: defineComponent({
    props: { markers: { type: Array as PropType<CatalogueMarker[]>, required: true } },
    setup: (props) => () =>
      h(
        'ul',
        { 'data-testid': 'markers' },
        props.markers.map((m) => h('li', m.title)),
      ),
  }),
}));

const point = (serviceName: string, type: string, lat: number): PublicMapPoint => ({
  id: crypto.randomUUID(),
  serviceId: crypto.randomUUID(),
  name: `${serviceName} – budova`,
  serviceName,
  type,
  lat,
  lon: 15.05,
});
const HOME = point('Domov pro seniory Harmonie', '49', 50.767);
const CARE = point('Pečovatelská služba Liberec', '40', 50.77);

/** The API as the page sees it: the requests it made, and the map the filters select. */
let requests: URL[];
function fakeApi(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  requests.push(url);
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  switch (url.pathname) {
    case '/api/public/map': {
      const type = url.searchParams.get('type');
      return Promise.resolve(json({ items: [HOME, CARE].filter((p) => !type || p.type === type) }));
    }
    case '/api/public/services':
      return Promise.resolve(json({ items: [], total: 0 }));
    case '/api/public/facets':
      return Promise.resolve(json({ serviceTypes: [], forms: [], targetGroups: [] }));
    case '/api/config':
      return Promise.resolve(json({ tileUrl: '', tileAttribution: '' }));
    default:
      return Promise.resolve(new Response(null, { status: 404 }));
  }
}

async function render(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/catalogue', name: 'catalogue', component: CataloguePage },
      {
        path: '/catalogue/services/:id',
        name: 'catalogue-service',
        component: { render: () => null },
      },
    ],
  });
  await router.push(path);
  const wrapper = mount(CataloguePage, {
    global: {
      plugins: [router, createI18n({ legacy: false, locale: 'cs', messages: { cs, en } })],
    },
  });
  await flushPromises();
  await vi.dynamicImportSettled();
  await flushPromises();
  return { wrapper, router };
}

const mapRequests = () => requests.filter((u) => u.pathname === '/api/public/map');

describe('the catalogue map', () => {
  beforeEach(() => {
    requests = [];
    vi.stubGlobal('fetch', vi.fn(fakeApi));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the places of the services the current search finds', async () => {
    const { wrapper } = await render(
      '/catalogue?view=map&type=49&targetGroup=24&form=pob&q=domov&municipality=563889&place=Liberec&radiusKm=10',
    );
    const [request] = mapRequests();
    expect(Object.fromEntries(request!.searchParams)).toEqual({
      q: 'domov',
      municipality: '563889',
      radiusKm: '10',
      targetGroup: '24',
      type: '49',
      form: 'pob',
    });
    expect(wrapper.findAll('[data-testid="markers"] li').map((li) => li.text())).toEqual([
      'Domov pro seniory Harmonie',
    ]);
    expect(wrapper.get('[data-testid="catalogue-map-summary"]').text()).toBe(
      'Míst na mapě: 1, služeb: 1.',
    );
  });

  it('follows a change of the search while shown, and is not fetched for the list', async () => {
    const { wrapper, router } = await render('/catalogue');
    expect(mapRequests()).toEqual([]);

    await router.replace('/catalogue?view=map');
    await flushPromises();
    await vi.dynamicImportSettled();
    await flushPromises();
    expect(mapRequests().map((u) => u.search)).toEqual(['']);
    expect(wrapper.findAll('[data-testid="markers"] li')).toHaveLength(2);

    await router.replace('/catalogue?view=map&type=40');
    await flushPromises();
    expect(mapRequests().map((u) => u.search)).toEqual(['', '?type=40']);
    expect(wrapper.findAll('[data-testid="markers"] li').map((li) => li.text())).toEqual([
      'Pečovatelská služba Liberec',
    ]);
  });
});
