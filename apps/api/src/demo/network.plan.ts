import type {
  facilities,
  providers,
  serviceStates,
  services,
  ServiceForm,
} from '../db/schema/index.ts';
import type { DemoPlaces } from './demo-places.ts';
import { placeOf } from './demo-places.ts';
import {
  demoAddress,
  demoIco,
  demoIdentifier,
  firstOfMonth,
  fteText,
  nearTown,
  normalizeForms,
  scaleForms,
  sortedUnique,
} from './demo-values.ts';
import { DEMO_PROVIDERS, type DemoProvider } from './providers.data.ts';
import { demoUuid, randomStream, type Random } from './random.ts';
import { TYPE_PROFILES, type FormCode } from './service-types.data.ts';
import { DEMO_SERVICES, type DemoService, type HistoryKind } from './services.data.ts';

type ProviderRow = typeof providers.$inferInsert & { id: string };
type ServiceRow = typeof services.$inferInsert & { id: string };
export type StateRow = typeof serviceStates.$inferInsert & { id: string };
type FacilityRow = typeof facilities.$inferInsert;

/** One planned service: its rows and what the basic network needs to know of it. */
export interface PlannedService {
  id: string;
  spec: DemoService;
  provider: DemoProvider;
  row: ServiceRow;
  /** Its states, oldest first (valid_from ascending, the last open-ended). */
  states: StateRow[];
}

export interface NetworkPlan {
  providers: ProviderRow[];
  /** Provider id by catalogue key. */
  providerIds: ReadonlyMap<string, string>;
  services: PlannedService[];
  facilities: FacilityRow[];
}

/** The changes a history makes, with the day they take effect and what the registry noted. */
const CHANGE_DAYS: Record<HistoryKind, string> = {
  'capacity-up': '2024-07-01',
  'capacity-up-2025': '2025-07-01',
  'capacity-down': '2025-01-01',
  'fte-up': '2025-01-01',
  suspended: '2025-02-01',
  ended: '2026-01-01',
  territory: '2025-01-01',
  'form-added': '2024-01-01',
};
const RESUMED_ON = '2025-06-01';
const ENDED_REGISTRATION = '2025-12-31';

/** The state fields a history varies; the rest are the service's own. */
interface Variable {
  status: string;
  registeredTo: string | null;
  forms: ServiceForm[];
  territoryUnitIds: string[];
  fteDirect: number; // hundredths
  changeNote: string | null;
}

/** The demo network as rows, computed without a database from the catalogue and the places. */
export function planNetwork(places: DemoPlaces): NetworkPlan {
  const icos = new Set<string>();
  const providerRows: ProviderRow[] = DEMO_PROVIDERS.map((p) => {
    const rng = randomStream(`provider:${p.key}`);
    return {
      id: demoUuid(`provider:${p.key}`),
      ico: demoIco(rng, icos),
      icoValid: true,
      name: p.name,
      legalForm: p.legalForm,
      address: demoAddress(rng, placeOf(places, p.orp)),
      email: `info@${p.domain}.test`,
      phone: null,
      web: `https://www.${p.domain}.test`,
    };
  });
  const providerIds = new Map(DEMO_PROVIDERS.map((p, i) => [p.key, providerRows[i]!.id]));
  const providerByKey = new Map(DEMO_PROVIDERS.map((p) => [p.key, p]));

  const identifiers = new Set<string>();
  const facilityRows: FacilityRow[] = [];
  const planned = DEMO_SERVICES.map((spec): PlannedService => {
    const provider = providerByKey.get(spec.provider);
    if (!provider)
      throw new Error(`Demo service "${spec.name}" names no provider ${spec.provider}.`);
    const rng = randomStream(`service:${spec.name}`);
    const id = demoUuid(`service:${spec.name}`);
    const row: ServiceRow = {
      id,
      providerId: providerIds.get(spec.provider)!,
      registryIdentifier: demoIdentifier(rng, identifiers),
    };
    const states = planStates(spec, provider, id, rng, places);
    facilityRows.push(...planFacilities(spec, id, states[0]!.registeredFrom!, rng, places));
    return { id, spec, provider, row, states };
  });
  return { providers: providerRows, providerIds, services: planned, facilities: facilityRows };
}

