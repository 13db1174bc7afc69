/**
 * Collection test data straight in the database (no services, no audit): a published form
 * version, a campaign with its submissions, and a small territory with a token per role, so
 * tests of submissions, the push API and completeness set up only what they are about.
 */
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type {
  CampaignStatus,
  FormDefinition,
  RespondentKind,
  Role,
  SubmissionStatus,
} from '@socplan/contracts';
import type { FlatValue } from '@socplan/form-rules';
import type { App } from '../../app.ts';
import type { Db } from '../../db/client.ts';
import {
  campaigns,
  formVersions,
  forms,
  submissionValueHistory,
  submissionValues,
  submissions,
} from '../../db/schema/index.ts';
import { createProvider, createUnit, tokenForRole } from '../../test/fixtures.ts';

const unique = () => randomBytes(4).toString('hex');

/**
 * A small form: capacity and occupied (integers, `occupied <= capacity`), a required note,
 * refused applicants with a reason required when any are refused, and a table of clients by
 * target group (codelist `target_group`) with a count column.
 */
export const SAMPLE_DEFINITION: FormDefinition = {
  sections: [
    {
      code: 'main',
      label: { cs: 'Kapacita', en: 'Capacity' },
      fields: [
        { code: 'capacity', type: 'integer', label: { cs: 'Kapacita' }, required: true, min: 0 },
        { code: 'occupied', type: 'integer', label: { cs: 'Obsazeno' }, min: 0 },
        { code: 'refused', type: 'integer', label: { cs: 'Odmítnutí' }, min: 0 },
        {
          code: 'refusal_reason',
          type: 'choice',
          label: { cs: 'Důvod odmítnutí' },
          codelist: 'refusal_reason',
        },
        { code: 'note', type: 'text', label: { cs: 'Poznámka' }, maxLength: 200 },
        {
          code: 'clients',
          type: 'table',
          label: { cs: 'Klienti podle cílové skupiny' },
          rows: { kind: 'codelist', codelist: 'target_group' },
          columns: [{ code: 'count', type: 'integer', label: { cs: 'Počet' }, min: 0 }],
        },
      ],
    },
  ],
  rules: [
    {
      code: 'occupied_le_capacity',
      assert: 'occupied <= capacity',
      message: {
        cs: 'Obsazeno nesmí převýšit kapacitu.',
        en: 'Occupied must not exceed capacity.',
      },
    },
    {
      code: 'reason_when_refused',
      when: 'refused > 0',
      assert: 'filled(refusal_reason)',
      message: {
        cs: 'Uveďte důvod odmítnutí.',
        en: 'Give the reason of refusals.',
      },
    },
  ],
};

/** A form with one published version of `definition`; returns both ids. */
export async function createFormVersion(
  db: Db,
  options: {
    respondentKind?: RespondentKind;
    definition?: FormDefinition;
    code?: string;
    name?: string;
  } = {},
): Promise<{ formId: string; formVersionId: string }> {
  const [form] = await db
    .insert(forms)
    .values({
      code: options.code ?? `form-${unique()}`,
      name: options.name ?? 'Roční výkaz',
      respondentKind: options.respondentKind ?? 'municipality',
    })
    .returning({ id: forms.id });
  const [version] = await db
    .insert(formVersions)
    .values({
      formId: form!.id,
      number: 1,
      status: 'published',
      definition: options.definition ?? SAMPLE_DEFINITION,
      publishedAt: new Date(),
    })
    .returning({ id: formVersions.id });
  return { formId: form!.id, formVersionId: version!.id };
}

export interface RespondentSpec {
  kind?: RespondentKind;
  code?: string;
  name?: string;
  municipalityId?: string | null;
  providerId?: string | null;
  serviceId?: string | null;
  unitId?: string | null;
  orpId?: string | null;
  serviceType?: string | null;
  status?: SubmissionStatus;
  /** Stored values (`prefilled` marks them as prefilled). */
  values?: (FlatValue & { prefilled?: boolean })[];
}

export interface CreatedCampaign {
  campaignId: string;
  formId: string;
  formVersionId: string;
  /** In the order of the respondents given. */
  submissionIds: string[];
}

/**
 * A campaign (open by default, 2025, open since 2025-01-01 until 2099-12-31) of a new form
 * version unless `formVersionId` is given, with one submission per respondent.
 */
