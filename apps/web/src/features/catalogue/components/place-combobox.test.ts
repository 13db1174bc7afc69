import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import cs from '../../../shared/i18n/locales/cs.ts';
import en from '../../../shared/i18n/locales/en.ts';
import PlaceCombobox, { type PlaceOption } from './PlaceCombobox.vue';

const PLACES: PlaceOption[] = [
  { id: '563889', name: 'Liberec', detail: 'Liberec' },
  { id: '564044', name: 'Libštát', detail: 'Semily' },
];

function render(search = vi.fn(async (_text: string) => PLACES)) {
  const wrapper = mount(PlaceCombobox, {
    props: { label: 'Obec', value: '', search },
    global: { plugins: [createI18n({ legacy: false, locale: 'cs', messages: { cs, en } })] },
    attachTo: document.body,
  });
  return { wrapper, search, input: wrapper.get('input[role="combobox"]') };
}

async function type(input: ReturnType<typeof render>['input'], text: string) {
  await input.setValue(text);
  await vi.advanceTimersByTimeAsync(250);
}

describe('PlaceCombobox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('suggests municipalities once two letters are typed, and announces how many', async () => {
    const { wrapper, search, input } = render();
    await type(input, 'L');
    expect(search).not.toHaveBeenCalled();

    await type(input, 'Lib');
    expect(search).toHaveBeenCalledWith('Lib');
    expect(input.attributes('aria-expanded')).toBe('true');
    expect(wrapper.findAll('[role="option"]').map((o) => o.text())).toEqual([
      'Liberec, Liberec',
      'Libštát, Semily',
    ]);
    expect(wrapper.get('[role="status"]').text()).toBe('Počet nalezených obcí: 2');
  });

  it('picks with the arrow keys and Enter, keeping focus in the field', async () => {
    const { wrapper, input } = render();
    await type(input, 'Lib');
    expect(input.attributes('aria-activedescendant')).toBe(
      wrapper.findAll('[role="option"]')[0]!.attributes('id'),
    );

    await input.trigger('keydown', { key: 'ArrowDown' });
    await input.trigger('keydown', { key: 'Enter' });

    expect(wrapper.emitted('pick')).toEqual([[PLACES[1]]]);
    expect((input.element as HTMLInputElement).value).toBe('Libštát');
    expect(input.attributes('aria-expanded')).toBe('false');
  });

  it('applies only the answer to the latest text', async () => {
    let answer: (value: PlaceOption[]) => void = () => {};
    const slow = new Promise<PlaceOption[]>((resolve) => (answer = resolve));
    const search = vi
      .fn<(text: string) => Promise<PlaceOption[]>>()
      .mockReturnValueOnce(slow)
      .mockResolvedValueOnce([PLACES[1]!]);
    const { wrapper, input } = render(search);

    await type(input, 'Li');
    await type(input, 'Libš');
    answer(PLACES);
    await vi.advanceTimersByTimeAsync(0);

    expect(wrapper.findAll('[role="option"]').map((o) => o.text())).toEqual(['Libštát, Semily']);
  });
});
