import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createI18n } from 'vue-i18n';
import cs from '../../../shared/i18n/locales/cs.ts';
import en from '../../../shared/i18n/locales/en.ts';
import ReviewPanel from './ReviewPanel.vue';

const i18n = () => createI18n({ legacy: false, locale: 'cs', messages: { cs, en } });
const props = {
  definition: {
    sections: [
      {
        code: 's',
        label: { cs: 'Sekce' },
        fields: [
          { code: 'beds', type: 'integer' as const, label: { cs: 'Lůžka' } },
          {
            code: 'clients',
            type: 'table' as const,
            label: { cs: 'Klienti' },
            rows: { kind: 'codelist' as const, codelist: 'target_group' },
            columns: [{ code: 'count', type: 'integer' as const, label: { cs: 'Počet' } }],
          },
        ],
      },
    ],
    rules: [],
  },
  rows: { clients: [{ code: 'seniors', name: 'Senioři', nameEn: null }] },
  canReview: true,
  canReopen: false,
  busy: false,
};

describe('ReviewPanel', () => {
  it('returns with field comments (a cell as table.column and row) and a general one', async () => {
    const wrapper = mount(ReviewPanel, { props, global: { plugins: [i18n()] } });
    const returnButton = wrapper.findAll('button').find((b) => b.text() === 'Vrátit k opravě')!;
    expect(returnButton.attributes('disabled')).toBeDefined(); // nothing to say yet

    await wrapper.get('[data-testid="comment-field"]').setValue('clients.count');
    await wrapper.findAll('select')[1]!.setValue('seniors');
    await wrapper.findAll('textarea')[0]!.setValue('Ověřte počet seniorů');
    await wrapper.get('form').trigger('submit');
    await wrapper.setProps({ target: { field: 'beds', row: null } });
    await nextTick();
    await wrapper.findAll('textarea')[0]!.setValue('Lůžek je víc než v registru');
    await wrapper.get('form').trigger('submit');
    await wrapper.findAll('textarea')[1]!.setValue('Prosím o opravu.');

    expect(wrapper.get('[data-testid="field-comments"]').text()).toContain(
      'Klienti – Senioři – Počet',
    );
    await returnButton.trigger('click');
    expect(wrapper.emitted('return')![0]).toEqual([
      {
        comment: 'Prosím o opravu.',
        fieldComments: [
          { field: 'clients.count', row: 'seniors', comment: 'Ověřte počet seniorů' },
          { field: 'beds', row: null, comment: 'Lůžek je víc než v registru' },
        ],
      },
    ]);
  });

  it('reopens an approved submission only with a reason', async () => {
    const wrapper = mount(ReviewPanel, {
      props: { ...props, canReview: false, canReopen: true },
      global: { plugins: [i18n()] },
    });
    const button = wrapper.get('button[type="submit"]');
    expect(button.attributes('disabled')).toBeDefined();
    await wrapper.get('textarea').setValue('Chybný údaj o kapacitě');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('reopen')![0]).toEqual(['Chybný údaj o kapacitě']);
  });
});
