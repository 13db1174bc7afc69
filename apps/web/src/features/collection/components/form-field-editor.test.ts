import type { FormField } from '@socplan/contracts';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { reactive } from 'vue';
import { createI18n } from 'vue-i18n';
import cs from '../../../shared/i18n/locales/cs.ts';
import en from '../../../shared/i18n/locales/en.ts';
import FormFieldEditor from './FormFieldEditor.vue';

function render(field: FormField, problems = new Map()) {
  return mount(FormFieldEditor, {
    props: {
      modelValue: field,
      pointer: '/sections/0/fields/0',
      problems,
      first: true,
      last: true,
    },
    global: { plugins: [createI18n({ legacy: false, locale: 'cs', messages: { cs, en } })] },
  });
}

describe('field editor', () => {
  it('turns a field into a table with rows from a codelist and columns', async () => {
    // The builder edits a reactive definition in place.
    const field = reactive<FormField>({
      code: 'clients',
      label: { cs: 'Klienti' },
      type: 'integer',
    });
    const wrapper = render(field);
    await wrapper.get('select').setValue('table');
    expect(field.type).toBe('table');
    expect(wrapper.text()).toContain('Řádky a sloupce tabulky');

    const rowsCodelist = wrapper
      .findAll('label')
      .find((l) => l.text() === 'Číselník')!
      .attributes('for');
    await wrapper.get(`#${rowsCodelist}`).setValue('target_group');
    expect(field.rows).toEqual({ kind: 'codelist', codelist: 'target_group' });

    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Přidat sloupec')!
      .trigger('click');
    expect(field.columns?.map((c) => c.code)).toEqual(['column_1']);
  });

  it('shows the problems that point into it, in its summary and beside it', () => {
    const wrapper = render(
      { code: 'beds', label: { cs: 'Lůžka' }, type: 'integer', min: 5, max: 1 },
      new Map([
        ['/sections/0/fields/0', [{ pointer: '/sections/0/fields/0/max', detail: 'max < min' }]],
      ]),
    );
    expect(wrapper.get('summary').text()).toContain('Problémy: 1');
    expect(wrapper.get('[data-testid="definition-problems"]').text()).toBe('max: max < min');
  });
});
