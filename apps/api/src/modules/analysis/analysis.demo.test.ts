import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapacityAnalysis, Dashboard, NeedsAnalysis } from '@socplan/contracts';
import { createDemoApp, staffGet } from '../../demo/demo.test-support.ts';
import { today } from '../../lib/validity.ts';
import type { TestContext } from '../../test/test-app.ts';

/** Demo mode shows real content on the dashboard: nothing there is hard-coded. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createDemoApp();
});
afterAll(() => ctx.close());

const get = <T>(url: string) => staffGet(ctx)<T>(url);

describe('the analysis on the demo data', () => {
  it('finds capacity in every ORP, the needs municipalities stated last year and the access figures services reported', async () => {
    const capacity = await get<CapacityAnalysis>('/api/analysis/capacity');
    const orps = new Set(capacity.cells.map((c) => c.unitId));
    expect(orps.size).toBeGreaterThanOrEqual(5);
    expect(capacity.cells.every((c) => c.perThousand === null || c.perThousand >= 0)).toBe(true);
    // The demo's targets: some ORPs fall short, and the gap is priced at the reference values.
    const short = capacity.cells.filter((c) => c.typeCode === '49' && (c.gapUnits ?? 0) > 0);
    expect(short.length).toBeGreaterThan(0);
    expect(short.every((c) => c.gapMoney !== null && Number(c.gapMoney) > 0)).toBe(true);
    const lastYear = Number(today().slice(0, 4)) - 1;
    const needs = await get<NeedsAnalysis>(`/api/analysis/needs?year=${lastYear}`);
    expect(needs.byOrp.some((r) => r.needed > 0)).toBe(true);
    expect(needs.byType.some((r) => r.waitingList > 0 && r.services > 0)).toBe(true);
  });

  it('has the dashboard figures for every ORP', async () => {
    const doc = await get<Dashboard>('/api/analysis/dashboard');
    expect(doc.orps.length).toBeGreaterThanOrEqual(5);
    expect(doc.totals.services).toBeGreaterThan(0);
    expect(doc.totals.plansInForce).toBeGreaterThan(0);
    expect(doc.totals.completeness).not.toBeNull();
  });
});
