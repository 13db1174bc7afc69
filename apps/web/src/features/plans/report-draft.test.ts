import type { MonitoringActivity } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import { parseReportDraft, reportDraftOf } from './report-draft.ts';

const activity: MonitoringActivity = {
  nodeId: 'n1',
  parentId: 'm1',
  code: '1.1.1',
  title: 'Odlehčovací služba',
  plannedCost: '100000.00',
  plannedFunding: '80000.00',
  fundingBySource: [
    { source: 'mpsv', amount: '50000.00' },
    { source: 'municipality', amount: '30000.00' },
  ],
  indicators: [{ id: 'i1', name: 'Klienti', unit: 'osoby', baseline: '10.00', target: '20.00' }],
  report: null,
  progress: null,
  progressSource: null,
};

describe('monitoring report form', () => {
  it('starts a new report with a spend line per planned source', () => {
    const draft = reportDraftOf(activity, 'cs');
    expect(draft.status).toBe('not_started');
    expect(draft.spend).toEqual([
      { source: 'mpsv', amount: '' },
      { source: 'municipality', amount: '' },
    ]);
  });

  it('sends what was entered, in API decimals, and leaves out empty lines', () => {
    const draft = reportDraftOf(activity, 'cs');
    draft.status = 'in_progress';
    draft.progress = '40';
    draft.actuals.i1 = '12,5';
    draft.spend[0]!.amount = '45 000';
    draft.comment = '  Běží podle plánu. ';
    draft.evidence.push({ url: 'https://obec.cz/zprava.pdf', label: '' }, { url: '', label: '' });
    expect(parseReportDraft(draft, 'cs')).toEqual({
      ok: true,
      value: {
        status: 'in_progress',
        progress: 40,
        indicatorActuals: [{ indicatorId: 'i1', value: '12.5' }],
        spend: [{ source: 'mpsv', amount: '45000.00' }],
        comment: 'Běží podle plánu.',
        evidence: [{ url: 'https://obec.cz/zprava.pdf', label: null }],
      },
    });
  });

  it('takes the progress as the number input gives it', () => {
    const draft = reportDraftOf(activity, 'cs');
    draft.progress = 40;
    expect(parseReportDraft(draft, 'cs')).toMatchObject({ ok: true, value: { progress: 40 } });
    draft.progress = 140;
    expect(parseReportDraft(draft, 'cs')).toEqual({
      ok: false,
      errors: { progress: 'monitoring.report.invalidProgress' },
    });
  });

  it('names what is wrong', () => {
    const draft = reportDraftOf(activity, 'en');
    draft.progress = '140';
    draft.actuals.i1 = 'a lot';
    draft.spend[1]!.amount = '1.234';
    draft.evidence.push({ url: 'obec.cz', label: 'zpráva' });
    expect(parseReportDraft(draft, 'en')).toEqual({
      ok: false,
      errors: {
        progress: 'monitoring.report.invalidProgress',
        'actual.i1': 'monitoring.report.invalidNumber',
        'spend.1': 'monitoring.report.invalidAmount',
        'evidence.0': 'monitoring.report.invalidUrl',
      },
    });
  });
});
