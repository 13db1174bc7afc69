import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  codelistItems,
  monitoringReports,
  monitoringRounds,
  planNodes,
  plans,
  planVersions,
  processEvaluations,
  services,
  territorialUnits,
} from '../db/schema/index.ts';
import type { TestContext } from '../test/test-app.ts';
import { createDemoApp } from './demo.test-support.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createDemoApp();
});
afterAll(() => ctx.close());

const db = () => ctx.app.db;
const sum = (values: readonly { amount: number }[]) => values.reduce((n, v) => n + v.amount, 0);

async function orpId(name: string): Promise<string> {
  const [unit] = await db()
    .select({ id: territorialUnits.id })
    .from(territorialUnits)
    .where(eq(territorialUnits.name, name));
  return unit!.id;
}

async function planTitled(prefix: string) {
  const rows = await db().select().from(plans);
  const found = rows.filter((p) => p.title.startsWith(prefix));
  expect(found, prefix).toHaveLength(1);
  return found[0]!;
}

describe('the demo plans', () => {
  it('has the regional plan 2024–2026 in force, version 1 frozen with its tree', async () => {
    const sprss = await planTitled('Střednědobý plán rozvoje sociálních služeb');
    expect(sprss).toMatchObject({
      kind: 'regional',
      yearFrom: 2024,
      yearTo: 2026,
      status: 'in_force',
      approvalBody: 'Zastupitelstvo Libereckého kraje',
      approvedVersion: 1,
      workingVersion: 1,
    });
    expect(sprss.resolutionNumber).toMatch(/^\d+\/\d{2}\/ZK$/);
    const nodes = await db().select().from(planNodes).where(eq(planNodes.planId, sprss.id));
    const count = (level: string) => nodes.filter((n) => n.level === level).length;
    expect(count('priority')).toBeGreaterThanOrEqual(4);
    expect(count('measure')).toBeGreaterThanOrEqual(count('priority'));
    expect(count('activity')).toBeGreaterThanOrEqual(5);
    const [version, ...more] = await db()
      .select()
      .from(planVersions)
      .where(eq(planVersions.planId, sprss.id));
    expect(more).toEqual([]);
    expect(version).toMatchObject({ number: 1, approvedOn: sprss.approvedOn });
    const snapshot = version!.snapshot as { plan: { id: string }; nodes: { id: string }[] };
    expect(snapshot.plan.id).toBe(sprss.id);
    expect(snapshot.nodes.map((n) => n.id).sort()).toEqual(nodes.map((n) => n.id).sort());
  });

  it('has community plans of several ORPs: in force, one without a coordinator, one in consultation', async () => {
    const community = (await db().select().from(plans)).filter(
      (p) => p.kind === 'community' && p.status !== 'expired',
    );
    expect(community.length).toBeGreaterThanOrEqual(4);
    const liberec = await planTitled('Komunitní plán sociálních služeb ORP Liberec 2024–2027');
    expect(liberec).toMatchObject({ status: 'in_force', territoryUnitId: await orpId('Liberec') });
    expect(liberec.coordinatorUserId).not.toBeNull();
    expect(community.filter((p) => p.status === 'in_force' && !p.coordinatorName)).toHaveLength(1);
    const consultation = community.filter((p) => p.status === 'consultation');
    expect(consultation).toHaveLength(1);
    expect(consultation[0]!.approvedVersion).toBeNull();
  });

  it('shows the region’s history: community plans in force in 6 ORPs in 2011 and 8 in 2012', async () => {
    const all = await db().select().from(plans);
    const inForce = (year: number) =>
      new Set(
        all
          .filter((p) => p.kind === 'community' && p.approvedVersion !== null)
          .filter((p) => p.yearFrom <= year && p.yearTo >= year)
          .map((p) => p.territoryUnitId),
      ).size;
    expect(inForce(2011)).toBe(6);
    expect(inForce(2012)).toBe(8);
    expect(all.filter((p) => p.status === 'expired' && p.yearTo <= 2015)).toHaveLength(8);
  });

  it('numbers every tree consistently: 1, 1.2, 1.2.3 by position, level by depth', async () => {
    const nodes = await db().select().from(planNodes);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const levels = ['priority', 'measure', 'activity'];
    for (const n of nodes) {
      const parent = n.parentId ? byId.get(n.parentId) : undefined;
      if (parent) expect(parent.planId).toBe(n.planId);
      expect(n.code, n.title).toBe(parent ? `${parent.code}.${n.position}` : String(n.position));
      expect(n.level).toBe(levels[n.code.split('.').length - 1]);
      if (n.level !== 'activity') expect([...n.costs, ...n.funding]).toEqual([]);
    }
    const siblings = new Map<string, number[]>();
    for (const n of nodes) {
      const key = `${n.planId}/${n.parentId}`;
      siblings.set(key, [...(siblings.get(key) ?? []), n.position]);
    }
    for (const positions of siblings.values())
      expect(positions.sort((a, b) => a - b)).toEqual(positions.map((_, i) => i + 1));
  });

  it('uses only codelist codes and demo services', async () => {
    const items = await db().select().from(codelistItems);
    const codes = (list: string) =>
      new Set(items.filter((i) => i.codelist === list).map((i) => i.code));
    const [targetGroups, serviceTypes, sources] = [
      codes('target_group'),
      codes('service_type'),
      codes('funding_source'),
    ];
    const serviceIds = new Set(
      (await db().select({ id: services.id }).from(services)).map((s) => s.id),
    );
    const nodes = await db().select().from(planNodes);
    for (const n of nodes) {
      for (const c of n.targetGroups) expect(targetGroups).toContain(c);
      for (const c of n.serviceTypes) expect(serviceTypes).toContain(c);
      for (const id of n.serviceIds) expect(serviceIds).toContain(id);
      for (const f of n.funding) expect(sources).toContain(f.source);
    }
    expect(nodes.filter((n) => n.serviceIds.length > 0).length).toBeGreaterThanOrEqual(5);
  });
});

