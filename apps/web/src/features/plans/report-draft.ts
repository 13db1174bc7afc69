import type {
  ActivityStatus,
  MonitoringActivity,
  PutMonitoringReportBody,
} from '@socplan/contracts';
import { moneyInputText, parseMoneyInput, type NumberLocale } from '../../shared/format/money.ts';
import { parseDecimalText } from './indicators.ts';

/** A monitoring report as typed in its form. */
export interface ReportDraft {
  status: ActivityStatus;
  /** A number once typed in: Vue's v-model on a number input hands over a number. */
  progress: string | number;
  actuals: Record<string, string>;
  spend: { source: string; amount: string }[];
  comment: string;
  evidence: { url: string; label: string }[];
}

/** i18n keys of the problems of a draft, by field (`spend.2`, `actual.<indicatorId>`…). */
export type ReportDraftErrors = Record<string, string>;

const decimalText = (value: string, locale: NumberLocale) =>
  locale === 'cs' ? value.replace('.', ',') : value;

/**
 * The form of an activity's report: what was reported, else a fresh one with a line for each
 * source the activity is planned to be funded from.
 */
export function reportDraftOf(activity: MonitoringActivity, locale: NumberLocale): ReportDraft {
  const report = activity.report;
  const spendSources = report
    ? report.spend
    : activity.fundingBySource.map(({ source }) => ({ source, amount: '' }));
  return {
    status: report?.status ?? 'not_started',
    progress:
      report?.progress === null || report?.progress === undefined ? '' : String(report.progress),
    actuals: Object.fromEntries(
      (report?.indicatorActuals ?? []).map((a) => [a.indicatorId, decimalText(a.value, locale)]),
    ),
    spend: spendSources.map(({ source, amount }) => ({
      source,
      amount: amount ? moneyInputText(amount, locale) : '',
    })),
    comment: report?.comment ?? '',
    evidence: (report?.evidence ?? []).map((e) => ({ url: e.url, label: e.label ?? '' })),
  };
}

const URL = /^https?:\/\/\S+$/i;

/** The body to PUT, or the fields to fix. Empty lines are left out. */
export function parseReportDraft(
  draft: ReportDraft,
  locale: NumberLocale,
): { ok: true; value: PutMonitoringReportBody } | { ok: false; errors: ReportDraftErrors } {
  const errors: ReportDraftErrors = {};
  let progress: number | null = null;
  const progressText = String(draft.progress).trim();
  if (progressText) {
    const value = Number(progressText);
    if (Number.isInteger(value) && value >= 0 && value <= 100) progress = value;
    else errors.progress = 'monitoring.report.invalidProgress';
  }
  const indicatorActuals = Object.entries(draft.actuals).flatMap(([indicatorId, text]) => {
    if (!text.trim()) return [];
    const value = parseDecimalText(text, locale);
    if (value === null) errors[`actual.${indicatorId}`] = 'monitoring.report.invalidNumber';
    return value === null ? [] : [{ indicatorId, value }];
  });
  const spend = draft.spend.flatMap(({ source, amount }, i) => {
    if (!source || !amount.trim()) return [];
    const value = parseMoneyInput(amount, locale);
    if (value === null) errors[`spend.${i}`] = 'monitoring.report.invalidAmount';
    return value === null ? [] : [{ source, amount: value }];
  });
  const evidence = draft.evidence.flatMap(({ url, label }, i) => {
    if (!url.trim()) return [];
    if (!URL.test(url.trim())) errors[`evidence.${i}`] = 'monitoring.report.invalidUrl';
    return [{ url: url.trim(), label: label.trim() || null }];
  });
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      status: draft.status,
      progress,
      indicatorActuals,
      spend,
      comment: draft.comment.trim() || null,
      evidence,
    },
  };
}