function territoryOf(spec: DemoService, places: DemoPlaces): string[] {
  const t = spec.territory;
  if (t === 'region') return [places.regionId];
  if (t && 'towns' in t) return t.towns.map((code) => placeOf(places, code).townId);
  if (t && 'orps' in t) return t.orps.map((code) => placeOf(places, code).orpId);
  return [placeOf(places, spec.orp).orpId];
}

function planStates(
  spec: DemoService,
  provider: DemoProvider,
  serviceId: string,
  rng: Random,
  places: DemoPlaces,
): StateRow[] {
  const profile = TYPE_PROFILES[spec.type];
  if (!profile) throw new Error(`No demo profile for service type ${spec.type}.`);
  // Where in the type's usual range the service sits (0 small … 1 large): capacity and staff
  // follow it together, so a big home-care service also has many carers.
  const size =
    spec.size === 'large'
      ? rng.between(0.7, 1)
      : spec.size === 'small'
        ? rng.between(0, 0.3)
        : rng.next();
  const within = (min: number, max: number) =>
    min + (max - min) * Math.min(1, Math.max(0, size + rng.between(-0.1, 0.1)));
  const forms = (spec.forms ?? profile.forms).map((form): ServiceForm => {
    const c = profile.capacity[form];
    if (!c) throw new Error(`Service type ${spec.type} has no demo capacity for form ${form}.`);
    return { form, capacities: [{ unit: c.unit, count: Math.round(within(c.min, c.max)) }] };
  });
  const beds = forms
    .filter((f) => f.form === 'pob')
    .reduce((sum, f) => sum + f.capacities[0]!.count, 0);
  const residentialOnly = forms.every((f) => f.form === 'pob');
  let fte = 0;
  if (beds && profile.ftePerBed) fte += beds * rng.between(...profile.ftePerBed);
  if (!residentialOnly && profile.fte) fte += within(...profile.fte);
  const fteDirect = Math.round(fte * 20) * 5; // hundredths, to 0.05 FTE
  const otherShare = residentialOnly ? rng.between(0.3, 0.45) : rng.between(0.15, 0.3);

  const registeredFrom =
    spec.registered ?? (rng.chance(0.3) ? '2007-01-01' : firstOfMonth(rng, 2007, 2019));
  const current: Variable = {
    status: 'active',
    registeredTo: null,
    forms: normalizeForms(forms),
    territoryUnitIds: sortedUnique(territoryOf(spec, places)),
    fteDirect,
    changeNote: null,
  };
  const versions = history(spec, current, registeredFrom, places);

  return versions.map((v, i) => ({
    id: demoUuid(`state:${spec.name}:${v.from}`),
    serviceId,
    validFrom: v.from,
    validTo: versions[i + 1]?.from ?? null,
    typeCode: spec.type,
    name: spec.name,
    status: v.status,
    registeredFrom,
    registeredTo: v.registeredTo,
    forms: v.forms,
    targetGroups: sortedUnique(spec.targetGroups ?? profile.targetGroups),
    ageGroups: sortedUnique(spec.ageGroups ?? profile.ageGroups),
    territoryUnitIds: v.territoryUnitIds,
    fteDirect: fteText(v.fteDirect),
    fteOther: fteText(Math.round((v.fteDirect * otherShare) / 5) * 5),
    email: `info@${provider.domain}.test`,
    phone: null,
    web: `https://www.${provider.domain}.test`,
    changeNote: v.changeNote,
  }));
}

