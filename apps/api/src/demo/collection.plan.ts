import type { FormDefinition } from '@socplan/contracts';
import type { campaignReminders, campaigns, forms, formVersions } from '../db/schema/index.ts';
import {
  DEMO_MUNICIPALITY_EMAIL,
  DEMO_PROVIDER_EMAIL,
  type DemoAccount,
} from '../modules/auth/auth.demo.ts';
import { pragueTime } from '../modules/collection/reminders.ts';
import {
  DEMO_FORMS,
  MUNICIPALITY_FORM,
  MUNICIPALITY_RETURNS,
  MUNICIPALITY_STATES,
  SERVICE_FORM,
  SERVICE_FORM_V2,
  SERVICE_RETURNS,
  SERVICE_STATE_WEIGHTS,
  type DemoForm,
  type DemoReturn,
  type DemoState,
} from './collection.data.ts';
import {
  municipalityContact,
  municipalityFigures,
  registeredCapacity,
  serviceFigures,
  type MunicipalityFacts,
  type ServiceFacts,
} from './collection.figures.ts';
import {
  SubmissionStory,
  type DemoActor,
  type DemoValue,
  type SubmissionRow,
} from './collection.story.ts';
import type { DemoPlaces } from './demo-places.ts';
import type { PlannedService, StateRow } from './network.plan.ts';
import { demoUuid, randomStream, type Random } from './random.ts';

type FormRow = typeof forms.$inferInsert & { id: string };
type VersionRow = typeof formVersions.$inferInsert & { id: string };
type CampaignRow = typeof campaigns.$inferInsert & { id: string; reminderDaysBefore: number[] };
type ReminderRow = typeof campaignReminders.$inferInsert;

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const at = (day: string, hour: number) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

/**
 * The demo's two campaigns per form, dated from today so the demo never goes stale: the open
 * one for the current year opened on the first of last month and is due in 30 days; the closed
 * one for the year before ran on the same days a year earlier and was closed three weeks after
 * its deadline.
 */
export function campaignDates(now: Date) {
  const y = now.getUTCFullYear();
  const opensOn = isoDay(Date.UTC(y, now.getUTCMonth() - 1, 1));
  const deadline = isoDay(now.getTime() + 30 * DAY);
  const yearEarlier = (day: string) => {
    const [yy, mm, dd] = day.split('-').map(Number) as [number, number, number];
    return isoDay(Date.UTC(yy - 1, mm - 1, dd));
  };
  const closedDeadline = yearEarlier(deadline);
  return {
    open: { year: y, opensOn, deadline },
    closed: {
      year: y - 1,
      opensOn: yearEarlier(opensOn),
      deadline: closedDeadline,
      closedAt: at(isoDay(Date.parse(closedDeadline) + 21 * DAY), 9),
    },
  };
}

export interface CollectionActors {
  /** Region staff: publishes the forms, opens the campaigns, reviews the submissions. */
  regionStaff: DemoAccount;
  /** obec@example.org and the liberec-is client of the municipality Liberec. */
  municipalityUser: DemoAccount;
  municipalityClient: DemoAccount;
  /** poskytovatel@example.org and its information system (the demo provider's services). */
  providerUser: DemoAccount;
  providerClient: DemoAccount;
}

export interface CollectionInputs {
  now: Date;
  /** The demo territory's municipalities (its seat towns) with their ORP. */
  municipalities: readonly {
    id: string;
    code: string;
    name: string;
    population: number;
    orpId: string;
  }[];
  places: DemoPlaces;
  services: readonly PlannedService[];
  /**
   * Where the product places each service it would ask today (by code): the demo puts
   * submissions there too; services no longer active are placed as the same rules would.
   */
  placements: ReadonlyMap<string, { unitId: string | null; orpId: string | null }>;
  /** The catalogue key of the provider whose people have demo accounts. */
  accountProvider: string;
  actors: CollectionActors;
}

export interface CollectionPlan {
  forms: FormRow[];
  versions: VersionRow[];
  campaigns: CampaignRow[];
  stories: SubmissionStory[];
  /** Reminders last year's campaigns sent to who had not submitted by then. */
  reminders: ReminderRow[];
}

