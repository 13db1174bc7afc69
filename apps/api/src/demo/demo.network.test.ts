import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codelistItems,
  facilities,
  providers,
  serviceStates,
  services,
  territorialUnits,
} from '../db/schema/index.ts';
import { isValidIco } from '../lib/ico.ts';
import type { TestContext } from '../test/test-app.ts';
import { loadDemoPlaces } from './demo-places.ts';
import { createDemoApp } from './demo.test-support.ts';
import { planNetwork } from './network.plan.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createDemoApp();
});
afterAll(() => ctx.close());

const db = () => ctx.app.db;
const currentStates = async () =>
  (await db().select().from(serviceStates)).filter((s) => s.validTo === null);

describe('the demo network', () => {
  it('has about 100 services of at least 20 types, the usual ones most often', async () => {
    const states = await currentStates();
    expect(states.length).toBeGreaterThanOrEqual(90);
    expect(states.length).toBeLessThanOrEqual(110);
    const byType = new Map<string, number>();
    for (const s of states) byType.set(s.typeCode, (byType.get(s.typeCode) ?? 0) + 1);
    expect(byType.size).toBeGreaterThanOrEqual(20);
    // Home care, counselling, homes for the elderly, activation and outreach lead the list.
    for (const type of ['40', '37', '49', '65', '66', '69'])
      expect(byType.get(type), `services of §${type}`).toBeGreaterThanOrEqual(5);
    expect(byType.get('57')).toBeGreaterThanOrEqual(2);
    expect(byType.get('60a')).toBeGreaterThanOrEqual(1);
    // Every service has one open-ended (current) state.
    expect(new Set(states.map((s) => s.serviceId)).size).toBe(states.length);
    expect(await db().$count(services)).toBe(states.length);
  });

  it('places services in all 10 ORPs, more where more people live', async () => {
    const units = await db().select().from(territorialUnits);
    const orpOfTown = new Map(
      units
        .filter((u) => u.kind === 'municipality')
        .map((m) => [m.code, units.find((u) => u.id === m.parentId)!]),
    );
    const perOrp = new Map<string, Set<string>>();
    for (const f of await db().select().from(facilities)) {
      if (!f.municipalityCode) continue;
      const orp = orpOfTown.get(f.municipalityCode);
      expect(orp, `facility ${f.name} is in a demo municipality`).toBeDefined();
      perOrp.set(orp!.code, (perOrp.get(orp!.code) ?? new Set()).add(f.serviceId));
    }
    expect([...perOrp.keys()].sort()).toEqual(
      units
        .filter((u) => u.kind === 'orp')
        .map((u) => u.code)
        .sort(),
    );
    const count = (code: string) => perOrp.get(code)!.size;
    expect(count('5105')).toBeGreaterThan(count('5101')); // Liberec > Česká Lípa
    expect(count('5101')).toBeGreaterThan(count('5110')); // Česká Lípa > Železný Brod
  });

  it('uses only forms, units, target and age groups of the codelists, and forms the type allows', async () => {
    const items = await db().select().from(codelistItems);
    const codes = (list: string) =>
      new Set(items.filter((i) => i.codelist === list).map((i) => i.code));
    const types = new Map(
      items
        .filter((i) => i.codelist === 'service_type')
        .map((i) => [i.code, (i.attributes as { forms: string[] }).forms]),
    );
    const [forms, units, targetGroups, ageGroups] = [
      'form',
      'capacity_unit',
      'target_group',
      'age_group',
    ].map(codes);
    const states = await db().select().from(serviceStates);
    for (const s of states) {
      const allowed = types.get(s.typeCode);
      expect(allowed, `type ${s.typeCode}`).toBeDefined();
      expect(s.forms.length, s.name).toBeGreaterThan(0);
      for (const f of s.forms) {
        expect(forms!.has(f.form)).toBe(true);
        expect(allowed, `${s.name}: form ${f.form}`).toContain(f.form);
        for (const c of f.capacities) {
          expect(units!.has(c.unit), `${s.name}: unit ${c.unit}`).toBe(true);
          expect(c.count).toBeGreaterThan(0);
          // Residential capacity is counted in beds, field and outpatient never in beds.
          expect(c.unit === 'luzka', `${s.name}: ${f.form} in ${c.unit}`).toBe(f.form === 'pob');
        }
      }
      for (const g of s.targetGroups) expect(targetGroups!.has(g), `target group ${g}`).toBe(true);
      for (const g of s.ageGroups) expect(ageGroups!.has(g), `age group ${g}`).toBe(true);
      expect(s.territoryUnitIds.length).toBeGreaterThan(0);
      expect(Number(s.fteDirect)).toBeGreaterThan(0);
      expect(Number(s.fteOther)).toBeGreaterThan(0);
    }
  });

  it('has about 40 clearly fictional providers with valid IČOs and .test contacts', async () => {
    const rows = await db().select().from(providers);
    expect(rows.length).toBeGreaterThanOrEqual(35);
    expect(rows.length).toBeLessThanOrEqual(45);
    for (const p of rows) {
      expect(isValidIco(p.ico), `${p.name} ${p.ico}`).toBe(true);
      expect(p.icoValid).toBe(true);
      expect(p.email).toMatch(/@[a-z0-9-]+\.test$/);
      expect(p.web).toMatch(/^https:\/\/www\.[a-z0-9-]+\.test$/);
      expect(p.legalForm).toBeTruthy();
      expect(p.address?.municipalityCode).toMatch(/^\d{6}$/);
    }
    const identifiers = (await db().select().from(services)).map((s) => s.registryIdentifier);
    for (const id of identifiers) expect(id).toMatch(/^\d{7}$/);
    expect(new Set(identifiers).size).toBe(identifiers.length);
  });

  it('keeps shelters secret: no address, no municipality, no point', async () => {
    const rows = await db().select().from(facilities);
    const secret = rows.filter((f) => f.secretAddress);
    expect(secret.length).toBeGreaterThanOrEqual(3);
    for (const f of secret) {
      expect(f.address).toBeNull();
      expect(f.addressPointCode).toBeNull();
      expect(f.municipalityCode).toBeNull();
      expect(f.lat).toBeNull();
      expect(f.lon).toBeNull();
    }
    const secretTypes = new Set(
      (await currentStates())
        .filter((s) => secret.some((f) => f.serviceId === s.serviceId))
        .map((s) => s.typeCode),
    );
    expect([...secretTypes].sort()).toEqual(['57', '60a']);
  });

  it('puts other facilities within a few hundred metres of their seat town', async () => {
    const towns = new Map(
      (await db().select().from(territorialUnits))
        .filter((u) => u.kind === 'municipality')
        .map((u) => [u.code, u]),
    );
    for (const f of (await db().select().from(facilities)).filter((x) => !x.secretAddress)) {
      const town = towns.get(f.municipalityCode!)!;
      expect(f.address?.municipalityCode).toBe(town.code);
      const dLat = (f.lat! - town.pointLat!) * 111_000;
      const dLon = (f.lon! - town.pointLon!) * 71_000;
      expect(Math.hypot(dLat, dLon), f.name).toBeLessThan(600);
    }
  });

  it('gives about 15 services a history of 2–3 contiguous states', async () => {
    const states = await db().select().from(serviceStates);
    const byService = new Map<string, typeof states>();
    for (const s of states) byService.set(s.serviceId, [...(byService.get(s.serviceId) ?? []), s]);
    const withHistory = [...byService.values()].filter((list) => list.length > 1);
    expect(withHistory.length).toBeGreaterThanOrEqual(12);
    for (const list of withHistory) {
      expect(list.length).toBeLessThanOrEqual(3);
      list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
      list.forEach((s, i) => expect(s.validTo).toBe(list[i + 1]?.validFrom ?? null));
      expect(list.at(-1)!.changeNote).toBeTruthy();
    }
    const statuses = new Set(states.map((s) => s.status));
    expect(statuses).toEqual(new Set(['active', 'suspended', 'ended']));
    expect(states.some((s) => s.validFrom === '2024-07-01')).toBe(true);
  });

  it('is the same every time: ids, identifiers and IČOs come from fixed seeds', async () => {
    const plan = planNetwork(await loadDemoPlaces(db()));
    const stored = await db().select().from(services);
    expect(stored.map((s) => [s.id, s.registryIdentifier]).sort()).toEqual(
      plan.services.map((s) => [s.id, s.row.registryIdentifier]).sort(),
    );
    const icos = (await db().select().from(providers)).map((p) => [p.id, p.ico]).sort();
    expect(icos).toEqual(plan.providers.map((p) => [p.id, p.ico]).sort());
  });
});
