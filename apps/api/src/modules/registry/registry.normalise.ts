import type { Codelist, RegistryIssueSeverity } from '@socplan/contracts';
import type { Address, ServiceForm } from '../../db/schema/index.ts';
import { isValidIco } from '../../lib/ico.ts';
import { nextDay } from '../../lib/validity.ts';
import {
  asArray,
  asObject,
  firstContact,
  integer,
  isoDate,
  refCode,
  refId,
  text,
  type RawObject,
} from './registry.read.ts';

/**
 * One registry item (a service registration) → the normalised provider, service and facility
 * records socplan stores, plus the issues met on the way. Pure: everything it needs to know
 * about socplan (codelists, territory, the region) comes in the context.
 *
 * Personal data never leaves this function: statutory bodies (`statutarniOrgany`) and facility
 * heads (`vedouci`) are not read at all, and only the fields listed here are copied.
 */

export interface ProviderData {
  icoValid: boolean;
  name: string;
  address: Address | null;
  email: string | null;
  phone: string | null;
  web: string | null;
}

export interface ServiceData {
  providerIco: string;
  identifier: string | null;
  typeCode: string;
  name: string;
  status: 'active' | 'ended';
  /** The registration's period, half-open like every validity: registeredTo is its last day + 1. */
  registeredFrom: string | null;
  registeredTo: string | null;
  forms: ServiceForm[];
  targetGroups: string[];
  ageGroups: string[];
  /** Only when the registry gives a territorial scope socplan can place; else left as stored. */
  territoryUnitIds?: string[];
  email: string | null;
  phone: string | null;
  web: string | null;
}

export interface FacilityData {
  name: string;
  address: Address | null;
  addressPointCode: number | null;
  municipalityCode: string | null;
  secretAddress: boolean;
  /** Half-open validity: validFrom <= day < validTo (the registry's last day + 1). */
  validFrom: string | null;
  validTo: string | null;
}

export interface StagedRecord<D, E = Record<string, unknown>> {
  key: string;
  data: D;
  extra: E;
}

export interface ServiceExtra {
  portalId: number;
  providerName: string;
  /** When an ended registration's end takes effect (its registeredTo). */
  endsOn?: string;
  [key: string]: unknown;
}

export interface FacilityExtra {
  portalId: number;
  [key: string]: unknown;
}

export interface IssueInput {
  severity: RegistryIssueSeverity;
  itemIndex: number | null;
  identifier: string | null;
  reason: string;
}

/** Which registrations belong to the region: facility addresses in its kraj or municipalities. */
export interface RegionFilter {
  /** RÚIAN code of the region (VÚSC), e.g. '78': addresses carry `Kraj/78`. */
  ruianCode: string | null;
  municipalityCodes: ReadonlySet<string>;
}

export interface NormaliseContext {
  /** Registrations that ended before this day are `ended`. */
  effectiveDate: string;
  /** Registry id → codelist code (undefined: the codelist does not know the id). */
  code(codelist: Codelist, registryId: string): string | undefined;
  /** Name of a code (for a service without any facility name). */
  codeName(codelist: Codelist, code: string): string | undefined;
  /** null: keep every registration (a ministry-wide deployment). */
  region: RegionFilter | null;
  /** `Kraj/78`, `Orp/817` (RÚIAN) or `Orp/5105` (ČSÚ), `Obec/563889` → territorial unit id. */
  unitIdOf(ref: string): string | undefined;
}

export type NormaliseResult =
  | {
      outcome: 'kept';
      provider: StagedRecord<ProviderData>;
      service: StagedRecord<ServiceData, ServiceExtra>;
      facilities: StagedRecord<FacilityData, FacilityExtra>[];
      issues: IssueInput[];
    }
  | { outcome: 'outside' }
  | { outcome: 'skipped'; issues: IssueInput[] };

/** Names are kept to 300 characters and other text to 500, as the network's API takes them. */
const clip = (value: string | null, max = 300): string | null =>
  value && value.length > max ? value.slice(0, max).trimEnd() : value;

/** An address as socplan keeps it; the municipality by its code (`Obec/<code>`). */
export function normaliseAddress(raw: unknown): Address | null {
  const a = asObject(raw);
  if (!a) return null;
  const house = integer(a.cisloDomovni) ?? text(a.cisloDomovni);
  const evidence = refId(a.typCislaDomovniho) === 'TypStavebnihoObjektu/2';
  return {
    street: clip(text(asObject(a.ulice)?.nazev) ?? text(a.ulice), 200),
    houseNumber: house === null ? null : evidence ? `č. ev. ${house}` : String(house),
    orientationNumber: text(a.cisloOrientacni),
    postcode: text(a.psc)?.replace(/\s/g, '') ?? null,
    municipalityCode: refCode(refId(a.obec), 'Obec'),
    addressPointCode: positive(integer(a.kodAdresnihoMista)),
  };
}

