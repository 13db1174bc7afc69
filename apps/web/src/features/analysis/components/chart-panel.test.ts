import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import cs from '../../../shared/i18n/locales/cs.ts';
import en from '../../../shared/i18n/locales/en.ts';
import type { TableModel } from '../table-model.ts';
import ChartPanel from './ChartPanel.vue';

const saved = vi.hoisted(() => [] as { blob: Blob; name: string }[]);
vi.mock('../../../shared/save-blob.ts', () => ({
  saveBlob: (blob: Blob, name: string) => saved.push({ blob, name }),
}));

// As when the exceljs chunk cannot be fetched (the connection dropped).
vi.mock('exceljs', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

const table: TableModel = {
  title: 'Kapacita po ORP',
  columns: [
    { key: 'territory', label: 'Území', kind: 'text' },
    { key: 'perThousand', label: 'Na 1 000 obyvatel', kind: 'number' },
    { key: 'gapMoney', label: 'Chybí (Kč)', kind: 'money' },
  ],
  rows: [
    ['Liberec', 3.5, '1200.00'],
    ['Jablonec', null, null],
  ],
};

function render(rowLink?: (row: number) => object | null) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/', component: { template: '<div />' } }],
  });
  return mount(ChartPanel, {
    props: { table, rowLink },
    global: {
      plugins: [createI18n({ legacy: false, locale: 'cs', messages: { cs, en } }), router],
    },
  });
}

describe('ChartPanel without a chart (the map’s table)', () => {
  it('shows the figures in a captioned table in Czech notation, a dash for none', () => {
    const wrapper = render();
    expect(wrapper.find('caption').text()).toBe('Kapacita po ORP');
    const cells = wrapper.findAll('tbody tr').map((r) => r.findAll('th, td').map((c) => c.text()));
    expect(cells).toEqual([
      ['Liberec', '3,5', '1\u00a0200\u00a0Kč'],
      ['Jablonec', '—', '—'],
    ]);
  });

  it('links a row to its drill-down', () => {
    const wrapper = render((row) => (row === 0 ? { query: { orp: 'liberec' } } : null));
    expect(wrapper.find('tbody tr th a').attributes('href')).toBe('/?orp=liberec');
    expect(wrapper.findAll('tbody tr')[1]?.find('a').exists()).toBe(false);
  });

  it('downloads the same rows as CSV for Czech Excel', async () => {
    saved.length = 0;
    const wrapper = render();
    await wrapper
      .findAll('button')
      .find((b) => b.text().startsWith('Stáhnout CSV'))!
      .trigger('click');
    expect(saved[0]?.name).toBe('kapacita-po-orp.csv');
    const text = await saved[0]!.blob.text();
    expect(text.split('\r\n').slice(0, 3)).toEqual([
      '\ufeffÚzemí;Na 1 000 obyvatel;Chybí (Kč)',
      'Liberec;3,5;1200,00',
      'Jablonec;;',
    ]);
  });

  it('says so when the XLSX cannot be prepared, instead of failing silently', async () => {
    const wrapper = render();
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    await wrapper
      .findAll('button')
      .find((b) => b.text().startsWith('Stáhnout XLSX'))!
      .trigger('click');
    await new Promise((r) => setTimeout(r, 0));
    expect(wrapper.find('[role="alert"]').text()).toContain('nepodařilo připravit');
  });
});