export async function createCampaign(
  db: Db,
  options: {
    respondents: RespondentSpec[];
    formId?: string;
    formVersionId?: string;
    respondentKind?: RespondentKind;
    definition?: FormDefinition;
    status?: CampaignStatus;
    year?: number;
    opensOn?: string;
    deadline?: string;
    serviceTypes?: string[];
  },
): Promise<CreatedCampaign> {
  const kind = options.respondentKind ?? options.respondents[0]?.kind ?? 'municipality';
  const form =
    options.formId && options.formVersionId
      ? { formId: options.formId, formVersionId: options.formVersionId }
      : await createFormVersion(db, {
          respondentKind: kind,
          ...(options.definition ? { definition: options.definition } : {}),
        });
  const year = options.year ?? 2025;
  const status = options.status ?? 'open';
  const [campaign] = await db
    .insert(campaigns)
    .values({
      name: `Sběr ${year} ${unique()}`,
      formId: form.formId,
      formVersionId: form.formVersionId,
      periodKind: 'year',
      year,
      period: String(year),
      opensOn: options.opensOn ?? `${year}-01-01`,
      deadline: options.deadline ?? '2099-12-31',
      serviceTypes: options.serviceTypes ?? [],
      status,
      openedAt: status === 'draft' ? null : new Date(),
      closedAt: status === 'closed' ? new Date() : null,
    })
    .returning({ id: campaigns.id });
  const campaignId = campaign!.id;
  const submissionIds: string[] = [];
  if (options.respondents.length) {
    const rows = await db
      .insert(submissions)
      .values(
        options.respondents.map((r) => {
          const submitted = r.status && r.status !== 'draft';
          return {
            campaignId,
            respondentKind: r.kind ?? kind,
            respondentCode: r.code ?? String(100000 + Math.floor(Math.random() * 899999)),
            respondentName: r.name ?? `Respondent ${unique()}`,
            municipalityId: r.municipalityId ?? null,
            providerId: r.providerId ?? null,
            serviceId: r.serviceId ?? null,
            unitId: r.unitId ?? r.municipalityId ?? null,
            orpId: r.orpId ?? null,
            serviceType: r.serviceType ?? null,
            status: r.status ?? 'draft',
            valueCount: r.values?.length ?? 0,
            firstSubmittedAt: submitted ? new Date() : null,
            submittedAt: submitted ? new Date() : null,
            approvedAt: r.status === 'approved' ? new Date() : null,
          };
        }),
      )
      .returning({ id: submissions.id });
    submissionIds.push(...rows.map((r) => r.id));
    const values = options.respondents.flatMap((r, i) =>
      (r.values ?? []).map((v) => ({
        submissionId: submissionIds[i]!,
        field: v.field,
        row: v.row,
        value: v.value,
        prefilled: v.prefilled ?? false,
      })),
    );
    if (values.length) await db.insert(submissionValues).values(values);
  }
  return { campaignId, ...form, submissionIds };
}

/**
 * A region with two ORPs, a municipality in each (A in ORP 1, B in ORP 2) and a provider, for
 * scope tests: `token(role, where)` logs in a user holding `role` bound as that role is bound.
 */
export async function createCollectionWorld(app: App) {
  const db = app.db;
  const regionId = await createUnit(db, { kind: 'region', name: 'Liberecký kraj' });
  const orp1 = await createUnit(db, { kind: 'orp', name: 'ORP Liberec', parentId: regionId });
  const orp2 = await createUnit(db, { kind: 'orp', name: 'ORP Semily', parentId: regionId });
  const municipalityA = await createUnit(db, {
    kind: 'municipality',
    name: 'Liberec',
    parentId: orp1,
  });
  const municipalityB = await createUnit(db, {
    kind: 'municipality',
    name: 'Semily',
    parentId: orp2,
  });
  const providerA = await createProvider(db, { name: 'Poskytovatel A' });
  const providerB = await createProvider(db, { name: 'Poskytovatel B' });
  /** A municipality respondent spec for municipality A or B. */
  const municipality = (which: 'A' | 'B', extra: RespondentSpec = {}): RespondentSpec => ({
    kind: 'municipality',
    name: which === 'A' ? 'Liberec' : 'Semily',
    municipalityId: which === 'A' ? municipalityA : municipalityB,
    orpId: which === 'A' ? orp1 : orp2,
    ...extra,
  });
  /**
   * A token for `role`: region-wide roles unbound; a coordinator of ORP 1 (in: scope of A) or
   * ORP 2; a municipality A or B; a provider A or B. `inScope` picks which (A = in scope).
   */
  const token = (role: Role, inScope = true): Promise<string> => {
    switch (role) {
      case 'coordinator':
        return tokenForRole(app, { role, territorialUnitId: inScope ? orp1 : orp2 });
      case 'municipality':
        return tokenForRole(app, {
          role,
          territorialUnitId: inScope ? municipalityA : municipalityB,
        });
      case 'provider':
        return tokenForRole(app, { role, providerId: inScope ? providerA : providerB });
      default:
        return tokenForRole(app, { role });
    }
  };
  return {
    regionId,
    orp1,
    orp2,
    municipalityA,
    municipalityB,
    providerA,
    providerB,
    municipality,
    token,
  };
}
export type CollectionWorld = Awaited<ReturnType<typeof createCollectionWorld>>;

/** The value history one row per changed value (as the history endpoint unrolls it), oldest first. */
export async function unrolledHistory(db: Db, submissionId?: string) {
  const h = submissionValueHistory;
  const rows = await db
    .select()
    .from(h)
    .where(submissionId ? eq(h.submissionId, submissionId) : undefined)
    .orderBy(asc(h.id));
  return rows.flatMap(({ changes, ...write }) =>
    changes.map((c) => ({
      ...write,
      field: c.field,
      row: c.row,
      oldValue: c.old,
      newValue: c.new,
    })),
  );
}
