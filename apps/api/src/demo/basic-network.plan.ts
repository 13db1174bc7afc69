import type { NetworkEntrySnapshot } from '@socplan/contracts';
import type {
  Entrustment,
  IncludedCapacity,
  networkDecisions,
  networkEntries,
  networkEntryEvents,
  networkPeriods,
} from '../db/schema/index.ts';
import { isValidOn } from '../lib/validity.ts';
import type { PlannedService, StateRow } from './network.plan.ts';
import { demoUuid, randomStream, type Random } from './random.ts';

type PeriodRow = typeof networkPeriods.$inferInsert & { id: string };
type DecisionRow = typeof networkDecisions.$inferInsert & { id: string };
type EntryRow = typeof networkEntries.$inferInsert & { id: string };
type EventRow = typeof networkEntryEvents.$inferInsert;

/** Who did what in the demo's workflow (an account, or a provider without one). */
export interface Actor {
  id: string | null;
  name: string;
}

export interface BasicNetworkActors {
  /** Region staff who assess and decide. */
  regionStaff: Actor;
  /** Accounts of providers by provider key (others request under the provider's name). */
  providerAccounts: ReadonlyMap<string, Actor>;
}

export interface BasicNetworkPlan {
  period: PeriodRow;
  decisions: DecisionRow[];
  entries: EntryRow[];
  events: EventRow[];
}

const PERIOD = { name: 'Základní síť 2024–2026', yearFrom: 2024, yearTo: 2026 };
const BODY = 'Zastupitelstvo Libereckého kraje';
const START = '2024-01-01';
const END = '2026-12-31';
const CHANGED_FROM = '2025-07-01';

/** The basic network 2024–2026 of the demo services: who asked, what was decided, when. */
export function planBasicNetwork(
  services: readonly PlannedService[],
  actors: BasicNetworkActors,
): BasicNetworkPlan {
  const period: PeriodRow = { id: demoUuid('period:2024-2026'), ...PERIOD };
  const setUp: DecisionRow = {
    id: demoUuid('decision:587/23/ZK'),
    periodId: period.id,
    resolutionNumber: '587/23/ZK',
    decidedOn: '2023-12-19',
    body: BODY,
    note: 'Schválení základní sítě sociálních služeb kraje na období 2024–2026.',
  };
  const update: DecisionRow = {
    id: demoUuid('decision:214/25/ZK'),
    periodId: period.id,
    resolutionNumber: '214/25/ZK',
    decidedOn: '2025-04-29',
    body: BODY,
    note: 'Aktualizace základní sítě: změny kapacit od 1. 7. 2025.',
  };

  const entries: EntryRow[] = [];
  const events: EventRow[] = [];
  let entrusted = 0;
  for (const service of services) {
    const plan = service.spec.entry ?? 'approved';
    if (plan === 'none') continue;
    const rng = randomStream(`entry:${service.spec.name}`);
    const id = demoUuid(`entry:${service.spec.name}`);
    const requester = actors.providerAccounts.get(service.provider.key) ?? {
      id: null,
      name: service.provider.name,
    };
    const staff = actors.regionStaff;
    const level = service.spec.level ?? 'basic';
    const initial = stateOn(service.states, START);
    let entry: Omit<NetworkEntrySnapshot, 'status'> = {
      level,
      capacities: included(initial),
      fte: Number(initial.fteDirect),
      entrustment: null,
      decisionId: null,
    };
    const history: EventRow[] = [];
    const step = (
      at: Date,
      who: Actor,
      from: string | null,
      to: NetworkEntrySnapshot['status'],
      reason: string | null = null,
    ) =>
      history.push({
        entryId: id,
        at,
        principalId: who.id,
        principalName: who.name,
        fromStatus: from,
        toStatus: to,
        reason,
        snapshot: { status: to, ...entry },
      });

    if (plan === 'requested' || plan === 'assessed') {
      step(dayIn(rng, plan === 'requested' ? '2026-10' : '2026-04'), requester, null, 'requested');
      if (plan === 'assessed') step(dayIn(rng, '2026-06'), staff, 'requested', 'assessed');
    } else {
      step(dayIn(rng, '2023-09'), requester, null, 'requested');
      step(dayIn(rng, '2023-10'), staff, 'requested', 'assessed');
      if (plan === 'rejected') {
        entry = { ...entry, decisionId: setUp.id };
        step(
          at(setUp.decidedOn, 10, rng),
          staff,
          'assessed',
          'rejected',
          'Služba není v souladu se střednědobým plánem: potřebnou kapacitu v ORP Liberec pokrývají služby již zařazené do sítě.',
        );
      } else {
        entrusted += 1;
        const number = `POV/2024/${String(entrusted).padStart(3, '0')}`;
        entry = {
          ...entry,
          decisionId: setUp.id,
          entrustment: { number, validFrom: START, validTo: END, capacities: entry.capacities },
        };
        step(at(setUp.decidedOn, 10, rng), staff, 'assessed', 'approved');
        if (plan === 'changed') {
          const later = stateOn(service.states, CHANGED_FROM);
          const capacities = included(later);
          entry = {
            ...entry,
            capacities,
            fte: Number(later.fteDirect),
            entrustment: { number, validFrom: START, validTo: END, capacities },
            decisionId: update.id,
          };
          step(
            at(update.decidedOn, 11, rng),
            staff,
            'approved',
            'changed',
            `Navýšení kapacity od 1. 7. 2025 (usnesení ${update.resolutionNumber}).`,
          );
        }
        if (service.spec.history === 'ended')
          step(
            dayIn(rng, '2025-12'),
            staff,
            'approved',
            'removed',
            'Poskytovatel ukončil poskytování služby k 31. 12. 2025.',
          );
      }
    }

    const last = history.at(-1)!;
    entries.push({
      id,
      periodId: period.id,
      serviceId: service.id,
      level,
      status: last.toStatus,
      capacities: entry.capacities,
      fte: fteColumn(entry.fte),
      entrustment: entry.entrustment as Entrustment | null,
      decisionId: entry.decisionId,
      createdAt: history[0]!.at,
      updatedAt: last.at,
      version: history.length,
    });
    events.push(...history);
  }
  return { period, decisions: [setUp, update], entries, events };
}

/** The state valid on `day`, or the first one (a service registered later). */
function stateOn(states: readonly StateRow[], day: string): StateRow {
  return (
    states.find((s) => isValidOn({ validFrom: s.validFrom, validTo: s.validTo ?? null }, day)) ??
    states[0]!
  );
}

/** The capacity an entry includes: all the service's capacity in that state. */
const included = (state: StateRow): IncludedCapacity[] =>
  (state.forms ?? []).flatMap((f) =>
    f.capacities.map((c) => ({ form: f.form, unit: c.unit, count: c.count })),
  );

const fteColumn = (fte: number | null) => (fte === null ? null : fte.toFixed(2));

/** A weekday-ish moment in a month ("2023-09") in office hours, Prague time. */
function dayIn(rng: Random, month: string): Date {
  return at(`${month}-${String(rng.int(2, 27)).padStart(2, '0')}`, rng.int(8, 15), rng);
}

function at(day: string, hour: number, rng: Random): Date {
  const minute = String(rng.int(0, 59)).padStart(2, '0');
  // Summer time from April to October (close enough for demo timestamps).
  const month = Number(day.slice(5, 7));
  const offset = month >= 4 && month <= 10 ? '+02:00' : '+01:00';
  return new Date(`${day}T${String(hour).padStart(2, '0')}:${minute}:00${offset}`);
}
