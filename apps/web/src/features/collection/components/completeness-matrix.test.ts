import type { CompletenessRespondent } from '@socplan/contracts';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import cs from '../../../shared/i18n/locales/cs.ts';
import en from '../../../shared/i18n/locales/en.ts';
import CompletenessMatrix from './CompletenessMatrix.vue';

const respondent = (patch: Partial<CompletenessRespondent>): CompletenessRespondent => ({
  submissionId: 's1',
  code: '563889',
  name: 'Liberec',
  orpId: null,
  orpName: 'Liberec',
  status: 'draft',
  started: false,
  firstSubmittedAt: null,
  onTime: null,
  approvedAt: null,
  remindersSent: 0,
  ...patch,
});

function render(respondents: CompletenessRespondent[]) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      {
        path: '/collection/submissions/:id',
        name: 'submission',
        component: { template: '<div />' },
      },
    ],
  });
  return mount(CompletenessMatrix, {
    props: { respondents, deadline: '2026-03-31', today: '2026-04-02' },
    global: {
      plugins: [createI18n({ legacy: false, locale: 'cs', messages: { cs, en } }), router],
    },
  });
}

describe('completeness matrix', () => {
  it('says each respondent’s status and timing in words, not by colour alone', () => {
    const wrapper = render([
      respondent({ submissionId: 'a', name: 'Liberec' }),
      respondent({
        submissionId: 'b',
        name: 'Semily',
        status: 'approved',
        started: true,
        onTime: false,
      }),
    ]);
    const headers = wrapper.findAll('thead th').map((th) => th.text());
    const rows = wrapper.findAll('tbody tr');
    const marked = (row: (typeof rows)[number]) => {
      const cells = row.findAll('td');
      const index = cells.findIndex((td) => td.attributes('data-state'));
      // Columns: respondent (th), ORP, then the states.
      return { state: headers[index + 1], text: cells[index]!.text() };
    };
    expect(marked(rows[0]!)).toEqual({ state: 'Nezahájeno', text: '✗ termín prošel' });
    expect(marked(rows[1]!)).toMatchObject({ state: 'Schváleno' });
    expect(marked(rows[1]!).text).toContain('po termínu');
    expect(wrapper.get('tfoot').text()).toMatch(/Počet\s*1\s*0\s*0\s*0\s*0\s*1/);
  });

  it('links each respondent to its submission', () => {
    const wrapper = render([respondent({ submissionId: 'abc' })]);
    expect(wrapper.get('tbody th a').attributes('href')).toBe('/collection/submissions/abc');
  });
});
