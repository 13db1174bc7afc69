import type { PopulationByAgeImportReport } from '@socplan/contracts';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { ApiError } from '../../../shared/api/index.ts';
import cs from '../../../shared/i18n/locales/cs.ts';
import en from '../../../shared/i18n/locales/en.ts';
import PopulationByAgeUpload from './PopulationByAgeUpload.vue';

const answers = vi.hoisted(() => [] as (() => Promise<unknown>)[]);
vi.mock('../territory.api.ts', () => ({
  territoryApi: { importPopulationByAge: () => answers.shift()!() },
}));
vi.mock('../../codelists/codelists.api.ts', () => ({
  codelistsApi: { items: () => Promise.resolve({ items: [], total: 0 }) },
}));

const report: PopulationByAgeImportReport = {
  populationDate: '2025-01-01',
  municipalities: 1,
  created: 1,
  updated: 1,
  unchanged: 0,
  rows: [
    {
      line: 2,
      code: '563889',
      unitId: '00000000-0000-4000-8000-000000000001',
      name: 'Liberec',
      ageGroup: '9',
      population: 5215,
      status: 'created',
    },
  ],
};

async function upload(locale: 'cs' | 'en') {
  const wrapper = mount(PopulationByAgeUpload, {
    global: {
      plugins: [createPinia(), createI18n({ legacy: false, locale, messages: { cs, en } })],
    },
  });
  await wrapper.get('button').trigger('click');
  const input = wrapper.get('input[type=file]');
  Object.defineProperty(input.element, 'files', {
    value: [new File(['code;ageGroup;population'], 'obce.csv', { type: 'text/csv' })],
  });
  await input.trigger('change');
  await wrapper.get('input[type=date]').setValue('2025-01-01');
  return wrapper;
}

describe('population by age upload', () => {
  it('lists each bad line and column of a refused file, and nothing as loaded', async () => {
    answers.push(() =>
      Promise.reject(
        new ApiError({
          type: 'https://socplan.cz/problems/validation',
          title: 'Invalid request',
          status: 400,
          detail: '2 error(s) on 2 line(s) of the file; nothing was imported.',
          errors: [
            { in: 'body', pointer: '/lines/3/code', detail: 'no municipality has the code 999999' },
            { in: 'body', pointer: '/lines/4/ageGroup', detail: '"65+" is not an age group' },
          ],
        }),
      ),
    );
    const wrapper = await upload('en');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Load')!
      .trigger('click');
    await flushPromises();
    expect(wrapper.text()).toContain('Nothing was loaded: 2 errors in the file');
    const rows = wrapper.findAll('[data-testid=population-rejected] tbody tr');
    expect(rows.map((r) => r.findAll('th, td').map((c) => c.text()))).toEqual([
      ['3', 'code', 'no municipality has the code 999999'],
      ['4', 'ageGroup', '"65+" is not an age group'],
    ]);
    expect(wrapper.find('[data-testid=population-report]').exists()).toBe(false);
  });

  it('reports every loaded row', async () => {
    answers.push(() => Promise.resolve({ data: report }));
    const wrapper = await upload('cs');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Nahrát')!
      .trigger('click');
    await flushPromises();
    expect(wrapper.get('[role=status]').text()).toBe(
      'Nahráno pro 1 obcí: 1 nových, 1 změněných, 0 beze změny.',
    );
    const cells = wrapper.findAll('[data-testid=population-report] tbody tr')[0]!.findAll('th, td');
    // Numbers as the locale writes them (Czech: a space between thousands).
    expect(cells.map((c) => c.text().replace(/\s/g, ' '))).toEqual([
      '2',
      'Liberec',
      '563889',
      '9',
      '5 215',
      'nový',
    ]);
  });
});
