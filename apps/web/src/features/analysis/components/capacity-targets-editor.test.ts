import { flushPromises, mount } from '@vue/test-utils';
import type { CapacityTarget } from '@socplan/contracts';
import { createPinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import cs from '../../../shared/i18n/locales/cs.ts';
import en from '../../../shared/i18n/locales/en.ts';
import CapacityTargetsEditor from './CapacityTargetsEditor.vue';

const AGE_GROUPS = [
  { code: '7', name: 'dospělí (27–64 let)' },
  { code: '8', name: 'mladší senioři (65–80 let)' },
  { code: '9', name: 'starší senioři (nad 80 let)' },
];
const SENIOR_HOMES: CapacityTarget = {
  id: '00000000-0000-4000-8000-000000000001',
  typeCode: '49',
  formCode: '',
  unit: 'luzka',
  perThousand: 12,
  populationBase: '8+9',
  version: 1,
} as CapacityTarget;

/** The API as the editor sees it: the targets it lists and the bodies it is sent. */
let posted: unknown[];
function fakeApi(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://localhost');
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  if (url.pathname === '/api/capacity-targets' && init?.method === 'POST') {
    posted.push(JSON.parse(String(init.body)));
    return Promise.resolve(json(SENIOR_HOMES, 201));
  }
  if (url.pathname === '/api/capacity-targets')
    return Promise.resolve(json({ items: [SENIOR_HOMES] }));
  const codelist = url.pathname.split('/').at(-1);
  const items =
    codelist === 'age_group'
      ? AGE_GROUPS
      : codelist === 'service_type'
        ? [{ code: '49', name: 'domovy pro seniory' }]
        : codelist === 'capacity_unit'
          ? [{ code: 'luzka', name: 'lůžka' }]
          : [];
  return Promise.resolve(json({ items: items.map((i) => ({ ...i, codelist, nameEn: i.name })) }));
}

async function render() {
  const wrapper = mount(CapacityTargetsEditor, {
    global: {
      plugins: [createPinia(), createI18n({ legacy: false, locale: 'cs', messages: { cs, en } })],
    },
  });
  await flushPromises();
  return wrapper;
}

describe('capacity targets', () => {
  beforeEach(() => {
    posted = [];
    vi.stubGlobal('fetch', vi.fn(fakeApi));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('name the age groups a target is per 1,000 of', async () => {
    const wrapper = await render();
    expect(wrapper.get('tbody tr').text()).toContain(
      'mladší senioři (65–80 let) + starší senioři (nad 80 let)',
    );
  });

  it('a new target is per 1,000 of all inhabitants, or of the ticked age groups in their order', async () => {
    const wrapper = await render();
    const form = wrapper.get('form');
    const selects = form.findAll('select');
    await selects[0]!.setValue('49');
    await selects[2]!.setValue('luzka');
    await form.get('input[inputmode="decimal"]').setValue('12');
    expect(form.get('summary').text()).toBe('všech obyvatel');
    const [adults, younger, older] = form.findAll<HTMLInputElement>('input[type="checkbox"]');
    await older!.setValue(true);
    await younger!.setValue(true);
    expect(adults!.element.checked).toBe(false);
    expect(form.get('summary').text()).toBe(
      'mladší senioři (65–80 let) + starší senioři (nad 80 let)',
    );
    await form.trigger('submit');
    await flushPromises();
    expect(posted).toEqual([
      { typeCode: '49', formCode: '', unit: 'luzka', perThousand: 12, populationBase: '8+9' },
    ]);
  });
});
