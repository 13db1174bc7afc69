import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkEntrySnapshot } from '@socplan/contracts';
import {
  auditLog,
  financingKeys,
  networkDecisions,
  networkEntries,
  networkEntryEvents,
  networkPeriods,
  providers,
  referenceValues,
  serviceStates,
  services,
  users,
} from '../db/schema/index.ts';
import type { TestContext } from '../test/test-app.ts';
import { createDemoApp } from './demo.test-support.ts';
import { seedDemoIfEmpty } from './seed-demo.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createDemoApp();
});
afterAll(() => ctx.close());

const db = () => ctx.app.db;

describe('the demo basic network 2024–2026', () => {
  it('has the period and the resolutions that set and changed it', async () => {
    const [period, ...others] = await db().select().from(networkPeriods);
    expect(others).toEqual([]);
    expect(period).toMatchObject({ name: 'Základní síť 2024–2026', yearFrom: 2024, yearTo: 2026 });
    const decisions = await db().select().from(networkDecisions);
    expect(decisions.length).toBeGreaterThanOrEqual(1);
    for (const d of decisions) {
      expect(d.periodId).toBe(period!.id);
      expect(d.resolutionNumber).toMatch(/^\d+\/\d{2}\/ZK$/);
    }
  });

  it('includes most services, mostly approved with capacity, FTE and an entrustment', async () => {
    const entries = await db().select().from(networkEntries);
    const serviceCount = await db().$count(services);
    expect(entries.length).toBeGreaterThan(serviceCount * 0.8);
    const count = (status: string) => entries.filter((e) => e.status === status).length;
    expect(count('approved')).toBeGreaterThan(entries.length * 0.7);
    for (const status of ['requested', 'assessed', 'rejected', 'changed'])
      expect(count(status), status).toBeGreaterThanOrEqual(1);
    for (const e of entries.filter((x) => ['approved', 'changed'].includes(x.status))) {
      expect(e.capacities.length).toBeGreaterThan(0);
      expect(Number(e.fte)).toBeGreaterThan(0);
      expect(e.decisionId).not.toBeNull();
      expect(e.entrustment?.number).toMatch(/^POV\/2024\/\d{3}$/);
      expect(e.entrustment?.capacities).toEqual(e.capacities);
      expect(e.entrustment?.validFrom).toBe('2024-01-01');
    }
    for (const e of entries.filter((x) => ['requested', 'assessed', 'rejected'].includes(x.status)))
      expect(e.entrustment).toBeNull();
  });

  it('records each entry’s history: transitions in order, ending in its status and fields', async () => {
    const entries = await db().select().from(networkEntries);
    const events = await db().select().from(networkEntryEvents).orderBy(networkEntryEvents.id);
    for (const e of entries) {
      const history = events.filter((x) => x.entryId === e.id);
      expect(history.length, `events of ${e.id}`).toBe(e.version);
      expect(history[0]).toMatchObject({ fromStatus: null, toStatus: 'requested' });
      history.forEach((x, i) => {
        if (i > 0) {
          expect(x.fromStatus).toBe(history[i - 1]!.toStatus);
          expect(x.at.getTime()).toBeGreaterThan(history[i - 1]!.at.getTime());
        }
        if (['rejected', 'changed', 'removed'].includes(x.toStatus)) expect(x.reason).toBeTruthy();
      });
      const last = history.at(-1)!;
      expect(last.toStatus).toBe(e.status);
      const snapshot = last.snapshot as NetworkEntrySnapshot;
      expect(snapshot).toEqual({
        status: e.status,
        level: e.level,
        capacities: e.capacities,
        fte: e.fte === null ? null : Number(e.fte),
        entrustment: e.entrustment,
        decisionId: e.decisionId,
      });
    }
  });

  it('the changed entry grew with its service; the ended service’s entry was removed', async () => {
    const entries = await db().select().from(networkEntries);
    const states = await db().select().from(serviceStates);
    const changed = entries.find((e) => e.status === 'changed')!;
    const events = await db().select().from(networkEntryEvents).orderBy(networkEntryEvents.id);
    const [approved] = events.filter((x) => x.entryId === changed.id && x.toStatus === 'approved');
    const before = (approved!.snapshot as NetworkEntrySnapshot).capacities;
    const total = (lines: { count: number }[]) => lines.reduce((n, c) => n + c.count, 0);
    expect(total(changed.capacities)).toBeGreaterThan(total(before));
    const ended = states.find((s) => s.status === 'ended')!;
    expect(entries.find((e) => e.serviceId === ended.serviceId)?.status).toBe('removed');
  });
});

describe('the demo financing parameters', () => {
  it('price every (type, form) of the network in 2024–2026 with plausible amounts', async () => {
    const refs = await db().select().from(referenceValues);
    const entries = await db().select().from(networkEntries);
    const states = await db().select().from(serviceStates);
    const typeOf = new Map(states.map((s) => [s.serviceId, s.typeCode]));
    for (const e of entries.filter((x) => ['approved', 'changed'].includes(x.status)))
      for (const c of e.capacities)
        for (const year of [2024, 2025, 2026]) {
          const ref = refs.find(
            (r) =>
              r.year === year && r.typeCode === typeOf.get(e.serviceId) && r.formCode === c.form,
          );
          expect(ref, `${typeOf.get(e.serviceId)}/${c.form}/${year}`).toBeDefined();
        }
    for (const r of refs) {
      expect(Number.isInteger(r.costPerUnitHaler)).toBe(true);
      expect(r.unitBasis).toBe(r.formCode === 'pob' ? 'bed' : 'fte');
      const czk = r.costPerUnitHaler / 100;
      if (r.unitBasis === 'bed') expect(czk).toBeGreaterThanOrEqual(400_000);
      else expect(czk).toBeGreaterThanOrEqual(800_000);
      expect(czk).toBeLessThanOrEqual(1_300_000);
      expect(r.ownRevenueShareBp).toBeGreaterThanOrEqual(0);
      expect(r.ownRevenueShareBp).toBeLessThanOrEqual(6500);
    }
    const home = refs.find((r) => r.typeCode === '49' && r.year === 2024)!;
    expect(home.ownRevenueShareBp).toBeGreaterThanOrEqual(5500);
    expect(refs.find((r) => r.typeCode === '37')!.ownRevenueShareBp).toBe(0);
  });

  it('has a financing key for 2024–2026 that sums to 100 %', async () => {
    const keys = await db().select().from(financingKeys);
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toMatchObject({ yearFrom: 2024, yearTo: 2026, municipalSplit: 'population' });
    expect(key!.stateShareBp + key!.regionShareBp + key!.municipalShareBp).toBe(10_000);
  });
});

describe('seeding the demo', () => {
  it('a second time changes nothing', async () => {
    const counts = async () =>
      Promise.all(
        [providers, services, serviceStates, networkEntries, referenceValues, users, auditLog].map(
          (t) => db().$count(t),
        ),
      );
    const before = await counts();
    expect(await seedDemoIfEmpty(db())).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