const positive = (n: number | null) => (n !== null && n > 0 ? n : null);

/** IČO as text with its leading zeros (a number or a shortened string gets them back). */
export function normaliseIco(raw: unknown): string | null {
  let ico: string | null;
  if (typeof raw === 'number') ico = Number.isSafeInteger(raw) && raw >= 0 ? String(raw) : null;
  else ico = text(raw)?.replace(/\s/g, '') ?? null;
  if (!ico || ico.length > 20) return null;
  return /^\d{1,7}$/.test(ico) ? ico.padStart(8, '0') : ico;
}

/** Is this address in the region (its kraj, or a municipality of the region)? */
function inRegion(address: RawObject | null, region: RegionFilter): boolean {
  if (!address) return false;
  if (region.ruianCode && refCode(refId(address.kraj), 'Kraj') === region.ruianCode) return true;
  const municipality = refCode(refId(address.obec), 'Obec');
  return municipality !== null && region.municipalityCodes.has(municipality);
}

/**
 * §10.7: a registration belongs to the region when one of its facilities has an address there.
 * A registration none of whose facilities has an address (secret shelters) is placed by its
 * territorial scope, its contact addresses, then its provider's seat.
 */
export function registrationInRegion(item: RawObject, region: RegionFilter): boolean {
  const addresses = asArray(item.zarizeni).map((f) => asObject(asObject(f)?.adresa));
  if (addresses.some((a) => inRegion(a, region))) return true;
  if (addresses.some((a) => a !== null)) return false;
  const scope = asArray(item.rozsirenePusobnostiVKraji).some(
    (s) =>
      region.ruianCode !== null && refCode(refId(asObject(s)?.kraj), 'Kraj') === region.ruianCode,
  );
  if (scope) return true;
  if (asArray(item.kontaktniAdresy).some((c) => inRegion(asObject(asObject(c)?.adresa), region)))
    return true;
  return inRegion(asObject(asObject(item.poskytovatel)?.adresa), region);
}

/** Normalises one item (`index`: its position in `polozky`). */
export function normaliseItem(raw: unknown, index: number, ctx: NormaliseContext): NormaliseResult {
  const item = asObject(raw);
  const issues: IssueInput[] = [];
  const portalId = integer(item?.portalId);
  const identifier = text(item?.identifikator);
  const who = identifier ?? (portalId !== null ? `portalId ${portalId}` : null);
  const issue = (severity: RegistryIssueSeverity, reason: string) =>
    issues.push({ severity, itemIndex: index, identifier: who, reason });
  const skip = (reason: string): NormaliseResult => {
    issue('error', reason);
    return { outcome: 'skipped', issues };
  };

  if (!item) return skip('the item is not an object');
  if (ctx.region && !registrationInRegion(item, ctx.region)) return { outcome: 'outside' };
  if (portalId === null) return skip('the registration has no portalId; skipped');

  // --- provider ---
  const rawProvider = asObject(item.poskytovatel);
  const ico = normaliseIco(rawProvider?.ico);
  if (!ico) return skip('the provider has no IČO; skipped');
  if (!/^\d{8}$/.test(ico)) return skip(`the provider’s IČO "${ico}" is not 8 digits; skipped`);
  const icoValid = isValidIco(ico);
  if (!icoValid)
    issue('warning', `the provider’s IČO ${ico} is not valid (check digit); kept and flagged`);
  let providerName = clip(text(rawProvider?.nazev));
  if (!providerName) {
    issue('warning', `the provider ${ico} has no name; its IČO is used`);
    providerName = ico;
  }
  const provider: StagedRecord<ProviderData> = {
    key: ico,
    data: {
      icoValid,
      name: providerName,
      address: normaliseAddress(rawProvider?.adresa),
      email: firstContact(rawProvider?.emaily, 'email'),
      phone: firstContact(rawProvider?.telefony, 'telefon'),
      web: firstContact(rawProvider?.weby, 'web'),
    },
    extra: {},
  };

  // --- service ---
  if (identifier === null) issue('warning', 'the registration has no identifier (identifikator)');
  else if (!/^\d{7}$/.test(identifier))
    issue('warning', `the identifier "${identifier}" is not 7 digits; kept as given`);

  const typeRaw = refId(item.druhSocialniSluzby);
  if (!typeRaw) return skip('the registration has no service type (druhSocialniSluzby); skipped');
  const typeCode = mapped(ctx, 'service_type', typeRaw, 'service type', issue);

  const date = (value: unknown, what: string): string | null => {
    const day = isoDate(value);
    if (day === undefined) {
      issue('warning', `${what} "${String(value)}" is not a date YYYY-MM-DD; ignored`);
      return null;
    }
    return day;
  };
  const registeredFrom = date(item.datumPoskytovaniOd, 'datumPoskytovaniOd');
  const lastDay = date(item.datumPoskytovaniDo, 'datumPoskytovaniDo');
  let registeredTo = lastDay ? nextDay(lastDay) : null;
  if (registeredFrom && registeredTo && registeredTo <= registeredFrom) {
    issue('warning', `the registration ends (${lastDay}) before it starts; the end is ignored`);
    registeredTo = null;
  }
  // §10.1: an ended registration stays in the file; it is ended from the day after its last day.
  const ended = registeredTo !== null && registeredTo <= ctx.effectiveDate;

  // The registry has no service name (§2): the first facility's, else type and provider.
  const name =
    asArray(item.zarizeni)
      .map((f) => clip(text(asObject(f)?.nazev)))
      .find((n) => n !== null) ??
    `${ctx.codeName('service_type', typeCode) ?? typeCode} – ${providerName}`;
  const facilities = normaliseFacilities(item, portalId, name, registeredTo, issue);
  if (facilities.length === 0) issue('warning', 'the registration has no facility (zarizeni)');
  const territoryUnitIds = territory(item, ctx, issue);

  const service: StagedRecord<ServiceData, ServiceExtra> = {
    key: String(portalId),
    data: {
      providerIco: ico,
      identifier,
      typeCode,
      name,
      status: ended ? 'ended' : 'active',
      registeredFrom,
      registeredTo,
      forms: forms(item, ctx, issue),
      targetGroups: codes(item.ciloveSkupiny, 'cilovaSkupina', 'target_group', ctx, issue),
      ageGroups: codes(item.vekoveSkupiny, 'vekovaSkupina', 'age_group', ctx, issue),
      ...(territoryUnitIds ? { territoryUnitIds } : {}),
      email: firstContact(item.emaily, 'email'),
      phone: firstContact(item.telefony, 'telefon'),
      web: firstContact(item.weby, 'web'),
    },
    extra: {
      portalId,
      providerName,
      ...(ended && registeredTo ? { endsOn: registeredTo } : {}),
    },
  };
  return { outcome: 'kept', provider, service, facilities, issues };
}