describe('the action plan 2025 of ORP Liberec', () => {
  it('is made from the community plan: every node copied from a node of it', async () => {
    const kp = await planTitled('Komunitní plán sociálních služeb ORP Liberec 2024–2027');
    const ap = await planTitled('Akční plán sociálních služeb ORP Liberec na rok 2025');
    expect(ap).toMatchObject({ kind: 'action', parentPlanId: kp.id, yearFrom: 2025, yearTo: 2025 });
    const kpNodes = new Map(
      (await db().select().from(planNodes).where(eq(planNodes.planId, kp.id))).map((n) => [
        n.id,
        n,
      ]),
    );
    const apNodes = await db().select().from(planNodes).where(eq(planNodes.planId, ap.id));
    expect(apNodes.length).toBeGreaterThan(10);
    for (const n of apNodes) {
      const template = kpNodes.get(n.templateNodeId!);
      expect(template, n.code).toBeDefined();
      expect(template).toMatchObject({ title: n.title, level: n.level });
    }
  });

  it('costs its activities at 16 950 000 CZK, funded by 16 500 000 CZK from all eight sources', async () => {
    const ap = await planTitled('Akční plán sociálních služeb ORP Liberec na rok 2025');
    const activities = (
      await db().select().from(planNodes).where(eq(planNodes.planId, ap.id))
    ).filter((n) => n.level === 'activity');
    expect(activities).toHaveLength(10);
    const costs = activities.flatMap((a) => a.costs);
    const funding = activities.flatMap((a) => a.funding);
    expect([...costs, ...funding].every((x) => x.year === 2025)).toBe(true);
    expect(sum(costs)).toBe(16_950_000_00);
    expect(sum(funding)).toBe(16_500_000_00);
    expect(new Set(funding.map((f) => f.source)).size).toBe(8);
    const gaps = activities.filter((a) => sum(a.costs) > sum(a.funding));
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    expect(activities.filter((a) => a.funding.length >= 2).length).toBeGreaterThanOrEqual(5);
    expect(activities.filter((a) => a.indicators.length > 0).length).toBeGreaterThanOrEqual(4);
  });

  it('has the monitoring round 2025: reports accepted, one submitted, one returned', async () => {
    const ap = await planTitled('Akční plán sociálních služeb ORP Liberec na rok 2025');
    const rounds = await db()
      .select()
      .from(monitoringRounds)
      .where(eq(monitoringRounds.planId, ap.id));
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ period: '2025', year: 2025, half: null });
    const reports = await db()
      .select()
      .from(monitoringReports)
      .where(eq(monitoringReports.roundId, rounds[0]!.id));
    const nodes = new Map(
      (await db().select().from(planNodes).where(eq(planNodes.planId, ap.id))).map((n) => [
        n.id,
        n,
      ]),
    );
    expect(reports).toHaveLength(10);
    const review = (status: string) => reports.filter((r) => r.reviewStatus === status);
    expect(review('accepted').length).toBeGreaterThanOrEqual(5);
    expect(review('submitted')).toHaveLength(1);
    expect(review('returned')).toHaveLength(1);
    expect(review('returned')[0]!.reviewComment).toBeTruthy();
    for (const r of reports) {
      const node = nodes.get(r.nodeId)!;
      expect(node.level).toBe('activity');
      const sources = new Set(node.funding.map((f) => f.source));
      for (const s of r.spend) expect(sources).toContain(s.source);
      expect(sum(r.spend)).toBeLessThanOrEqual(sum(node.funding));
      expect(r.indicatorActuals.map((a) => a.indicatorId)).toEqual(
        node.indicators.map((i) => i.id),
      );
      if (r.reviewStatus !== 'draft') expect(r.submittedAt).not.toBeNull();
    }
  });
});

describe('the demo evaluations of the planning process', () => {
  it('evaluate every ORP at the end of 2011 and in mid-2012, better where a plan was in force', async () => {
    const evaluations = await db().select().from(processEvaluations);
    const orps = await db().select().from(territorialUnits).where(eq(territorialUnits.kind, 'orp'));
    expect(evaluations).toHaveLength(orps.length * 2);
    expect(new Set(evaluations.map((e) => e.evaluatedOn))).toEqual(
      new Set(['2011-11-30', '2012-06-30']),
    );
    const mean = (list: typeof evaluations) =>
      list.flatMap((e) => e.areas.map((a) => a.score)).reduce((a, b) => a + b, 0) /
      list.reduce((n, e) => n + e.areas.length, 0);
    const withPlan = evaluations.filter((e) => e.note?.startsWith('V platnosti'));
    expect(withPlan).toHaveLength(6 + 8);
    expect(mean(withPlan)).toBeGreaterThan(mean(evaluations.filter((e) => !withPlan.includes(e))));
    for (const e of evaluations) {
      expect(e.areas).toHaveLength(8);
      expect(e.checks).toHaveLength(6);
    }
  });
});
