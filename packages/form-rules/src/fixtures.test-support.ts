import type { FormDefinition, ValueOptions } from './types.ts';

/** A service's annual report in miniature: every field type, a table and typical rules. */
export const report: FormDefinition = {
  sections: [
    {
      code: 'capacity',
      label: { cs: 'Kapacita' },
      fields: [
        {
          code: 'capacity',
          label: { cs: 'Kapacita' },
          type: 'integer',
          required: true,
          min: 0,
          prefill: 'networkCapacity',
        },
        { code: 'occupied', label: { cs: 'Obsazeno' }, type: 'integer', min: 0 },
        { code: 'fte', label: { cs: 'Úvazky' }, type: 'decimal', decimals: 1 },
        { code: 'costs', label: { cs: 'Náklady' }, type: 'money' },
        { code: 'share', label: { cs: 'Podíl' }, type: 'percent' },
        { code: 'note', label: { cs: 'Poznámka' }, type: 'text', maxLength: 10 },
        { code: 'waiting', label: { cs: 'Čekatelé' }, type: 'boolean' },
        { code: 'since', label: { cs: 'Od' }, type: 'date' },
        { code: 'refused', label: { cs: 'Odmítnuto' }, type: 'integer' },
        { code: 'reason', label: { cs: 'Důvod' }, type: 'choice', codelist: 'refusal_reason' },
        { code: 'areas', label: { cs: 'Oblasti' }, type: 'multiChoice', codelist: 'area' },
      ],
    },
    {
      code: 'clients',
      label: { cs: 'Klienti' },
      fields: [
        {
          code: 'clients',
          label: { cs: 'Klienti podle cílové skupiny' },
          type: 'table',
          rows: { kind: 'codelist', codelist: 'target_group' },
          columns: [
            { code: 'count', label: { cs: 'Počet' }, type: 'integer', required: true, min: 0 },
            { code: 'cost', label: { cs: 'Náklad' }, type: 'money' },
            { code: 'level', label: { cs: 'Potřeba' }, type: 'choice', codelist: 'need_level' },
          ],
        },
        { code: 'clients_total', label: { cs: 'Klientů celkem' }, type: 'integer' },
      ],
    },
  ],
  rules: [
    {
      code: 'occupancy',
      assert: 'occupied <= capacity',
      message: { cs: 'Obsazeno nad kapacitu.', en: 'Occupied above capacity.' },
    },
    {
      code: 'total',
      assert: 'sum(clients.count) == clients_total',
      message: { cs: 'Součet řádků nesedí.', en: 'Rows do not add up.' },
    },
    {
      code: 'reason',
      when: 'refused > 0',
      assert: 'filled(reason)',
      message: { cs: 'Uveďte důvod odmítnutí.' },
    },
    {
      code: 'fte_high',
      assert: 'fte <= capacity / 2',
      message: { cs: 'Mnoho úvazků.', en: 'Many FTE.' },
      severity: 'warning',
    },
  ],
};

export const options: ValueOptions = {
  choices: {
    reason: ['capacity', 'other'],
    areas: ['a', 'b', 'c'],
    'clients.level': ['low', 'high'],
  },
  rows: { clients: ['seniors', 'disabled', 'youth'] },
};