/** A respondent of a campaign: its submission's identity and how to make its figures. */
interface Respondent {
  row: Omit<SubmissionRow, 'id' | 'campaignId' | 'createdAt'>;
  /** Who answers for it in `year`, through which channel. */
  actor: (closed: boolean) => { actor: DemoActor; channel: 'web' | 'api' };
  figures: (year: number, councilDay: string) => DemoValue[];
  /** The network's capacity when the campaign opened (services). */
  capacity?: number;
  state: (closed: boolean, year: number) => DemoState;
  /** Returned (and then corrected) in last year's closed campaign. */
  returnedLastYear: boolean;
  returns: readonly DemoReturn[];
  /** Where reminders go (as the reminder job chooses: its people's accounts, else the registry). */
  email: string | null;
}

const user = (a: DemoAccount): DemoActor => ({ id: a.id, kind: 'user', name: a.name });
const client = (a: DemoAccount): DemoActor => ({ id: a.id, kind: 'client', name: a.name });
const LIBEREC = '563889';
/** Returned and corrected in the closed campaign (the municipality of Jablonec nad Nisou). */
const RETURNED_LAST_YEAR = new Set(['563510']);

function weighted<T>(rng: Random, items: readonly (readonly [T, number])[]): T {
  let x = rng.next() * items.reduce((n, [, w]) => n + w, 0);
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1]![0];
}

function municipalityRespondents(input: CollectionInputs): Respondent[] {
  const { actors } = input;
  const orpCodeById = new Map([...input.places.orps.values()].map((p) => [p.orpId, p.orpCode]));
  return [...input.municipalities]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((m): Respondent => {
      const orpCode = orpCodeById.get(m.orpId);
      const facts: MunicipalityFacts = {
        code: m.code,
        name: m.name,
        population: m.population,
        serviceTypes: input.services.filter((s) => s.spec.orp === orpCode).map((s) => s.spec.type),
      };
      const contactName = municipalityContact(facts).name;
      return {
        row: {
          respondentKind: 'municipality',
          respondentCode: m.code,
          respondentName: m.name,
          municipalityId: m.id,
          unitId: m.id,
          orpId: m.orpId,
        },
        actor: (closed) =>
          m.code !== LIBEREC
            ? { actor: { id: null, kind: 'user', name: contactName }, channel: 'web' }
            : closed
              ? { actor: client(actors.municipalityClient), channel: 'api' }
              : { actor: user(actors.municipalityUser), channel: 'web' },
        figures: (year, councilDay) => municipalityFigures(facts, year, councilDay),
        state: (closed) => (closed ? 'approved' : (MUNICIPALITY_STATES[m.code] ?? 'not_started')),
        returnedLastYear: RETURNED_LAST_YEAR.has(m.code),
        returns: MUNICIPALITY_RETURNS,
        email: m.code === LIBEREC ? DEMO_MUNICIPALITY_EMAIL : null,
      };
    });
}

const stateOn = (states: readonly StateRow[], day: string) =>
  states.find(
    (s) => s.validFrom <= day && (s.validTo === null || s.validTo === undefined || day < s.validTo),
  );

/**
 * The services a campaign opening on `day` asks (as the campaign's opening chooses them: active
 * then, with a registry identifier), placed where their first facility is, else where the
 * first municipality or ORP they serve is.
 */
