import { sql } from 'drizzle-orm';
import {
  ExportCampaignV1Schema,
  ExportCollectedValuesByOrpV1Schema,
  ExportSubmissionValueV1Schema,
} from '@socplan/contracts';
import { submissionScopeCondition } from '../collection/collection.access.ts';
import { campaignVisibility } from '../collection/campaigns.service.ts';
import { COUNTED_STATUSES } from '../analysis/needs.service.ts';
import type { Dataset } from './exports.dataset.ts';
import { col } from './exports.datasets.network.ts';

// The collection's scope helpers name `campaigns` and `submissions` unaliased: so do these.

export const campaignsDataset: Dataset = {
  name: 'campaigns',
  title: 'Data collection campaigns',
  permission: 'collection.read',
  asOf: false,
  versions: [
    {
      version: 'v1',
      schema: ExportCampaignV1Schema,
      from: () => sql`campaigns join forms fo on fo.id = campaigns.form_id`,
      where: ({ principal }) => [campaignVisibility(principal)],
      columns: () => ({
        id: col('campaigns', 'id'),
        name: col('campaigns', 'name'),
        formId: col('campaigns', 'form_id'),
        formCode: col('fo', 'code'),
        formVersionId: col('campaigns', 'form_version_id'),
        respondentKind: col('fo', 'respondent_kind'),
        periodKind: col('campaigns', 'period_kind'),
        year: col('campaigns', 'year'),
        period: col('campaigns', 'period'),
        orpIds: col('campaigns', 'orp_ids'),
        serviceTypes: col('campaigns', 'service_types'),
        opensOn: col('campaigns', 'opens_on'),
        deadline: col('campaigns', 'deadline'),
        status: col('campaigns', 'status'),
        openedAt: col('campaigns', 'opened_at'),
        closedAt: col('campaigns', 'closed_at'),
        updatedAt: col('campaigns', 'updated_at'),
      }),
      key: [{ expr: col('campaigns', 'id'), cast: 'uuid' }],
      id: sql`campaigns.id::text`,
      updatedAt: col('campaigns', 'updated_at'),
    },
  ],
};

/** Values with their submission, campaign and form. */
const valuesFrom = sql`submission_values sv
  join submissions on submissions.id = sv.submission_id
  join campaigns c on c.id = submissions.campaign_id
  join forms fo on fo.id = c.form_id`;

const valueId = sql`sv.submission_id::text || '/' || sv.field || '/' || sv.row`;
/** A value changes with itself or with its submission (its status, respondent name). */
const valueUpdatedAt = sql`greatest(sv.updated_at, submissions.updated_at)`;

export const submissionValuesDataset: Dataset = {
  name: 'submission-values',
  title: 'Collected values in long format: respondent, campaign, period, field, row, value',
  permission: 'collection.read',
  asOf: false,
  versions: [
    {
      version: 'v1',
      schema: ExportSubmissionValueV1Schema,
      from: () => valuesFrom,
      where: ({ principal }) => [submissionScopeCondition(principal, 'collection.read')],
      columns: () => ({
        id: valueId,
        submissionId: col('sv', 'submission_id'),
        campaignId: col('submissions', 'campaign_id'),
        period: col('c', 'period'),
        formCode: col('fo', 'code'),
        respondentKind: col('submissions', 'respondent_kind'),
        respondentCode: col('submissions', 'respondent_code'),
        respondentName: col('submissions', 'respondent_name'),
        status: col('submissions', 'status'),
        field: col('sv', 'field'),
        row: col('sv', 'row'),
        value: col('sv', 'value'),
        updatedAt: valueUpdatedAt,
      }),
      // The primary key's columns: every chunk of a full export is an index range.
      key: [
        { expr: col('sv', 'submission_id'), cast: 'uuid', joined: col('submissions', 'id') },
        { expr: col('sv', 'field'), cast: 'text' },
        { expr: col('sv', 'row'), cast: 'text' },
      ],
      id: valueId,
      updatedAt: valueUpdatedAt,
    },
  ],
};

const orpCode = sql`coalesce(o.code, '')`;

/**
 * The numbers collected in each campaign summed up by ORP (the respondent's), field and row over
 * the counted submissions, as the needs analysis counts them: what an analyst charts without
 * handling a million values. Text and yes/no answers are left out.
 */
export const collectedValuesByOrpDataset: Dataset = {
  name: 'collected-values-by-orp',
  title:
    'Aggregate: collected numbers by campaign, ORP, field and row (count, sum, min, max, mean)',
  permission: 'analysis.read',
  asOf: false,
  versions: [
    {
      version: 'v1',
      schema: ExportCollectedValuesByOrpV1Schema,
      from: () => sql`${valuesFrom} left join territorial_units o on o.id = submissions.orp_id`,
      where: ({ principal }) => [
        submissionScopeCondition(principal, 'analysis.read'),
        sql`submissions.status in (${sql.join(
          COUNTED_STATUSES.map((status) => sql`${status}`),
          sql`, `,
        )})`,
        sql`jsonb_typeof(sv.value) = 'number'`,
      ],
      columns: () => ({
        id: sql`c.id::text || '/' || ${orpCode} || '/' || sv.field || '/' || sv.row`,
        campaignId: col('c', 'id'),
        period: col('c', 'period'),
        formCode: col('fo', 'code'),
        orpId: col('o', 'id'),
        orpCode: col('o', 'code'),
        orpName: col('o', 'name'),
        field: col('sv', 'field'),
        row: col('sv', 'row'),
        respondents: sql`count(*)::int`,
        sum: sql`sum((sv.value)::numeric)`,
        min: sql`min((sv.value)::numeric)`,
        max: sql`max((sv.value)::numeric)`,
        mean: sql`round(avg((sv.value)::numeric), 4)`,
      }),
      key: [
        { expr: sql`c.id::text`, cast: 'text' as const },
        { expr: orpCode, cast: 'text' as const },
        { expr: col('sv', 'field'), cast: 'text' as const },
        { expr: col('sv', 'row'), cast: 'text' as const },
      ],
      id: sql`c.id::text || '/' || ${orpCode} || '/' || sv.field || '/' || sv.row`,
      updatedAt: null,
      groupBy: [
        'c.id',
        'c.period',
        'fo.code',
        'o.id',
        'o.code',
        'o.name',
        'sv.field',
        'sv.row',
      ].map((column) => sql.raw(column)),
    },
  ],
};
