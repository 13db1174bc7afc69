import type { FormDefinition, FormField } from '@socplan/contracts';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import cs from '../../../shared/i18n/locales/cs.ts';
import en from '../../../shared/i18n/locales/en.ts';
import FieldInput from './FieldInput.vue';
import SubmissionForm from './SubmissionForm.vue';

const i18n = () => createI18n({ legacy: false, locale: 'cs', messages: { cs, en } });
const capacity: FormField = {
  code: 'capacity',
  type: 'integer',
  label: { cs: 'Kapacita', en: 'Capacity' },
  unit: 'lůžek',
  required: true,
  prefill: 'networkCapacity',
};

describe('FieldInput', () => {
  it('names its error with aria-invalid and aria-describedby', () => {
    const wrapper = mount(FieldInput, {
      props: {
        field: capacity,
        modelValue: null,
        issues: [{ key: 'capacity', field: 'capacity', severity: 'error', message: 'Povinné' }],
      },
      global: { plugins: [i18n()] },
    });
    const input = wrapper.get('input');
    expect(input.attributes('aria-invalid')).toBe('true');
    const note = wrapper.get(`#${input.attributes('aria-describedby')!.split(' ').pop()}`);
    expect(note.text()).toContain('Povinné');
    expect(wrapper.get('label').text()).toContain('Kapacita');
  });

  it('shows a warning without marking the input invalid', () => {
    const wrapper = mount(FieldInput, {
      props: {
        field: capacity,
        modelValue: 3,
        issues: [{ key: 'capacity', field: 'capacity', severity: 'warning', message: 'Nízká' }],
      },
      global: { plugins: [i18n()] },
    });
    expect(wrapper.get('input').attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.get('.field-warning').text()).toContain('Nízká');
  });

  it('reads a Czech decimal comma and marks a prefilled value', async () => {
    const wrapper = mount(FieldInput, {
      props: {
        field: { ...capacity, type: 'decimal' },
        modelValue: 12.5,
        prefilled: new Set(['capacity']),
      },
      global: { plugins: [i18n()] },
    });
    expect(wrapper.get('input').element.value).toBe('12,5');
    expect(wrapper.text()).toContain('Předvyplněno ze sítě');
    await wrapper.get('input').setValue('1 234,75');
    expect(wrapper.emitted('update:modelValue')!.at(-1)).toEqual([1234.75]);
  });

  it('shows the reviewer’s comment at its field', () => {
    const wrapper = mount(FieldInput, {
      props: {
        field: capacity,
        modelValue: 3,
        comments: new Map([
          [
            'capacity',
            [
              {
                id: 'c1',
                field: 'capacity',
                row: null,
                body: 'Ověřte kapacitu',
                authorName: null,
                eventId: 1,
                createdAt: '2026-01-01T00:00:00Z',
              },
            ],
          ],
        ]),
      },
      global: { plugins: [i18n()] },
    });
    expect(wrapper.text()).toContain('Ověřte kapacitu');
  });
});

describe('SubmissionForm', () => {
  it('renders a table with a row per row and a column per column, and emits the changed field', async () => {
    const wrapper = mount(SubmissionForm, {
      props: {
        definition: {
          sections: [
            {
              code: 's',
              label: { cs: 'Klienti' },
              fields: [
                {
                  code: 'clients',
                  type: 'table',
                  label: { cs: 'Klienti podle skupin' },
                  rows: { kind: 'codelist', codelist: 'target_group' },
                  columns: [{ code: 'count', type: 'integer', label: { cs: 'Počet' } }],
                },
              ],
            },
          ],
          rules: [],
        },
        modelValue: {},
        rows: {
          clients: [
            { code: 'seniors', name: 'Senioři', nameEn: 'Seniors' },
            { code: 'youth', name: 'Mládež', nameEn: null },
          ],
        },
        issues: [],
      },
      global: { plugins: [i18n()] },
    });
    expect(wrapper.findAll('tbody tr')).toHaveLength(2);
    await wrapper.findAll('tbody input')[1]!.setValue('4');
    expect(wrapper.emitted('update:modelValue')!.at(-1)).toEqual([
      { clients: [{ row: 'youth', count: 4 }] },
    ]);
    expect(wrapper.emitted('change')!.at(-1)).toEqual(['clients']);
  });
});

describe('SubmissionForm without issues (the builder preview)', () => {
  it('validates with the rule engine as the user types', async () => {
    const definition: FormDefinition = {
      sections: [
        {
          code: 's',
          label: { cs: 'Lůžka' },
          fields: [
            { code: 'beds', type: 'integer', label: { cs: 'Lůžka' }, required: true },
            { code: 'occupied', type: 'integer', label: { cs: 'Obsazeno' } },
          ],
        },
      ],
      rules: [
        {
          code: 'within',
          assert: 'occupied <= beds',
          message: { cs: 'Obsazeno víc než lůžek' },
        },
      ],
    };
    const wrapper = mount(SubmissionForm, {
      props: {
        definition,
        modelValue: { beds: 2, occupied: 3 },
        'onUpdate:modelValue': (values: Record<string, unknown>) =>
          wrapper.setProps({ modelValue: values as never }),
      },
      global: { plugins: [i18n()] },
    });
    expect(wrapper.get('[data-field="occupied"]').text()).toContain('Obsazeno víc než lůžek');
    expect(wrapper.get('.issue-summary').text()).toContain('Chyby ve formuláři: 1');

    await wrapper.get('[data-field="beds"] input').setValue('3');
    expect(wrapper.find('.issue-summary').exists()).toBe(false);

    await wrapper.get('[data-field="beds"] input').setValue('tři');
    expect(wrapper.get('[data-field="beds"] input').attributes('aria-invalid')).toBe('true');
  });
});