/** The versions of a service's state, oldest first; `current` is what it is today. */
function history(
  spec: DemoService,
  current: Variable,
  registeredFrom: string,
  places: DemoPlaces,
): (Variable & { from: string })[] {
  const kind = spec.history;
  if (!kind) return [{ ...current, from: registeredFrom }];
  const day = CHANGE_DAYS[kind];
  const later = (note: string, v: Partial<Variable> = {}) => ({
    ...current,
    ...v,
    changeNote: note,
    from: day,
  });
  const first = (v: Partial<Variable>) => ({ ...current, ...v, from: registeredFrom });
  switch (kind) {
    case 'capacity-up':
    case 'capacity-up-2025':
      return [
        first({
          forms: scaleForms(current.forms, 0.8),
          fteDirect: Math.round((current.fteDirect * 0.85) / 5) * 5,
        }),
        later(`Navýšení kapacity od ${czechDay(day)}.`),
      ];
    case 'capacity-down':
      return [
        first({ forms: scaleForms(current.forms, 1.15) }),
        later(`Snížení kapacity od ${czechDay(day)} (transformace, přesun lůžek).`),
      ];
    case 'fte-up':
      return [
        first({ fteDirect: Math.round((current.fteDirect * 0.8) / 5) * 5 }),
        later('Navýšení úvazků v přímé péči.'),
      ];
    case 'suspended':
      return [
        first({}),
        later('Přerušení poskytování služby (rekonstrukce objektu).', { status: 'suspended' }),
        { ...current, changeNote: 'Obnovení poskytování služby.', from: RESUMED_ON },
      ];
    case 'ended':
      return [
        first({}),
        later(`Ukončení poskytování služby k ${czechDay(ENDED_REGISTRATION)}.`, {
          status: 'ended',
          registeredTo: ENDED_REGISTRATION,
        }),
      ];
    case 'territory':
      return [
        first({ territoryUnitIds: [placeOf(places, spec.orp).townId] }),
        later('Rozšíření působnosti na celé území ORP.'),
      ];
    case 'form-added':
      return [
        first({ forms: current.forms.filter((f) => f.form !== 'ter') }),
        later('Rozšíření o terénní formu.'),
      ];
  }
}

/** 2024-07-01 → "1. 7. 2024". */
const czechDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${d}. ${m}. ${y}`;
};

function planFacilities(
  spec: DemoService,
  serviceId: string,
  registeredFrom: string,
  rng: Random,
  places: DemoPlaces,
): FacilityRow[] {
  const validTo = spec.history === 'ended' ? CHANGE_DAYS.ended : null;
  if (spec.secret)
    // A shelter's address never leaves region staff; the demo does not even invent one.
    return [
      {
        id: demoUuid(`facility:${spec.name}`),
        serviceId,
        name: spec.name,
        address: null,
        addressPointCode: null,
        municipalityCode: null,
        lat: null,
        lon: null,
        secretAddress: true,
        validFrom: registeredFrom,
        validTo,
      },
    ];
  return [spec.orp, ...(spec.branches ?? [])].map((orp, i) => {
    const place = placeOf(places, orp);
    return {
      id: demoUuid(`facility:${spec.name}:${orp}`),
      serviceId,
      name: i === 0 ? spec.name : `${spec.name}, pracoviště ${place.townName}`,
      address: demoAddress(rng, place),
      addressPointCode: null,
      municipalityCode: place.townCode,
      ...nearTown(rng, place),
      secretAddress: false,
      validFrom: registeredFrom,
      validTo,
    };
  });
}

/** The (type, form) pairs the demo's services use in any state. */
export function typeForms(plan: NetworkPlan): { typeCode: string; formCode: FormCode }[] {
  const seen = new Map<string, { typeCode: string; formCode: FormCode }>();
  for (const s of plan.services)
    for (const state of s.states)
      for (const f of state.forms ?? [])
        seen.set(`${state.typeCode}|${f.form}`, {
          typeCode: state.typeCode,
          formCode: f.form as FormCode,
        });
  return [...seen.values()];
}