function serviceRespondents(input: CollectionInputs, day: string): Respondent[] {
  const { actors } = input;
  const towns = new Map([...input.places.orps.values()].map((p) => [p.townId, p]));
  const orps = new Map([...input.places.orps.values()].map((p) => [p.orpId, p]));
  return input.services.flatMap((s): Respondent[] => {
    const state = stateOn(s.states, day);
    const code = s.row.registryIdentifier;
    if (!state || state.status !== 'active' || !code) return [];
    const place = s.spec.secret ? undefined : input.places.orps.get(s.spec.orp);
    const served = state.territoryUnitIds?.find((id) => towns.has(id) || orps.has(id));
    const placed = input.placements.get(code);
    const unitId = placed ? placed.unitId : (place?.townId ?? served ?? null);
    const orpId = placed
      ? placed.orpId
      : (place?.orpId ?? (served ? (towns.get(served)?.orpId ?? served) : null));
    const facts: ServiceFacts = {
      name: s.spec.name,
      type: state.typeCode,
      forms: state.forms ?? [],
      targetGroups: state.targetGroups ?? [],
      fteDirect: state.fteDirect ?? null,
      fteOther: state.fteOther ?? null,
    };
    const own = s.spec.provider === input.accountProvider;
    const manager: DemoActor = { id: null, kind: 'user', name: `Vedoucí služby (${s.spec.name})` };
    return [
      {
        row: {
          respondentKind: 'service',
          respondentCode: code,
          respondentName: state.name,
          providerId: s.row.providerId,
          serviceId: s.id,
          unitId,
          orpId,
          serviceType: state.typeCode,
        },
        actor: (closed) =>
          !own
            ? { actor: manager, channel: 'web' }
            : closed
              ? { actor: client(actors.providerClient), channel: 'api' }
              : { actor: user(actors.providerUser), channel: 'web' },
        figures: (year) => serviceFigures(facts, year),
        capacity: registeredCapacity(facts.forms),
        state: (closed, year) =>
          closed
            ? 'approved'
            : weighted(
                randomStream(`collection:state:${s.spec.name}:${year}`),
                SERVICE_STATE_WEIGHTS,
              ),
        returnedLastYear: randomStream(`collection:returned:${s.spec.name}`).chance(0.08),
        returns: SERVICE_RETURNS,
        email: own ? DEMO_PROVIDER_EMAIL : (state.email ?? null),
      },
    ];
  });
}

/** The fields a prefill source fills (scalar fields; the demo forms prefill no columns). */
const prefilled = (definition: FormDefinition, source: 'previousPeriod' | 'networkCapacity') =>
  new Set(
    definition.sections.flatMap((s) =>
      s.fields.filter((f) => f.prefill === source).map((f) => f.code),
    ),
  );

/** The section of each field (a table cell's field is `table.column`). */
const sectionOf = (definition: FormDefinition) =>
  new Map(definition.sections.flatMap((s, i) => s.fields.map((f) => [f.code, i] as const)));

/** A value the reviewer will question: what the correction later puts right, undone. */
function flawed(value: DemoValue['value'], factor: number): DemoValue['value'] {
  if (typeof value !== 'number') return value;
  const wrong = value / factor;
  return Number.isInteger(value) ? Math.round(wrong) : Math.round(wrong * 100) / 100;
}

/** n moments between from and to, in order (whole minutes). */
function moments(rng: Random, n: number, from: Date, to: Date): Date[] {
  const span = to.getTime() - from.getTime();
  return Array.from({ length: n }, () => rng.next())
    .sort((a, b) => a - b)
    .map((f) => new Date(Math.floor((from.getTime() + f * span) / 60_000) * 60_000));
}

interface CampaignContext {
  form: DemoForm;
  campaign: CampaignRow;
  closed: boolean;
  /** When respondents and reviewers worked on it. */
  window: { from: Date; to: Date };
  previous: ReadonlyMap<string, SubmissionStory>;
  reviewer: DemoActor;
}

