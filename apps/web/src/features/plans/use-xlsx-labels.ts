import { useI18n } from 'vue-i18n';
import { useCodelistsStore } from '../codelists/codelists.store.ts';
import type { XlsxLabels } from './plan-xlsx.ts';

/** The spreadsheet's texts in the UI language. */
export function useXlsxLabels(): () => XlsxLabels {
  const { t } = useI18n();
  const codelists = useCodelistsStore();
  return () => ({
    treeSheet: t('exports.treeSheet'),
    fundingSheet: t('exports.fundingSheet'),
    code: t('exports.code'),
    level: t('exports.level'),
    title: t('plans.columns.title'),
    responsible: t('tree.responsible'),
    timeframe: t('tree.timeframe'),
    costIn: (year) => t('exports.costIn', { year }),
    cost: t('costs.cost'),
    funded: t('costs.funded'),
    gap: t('costs.gap'),
    source: t('exports.source'),
    total: t('costs.total'),
    levelName: (level) => t(`nodeLevel.${level}`),
    sourceName: (code) => codelists.label('funding_source', code),
  });
}