type Report = (severity: RegistryIssueSeverity, reason: string) => void;

/** The codelist code of a registry id; an unknown id is kept raw and reported (§10.6). */
function mapped(
  ctx: NormaliseContext,
  codelist: Codelist,
  registryId: string,
  what: string,
  issue: Report,
): string {
  const code = ctx.code(codelist, registryId);
  if (code !== undefined) return code;
  issue('warning', `unknown ${what} ${registryId}; kept as the raw registry id`);
  return registryId;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Forms with their capacities per unit, sorted, a repeated form merged (§5). */
function forms(item: RawObject, ctx: NormaliseContext, issue: Report): ServiceForm[] {
  const byForm = new Map<string, Map<string, number>>();
  for (const rawForm of asArray(item.formy)) {
    const f = asObject(rawForm);
    const formRaw = refId(f?.forma);
    if (!f || !formRaw) {
      issue('warning', 'a form without its type (forma) was ignored');
      continue;
    }
    const form = mapped(ctx, 'form', formRaw, 'form', issue);
    const capacities = byForm.get(form) ?? new Map<string, number>();
    byForm.set(form, capacities);
    for (const rawCapacity of asArray(f.kapacity)) {
      const k = asObject(rawCapacity);
      const unitRaw = refId(k?.typ);
      const count = integer(k?.pocet);
      if (!unitRaw || count === null || count < 0) {
        issue(
          'warning',
          `a capacity of form ${formRaw} without a unit or a whole count was ignored`,
        );
        continue;
      }
      const unit = mapped(ctx, 'capacity_unit', unitRaw, 'capacity unit', issue);
      const previous = capacities.get(unit);
      if (previous !== undefined && previous !== count)
        issue('warning', `form ${formRaw} gives ${unitRaw} twice; the larger count is kept`);
      capacities.set(unit, Math.max(previous ?? 0, count));
    }
  }
  return [...byForm.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([form, capacities]) => ({
      form,
      capacities: [...capacities.entries()]
        .sort(([a], [b]) => byText(a, b))
        .map(([unit, count]) => ({ unit, count })),
    }));
}

/** Target or age groups: `[{cilovaSkupina: {id}}]` (a bare ref is accepted too), sorted codes. */
function codes(
  list: unknown,
  key: string,
  codelist: Codelist,
  ctx: NormaliseContext,
  issue: Report,
): string[] {
  const out = new Set<string>();
  for (const entry of asArray(list)) {
    const registryId = refId(asObject(entry)?.[key]) ?? refId(entry);
    if (registryId) out.add(mapped(ctx, codelist, registryId, codelist.replace('_', ' '), issue));
  }
  return [...out].sort(byText);
}

/**
 * Territory served from `rozsirenePusobnostiVKraji` (§6, shape assumed): an ORP, a municipality
 * or, with `orp: null`, the whole kraj. Undefined when nothing given could be placed.
 */
function territory(item: RawObject, ctx: NormaliseContext, issue: Report): string[] | undefined {
  const ids = new Set<string>();
  for (const entry of asArray(item.rozsirenePusobnostiVKraji)) {
    const e = asObject(entry);
    const ref = refId(e?.orp) ?? refId(e?.obec) ?? refId(e?.kraj) ?? refId(entry);
    if (!ref) continue;
    const id = ctx.unitIdOf(ref);
    if (id) ids.add(id);
    else issue('warning', `territorial scope ${ref} matches no territorial unit; not recorded`);
  }
  return ids.size ? [...ids].sort(byText) : undefined;
}

/**
 * Facilities (§3, §10.1–10.3): names cleaned, secret addresses dropped, ends taken from both the
 * facility and its registration, and repeats within the registration merged by (name, address
 * point, dates). The key matches a stored facility: portalId | name | address point | from.
 */
function normaliseFacilities(
  item: RawObject,
  portalId: number,
  serviceName: string,
  registrationEnd: string | null,
  issue: Report,
): StagedRecord<FacilityData, FacilityExtra>[] {
  const out: StagedRecord<FacilityData, FacilityExtra>[] = [];
  const seen = new Set<string>();
  for (const [n, rawFacility] of asArray(item.zarizeni).entries()) {
    const f = asObject(rawFacility);
    if (!f) {
      issue('warning', `facility ${n + 1} is not an object; ignored`);
      continue;
    }
    const name = clip(text(f.nazev));
    const secret = f.utajenaAdresa === true;
    const address = secret ? null : normaliseAddress(f.adresa);
    const label = name ?? `facility ${n + 1}`;
    if (!secret && !address) issue('warning', `facility "${label}" has no address`);
    else if (address && address.addressPointCode === null)
      issue('warning', `facility "${label}" has no address point code (kodAdresnihoMista)`);
    if (address && address.municipalityCode === null)
      issue('warning', `facility "${label}" has no municipality (obec) in its address`);
    const from = isoDate(f.poskytujeOd);
    const to = isoDate(f.poskytujeDo);
    if (from === undefined || to === undefined)
      issue('warning', `facility "${label}" has a date that is not YYYY-MM-DD; ignored`);
    else if (from && to && to < from)
      issue('warning', `facility "${label}" ends (${to}) before it starts (${from})`);
    const ownEnd = to ? nextDay(to) : null;
    const validTo =
      ownEnd && registrationEnd
        ? ownEnd < registrationEnd
          ? ownEnd
          : registrationEnd
        : (ownEnd ?? registrationEnd);
    const data: FacilityData = {
      name: name ?? serviceName,
      address,
      addressPointCode: address?.addressPointCode ?? null,
      municipalityCode: address?.municipalityCode ?? null,
      secretAddress: secret,
      validFrom: from ?? null,
      validTo,
    };
    const identity = [
      data.name,
      data.addressPointCode ?? '',
      data.validFrom ?? '',
      data.validTo ?? '',
    ];
    const dedupe = identity.join('|');
    if (seen.has(dedupe)) {
      issue('warning', `facility "${label}" is repeated in the registration; merged`);
      continue;
    }
    seen.add(dedupe);
    out.push({ key: facilityBaseKey(portalId, data), data, extra: { portalId } });
  }
  return disambiguate(out);
}

/** The part of a facility's key a stored facility is matched by (see registry.diff.ts). */
export function facilityBaseKey(portalId: number, f: FacilityData): string {
  return `${portalId}|${f.name}|${f.addressPointCode ?? ''}|${f.validFrom ?? ''}`;
}

/**
 * Facilities sharing a base key (same place and start, different end) get `#2`, `#3` … in the
 * order of their end (open last): the stored side numbers them the same way.
 */
function disambiguate(
  facilities: StagedRecord<FacilityData, FacilityExtra>[],
): StagedRecord<FacilityData, FacilityExtra>[] {
  const groups = new Map<string, StagedRecord<FacilityData, FacilityExtra>[]>();
  for (const f of facilities) groups.set(f.key, [...(groups.get(f.key) ?? []), f]);
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => byText(a.data.validTo ?? '\uffff', b.data.validTo ?? '\uffff'));
    group.forEach((f, i) => {
      if (i > 0) f.key = `${f.key}#${i + 1}`;
    });
  }
  return facilities;
}