/** One respondent's submission, from the campaign's opening to its state in the demo. */
function tell(ctx: CampaignContext, r: Respondent): SubmissionStory {
  const { form, campaign, closed, reviewer } = ctx;
  const code = r.row.respondentCode;
  const story = new SubmissionStory({
    ...r.row,
    id: demoUuid(`submission:${campaign.id}:${code}`),
    campaignId: campaign.id,
    createdAt: campaign.openedAt!,
  });
  const definition = form.definition;
  const fromLastYear = prefilled(definition, 'previousPeriod');
  const fromNetwork = prefilled(definition, 'networkCapacity');
  const previous = ctx.previous.get(code);
  const prefill: DemoValue[] = [
    ...(previous?.status === 'approved'
      ? previous
          .values()
          .filter((v) => fromLastYear.has(v.field))
          .map((v) => ({ field: v.field, row: v.row ?? '', value: v.value as DemoValue['value'] }))
      : []),
    ...(r.capacity !== undefined
      ? [...fromNetwork].map((field) => ({ field, row: '', value: r.capacity! }))
      : []),
  ];
  if (prefill.length) story.prefill(campaign.openedAt!, reviewer, prefill);

  const state = r.state(closed, campaign.year);
  if (state === 'not_started') return story;
  const corrected = state === 'resubmitted' || (closed && r.returnedLastYear);
  const returned = state === 'returned' || corrected;
  const steps = ['write', 'submit'];
  if (returned) steps.push('return');
  if (corrected) steps.push('correct', 'resubmit');
  if (state === 'approved') steps.push('approve');
  const rng = randomStream(`collection:story:${campaign.id}:${code}`);
  const times = moments(rng, state === 'draft' ? 1 : steps.length, ctx.window.from, ctx.window.to);
  const when = (step: string) => times[steps.indexOf(step)]!;
  const { actor, channel } = r.actor(closed);

  const complete = r.figures(campaign.year, when('write').toISOString().slice(0, 10));
  if (state === 'draft') {
    const sections = sectionOf(definition);
    // At least one section past the first, which prefill may have filled already.
    const upTo = rng.int(2, definition.sections.length - 1);
    story.write(
      when('write'),
      actor,
      channel,
      complete.filter((v) => sections.get(v.field.split('.')[0]!)! < upTo),
    );
    return story;
  }
  const first = rng.int(0, r.returns.length - 1);
  const questioned = returned
    ? [...r.returns.slice(first), ...r.returns.slice(0, first)].find((q) =>
        complete.some((v) => v.field === q.field && v.row === (q.row ?? '')),
      )
    : undefined;
  const isQuestioned = (v: DemoValue) =>
    questioned !== undefined && v.field === questioned.field && v.row === (questioned.row ?? '');
  story.write(
    when('write'),
    actor,
    channel,
    complete.map((v) =>
      isQuestioned(v) ? { ...v, value: flawed(v.value, questioned!.correction) } : v,
    ),
  );
  story.act('submit', when('submit'), actor, channel);
  if (questioned) {
    const event = story.act(
      'return',
      when('return'),
      reviewer,
      'web',
      'Vráceno k opravě, viz komentář u položky.',
    );
    story.comment(event, questioned.field, questioned.row ?? null, questioned.comment);
  }
  if (corrected) {
    story.write(when('correct'), actor, channel, complete.filter(isQuestioned));
    story.act('submit', when('resubmit'), actor, channel);
  }
  if (state === 'approved') story.act('approve', when('approve'), reviewer, 'web');
  return story;
}

/** The scheduled reminders of a past campaign: to each respondent not yet submitted then. */
function sentReminders(
  campaign: CampaignRow,
  respondents: readonly Respondent[],
  stories: readonly SubmissionStory[],
): ReminderRow[] {
  return campaign.reminderDaysBefore.flatMap((days) => {
    const sentAt = pragueTime(isoDay(Date.parse(campaign.deadline) - days * DAY), 8);
    return stories.flatMap((story, i): ReminderRow[] => {
      const email = respondents[i]!.email;
      const submitted = story.row.firstSubmittedAt;
      if (!email || (submitted && submitted < sentAt)) return [];
      return [
        {
          campaignId: campaign.id,
          submissionId: story.row.id,
          recipient: email,
          trigger: 'scheduled',
          sentAt,
        },
      ];
    });
  });
}

function formRows(now: Date, publishedAt: Date, regionStaff: DemoAccount) {
  const formList: FormRow[] = [];
  const versions: VersionRow[] = [];
  for (const form of DEMO_FORMS) {
    const id = demoUuid(`form:${form.code}`);
    const created = new Date(publishedAt.getTime() - 14 * DAY);
    formList.push({
      id,
      code: form.code,
      name: form.name,
      nameEn: form.nameEn,
      description: form.description,
      respondentKind: form.respondentKind,
      createdAt: created,
      updatedAt: created,
    });
    versions.push({
      id: demoUuid(`form-version:${form.code}:1`),
      formId: id,
      number: 1,
      status: 'published',
      definition: form.definition,
      publishedAt,
      publishedBy: regionStaff.id,
      publishedByName: regionStaff.name,
      createdAt: created,
      updatedAt: publishedAt,
      version: 2,
    });
  }
  // The service report's version 2 is being drafted: new clients asked for separately.
  const v2 = structuredClone(SERVICE_FORM.definition);
  const section = v2.sections.find((s) =>
    s.fields.some((f) => f.code === SERVICE_FORM_V2.afterField),
  )!;
  section.fields.splice(
    section.fields.findIndex((f) => f.code === SERVICE_FORM_V2.afterField) + 1,
    0,
    structuredClone(SERVICE_FORM_V2.field),
  );
  v2.rules.push(structuredClone(SERVICE_FORM_V2.rule));
  const drafted = new Date(now.getTime() - 3 * DAY);
  versions.push({
    id: demoUuid(`form-version:${SERVICE_FORM.code}:2`),
    formId: demoUuid(`form:${SERVICE_FORM.code}`),
    number: 2,
    status: 'draft',
    definition: v2,
    createdAt: drafted,
    updatedAt: drafted,
  });
  return { forms: formList, versions };
}

/**
 * The demo's data collection, computed without a database: both forms (version 1 published,
 * the service report's version 2 a draft), last year's closed campaigns with every submission
 * approved (a few after a return), and this year's open campaigns with a mix of states.
 */
export function planCollection(input: CollectionInputs): CollectionPlan {
  const { now, actors } = input;
  const dates = campaignDates(now);
  const openedClosed = at(dates.closed.opensOn, 8);
  const openedOpen = at(dates.open.opensOn, 8);
  const { forms: formList, versions } = formRows(
    now,
    new Date(openedClosed.getTime() - 5 * DAY),
    actors.regionStaff,
  );
  const reviewer = user(actors.regionStaff);
  const campaignRows: CampaignRow[] = [];
  const stories: SubmissionStory[] = [];
  const reminders: ReminderRow[] = [];

  for (const form of [MUNICIPALITY_FORM, SERVICE_FORM]) {
    let previous = new Map<string, SubmissionStory>();
    for (const closed of [true, false]) {
      const d = closed ? dates.closed : dates.open;
      const openedAt = closed ? openedClosed : openedOpen;
      const campaign: CampaignRow = {
        id: demoUuid(`campaign:${form.code}:${d.year}`),
        name: `${form.name} ${d.year}`,
        formId: demoUuid(`form:${form.code}`),
        formVersionId: demoUuid(`form-version:${form.code}:1`),
        periodKind: 'year',
        year: d.year,
        periodNumber: null,
        period: String(d.year),
        opensOn: d.opensOn,
        deadline: d.deadline,
        status: closed ? 'closed' : 'open',
        reminderDaysBefore: [14, 3],
        openedAt,
        closedAt: closed ? dates.closed.closedAt : null,
        createdBy: actors.regionStaff.id,
        createdAt: new Date(openedAt.getTime() - 2 * DAY),
        updatedAt: closed ? dates.closed.closedAt : openedAt,
        version: closed ? 3 : 2,
      };
      campaignRows.push(campaign);
      const ctx: CampaignContext = {
        form,
        campaign,
        closed,
        // Last year some came in after the deadline; this year's work runs up to an hour ago.
        window: {
          from: new Date(openedAt.getTime() + 2 * 3_600_000),
          to: closed
            ? new Date(Date.parse(d.deadline) + 10 * DAY)
            : new Date(now.getTime() - 3_600_000),
        },
        previous,
        reviewer,
      };
      const respondents =
        form.respondentKind === 'municipality'
          ? municipalityRespondents(input)
          : serviceRespondents(input, d.opensOn);
      const told = respondents.map((r) => tell(ctx, r));
      stories.push(...told);
      if (closed) reminders.push(...sentReminders(campaign, respondents, told));
      previous = new Map(told.map((s) => [s.row.respondentCode, s]));
    }
  }
  return { forms: formList, versions, campaigns: campaignRows, stories, reminders };
}
